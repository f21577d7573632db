import { cidrContains, formatIp, parseCidr, parseIp, type IpAddress } from '../net/ip.ts'
import { has, level, type Profile } from './profiles.ts'

/**
 * What istio-iptables reads from the machine it runs on. The generator never looks at a real host: these are
 * inputs, with the tool's own fallbacks as defaults.
 */
export interface HostFacts {
  /** uid of the user ENVOY_USER names (default `istio-proxy`); null when no such user exists (the tool then uses 1337). */
  proxyUserUid: string | null
  /** Interface addresses in the order the host lists them. Empty: not given, an IPv4-only host is assumed. */
  interfaceAddresses: readonly string[]
  /** `nameserver` entries of /etc/resolv.conf, in file order. */
  resolvConfNameservers: readonly string[]
}

export const DEFAULT_HOST_FACTS: HostFacts = { proxyUserUid: null, interfaceAddresses: [], resolvConfNameservers: [] }

export const DEFAULT_PROXY_UID = '1337'

const LINK_LOCAL_V4 = parseCidr('169.254.0.0/16')
const LINK_LOCAL_V6 = parseCidr('fe80::/10')
const MULTICAST_V6 = parseCidr('ff00::/8')
const MAPPED_V4 = parseCidr('::ffff:0:0/96')

function unmap(a: IpAddress): IpAddress {
  return MAPPED_V4 && cidrContains(MAPPED_V4, a) ? { version: 4, value: a.value & 0xffffffffn } : a
}

function isLoopbackAddress(a: IpAddress): boolean {
  return a.version === 4 ? a.value >> 24n === 127n : a.value === 1n
}

function isLinkLocalOrMulticast(a: IpAddress): boolean {
  if (a.version === 4) return LINK_LOCAL_V4 !== null && cidrContains(LINK_LOCAL_V4, a)
  return (LINK_LOCAL_V6 !== null && cidrContains(LINK_LOCAL_V6, a)) || (MULTICAST_V6 !== null && cidrContains(MULTICAST_V6, a))
}

export interface Ipv6Decision {
  value: boolean
  /** Why, for provenance. */
  detail: string
  /** The tool aborts when the host has no usable address. */
  failed: boolean
}

/** EnableIPv6 as the version decides it from the interface addresses (spec A3, B3, C5; switches C-22, C-26). */
export function detectIPv6(p: Profile, addresses: readonly string[], dualStack: boolean): Ipv6Decision {
  if (addresses.length === 0) return { value: false, detail: 'no interface addresses given: IPv4-only host assumed', failed: false }
  const usable: IpAddress[] = []
  for (const text of addresses) {
    const parsed = parseIp(text.replace(/\/\d+$/, ''))
    if (!parsed) continue
    const a = has(p, 'C-26') ? unmap(parsed) : parsed
    if (isLoopbackAddress(a)) continue
    if (has(p, 'C-22') && isLinkLocalOrMulticast(a)) continue
    usable.push(a)
  }
  const first = usable[0]
  if (!first) return { value: false, detail: 'no usable interface address (the tool aborts)', failed: true }
  if (has(p, 'C-26') && dualStack) {
    const v6 = usable.find((a) => a.version === 6)
    return v6
      ? { value: true, detail: `dual stack: the host has the IPv6 address ${formatIp(v6)}`, failed: false }
      : { value: false, detail: 'dual stack: the host has no usable IPv6 address', failed: false }
  }
  return { value: first.version === 6, detail: `first usable interface address ${formatIp(first)} is IPv${first.version}`, failed: false }
}

/** DNSServersV4/V6 from resolv.conf `nameserver` entries (C-24: verbatim with To4() before 1.16, netip after). */
export function classifyNameservers(p: Profile, servers: readonly string[]): { v4: string[]; v6: string[] } {
  const v4: string[] = []
  const v6: string[] = []
  for (const s of servers) {
    const parsed = parseIp(s)
    if (has(p, 'C-24')) {
      if (!parsed) continue
      ;(parsed.version === 4 ? v4 : v6).push(formatIp(parsed))
    } else if (parsed && unmap(parsed).version === 4) v4.push(s)
    else v6.push(s)
  }
  return { v4, v6 }
}

/** Whether this version reads resolv.conf for the given DNS settings (C5). */
export function readsResolvConf(p: Profile, redirectDNS: boolean, captureAllDNS: boolean): boolean {
  if (level(p, 'C-9') < 4) return false
  return redirectDNS && !(has(p, 'C-13') && captureAllDNS)
}
