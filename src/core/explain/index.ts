/**
 * Explanations of iptables rules in 中文 and English: Istio's rules recognised by structure and explained from
 * curated texts whose traffic claims are kernel-checked, any other rule explained clause by clause, and a glossary.
 * Pure and platform-free; every result is plain data (structured-clone friendly). Nothing here throws on input.
 */
export { annotateRuleset, roleOf, type AnnotateOptions, type ChainAnnotation, type RuleAnnotation, type RulesetAnnotation } from './annotate.ts'
export type { ChainKind } from './chain-kinds.ts'
export {
  badgeGlyph,
  contextFor,
  explainRule,
  explainRuleset,
  summarizeRule,
  summarizeRuleset,
  type ExplainContext,
  type ExplainedRuleset,
} from './explain-rule.ts'
export { CLAIMS, ORACLE_KERNEL, type KernelClaim } from './evidence/claims.ts'
export { glossary, glossaryLookup, type GlossaryEntry } from './glossary.ts'
export type { IstioFacts } from './istio-facts.ts'
export { BADGE_GLYPHS, ROLE_IDS, badgeOf, isRoleId, type Badge, type RoleId } from './roles.ts'
export { LANGS, type Bi, type ClauseExplanation, type Lang, type RuleExplanation, type RuleSummary, type ScenarioExplanation } from './types.ts'
