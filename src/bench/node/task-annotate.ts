import { annotateRuleset } from '../../core/explain/annotate.ts'
import { readRuleset } from './read-ruleset.ts'
import { timeRuns, type Timings } from './timing.ts'

export interface AnnotateResult extends Timings {
  rules: number
  recognised: number
}

/** Role recognition over a whole dump, as the engine runs it before drawing. */
export function measureAnnotate(args: { path: string; runs: number; warmups: number }): AnnotateResult {
  const { ruleset, rules } = readRuleset(args.path)
  let recognised = 0
  const timings = timeRuns(() => {
    recognised = annotateRuleset(ruleset).rules.filter((r) => r.role !== null).length
  }, args.runs, args.warmups)
  return { ...timings, rules, recognised }
}
