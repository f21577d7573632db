import type { BaseMatch, BaseOption, ExtensionOption, Family, Match, ModuleMatch, Rule, Target } from './ruleset.ts'

/**
 * Typed values of a rule's canonical argument text, for code that evaluates rules (the simulator) rather than
 * prints them. Every decoder takes the text exactly as the parser stores it (iptables-save's form, see
 * core/parse/extensions) and returns null for text it cannot read — a host name, a user name, an option kept
 * verbatim — so callers can treat the rule as "cannot decide" instead of guessing.
 */

/** An inclusive range of ports or ids. */
export interface Range {
  from: number
  to: number
}

/** `80` or `1024:65535` (tcp/udp/sctp `--sport`/`--dport`, conntrack ports). */
export function portRange(arg: string): Range | null {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(arg)
  if (!m) return null
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  return from <= to && to <= 65535 ? { from, to } : null
}

/** A multiport list `80,443,8000:8080` as ranges (a single port is a range of one). */
export function portList(arg: string): Range[] | null {
  const out: Range[] = []
  for (const part of arg.split(',')) {
    const r = portRange(part)
    if (!r) return null
    out.push(r)
  }
  return out
}

/** `15001` or `15001-15002` (REDIRECT/MASQUERADE `--to-ports`). */
export function toPortsRange(arg: string): Range | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(arg)
  if (!m) return null
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  return from <= to && to <= 65535 ? { from, to } : null
}

/** A uid/gid `1337` or `1000-2000`; null for a user or group name (only the host knows its number). */
export function idRange(arg: string): Range | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(arg)
  if (!m) return null
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  return from <= to ? { from, to } : null
}

/** A value with the bits it applies to: `--mark 0x539/0xfff`, `--set-xmark 0x539/0xffffffff`. */
export interface ValueMask {
  value: number
  mask: number
}

/** `0x539` (mask all ones) or `0x539/0xfff`, as the mark and connmark matches and MARK/CONNMARK/TPROXY store them. */
export function valueMask(arg: string): ValueMask | null {
  const m = /^0x([0-9a-f]{1,8})(?:\/0x([0-9a-f]{1,8}))?$/i.exec(arg)
  if (!m) return null
  return { value: parseInt(m[1] as string, 16) >>> 0, mask: m[2] === undefined ? 0xffffffff : parseInt(m[2], 16) >>> 0 }
}

/** Whether a packet or connection mark passes `--mark value/mask`: (mark & mask) == value. */
export function markMatches(mark: number, vm: ValueMask): boolean {
  return ((mark & vm.mask) >>> 0) === vm.value
}

/** The mark after MARK/CONNMARK `--set-xmark value/mask`: the mask bits cleared, then the value XORed in. */
export function applyXmark(mark: number, vm: ValueMask): number {
  return ((mark & ~vm.mask) ^ vm.value) >>> 0
}

/** A flag list (`RELATED,ESTABLISHED`, `UNICAST,LOCAL`) as a set of upper-case names. */
export function flagSet(arg: string): Set<string> {
  return new Set(arg.split(',').filter((s) => s !== ''))
}

const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ALL: 63, NONE: 0 }

/** `--tcp-flags MASK COMP` as bit sets (FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32): flags & mask == comp. */
function flagBits(list: string): number | null {
  let b = 0
  for (const f of list.split(',')) {
    const v = TCP_FLAG_BITS[f]
    if (v === undefined) return null
    b |= v
  }
  return b
}

export function tcpFlags(mask: string, comp: string): { mask: number; comp: number } | null {
  const m = flagBits(mask)
  const c = flagBits(comp)
  return m === null || c === null ? null : { mask: m, comp: c }
}

/** `--probability 0.33333333349` as a number in [0, 1]. */
export function probability(arg: string): number | null {
  const p = Number(arg)
  return Number.isFinite(p) && p >= 0 && p <= 1 ? p : null
}

/** An address clause: the network and mask as integers (32 or 128 bits), or the host name it was written as. */
export type AddressValue =
  | { kind: 'network'; family: Family; address: bigint; mask: bigint; prefix: number | null }
  | { kind: 'name'; name: string }

function v4(text: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (!m) return null
  let v = 0n
  for (let i = 1; i <= 4; i++) {
    const n = Number(m[i])
    if (n > 255) return null
    v = (v << 8n) | BigInt(n)
  }
  return v
}

function v6(text: string): bigint | null {
  let head = text
  let tail: bigint | null = null
  const lastColon = text.lastIndexOf(':')
  if (text.indexOf('.', lastColon) > lastColon) {
    tail = v4(text.slice(lastColon + 1))
    if (tail === null) return null
    head = `${text.slice(0, lastColon + 1)}0:0`
  }
  const dc = head.indexOf('::')
  let groups: string[]
  if (dc >= 0) {
    const l = head.slice(0, dc) ? head.slice(0, dc).split(':') : []
    const r = head.slice(dc + 2) ? head.slice(dc + 2).split(':') : []
    if (l.length + r.length > 7) return null
    groups = [...l, ...Array<string>(8 - l.length - r.length).fill('0'), ...r]
  } else groups = head.split(':')
  if (groups.length !== 8) return null
  let v = 0n
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null
    v = (v << 16n) | BigInt(parseInt(g, 16))
  }
  return tail === null ? v : (v & ~0xffffffffn) | tail
}

