import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import { cidrContains, formatIPv4, formatIp, maskOf, parseIp, parseCidr } from '../net/ip.ts'
import { has, type Profile } from './profiles.ts'
import { splitList } from './split.ts'

/** One family's share of an include/exclude CIDR list (Go's NetworkRange). */
export interface NetworkRange {
  isWildcard: boolean
  /** CIDRs as the version prints them in rules. */
  ipNets: string[]
  hasLoopback: boolean
}

export interface CidrSplit {
  v4: NetworkRange
  v6: NetworkRange
}

const MAPPED = parseCidr('::ffff:0:0/96')

/**
 * separateV4V6 of every version: `*` (the whole value) is a wildcard for both families; other items are parsed one
 * by one. Before 1.16 (net.ParseCIDR) the network is printed with host bits cleared and IPv4-mapped addresses count
 * as IPv4; from 1.16 (netip, C-23) the prefix is printed as written. An unparsable item is skipped with the tool's
 * message, or is fatal from 1.28 (L-8).
 */
export function splitCidrs(text: string, p: Profile, diagnostics: Diagnostic[] = []): CidrSplit {
  if (text === '*') return { v4: { isWildcard: true, ipNets: [], hasLoopback: false }, v6: { isWildcard: true, ipNets: [], hasLoopback: false } }
  const split: CidrSplit = { v4: { isWildcard: false, ipNets: [], hasLoopback: false }, v6: { isWildcard: false, ipNets: [], hasLoopback: false } }
  const netip = has(p, 'C-23')
  for (const item of splitList(text)) {
    const parsed = parsePrefix(item, netip)
    if ('error' in parsed) {
      if (has(p, 'L-8')) diagnostics.push(diagnostic('CFG071', 'error', `failed to parse CIDR ${item}: ${parsed.error}`, 1))
      else diagnostics.push(diagnostic('GEN001', 'warning', `Ignoring error for bug compatibility with istio-iptables: ${parsed.error}`, 1))
      continue
    }
    const range = parsed.v4 ? split.v4 : split.v6
    range.ipNets.push(parsed.text)
    if (parsed.loopback) range.hasLoopback = true
  }
  return split
}

function parsePrefix(item: string, netip: boolean): { text: string; v4: boolean; loopback: boolean } | { error: string } {
  const slash = item.indexOf('/')
  const bad = netip ? (why: string) => ({ error: `netip.ParsePrefix("${item}"): ${why}` }) : () => ({ error: `invalid CIDR address: ${item}` })
  if (slash < 0) return bad("no '/'")
  const addrText = item.slice(0, slash)
  const bitsText = item.slice(slash + 1)
  const address = parseIp(addrText)
  if (!address) return bad(`ParseAddr("${addrText}"): unable to parse IP`)
  const max = address.version === 4 ? 32 : 128
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > max || (bitsText.length > 1 && bitsText.startsWith('0'))) return bad(`bad bits after slash: "${bitsText}"`)
  const bits = Number(bitsText)
  const loopback = address.version === 4 ? address.value >> 24n === 127n : address.value === 1n
  if (netip) return { text: `${formatIp(address)}/${bits}`, v4: address.version === 4, loopback }
  const masked = { version: address.version, value: address.value & maskOf(address.version, bits) }
  if (address.version === 6 && MAPPED && cidrContains(MAPPED, address)) {
    return { text: `${formatIPv4(masked.value & 0xffffffffn)}/${bits}`, v4: true, loopback: (address.value & 0xffffffffn) >> 24n === 127n }
  }
  return { text: `${formatIp(masked)}/${bits}`, v4: address.version === 4, loopback }
}
