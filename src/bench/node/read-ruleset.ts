import { readFileSync } from 'node:fs'
import type { Ruleset } from '../../core/model/ruleset.ts'
import { parseInput } from '../../core/parse/index.ts'

/** A dump's IPv4 ruleset, for the stages that start from parsed rules. */
export function readRuleset(path: string): { text: string; ruleset: Ruleset; rules: number } {
  const text = readFileSync(path, 'utf8')
  const parsed = parseInput(text).value
  const ruleset = parsed.rulesets[4]
  if (!ruleset) throw new Error(`${path}: no IPv4 ruleset`)
  return { text, ruleset, rules: countRules(ruleset) }
}

export function countRules(ruleset: Ruleset): number {
  let n = 0
  for (const t of ruleset.tables) for (const c of t.chains) n += c.rules.length
  return n
}
