import type { Ruleset } from '../model/ruleset.ts'
import { roleOf, type RulesetAnnotation } from '../explain/annotate.ts'
import { clauseRows, describeRule, sentence } from '../explain/generic/describe-rule.ts'
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

/** The inspector's view of one rule: badge, role, and the rule read clause by clause in the chosen language. */
export function explainRuleView(ruleset: Ruleset, annotation: RulesetAnnotation | null, address: RuleAddress, lang: Lang): ExplanationView | null {
  const table = ruleset.tables.find((t) => t.name === address.table)
  const chain = table?.chains.find((c) => c.name === address.chain)
  const rule = chain?.rules[address.index - 1]
  if (!table || !chain || !rule) return null
  const names = new Set(table.chains.map((c) => c.name))
  const words = describeRule(rule, {
    family: ruleset.family,
    table: table.name,
    chain: chain.name,
    builtin: chain.builtin,
    policy: chain.policy,
    targetIsChain: rule.target ? names.has(rule.target.name) : null,
  })
  const role = annotation ? roleOf(annotation, address) : null
  const text = printRuleBody(rule)
  return {
    rule: address,
    text,
    badge: role?.badge ?? null,
    role: role?.role ?? null,
    summary: sentence(words, lang),
    clauses: clauseRows(words, lang).map((c) => ({ text: c.code, meaning: c.text })),
    why: [],
    scenarios: [],
    pitfalls: [],
    versions: [],
    glossary: glossaryOf(text, lang),
  }
}
