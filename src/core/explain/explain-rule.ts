import type { Family, Policy, Rule, RuleRef, Ruleset, TableName } from '../model/ruleset.ts'
import { annotateRuleset, type AnnotateOptions, type RulesetAnnotation } from './annotate.ts'
import { claimById } from './evidence/claims.ts'
import { citeMark, evidenceText } from './evidence/evidence-text.ts'
import { fill, placeholderValues, type Values } from './fill.ts'
import { clauseRows, describeRule, sentence, zhSpacing, type RuleWords } from './generic/describe-rule.ts'
import type { IstioFacts } from './istio-facts.ts'
import { BADGE_GLYPHS, badgeOf, type Badge, type RoleId } from './roles.ts'
import { ruleShape } from './rule-shape.ts'
import { ROLE_TEXTS } from './texts/index.ts'
import type { Cited } from './texts/text-types.ts'
import type { Bi, Lang, RuleExplanation, RuleSummary, ScenarioExplanation } from './types.ts'

/** Where a rule sits and what the recogniser said about it. Plain data: `contextFor` builds it from an annotation. */
export interface ExplainContext {
  family: Family
  table: TableName
  chain: string
  /** 1-based position in the chain, when known. */
  index?: number
  role: RoleId | null
  /** Facts read from the whole ruleset (proxy uid, ports); defaults apply without them. */
  facts?: IstioFacts | null
  /** Whether the chain is built in, and its policy (for what RETURN means there). */
  builtin?: boolean
  policy?: Policy | null
  /** Whether the rule's target names a chain of the table (null: unknown). */
  targetIsChain?: boolean | null
}

/** The context of the rule at `ref` in a ruleset, from its annotation. */
export function contextFor(ruleset: Ruleset, annotation: RulesetAnnotation, ref: Pick<RuleRef, 'table' | 'chain' | 'index'>): ExplainContext {
  const table = ruleset.tables.find((t) => t.name === ref.table)
  const chain = table?.chains.find((c) => c.name === ref.chain)
  const rule = chain?.rules[ref.index - 1]
  const target = rule?.target?.name ?? ''
  const role = annotation.rules.find((r) => r.ref.table === ref.table && r.ref.chain === ref.chain && r.ref.index === ref.index)?.role ?? null
  return {
    family: ruleset.family,
    table: ref.table,
    chain: ref.chain,
    index: ref.index,
    role,
    facts: annotation.facts,
    builtin: chain?.builtin ?? false,
    policy: chain?.policy ?? null,
    targetIsChain: target === '' ? null : (table?.chains.some((c) => c.name === target) ?? null),
  }
}

function words(rule: Rule, ctx: ExplainContext): RuleWords {
  return describeRule(rule, {
    family: ctx.family,
    table: ctx.table,
    chain: ctx.chain,
    builtin: ctx.builtin ?? false,
    policy: ctx.policy ?? null,
    targetIsChain: ctx.targetIsChain ?? null,
  })
}

function text(bi: Bi, values: Values, lang: Lang): string {
  return zhSpacing(fill(bi[lang], values, lang), lang)
}

function applies(item: Cited, rule: Rule, context: ExplainContext): boolean {
  const when = item.when
  if (!when) return true
  if (when.tables && !when.tables.includes(context.table)) return false
  const shape = ruleShape(rule, context.family)
  if (when.proto && shape.proto?.name !== when.proto) return false
  if (!when.ports) return true
  const ports = shape.dport?.ports ?? []
  return ports.some((p) => when.ports?.includes(p))
}

function cited(items: readonly Cited[], rule: Rule, context: ExplainContext, values: Values, lang: Lang): string[] {
  return items.filter((c) => applies(c, rule, context)).map((c) => text(c.text, values, lang) + (c.claim ? citeMark(c.claim, lang) : ''))
}

/**
 * Everything to say about one rule in one language: what it matches, clause by clause, and, for an Istio role,
 * why it exists, which traffic reaches it (kernel-checked), pitfalls and version notes. Never throws.
 */
export function explainRule(rule: Rule, context: ExplainContext, lang: Lang): RuleExplanation {
  try {
    return explainUnsafe(rule, context, lang)
  } catch (e) {
    // A model the explainer did not foresee must not take the inspector down: say so instead.
    const ref = context.index !== undefined ? { family: context.family, table: context.table, chain: context.chain, index: context.index } : null
    const message = lang === 'en' ? 'This rule could not be explained.' : '无法解释这条规则。'
    return { ref, role: null, badge: null, title: message, summary: message, sentence: message, clauses: [], why: null, scenarios: [], pitfalls: [], versionNotes: [], unexplained: [String(e)] }
  }
}

