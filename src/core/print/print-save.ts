import {
  BUILTIN_CHAINS,
  SAVE_TABLE_ORDER,
  type BaseMatch,
  type BaseOption,
  type Chain,
  type ExtensionOption,
  type ModuleMatch,
  type Rule,
  type Ruleset,
  type Table,
  type Target,
} from '../model/ruleset.ts'
import { matchSpec, targetSpec } from '../parse/extensions/registry.ts'
import type { ExtensionSpec } from '../parse/extensions/types.ts'
import { restoreWord, saveString } from './quote.ts'

/**
 * Prints a ruleset exactly as `iptables-nft-save` prints it after `iptables-nft-restore` of the same rules
 * (recorded with the kernel oracle, iptables 1.8.9): tables in the order mangle, security, raw, filter, nat; every
 * built-in chain of a table that exists, in hook order, then user chains sorted by name; the rules chain by chain.
 * Without `counters` every chain shows `[0:0]` and rules have no counters (a plain restore does not load them); with
 * `counters` built-in chains and rules show their counters (`iptables-save -c` after `iptables-restore -c`).
 * Rules must be canonical, as the parser produces them; `canonicalizeRuleset` (core/parse) makes any ruleset so.
 */
export function printSave(ruleset: Ruleset, options: { counters?: boolean } = {}): string {
  const counters = options.counters === true
  const out: string[] = []
  for (const table of orderedTables(ruleset.tables)) {
    out.push(`*${table.name}`)
    const chains = orderedChains(table)
    for (const chain of chains) {
      const c = counters && chain.builtin && chain.counters ? chain.counters : ZERO
      out.push(`:${chain.name} ${chain.builtin ? (chain.policy ?? 'ACCEPT') : '-'} [${c.packets}:${c.bytes}]`)
    }
    for (const chain of chains) {
      for (const rule of chain.rules) out.push(printRule(chain.name, rule, counters, ruleset.family))
    }
    out.push('COMMIT')
  }
  return out.length ? out.join('\n') + '\n' : ''
}

const ZERO = { packets: 0, bytes: 0 }

export function orderedTables(tables: readonly Table[]): Table[] {
  return tables.toSorted((a, b) => SAVE_TABLE_ORDER.indexOf(a.name) - SAVE_TABLE_ORDER.indexOf(b.name))
}

/** Built-in chains in hook order (all of them, as iptables-save shows them), then user chains in byte order. */
export function orderedChains(table: Table): Chain[] {
  const builtins = BUILTIN_CHAINS[table.name].map(
    (name) => table.chains.find((c) => c.name === name) ?? { name, builtin: true, policy: 'ACCEPT' as const, rules: [] },
  )
  const user = table.chains.filter((c) => !BUILTIN_CHAINS[table.name].includes(c.name)).toSorted((a, b) => compareBytes(a.name, b.name))
  return [...builtins, ...user]
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `-A CHAIN …` as iptables-save prints it, with `[pkts:bytes] ` in front when `counters` is set. */
export function printRule(chain: string, rule: Rule, counters = false, family: 4 | 6 = 4): string {
  const body = printRuleSpec(rule, family)
  const prefix = counters ? `[${rule.counters?.packets ?? 0}:${rule.counters?.bytes ?? 0}] ` : ''
  return `${prefix}-A ${chain}${body ? ' ' + body : ''}`
}

const BASE_ORDER: readonly BaseOption[] = ['-s', '-d', '-i', '-o', '-p', '-f']

/** A rule's clauses and target, without `-A CHAIN`: `-d 10.0.0.1/32 -p tcp -m tcp --dport 80 -j ACCEPT`. */
export function printRuleSpec(rule: Rule, family: 4 | 6 = 4): string {
  const words: string[] = []
  const base = rule.matches.filter((m): m is BaseMatch => m.kind === 'base')
  for (const option of BASE_ORDER) {
    if (family === 6 && option === '-f') continue
    for (const m of base) {
      if (m.option !== option) continue
      if (m.negated) words.push('!')
      words.push(option)
      // Bare as iptables-save prints them; only a value no real rule has (empty, blanks) needs quotes to read back.
      if (option !== '-f') words.push(restoreWord(m.value))
    }
  }
  for (const m of rule.matches) if (m.kind === 'module') printModule(m, words)
  if (rule.target) printTarget(rule.target, words)
  return words.join(' ')
}

function printModule(m: ModuleMatch, words: string[]): void {
  if (m.module !== '') words.push('-m', m.module)
  if (m.verbatim !== undefined) {
    if (m.verbatim !== '') words.push(m.verbatim)
    return
  }
  printOptions(m.options, m.known ? matchSpec(m.module) : undefined, words)
}

function printTarget(t: Target, words: string[]): void {
  words.push(t.kind === 'goto' ? '-g' : '-j', t.name)
  if (t.verbatim !== undefined) {
    if (t.verbatim !== '') words.push(t.verbatim)
    return
  }
  printOptions(t.options, t.known ? targetSpec(t.name) : undefined, words)
}

function printOptions(options: readonly ExtensionOption[], spec: ExtensionSpec | undefined, words: string[]): void {
  const ordered = spec && options.length > 1 ? sortByOrder(options, spec.order) : options
  for (const o of ordered) {
    if (o.negated) words.push('!')
    words.push(o.name)
    const quoted = o.known && spec?.quoted?.includes(o.name)
    for (const a of o.args) words.push(quoted ? saveString(a) : o.known ? a : restoreWord(a))
  }
}

function sortByOrder(options: readonly ExtensionOption[], order: readonly string[]): ExtensionOption[] {
  const rank = (o: ExtensionOption) => (o.known ? order.indexOf(o.name) : -1)
  return options
    .map((o, i) => ({ o, i, r: rank(o) }))
    .toSorted((a, b) => (a.r < 0 ? order.length : a.r) - (b.r < 0 ? order.length : b.r) || a.i - b.i)
    .map((x) => x.o)
}
