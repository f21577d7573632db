import type { BaseMatch, BaseOption, ExtensionOption, Match, ModuleMatch, Rule } from '../model/ruleset.ts'
import { cidrContains, isLoopback, parseCidr, type Cidr } from '../net/ip.ts'

/**
 * Semantic reads of a rule, independent of how the input spelled it: iptables-save adds `-m tcp`, listings drop it,
 * a crude reader may put `--dport` in an unnamed module, `-L` prints `localhost` for 127.0.0.1 and marks in hex.
 * The recogniser asks these questions instead of comparing text.
 */

export function baseMatch(rule: Rule, option: BaseOption): BaseMatch | undefined {
  return rule.matches.find((m): m is BaseMatch => m.kind === 'base' && m.option === option)
}

export function moduleMatches(rule: Rule): ModuleMatch[] {
  return rule.matches.filter((m): m is ModuleMatch => m.kind === 'module')
}

/** Every option of every module, with the module it came from. */
export function moduleOptions(rule: Rule): { module: ModuleMatch; option: ExtensionOption }[] {
  const out: { module: ModuleMatch; option: ExtensionOption }[] = []
  for (const module of moduleMatches(rule)) for (const option of module.options) out.push({ module, option })
  return out
}

export function findOption(rule: Rule, ...names: string[]): ExtensionOption | undefined {
  for (const { option } of moduleOptions(rule)) if (names.includes(option.name)) return option
  return undefined
}

export function findOptions(rule: Rule, ...names: string[]): ExtensionOption[] {
  return moduleOptions(rule)
    .filter(({ option }) => names.includes(option.name))
    .map(({ option }) => option)
}

export function targetOption(rule: Rule, ...names: string[]): ExtensionOption | undefined {
  return rule.target?.options.find((o) => names.includes(o.name))
}

export function targetName(rule: Rule): string | null {
  return rule.target?.name ?? null
}

/** Lower-case protocol name (`6` and `17` read as tcp and udp), or null when the rule has no `-p`. */
export function protocol(rule: Rule): { name: string; negated: boolean } | null {
  const p = baseMatch(rule, '-p')
  if (!p) return null
  const v = p.value.toLowerCase()
  const name = v === '6' ? 'tcp' : v === '17' ? 'udp' : v === '0' ? 'all' : v
  if (name === 'all') return null
  return { name, negated: p.negated }
}

export function isProtocol(rule: Rule, name: string): boolean {
  const p = protocol(rule)
  return p !== null && !p.negated && p.name === name
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost/32', 'localhost/128', 'ip6-localhost', 'ip6-loopback', 'localhost6'])

/** The address text of an -s/-d value as a CIDR; host names `localhost`/`ip6-localhost` read as the loopback host. */
export function addressCidr(value: string, family: 4 | 6 = 4): Cidr | null {
  const v = value.trim().toLowerCase()
  if (LOOPBACK_NAMES.has(v)) return parseCidr(family === 6 || v.includes('6') ? '::1/128' : '127.0.0.1/32')
  return parseCidr(v)
}

/** True when every address of the CIDR is a loopback address (127.0.0.0/8 or ::1). */
export function isLoopbackCidr(cidr: Cidr): boolean {
  if (!isLoopback(cidr.address)) return false
  return cidr.address.version === 4 ? cidr.prefix >= 8 : cidr.prefix === 128
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.prefix === b.prefix && a.address.version === b.address.version && a.address.value === b.address.value
}

export function cidrEquals(value: string, text: string): boolean {
  const a = addressCidr(value)
  const b = parseCidr(text)
  return a !== null && b !== null && sameCidr(a, b)
}

/** Whether the address (host or CIDR) lies inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.address.version === outer.address.version && inner.prefix >= outer.prefix && cidrContains(outer, inner.address)
}

export interface OwnerMatch {
  kind: 'uid' | 'gid'
  id: string
  negated: boolean
}

/** Every `--uid-owner`/`--gid-owner` clause of the rule (a rule may carry several `-m owner`). */
export function ownerMatches(rule: Rule): OwnerMatch[] {
  const out: OwnerMatch[] = []
  for (const { option } of moduleOptions(rule)) {
    if (option.name !== '--uid-owner' && option.name !== '--gid-owner') continue
    const id = option.args[0] ?? ''
    out.push({ kind: option.name === '--uid-owner' ? 'uid' : 'gid', id, negated: option.negated })
  }
  return out
}

/** Ports of `--dport`/`--dports`/`--destination-port(s)` (or the source side), as written ("53", "1000:2000"). */
export function ports(rule: Rule, side: 'dst' | 'src'): { ports: string[]; negated: boolean } | null {
  const names =
    side === 'dst'
      ? ['--dport', '--destination-port', '--dports', '--destination-ports', '--ports']
      : ['--sport', '--source-port', '--sports', '--source-ports', '--ports']
  const o = findOption(rule, ...names)
  if (!o) return null
  const list = o.args.flatMap((a) => a.split(',')).filter((p) => p !== '')
  return { ports: list, negated: o.negated }
}

/** The single port of a positive port match, or null. */
export function singlePort(rule: Rule, side: 'dst' | 'src'): string | null {
  const p = ports(rule, side)
  if (!p || p.negated || p.ports.length !== 1) return null
  return p.ports[0] ?? null
}

/** Reads a mark/number written in decimal or hex (`1337`, `0x539`), ignoring a `/mask`. */
export function markValue(text: string | undefined): number | null {
  if (text === undefined) return null
  const v = text.split('/')[0]?.trim() ?? ''
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v, 16)
  if (/^\d+$/.test(v)) return Number(v)
  return null
}

export function markMatch(rule: Rule, module: 'mark' | 'connmark'): { value: number | null; negated: boolean } | null {
  for (const m of moduleMatches(rule)) {
    if (m.module !== module) continue
    const o = m.options.find((x) => x.name === '--mark')
    if (o) return { value: markValue(o.args[0]), negated: o.negated }
  }
  return null
}

export function ctStates(rule: Rule): { states: string[]; negated: boolean } | null {
  const o = findOption(rule, '--ctstate', '--state')
  if (!o) return null
  return { states: o.args.flatMap((a) => a.split(',')).map((s) => s.toUpperCase()), negated: o.negated }
}

/** The `--to-ports`/`--to-port`/`--on-port` port of REDIRECT or TPROXY. */
export function redirectPort(rule: Rule): string | null {
  const o = targetOption(rule, '--to-ports', '--to-port', '--on-port')
  if (o?.args[0]) return o.args[0]
  const dest = targetOption(rule, '--to-destination')?.args[0]
  if (dest && dest.includes(':')) return dest.slice(dest.lastIndexOf(':') + 1)
  return null
}

export function ctZone(rule: Rule): number | null {
  if (targetName(rule) !== 'CT') return null
  const o = targetOption(rule, '--zone', '--zone-orig', '--zone-reply')
  const n = Number(o?.args[0])
  return Number.isInteger(n) ? n : null
}

/** Matches other than the listed base options and module options, used to insist a rule carries nothing else. */
export function clausesOtherThan(rule: Rule, base: readonly BaseOption[], options: readonly string[]): Match[] {
  const extra: Match[] = []
  for (const m of rule.matches) {
    if (m.kind === 'base') {
      if (!base.includes(m.option)) extra.push(m)
      continue
    }
    const others = m.options.filter((o) => !options.includes(o.name))
    // A `-m comment` never changes what a rule is for.
    if (m.module === 'comment') continue
    if (others.length > 0) extra.push({ ...m, options: others })
  }
  return extra
}