function explainUnsafe(rule: Rule, context: ExplainContext, lang: Lang): RuleExplanation {
  const w = words(rule, context)
  const role = context.role
  const badge: Badge | null = badgeOf(role)
  const ref: RuleRef | null =
    context.index !== undefined ? { family: context.family, table: context.table, chain: context.chain, index: context.index } : null
  const generic = sentence(w, lang)
  const rows = clauseRows(w, lang)
  const base: RuleExplanation = {
    ref,
    role,
    badge,
    title: context.index !== undefined ? `${context.table} ${context.chain} #${context.index}` : `${context.table} ${context.chain}`,
    summary: generic,
    sentence: generic,
    clauses: rows.map(({ key: _key, ...row }) => row),
    why: null,
    scenarios: [],
    pitfalls: [],
    versionNotes: [],
    unexplained: [...w.unexplained],
  }
  if (!role) return base
  const curated = ROLE_TEXTS[role]
  const values = placeholderValues(rule, context.family, context.facts ?? null)
  const matching = curated.scenarios.filter((s) => applies(s, rule, context))
  // A rule none of the port-specific cases fits (say, an excluded port 3306) still shows the role's cases.
  const shown = matching.length > 0 ? matching : curated.scenarios
  const scenarios: ScenarioExplanation[] = shown.map((s) => {
    const claim = claimById(s.claim)
    return { claim: s.claim, preset: claim?.preset ?? null, text: text(s.text, values, lang), evidence: claim ? evidenceText(claim, lang) : '' }
  })
  return {
    ...base,
    title: text(curated.title, values, lang),
    summary: text(curated.summary, values, lang),
    clauses: rows.map(({ key, ...row }) => {
      const note = key ? curated.notes?.[key] : undefined
      return note ? { ...row, note: text(note, values, lang) } : row
    }),
    why: text(curated.why, values, lang),
    scenarios,
    pitfalls: cited(curated.pitfalls, rule, context, values, lang),
    versionNotes: cited(curated.versions, rule, context, values, lang),
  }
}

/** One line for a hover: the curated summary of the rule's role, or the generated sentence. */
export function summarizeRule(rule: Rule, context: ExplainContext, lang: Lang): string {
  try {
    if (context.role) return text(ROLE_TEXTS[context.role].summary, placeholderValues(rule, context.family, context.facts ?? null), lang)
    return sentence(words(rule, context), lang)
  } catch {
    return lang === 'en' ? 'This rule could not be explained.' : '无法解释这条规则。'
  }
}

/** The badge glyph (①…⑨) of a role, or ''. */
export function badgeGlyph(badge: Badge | null): string {
  return badge ? BADGE_GLYPHS[badge] : ''
}

export interface ExplainedRuleset {
  annotation: RulesetAnnotation
  rules: RuleExplanation[]
}

/** Recognises and explains every rule of a ruleset, in table and chain order. */
export function explainRuleset(ruleset: Ruleset, lang: Lang, options: AnnotateOptions = {}): ExplainedRuleset {
  const annotation = annotateRuleset(ruleset, options)
  const rules = annotation.rules.map((a) => {
    const rule = ruleset.tables.find((t) => t.name === a.ref.table)?.chains.find((c) => c.name === a.ref.chain)?.rules[a.ref.index - 1]
    return rule ? explainRule(rule, contextFor(ruleset, annotation, a.ref), lang) : null
  })
  return { annotation, rules: rules.filter((r): r is RuleExplanation => r !== null) }
}

/** One-line summaries of every rule, for a whole-ruleset view. */
export function summarizeRuleset(ruleset: Ruleset, lang: Lang, options: AnnotateOptions = {}): RuleSummary[] {
  const annotation = annotateRuleset(ruleset, options)
  return annotation.rules.flatMap((a) => {
    const rule = ruleset.tables.find((t) => t.name === a.ref.table)?.chains.find((c) => c.name === a.ref.chain)?.rules[a.ref.index - 1]
    return rule ? [{ ref: a.ref, role: a.role, badge: a.badge, summary: summarizeRule(rule, contextFor(ruleset, annotation, a.ref), lang) }] : []
  })
}
