import type { Chain, Family, Rule, Ruleset, Table, TableName } from '../model/ruleset.ts'
import { ctStates, redirectPort } from './rule-access.ts'
import { isOutLo, ruleShape, type RuleShape } from './rule-shape.ts'

/**
 * What an Istio user chain is for, whatever it is called. The recogniser reads a chain's kind from the graph of
 * jumps and from its rules first, and from the ISTIO_* name only when that says nothing (an empty chain, or a
 * fragment of a ruleset such as a generator unit test's output): a chain reached from nat OUTPUT whose rules test
 * owners is ISTIO_OUTPUT's role under any name.
 */
export type ChainKind =
  | 'output'
  | 'output-dns'
  | 'redirect'
  | 'in-redirect'
  | 'inbound'
  | 'divert'
  | 'tproxy'
  | 'drop'
  | 'raw-output-dns'
  | 'raw-inbound'

const NAME_KINDS: Readonly<Record<TableName, Readonly<Record<string, ChainKind>>>> = {
  nat: {
    ISTIO_OUTPUT: 'output',
    ISTIO_OUTPUT_DNS: 'output-dns',
    ISTIO_REDIRECT: 'redirect',
    ISTIO_IN_REDIRECT: 'in-redirect',
    ISTIO_INBOUND: 'inbound',
  },
  mangle: { ISTIO_INBOUND: 'inbound', ISTIO_DIVERT: 'divert', ISTIO_TPROXY: 'tproxy', ISTIO_DROP: 'drop' },
  raw: { ISTIO_OUTPUT_DNS: 'raw-output-dns', ISTIO_OUTPUT: 'raw-output-dns', ISTIO_INBOUND: 'raw-inbound' },
  filter: {},
  security: {},
}

export function chainKindByName(table: TableName, chain: string): ChainKind | null {
  return NAME_KINDS[table][chain] ?? null
}

interface Caller {
  chain: Chain
  rule: Rule
}

export type ChainKinds = Map<string, ChainKind>

export function chainKey(table: TableName, chain: string): string {
  return `${table}\u0000${chain}`
}

/** `ruleShape`, or a cache of it shared by the passes over one ruleset. */
export type ShapeOf = (rule: Rule, family: Family) => RuleShape

export function inferChainKinds(ruleset: Ruleset, shapeOf: ShapeOf = ruleShape): ChainKinds {
  const kinds: ChainKinds = new Map()
  for (const table of ruleset.tables) inferTable(table, ruleset.family, kinds, shapeOf)
  return kinds
}

