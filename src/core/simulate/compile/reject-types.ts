/** [ICMP type, code, what the client's socket reports: the oracle's `refused` or an errno name]. */
type RejectType = [number, number, string]

/** iptables' REJECT types (libxt_REJECT), long names and aliases. */
const REJECT_V4: Record<string, RejectType> = {
  'icmp-net-unreachable': [3, 0, 'ENETUNREACH'],
  'net-unreach': [3, 0, 'ENETUNREACH'],
  'icmp-host-unreachable': [3, 1, 'EHOSTUNREACH'],
  'host-unreach': [3, 1, 'EHOSTUNREACH'],
  'icmp-proto-unreachable': [3, 2, 'ENOPROTOOPT'],
  'proto-unreach': [3, 2, 'ENOPROTOOPT'],
  'icmp-port-unreachable': [3, 3, 'refused'],
  'port-unreach': [3, 3, 'refused'],
  'icmp-net-prohibited': [3, 9, 'ENETUNREACH'],
  'net-prohib': [3, 9, 'ENETUNREACH'],
  'icmp-host-prohibited': [3, 10, 'EHOSTUNREACH'],
  'host-prohib': [3, 10, 'EHOSTUNREACH'],
  'icmp-admin-prohibited': [3, 13, 'EHOSTUNREACH'],
  'admin-prohib': [3, 13, 'EHOSTUNREACH'],
}

/** ip6tables' REJECT types (libip6t_REJECT). */
const REJECT_V6: Record<string, RejectType> = {
  'icmp6-no-route': [1, 0, 'ENETUNREACH'],
  'no-route': [1, 0, 'ENETUNREACH'],
  'icmp6-adm-prohibited': [1, 1, 'EACCES'],
  'adm-prohibited': [1, 1, 'EACCES'],
  'icmp6-addr-unreachable': [1, 3, 'EHOSTUNREACH'],
  'addr-unreach': [1, 3, 'EHOSTUNREACH'],
  'icmp6-port-unreachable': [1, 4, 'refused'],
  'port-unreach': [1, 4, 'refused'],
  'icmp6-policy-fail': [1, 5, 'EACCES'],
  'policy-fail': [1, 5, 'EACCES'],
  'icmp6-reject-route': [1, 6, 'EACCES'],
  'reject-route': [1, 6, 'EACCES'],
}

/** The ICMP error REJECT sends for a `--reject-with` type of this family, or undefined when it has no such type. */
export function rejectType(how: string, family: 4 | 6): RejectType | undefined {
  return (family === 4 ? REJECT_V4 : REJECT_V6)[how]
}

/** What a client's socket concludes from an ICMP error of its family. */
export function icmpErrorName(family: 4 | 6, type: number, code: number): string {
  for (const [t, c, e] of Object.values(family === 4 ? REJECT_V4 : REJECT_V6)) if (t === type && c === code) return e
  return 'EHOSTUNREACH'
}
