import type { Family, Rule, RuleRef, Ruleset, Table, TableName } from '../model/ruleset.ts'
import { chainKey, chainKindByName, inferChainKinds, type ChainKind, type ChainKinds } from './chain-kinds.ts'
import { collectFacts, type FactsOptions, type IstioFacts } from './istio-facts.ts'
import type { RuleContext } from './recognise-context.ts'
import { recogniseRule } from './recognise.ts'
import { badgeOf, type Badge, type RoleId } from './roles.ts'
import { ruleShape } from './rule-shape.ts'

export interface RuleAnnotation {
  ref: RuleRef
  role: RoleId | null
  badge: Badge | null
}

export interface ChainAnnotation {
  table: TableName
  chain: string
  /** What the chain is for in Istio's design, read from the jumps and its rules (null: not an Istio chain). */
  kind: ChainKind | null
}

/** Plain data (structured-clone friendly): what the UI needs to draw badges and pick texts. */
export interface RulesetAnnotation {
  family: Family
  /** Whether any Istio chain was recognised. */
  istio: boolean
  facts: IstioFacts
  chains: ChainAnnotation[]
  /** Every rule of the ruleset, table by table, chain by chain, in order. */
  rules: RuleAnnotation[]
}

export interface AnnotateOptions extends FactsOptions {
  /**
   * Read built-in chain rules as Istio's even when the input holds no Istio chain. For fragments known to come from
   * istio-iptables (a generator unit test's output, a single pasted rule); a full dump never needs it.
   */
  assumeIstio?: boolean
}

/** Recognises every rule of a ruleset by structure. Never throws. */
export function annotateRuleset(ruleset: Ruleset, options: AnnotateOptions = {}): RulesetAnnotation {
  try {
    return annotateUnsafe(ruleset, options)
  } catch {
    // Unforeseen input: every rule stays unrecognised rather than the caller failing.
    const rules: RuleAnnotation[] = []
    const chains: ChainAnnotation[] = []
    for (const table of ruleset.tables ?? [])
      for (const chain of table.chains ?? []) {
        chains.push({ table: table.name, chain: chain.name, kind: null })
        ;(chain.rules ?? []).forEach((_, i) => rules.push({ ref: { family: ruleset.family, table: table.name, chain: chain.name, index: i + 1 }, role: null, badge: null }))
      }
    return { family: ruleset.family, istio: false, facts: collectFacts({ family: ruleset.family, tables: [] }, new Map()), chains, rules }
  }
}

function annotateUnsafe(ruleset: Ruleset, options: AnnotateOptions): RulesetAnnotation {
  const kinds = inferChainKinds(ruleset)
  const facts = collectFacts(ruleset, kinds, options)
  const istio = kinds.size > 0 || options.assumeIstio === true
  const chains: ChainAnnotation[] = []
  const rules: RuleAnnotation[] = []
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      chains.push({ table: table.name, chain: chain.name, kind: kinds.get(chainKey(table.name, chain.name)) ?? null })
      chain.rules.forEach((rule, i) => {
        const ctx = ruleContext(ruleset.family, table, chain.name, rule, kinds, facts, istio)
        const role = recogniseRule(ruleShape(rule, ruleset.family), ctx)
        rules.push({ ref: { family: ruleset.family, table: table.name, chain: chain.name, index: i + 1 }, role, badge: badgeOf(role) })
      })
    }
  }
  return { family: ruleset.family, istio, facts, chains, rules }
}

/** The role of one rule in its ruleset, for callers holding a single rule. */
export function roleOf(annotation: RulesetAnnotation, ref: Pick<RuleRef, 'table' | 'chain' | 'index'>): RuleAnnotation | null {
  return annotation.rules.find((r) => r.ref.table === ref.table && r.ref.chain === ref.chain && r.ref.index === ref.index) ?? null
}

function ruleContext(
  family: Family,
  table: Table,
  chain: string,
  rule: Rule,
  kinds: ChainKinds,
  facts: IstioFacts,
  istio: boolean,
): RuleContext {
  const target = rule.target?.name ?? ''
  const holder = table.chains.find((c) => c.name === chain)
  return {
    family,
    table: table.name,
    chain,
    chainKind: kinds.get(chainKey(table.name, chain)) ?? null,
    targetKind: targetKind(table, target, kinds),
    istio,
    facts,
    chainHasIncludeCidr: (holder?.rules ?? []).some((r) => {
      const s = ruleShape(r, family)
      return s.dst !== null && !s.dst.negated && targetKind(table, s.target ?? '', kinds) === 'redirect'
    }),
    outputExcludedInterfaces: (table.chains.find((c) => c.name === 'OUTPUT')?.rules ?? []).flatMap((r) => {
      const s = ruleShape(r, family)
      return s.target === 'RETURN' && s.outIface && !s.outIface.negated ? [s.outIface.name] : []
    }),
  }
}

/** A jump to a chain the input never declares (a fragment of a ruleset) is read by the ISTIO_* name alone. */
function targetKind(table: Table, target: string, kinds: ChainKinds): ChainKind | null {
  const known = kinds.get(chainKey(table.name, target))
  if (known) return known
  if (target === '' || table.chains.some((c) => c.name === target)) return null
  return chainKindByName(table.name, target)
}
