import type { Ruleset } from '../model/ruleset.ts'
import type { RulesetAnnotation } from '../explain/annotate.ts'
import { badgeGlyph, contextFor, explainRule, summarizeRule, type ExplainContext } from '../explain/explain-rule.ts'
import { badgeOf } from '../explain/roles.ts'
import { glossaryLookup } from '../explain/glossary.ts'
import type { Lang } from '../explain/types.ts'
import type { RuleAnnotation } from './build-graph.ts'
import { printRuleBody } from './rule-text.ts'
import type { ExplanationView, RuleAddress } from './views.ts'

/** Badges and roles of every rule, keyed `table:chain:index`, for the graph rows. */
export function annotationMap(annotation: RulesetAnnotation): Map<string, RuleAnnotation> {
  const map = new Map<string, RuleAnnotation>()
  for (const r of annotation.rules) {
    const entry: RuleAnnotation = {}
    if (r.badge) entry.badge = r.badge
    if (r.role) entry.role = r.role
    if (entry.badge || entry.role) map.set(`${r.ref.table}:${r.ref.chain}:${r.ref.index}`, entry)
  }
  return map
}

/** Ports, addresses, marks and ids in a rule's text that the glossary knows. */
function glossaryOf(text: string, lang: Lang): ExplanationView['glossary'] {
  const out: ExplanationView['glossary'] = []
  const seen = new Set<string>()
  for (const m of text.matchAll(/(?:::)?[0-9a-fx.:/]+/gi)) {
    const term = m[0].replace(/[,.]$/, '')
    if (seen.has(term)) continue
    const entry = glossaryLookup(term, lang) ?? glossaryLookup(term.replace(/\/(32|128)$/, ''), lang)
    if (entry) {
      seen.add(term)
      out.push({ term, meaning: `${entry.title}: ${entry.text}` })
    }
  }
  return out
}

function located(ruleset: Ruleset, address: RuleAddress) {
  const table = ruleset.tables.find((t) => t.name === address.table)
  const chain = table?.chains.find((c) => c.name === address.chain)
  const rule = chain?.rules[address.index - 1]
  return table && chain && rule ? { table, chain, rule } : null
}

/** Without an annotation (a big non-Istio dump) every rule is read generically. */
function context(ruleset: Ruleset, annotation: RulesetAnnotation | null, address: RuleAddress): ExplainContext | null {
  if (annotation) return contextFor(ruleset, annotation, address)
  const at = located(ruleset, address)
  if (!at) return null
  const target = at.rule.target?.name
  return {
    family: ruleset.family,
    table: address.table,
    chain: address.chain,
    index: address.index,
    role: null,
    builtin: at.chain.builtin,
    policy: at.chain.policy,
    targetIsChain: target ? at.table.chains.some((c) => c.name === target) : null,
  }
}

/** The inspector's view of one rule: badge, role, and what it means, clause by clause, in the chosen language. */
export function explainRuleView(ruleset: Ruleset, annotation: RulesetAnnotation | null, address: RuleAddress, lang: Lang): ExplanationView | null {
  const at = located(ruleset, address)
  const ctx = context(ruleset, annotation, address)
  if (!at || !ctx) return null
  const e = explainRule(at.rule, ctx, lang)
  const text = printRuleBody(at.rule)
  return {
    rule: address,
    text,
    badge: e.badge,
    role: e.role,
    title: e.title,
    summary: e.summary,
    sentence: e.sentence,
    clauses: e.clauses.map((c) => (c.note ? { text: c.code, meaning: c.text, note: c.note, understood: c.understood } : { text: c.code, meaning: c.text, understood: c.understood })),
    why: e.why ? [e.why] : [],
    scenarios: e.scenarios.map((s) => ({ text: s.text, preset: s.preset, evidence: s.evidence })),
    pitfalls: e.pitfalls,
    versions: e.versionNotes,
    unexplained: e.unexplained,
    glossary: glossaryOf(text, lang),
  }
}

/** One line for an editor hover. */
export function summarizeRuleView(ruleset: Ruleset, annotation: RulesetAnnotation | null, address: RuleAddress, lang: Lang): string | null {
  const at = located(ruleset, address)
  const ctx = context(ruleset, annotation, address)
  if (!at || !ctx) return null
  const glyph = badgeGlyph(badgeOf(ctx.role))
  return `${glyph ? `${glyph} ` : ''}${summarizeRule(at.rule, ctx, lang)}`
}
