import type { RuleRef } from '../model/ruleset.ts'
import type { Badge, RoleId } from './roles.ts'

export type Lang = 'en' | 'zh'

export const LANGS: readonly Lang[] = ['en', 'zh']

/** A text in both languages. zh keeps netfilter and Istio terms in English (iptables, chain, Envoy, uid, REDIRECT…). */
export interface Bi {
  en: string
  zh: string
}

/** One clause of a rule, as written and in words. */
export interface ClauseExplanation {
  /** The clause as iptables-save prints it, e.g. `! -d 127.0.0.1/32`, `-m owner --uid-owner 1337`, `-j RETURN`. */
  code: string
  /** What the clause matches (or, for the target, does), in words. */
  text: string
  /** What the clause means in Istio's design, when the rule has a curated role. */
  note?: string
  /** False when the explainer does not know this module, option or target; `text` then says so and quotes it. */
  understood: boolean
}

/** A traffic case that reaches the rule, with the kernel evidence behind the claim. */
export interface ScenarioExplanation {
  /** Stable claim id (src/core/explain/evidence/claims.ts). */
  claim: string
  /** The simulator preset that replays the case; null for a claim over many cases. */
  preset: string | null
  text: string
  /** Where the claim was checked: the kernel-oracle fixture and packet. */
  evidence: string
}

export interface RuleExplanation {
  ref: RuleRef | null
  role: RoleId | null
  badge: Badge | null
  /** A short name, e.g. "④ Envoy's own traffic leaves uncaptured"; the generated sentence's start when no role. */
  title: string
  /** One line: curated for an Istio role, generated from the clauses otherwise. */
  summary: string
  /** The rule in one generated sentence, always present. */
  sentence: string
  clauses: ClauseExplanation[]
  why: string | null
  scenarios: ScenarioExplanation[]
  pitfalls: string[]
  versionNotes: string[]
  /** Everything the generic explainer could not read, verbatim. Empty when the whole rule was understood. */
  unexplained: string[]
}

export interface RuleSummary {
  ref: RuleRef
  role: RoleId | null
  badge: Badge | null
  summary: string
}
