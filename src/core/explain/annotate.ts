import type { Chain, Family, Rule, RuleRef, Ruleset, Table, TableName } from '../model/ruleset.ts'
import { chainKey, chainKindByName, inferChainKinds, type ChainKind, type ChainKinds, type ShapeOf } from './chain-kinds.ts'
import { collectFacts, type FactsOptions, type IstioFacts } from './istio-facts.ts'
import type { RuleContext } from './recognise-context.ts'
import { recogniseRule } from './recognise.ts'
import { badgeOf, type Badge, type RoleId } from './roles.ts'
import { ruleShape, type RuleShape } from './rule-shape.ts'

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
  // Each pass below reads rule shapes; worked out once per rule, they are most of the cost of a big dump.
  const shapes = new Map<Rule, RuleShape>()
  const shapeOf: ShapeOf = (rule, family) => {
    let shape = shapes.get(rule)
    if (!shape) {
      shape = ruleShape(rule, family)
      shapes.set(rule, shape)
    }
    return shape
  }
  const kinds = inferChainKinds(ruleset, shapeOf)
  const facts = collectFacts(ruleset, kinds, options, shapeOf)
  const istio = kinds.size > 0 || options.assumeIstio === true
  const chains: ChainAnnotation[] = []
  const rules: RuleAnnotation[] = []
  for (const table of ruleset.tables) {
    const scope = new TableScope(ruleset.family, table, kinds, facts, istio, shapeOf)
    for (const chain of table.chains) {
      const kind = kinds.get(chainKey(table.name, chain.name)) ?? null
      chains.push({ table: table.name, chain: chain.name, kind })
      // The recogniser reads rules outside Istio's chains only in a ruleset that has Istio chains: a kube-proxy
      // dump's rules are all left unrecognised without working out their shapes.
      const recognise = kind !== null || istio
      chain.rules.forEach((rule, i) => {
        const role = recognise ? recogniseRule(shapeOf(rule, ruleset.family), scope.ruleContext(chain.name, rule)) : null
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

/**
 * What the rules of one table share: chain names, the include-CIDR test per chain and OUTPUT's exclude interfaces,
 * each worked out once. A kube-proxy dump has tens of thousands of rules in one chain; working these out again for
 * every rule made annotation quadratic.
 */
class TableScope {
  private readonly names: ReadonlySet<string>
  /** The chain a name refers to: the first one declared with it. */
  private readonly byName = new Map<string, Chain>()
  private readonly includeCidr = new Map<string, boolean>()
  private excludedInterfaces: readonly string[] | null = null
  private readonly family: Family
  private readonly table: Table
  private readonly kinds: ChainKinds
  private readonly facts: IstioFacts
  private readonly istio: boolean
  private readonly shapeOf: ShapeOf

  constructor(family: Family, table: Table, kinds: ChainKinds, facts: IstioFacts, istio: boolean, shapeOf: ShapeOf) {
    this.family = family
    this.table = table
    this.kinds = kinds
    this.facts = facts
    this.istio = istio
    this.shapeOf = shapeOf
    for (const c of table.chains) if (!this.byName.has(c.name)) this.byName.set(c.name, c)
    this.names = new Set(this.byName.keys())
  }

  ruleContext(chain: string, rule: Rule): RuleContext {
    return {
      family: this.family,
      table: this.table.name,
      chain,
      chainKind: this.kinds.get(chainKey(this.table.name, chain)) ?? null,
      targetKind: this.targetKind(rule.target?.name ?? ''),
      istio: this.istio,
      facts: this.facts,
      chainHasIncludeCidr: this.chainHasIncludeCidr(chain),
      outputExcludedInterfaces: this.outputExcludedInterfaces(),
    }
  }

  private chainHasIncludeCidr(chain: string): boolean {
    let has = this.includeCidr.get(chain)
    if (has === undefined) {
      const holder = this.byName.get(chain)
      has = (holder?.rules ?? []).some((r) => {
        const s = this.shapeOf(r, this.family)
        return s.dst !== null && !s.dst.negated && this.targetKind(s.target ?? '') === 'redirect'
      })
      this.includeCidr.set(chain, has)
    }
    return has
  }

  private outputExcludedInterfaces(): readonly string[] {
    if (this.excludedInterfaces === null) {
      const output = this.byName.get('OUTPUT')
      this.excludedInterfaces = (output?.rules ?? []).flatMap((r) => {
        const s = this.shapeOf(r, this.family)
        return s.target === 'RETURN' && s.outIface && !s.outIface.negated ? [s.outIface.name] : []
      })
    }
    return this.excludedInterfaces
  }

  /** A jump to a chain the input never declares (a fragment of a ruleset) is read by the ISTIO_* name alone. */
  private targetKind(target: string): ChainKind | null {
    const known = this.kinds.get(chainKey(this.table.name, target))
    if (known) return known
    if (target === '' || this.names.has(target)) return null
    return chainKindByName(this.table.name, target)
  }
}