function inferTable(table: Table, family: Family, kinds: ChainKinds, shapeOf: ShapeOf): void {
  const byName = new Map(table.chains.map((c) => [c.name, c]))
  const callers = new Map<string, Caller[]>()
  /** For each called chain, the names of the chains that jump to it. */
  const callerNames = new Map<string, Set<string>>()
  for (const chain of table.chains) {
    for (const rule of chain.rules) {
      const to = rule.target?.name
      const toChain = to ? byName.get(to) : undefined
      if (!to || !toChain || toChain.builtin) continue
      const list = callers.get(to)
      if (list) {
        list.push({ chain, rule })
        ;(callerNames.get(to) as Set<string>).add(chain.name)
      } else {
        callers.set(to, [{ chain, rule }])
        callerNames.set(to, new Set([chain.name]))
      }
    }
  }
  // This table's kinds by chain name, kept beside `kinds` (keyed by table and name) so lookups build no key.
  const prefix = chainKey(table.name, '')
  const tableKinds = new Map<string, ChainKind>()
  for (const [key, kind] of kinds) if (key.startsWith(prefix)) tableKinds.set(key.slice(prefix.length), kind)
  const kindOf = (name: string): ChainKind | undefined => tableKinds.get(name)
  const set = (chain: Chain, kind: ChainKind): void => {
    tableKinds.set(chain.name, kind)
    kinds.set(chainKey(table.name, chain.name), kind)
  }
  const users = table.chains.filter((c) => !c.builtin)
  const isCalledFrom = (chain: Chain, from: string): boolean => callerNames.get(chain.name)?.has(from) === true
  const calledFrom = (chain: Chain, from: string): Caller[] =>
    isCalledFrom(chain, from) ? (callers.get(chain.name) ?? []).filter((c) => c.chain.name === from) : []

  // Chains that say what they are through their own targets.
  for (const chain of users) {
    const rules = chain.rules
    if (rules.length === 0) continue
    if (rules.some((r) => r.target?.name === 'TPROXY')) set(chain, 'tproxy')
    else if (isDivertLike(rules)) set(chain, 'divert')
    else if (rules.every(isBareDrop) && (callers.get(chain.name) ?? []).some((c) => ctStates(c.rule)?.states.includes('INVALID')))
      set(chain, 'drop')
    else if (table.name === 'raw' && rules.every((r) => r.target?.name === 'CT')) {
      if (isCalledFrom(chain, 'PREROUTING')) set(chain, 'raw-inbound')
      else if (isCalledFrom(chain, 'OUTPUT')) set(chain, 'raw-output-dns')
    }
  }
  if (table.name === 'nat') {
    for (const chain of users) {
      if (kindOf(chain.name)) continue
      if (
        isCalledFrom(chain, 'OUTPUT') &&
        chain.rules.some((r) => {
          const s = shapeOf(r, family)
          return s.owners.length > 0 || isOutLo(s)
        })
      )
        set(chain, 'output')
    }
  }
  // Inbound: reached from PREROUTING for every interface, and sending packets on to capture chains or back.
  for (const chain of users) {
    if (kindOf(chain.name) || table.name === 'raw') continue
    const entries = calledFrom(chain, 'PREROUTING').filter((c) => shapeOf(c.rule, family).inIface === null)
    if (entries.length === 0) continue
    const jumpsToCapture = chain.rules.some((r) => {
      const to = r.target?.name ?? ''
      const toChain = byName.get(to)
      return (toChain && isRedirectChain(toChain)) || kindOf(to) === 'tproxy' || kindOf(to) === 'divert'
    })
    if (jumpsToCapture || chain.name === 'ISTIO_INBOUND') set(chain, 'inbound')
  }
  // The DNS chain: reached from ISTIO_OUTPUT, holding only port-53 redirects.
  for (const chain of users) {
    if (kindOf(chain.name) || chain.rules.length === 0) continue
    const fromOutput = (callers.get(chain.name) ?? []).some((c) => kindOf(c.chain.name) === 'output')
    if (fromOutput && chain.rules.every((r) => shapeOf(r, family).dport?.ports.includes('53'))) set(chain, 'output-dns')
  }
  // REDIRECT chains: which one is the inbound capture depends on who jumps there.
  for (const chain of users) {
    if (kindOf(chain.name) || !isRedirectChain(chain)) continue
    let inbound = 0
    let outbound = 0
    for (const c of callers.get(chain.name) ?? []) {
      const from = kindOf(c.chain.name)
      const shape = shapeOf(c.rule, family)
      if (from === 'inbound') inbound++
      else if (from === 'output' && isOutLo(shape) && shape.owners.length > 0) inbound++
      else if (from === 'output' || c.chain.name === 'PREROUTING') outbound++
    }
    if (inbound > 0 && outbound === 0) set(chain, 'in-redirect')
    else if (outbound > 0 && inbound === 0) set(chain, 'redirect')
  }
  for (const chain of users) {
    if (kindOf(chain.name)) continue
    const named = chainKindByName(table.name, chain.name)
    if (named) set(chain, named)
    else if (isRedirectChain(chain)) {
      // Last resort for a renamed chain nobody jumps to: Envoy's well-known listener ports.
      const port = redirectPort(chain.rules[0] as Rule)
      if (port === '15006') set(chain, 'in-redirect')
      else if (port === '15001') set(chain, 'redirect')
    }
  }
}

function isRedirectChain(chain: Chain): boolean {
  const redirects = chain.rules.filter((r) => r.target?.name === 'REDIRECT')
  const rest = chain.rules.filter((r) => r.target?.name !== 'REDIRECT' && r.target?.name !== 'NFLOG')
  return redirects.length > 0 && rest.length === 0
}

function bare(r: Rule): boolean {
  return r.matches.every((m) => m.kind === 'module' && m.module === 'comment')
}

function isDivertLike(rules: readonly Rule[]): boolean {
  return (
    rules.some((r) => r.target?.name === 'MARK') &&
    rules.some((r) => r.target?.name === 'ACCEPT') &&
    rules.every((r) => (r.target?.name === 'MARK' || r.target?.name === 'ACCEPT') && bare(r))
  )
}

function isBareDrop(rule: Rule): boolean {
  return rule.target?.name === 'DROP' && rule.matches.every((m) => m.kind === 'module' && m.module === 'comment')
}
