import type { Diagnostic, WithDiagnostics } from '../model/diagnostic.ts'
import type { Family, Rule, Ruleset, TableName } from '../model/ruleset.ts'
import { printRuleSpec } from '../print/print-save.ts'
import { splitRuleWords } from '../text/rule-words.ts'
import { readIptablesArgs } from './iptables-args.ts'
import { readRuleWords } from './read-rule-words.ts'
import { resolveDraft } from './resolve-draft.ts'

export interface RuleSpecOptions {
  family?: Family
  table?: TableName
  chain?: string
  /** 1-based line number to put in diagnostics. */
  line?: number
}

/**
 * One rule specification in canonical form: `-p tcp --dport 80 -j ACCEPT`, or a whole `-A CHAIN …` line (the
 * chain is then taken from it). Returns several rules when `-s`/`-d` list several addresses, as iptables does.
 */
export function parseRuleSpec(text: string, options: RuleSpecOptions = {}): WithDiagnostics<Rule[]> {
  const family = options.family ?? 4
  const line = options.line ?? 1
  const diagnostics: Diagnostic[] = []
  const split = splitRuleWords(text, 'restore')
  const args = readIptablesArgs(split.words)
  const chain = args.chain ?? options.chain
  const { draft, diagnostics: d1 } = readRuleWords(args.ruleWords, { family, line, column: 1 })
  diagnostics.push(...d1)
  const ctx: Parameters<typeof resolveDraft>[1] = { family, line }
  if (options.table) ctx.table = options.table
  if (chain) ctx.chain = chain
  const { rules, diagnostics: d2 } = resolveDraft(draft, ctx)
  diagnostics.push(...d2)
  if (split.comment) for (const r of rules) r.notes = [split.comment.text]
  return { value: rules, diagnostics }
}

/**
 * The same ruleset with every rule in the canonical form iptables-save prints (for rulesets built by hand or by a
 * generator: `-d 127.0.0.1` becomes `-d 127.0.0.1/32`, `--to-port` becomes `--to-ports`, …). Notes, counters and
 * spans are kept.
 */
export function canonicalizeRuleset(ruleset: Ruleset): WithDiagnostics<Ruleset> {
  const diagnostics: Diagnostic[] = []
  const tables = ruleset.tables.map((t) => ({
    ...t,
    chains: t.chains.map((c) => ({
      ...c,
      rules: c.rules.flatMap((r) => {
        const parsed = parseRuleSpec(printRuleSpec(r, ruleset.family), { family: ruleset.family, table: t.name, chain: c.name, line: r.span?.line ?? 1 })
        diagnostics.push(...parsed.diagnostics)
        return parsed.value.map((p) => {
          const out: Rule = { ...p }
          if (r.counters) out.counters = r.counters
          if (r.span) out.span = r.span
          if (r.notes) out.notes = r.notes
          return out
        })
      }),
    })),
  }))
  return { value: { family: ruleset.family, tables }, diagnostics }
}
