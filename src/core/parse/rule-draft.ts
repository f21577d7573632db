import type { BaseOption, Counters } from '../model/ruleset.ts'

/**
 * A rule as written, before canonicalisation: which clause each option belongs to, with the column it was read
 * at. Both the argv reader (save/restore/-S/commands) and the listing reader build drafts; `resolveDraft` turns a
 * draft into canonical model rules, so every form goes through the same canonicalisation.
 */
export interface DraftBase {
  option: BaseOption
  negated: boolean
  value: string
  /** 1-based column in the input line. */
  column: number
}

export interface DraftOption {
  name: string
  negated: boolean
  args: string[]
  column: number
}

export interface DraftModule {
  name: string
  /** Loaded by `-p` when one of its options appeared without `-m`. */
  implicit: boolean
  options: DraftOption[]
  column: number
  /** Listing text that could not be decoded into options; kept verbatim. */
  verbatim?: string
}

export interface DraftTarget {
  kind: 'jump' | 'goto'
  name: string
  options: DraftOption[]
  column: number
  verbatim?: string
}

export interface RuleDraft {
  base: DraftBase[]
  modules: DraftModule[]
  target: DraftTarget | null
  counters?: Counters
}

export function emptyDraft(): RuleDraft {
  return { base: [], modules: [], target: null }
}