/** `10.0.0.0/8`, `10.0.2.0/255.0.255.0`, `::1/128`, a bare host address, or a host name kept as written. */
export function addressValue(text: string, family: Family): AddressValue | null {
  const slash = text.indexOf('/')
  const addrText = slash < 0 ? text : text.slice(0, slash)
  const bits = family === 4 ? 32 : 128
  const all = (1n << BigInt(bits)) - 1n
  const address = family === 4 ? v4(addrText) : v6(addrText)
  if (address === null) return /^[A-Za-z0-9_]([A-Za-z0-9_.-]*)$/.test(text) ? { kind: 'name', name: text } : null
  let mask = all
  let prefix: number | null = bits
  if (slash >= 0) {
    const m = text.slice(slash + 1)
    if (/^\d{1,3}$/.test(m)) {
      prefix = Number(m)
      if (prefix > bits) return null
      mask = prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix)
    } else {
      const mv = family === 4 ? v4(m) : v6(m)
      if (mv === null) return null
      mask = mv
      prefix = null
      for (let p = 0; p <= bits; p++) if ((p === 0 ? 0n : (all >> BigInt(bits - p)) << BigInt(bits - p)) === mask) prefix = p
    }
  }
  return { kind: 'network', family, address: address & mask, mask, prefix }
}

/** Whether an address (32/128-bit integer) lies in an address clause's network. */
export function addressMatches(value: Extract<AddressValue, { kind: 'network' }>, address: bigint): boolean {
  return (address & value.mask) === value.address
}

/** `-i eth+`: a trailing `+` matches any interface name starting with what precedes it. */
export function interfaceMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

/** A DNAT/SNAT `--to-destination`/`--to-source` range: `10.0.0.1-10.0.0.5:80-90`, `[::1]:80`, `:80`. */
export interface NatRange {
  addresses: { from: string; to: string } | null
  ports: Range | null
}

export function natRange(arg: string, family: Family): NatRange | null {
  let addr = arg
  let ports: string | null = null
  if (family === 6 && arg.startsWith('[')) {
    const close = arg.indexOf(']')
    if (close < 0) return null
    addr = arg.slice(1, close)
    ports = arg.slice(close + 1).replace(/^:/, '') || null
  } else if (family === 4 && arg.includes(':')) {
    addr = arg.slice(0, arg.indexOf(':'))
    ports = arg.slice(arg.indexOf(':') + 1)
  }
  const portRangeValue = ports === null ? null : toPortsRange(ports)
  if (ports !== null && !portRangeValue) return null
  let addresses: NatRange['addresses'] = null
  if (addr !== '') {
    const dash = addr.indexOf('-')
    addresses = dash < 0 ? { from: addr, to: addr } : { from: addr.slice(0, dash), to: addr.slice(dash + 1) }
  }
  return { addresses, ports: portRangeValue }
}

// ---- access to a rule's clauses -------------------------------------------------------------------------------

/** The rule's base clause for `-s`, `-d`, `-i`, `-o`, `-p` or `-f`, if it has one. */
export function baseClause(rule: Rule, option: BaseOption): BaseMatch | undefined {
  return rule.matches.find((m): m is BaseMatch => m.kind === 'base' && m.option === option)
}

/** Every `-m NAME` match of the rule, in order (a rule may load a module more than once). */
export function modulesNamed(rule: Rule, name: string): ModuleMatch[] {
  return rule.matches.filter((m): m is ModuleMatch => m.kind === 'module' && m.module === name)
}

/** An option of a match or target by its canonical name (`--dport`, `--to-ports`). */
export function optionNamed(clause: ModuleMatch | Target, name: string): ExtensionOption | undefined {
  return clause.options.find((o) => o.name === name)
}

/** Whether the parser understood every clause of the rule (nothing kept verbatim, no unknown option). */
function matchKnown(m: Match): boolean {
  return m.kind === 'base' || (m.known && m.options.every((o) => o.known))
}

export function fullyKnown(rule: Rule): boolean {
  return rule.matches.every(matchKnown) && (rule.target === null || (rule.target.known && rule.target.options.every((o) => o.known)))
}

/** TPROXY's three options, always present in canonical form. */
export function tproxySpec(target: Target): { port: number; ip: string; mark: ValueMask } | null {
  if (target.name !== 'TPROXY') return null
  const port = Number(optionNamed(target, '--on-port')?.args[0])
  const ip = optionNamed(target, '--on-ip')?.args[0]
  const mark = valueMask(optionNamed(target, '--tproxy-mark')?.args[0] ?? '')
  return Number.isInteger(port) && ip !== undefined && mark ? { port, ip, mark } : null
}

/**
 * What a CONNMARK target does. `set`: ctmark = (ctmark & ~mask) ^ value. `save`: ctmark = (ctmark & ~ctmask) ^
 * (nfmark & nfmask). `restore`: nfmark = (nfmark & ~nfmask) ^ (ctmark & ctmask) (xt_connmark.c, without shifts).
 */
export type ConnmarkAction =
  | { mode: 'set'; xmark: ValueMask }
  | { mode: 'save' | 'restore'; nfmask: number; ctmask: number }

export function connmarkAction(target: Target): ConnmarkAction | null {
  if (target.name !== 'CONNMARK') return null
  const set = optionNamed(target, '--set-xmark')
  if (set) {
    const xmark = valueMask(set.args[0] ?? '')
    return xmark ? { mode: 'set', xmark } : null
  }
  const mode = optionNamed(target, '--save-mark') ? 'save' : optionNamed(target, '--restore-mark') ? 'restore' : null
  const nf = valueMask(optionNamed(target, '--nfmask')?.args[0] ?? '')
  const ct = valueMask(optionNamed(target, '--ctmask')?.args[0] ?? '')
  return mode && nf && ct ? { mode, nfmask: nf.value, ctmask: ct.value } : null
}
