import { printSave } from '../../core/print/print-save.ts'
import { readRuleset } from './read-ruleset.ts'
import { timeRuns, type Timings } from './timing.ts'

export interface PrintResult extends Timings {
  /** Bytes of the printed text (UTF-8). */
  bytes: number
  rules: number
}

/** The canonical iptables-save text of a parsed dump. */
export function measurePrint(args: { path: string; runs: number; warmups: number }): PrintResult {
  const { ruleset, rules } = readRuleset(args.path)
  let bytes = 0
  const timings = timeRuns(() => {
    bytes = Buffer.byteLength(printSave(ruleset))
  }, args.runs, args.warmups)
  return { ...timings, bytes, rules }
}
