/**
 * The paste parser: any iptables state or Istio configuration a person copies out of a terminal, a log, a blog or
 * an issue, into one model (core/model) with diagnostics. See parse-input.ts for the pipeline.
 */
export { parseInput, type ParseOptions } from './parse-input.ts'
export { parseRuleSpec, canonicalizeRuleset } from './rule-spec.ts'
export { CODES, type DiagnosticCode } from './codes.ts'
export { knownExtensions } from './extensions/registry.ts'
