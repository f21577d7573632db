import { readFileSync, statSync } from 'node:fs'
import { parseInput } from '../../core/parse/index.ts'
import { countRules } from './read-ruleset.ts'
import { timeRuns, type Timings } from './timing.ts'

export interface ParseResult extends Timings {
  bytes: number
  rules: number
  diagnostics: number
}

/**
 * Reading the file and parsing it, as `iptables-restore --test` reads its standard input and parses it: the text is
 * decoded from the file on every run.
 */
export function measureParse(args: { path: string; runs: number; warmups: number }): ParseResult {
  let rules = 0
  let diagnostics = 0
  const timings = timeRuns(() => {
    const text = readFileSync(args.path, 'utf8')
    const parsed = parseInput(text)
    diagnostics = parsed.diagnostics.length
    const ruleset = parsed.value.rulesets[4]
    rules = ruleset ? countRules(ruleset) : 0
  }, args.runs, args.warmups)
  return { ...timings, bytes: statSync(args.path).size, rules, diagnostics }
}
