import type { TableName } from '../model/ruleset.ts'

/**
 * The table a header-less dump, `iptables -S` output or listing most likely shows, from its chains and targets:
 * `iptables -S` prints no table, and people paste `iptables -t nat -S` output without the command.
 */
const NAT_TARGETS = new Set(['REDIRECT', 'DNAT', 'SNAT', 'MASQUERADE', 'NETMAP'])
const MANGLE_TARGETS = new Set(['TPROXY', 'MARK', 'CONNMARK', 'TOS', 'DSCP', 'TTL', 'HL', 'CHECKSUM', 'TCPOPTSTRIP', 'CLASSIFY'])
const RAW_TARGETS = new Set(['CT', 'NOTRACK'])
const FILTER_TARGETS = new Set(['REJECT'])

export function inferTable(chains: ReadonlySet<string>, targets: ReadonlySet<string>): { table: TableName; reason: string } {
  const has = (c: string) => chains.has(c)
  for (const t of targets) {
    if (NAT_TARGETS.has(t)) return { table: 'nat', reason: `target ${t}` }
  }
  // MARK and CONNMARK are valid in every table; the others only in mangle.
  for (const t of targets) if (MANGLE_TARGETS.has(t) && t !== 'MARK' && t !== 'CONNMARK') return { table: 'mangle', reason: `target ${t}` }
  if (has('FORWARD') && (has('PREROUTING') || has('POSTROUTING'))) return { table: 'mangle', reason: 'chains PREROUTING and FORWARD' }
  if (has('PREROUTING') && has('OUTPUT') && !has('INPUT') && !has('POSTROUTING') && !has('FORWARD')) {
    return { table: 'raw', reason: 'only chains PREROUTING and OUTPUT' }
  }
  if (has('PREROUTING') || has('POSTROUTING')) {
    if ([...targets].some((t) => MANGLE_TARGETS.has(t))) return { table: 'mangle', reason: 'mark targets in PREROUTING/POSTROUTING' }
    return { table: 'nat', reason: 'chains PREROUTING/POSTROUTING without FORWARD' }
  }
  for (const t of targets) if (RAW_TARGETS.has(t)) return { table: 'raw', reason: `target ${t}` }
  for (const c of chains) {
    if (/^ISTIO_(?:DIVERT|TPROXY)$/.test(c)) return { table: 'mangle', reason: `chain ${c}` }
    if (/^(?:ISTIO_(?:INBOUND|OUTPUT|REDIRECT|IN_REDIRECT)|KUBE-(?:SERVICES|SVC-|SEP-|POSTROUTING|MARK-MASQ|NODEPORTS|EXT-))/.test(c)) {
      return { table: 'nat', reason: `chain ${c}` }
    }
  }
  for (const t of targets) if (FILTER_TARGETS.has(t)) return { table: 'filter', reason: `target ${t}` }
  for (const t of targets) if (t === 'MARK' || t === 'CONNMARK') return { table: 'mangle', reason: `target ${t}` }
  return { table: 'filter', reason: 'the default table' }
}
