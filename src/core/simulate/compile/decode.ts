/**
 * Decoding of rule arguments into values, accepting both the spellings people write and the canonical form
 * iptables-save prints (`--set-mark 1337` and `--set-xmark 0x539/0xffffffff`, `ssh` is not resolved here).
 * Every decoder returns null for text it cannot read; the caller turns that into an undecidable clause.
 */

/** strtoul(…, 0): decimal, 0x hex, leading-0 octal, as xtables_strtoui reads marks and masks. */
export function parseUint(text: string): number | null {
  const t = text.trim()
  let v: number
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) v = parseInt(t.slice(2), 16)
  else if (/^0[0-7]+$/.test(t)) v = parseInt(t.slice(1), 8)
  else if (/^\d+$/.test(t)) v = Number(t)
  else return null
  return v > 0xffffffff ? null : v >>> 0
}

/** `value[/mask]`; the mask defaults to all ones. */
export function parseMarkMask(text: string): { value: number; mask: number; hasMask: boolean } | null {
  const slash = text.indexOf('/')
  const value = parseUint(slash < 0 ? text : text.slice(0, slash))
  if (value === null) return null
  if (slash < 0) return { value, mask: 0xffffffff, hasMask: false }
  const mask = parseUint(text.slice(slash + 1))
  return mask === null ? null : { value, mask, hasMask: true }
}

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null
  const n = Number(text)
  return n <= 65535 ? n : null
}

/** `a`, `a:b`, `:b`, `a:` (tcp/udp `--dport`), also `a-b` as multiport and REDIRECT ranges are written. */
export function parsePortRange(text: string): { from: number; to: number } | null {
  const sep = text.search(/[:-]/)
  if (sep < 0) {
    const p = parsePort(text)
    return p === null ? null : { from: p, to: p }
  }
  const a = text.slice(0, sep)
  const b = text.slice(sep + 1)
  const from = a === '' ? 0 : parsePort(a)
  const to = b === '' ? 65535 : parsePort(b)
  if (from === null || to === null || from > to) return null
  return { from, to }
}

/** A multiport list `22,53,8000:8080`. */
export function parsePortList(text: string): { from: number; to: number }[] | null {
  const out: { from: number; to: number }[] = []
  for (const part of text.split(',')) {
    if (part === '') continue
    const r = parsePortRange(part)
    if (!r) return null
    out.push(r)
  }
  return out.length ? out : null
}

/** `a` or `a-b` for owner ids. */
export function parseIdRange(text: string): { from: number; to: number } | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text)
  if (!m) return null
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  if (from > 0xffffffff || to > 0xffffffff || from > to) return null
  return { from, to }
}

const PROTO_NUMBERS: Record<string, number> = {
  all: 0,
  ip: 0,
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  'ipv6-icmp': 58,
  icmp6: 58,
  sctp: 132,
  udplite: 136,
  dccp: 33,
  mh: 135,
  'ipv6-mh': 135,
}

export function protoNumber(text: string): number | null {
  const t = text.toLowerCase()
  if (t in PROTO_NUMBERS) return PROTO_NUMBERS[t] as number
  if (/^\d{1,3}$/.test(t) && Number(t) <= 255) return Number(t)
  return null
}

export const TCP_FLAG_BITS: Record<string, number> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ALL: 63, NONE: 0 }

export function parseTcpFlags(text: string): number | null {
  let bits = 0
  for (const part of text.split(',')) {
    const b = TCP_FLAG_BITS[part.toUpperCase()]
    if (b === undefined) return null
    bits |= b
  }
  return bits
}

export function tcpFlagsText(bits: number): string {
  if (bits === 0) return 'NONE'
  return ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'].filter((_, i) => bits & (1 << i)).join(',')
}

/** Option names people write → the name the simulator keys on (iptables-save's). */
const OPTION_ALIASES: Record<string, string> = {
  '--source-port': '--sport',
  '--destination-port': '--dport',
  '--source-ports': '--sports',
  '--destination-ports': '--dports',
  '--to-port': '--to-ports',
  '--to': '--to-destination',
}

export function canonicalOption(name: string): string {
  return OPTION_ALIASES[name] ?? name
}

/** `--limit 3/hour` → packets per second. */
export function parseRate(text: string): number | null {
  const m = /^(\d+)(?:\/(s|sec|second|m|min|minute|h|hour|d|day))?$/.exec(text)
  if (!m) return null
  const n = Number(m[1])
  const unit = m[2] ?? 's'
  const per = unit.startsWith('s') ? 1 : unit.startsWith('m') ? 60 : unit.startsWith('h') ? 3600 : 86400
  return n / per
}
