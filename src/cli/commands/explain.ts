import { parseArgs } from 'node:util'
import { badgeGlyph, explainRuleset, type Lang, type RuleExplanation } from '../../core/explain/index.ts'
import { hasErrors } from '../../core/model/diagnostic.ts'
import type { Ruleset } from '../../core/model/ruleset.ts'
import { parseInput } from '../../core/parse/index.ts'
import { printRule } from '../../core/print/print-save.ts'
import { formatDiagnostic, UsageError, type CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: cli explain [FILE|-] [--lang zh|en] [--json]

Explains every rule of the iptables state in FILE (any form the parser reads: iptables-save, restore files, -S,
-L listings, istio-init logs…): its badge ①–⑨ and Istio role when it is one of Istio's rules, what it matches
clause by clause, why Istio installs it, which traffic reaches it (kernel-checked) and its pitfalls.
Rules of any other software get a sentence generated from their matches and target.

  --lang zh|en   language of the explanations (default en)
  --json         print {"rules":[{"family","table","chain","index","rule","badge","role","summary","explanation"}…]}
                 (index is 1-based within the chain; badge is 1–9 or null; role is a stable id or null)

FILE defaults to standard input. Parser diagnostics go to standard error as LINE:COL: severity CODE message.
Exit status: 0 explained (warnings allowed), 1 errors in the input or no rules found, 2 usage error.
`

interface JsonRule {
  family: 4 | 6
  table: string
  chain: string
  index: number
  rule: string
  badge: number | null
  role: string | null
  summary: string
  explanation: RuleExplanation
}

function ruleText(ruleset: Ruleset, e: RuleExplanation): string {
  const ref = e.ref
  if (!ref) return ''
  const rule = ruleset.tables.find((t) => t.name === ref.table)?.chains.find((c) => c.name === ref.chain)?.rules[ref.index - 1]
  return rule ? printRule(ref.chain, rule, false, ruleset.family) : ''
}

function labels(lang: Lang): Record<'matches' | 'why' | 'traffic' | 'pitfalls' | 'versions' | 'unexplained' | 'role', string> {
  return lang === 'en'
    ? { matches: 'Matches', why: 'Why', traffic: 'Traffic', pitfalls: 'Pitfalls', versions: 'Versions', unexplained: 'Not understood', role: 'role' }
    : { matches: '匹配条件', why: '为什么', traffic: '流量', pitfalls: '注意', versions: '版本', unexplained: '无法解释', role: 'role' }
}

function colon(lang: Lang): string {
  return lang === 'en' ? ': ' : '：'
}

function printText(io: CliIO, ruleset: Ruleset, e: RuleExplanation, lang: Lang): void {
  const l = labels(lang)
  const ref = e.ref
  if (!ref) return
  const badge = badgeGlyph(e.badge)
  io.out(`IPv${ref.family} ${ref.table} ${ref.chain} #${ref.index}${badge ? ` ${badge}` : ''}${e.role ? `  ${l.role} ${e.role}` : ''}\n`)
  io.out(`  ${ruleText(ruleset, e)}\n`)
  if (e.role) io.out(`  ${e.title}\n`)
  io.out(`  ${e.summary}\n`)
  if (e.clauses.length > 0) {
    io.out(`  ${l.matches}${colon(lang).trim()}\n`)
    for (const c of e.clauses) io.out(`    ${c.code}: ${c.text}${c.note ? ` — ${c.note}` : ''}\n`)
  }
  const c = colon(lang)
  if (e.why) io.out(`  ${l.why}${c}${e.why}\n`)
  for (const s of e.scenarios) io.out(`  ${l.traffic}${s.preset ? ` [${s.preset}]` : ''}${c}${s.text}\n    ${s.evidence}\n`)
  for (const p of e.pitfalls) io.out(`  ${l.pitfalls}${c}${p}\n`)
  for (const v of e.versionNotes) io.out(`  ${l.versions}${c}${v}\n`)
  if (e.unexplained.length > 0) io.out(`  ${l.unexplained}${c}${e.unexplained.join('; ')}\n`)
  io.out('\n')
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain every rule of a paste in 中文 or English, with Istio roles and badges ①–⑨',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { lang: { type: 'string' }, json: { type: 'boolean' } },
    })
    if (positionals.length > 1) throw new UsageError('explain takes at most one FILE')
    const lang = values.lang ?? 'en'
    if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be zh or en, got "${lang}"`)
    const text = await io.readInput(positionals[0] ?? '-')
    const { value, diagnostics } = parseInput(text)
    for (const d of diagnostics) io.err(formatDiagnostic(d))
    const rulesets = [value.rulesets[4], value.rulesets[6]].filter((r): r is Ruleset => r !== undefined)
    const out: JsonRule[] = []
    for (const ruleset of rulesets) {
      for (const e of explainRuleset(ruleset, lang).rules) {
        if (!e.ref) continue
        if (!values.json) {
          printText(io, ruleset, e, lang)
          continue
        }
        out.push({
          family: e.ref.family,
          table: e.ref.table,
          chain: e.ref.chain,
          index: e.ref.index,
          rule: ruleText(ruleset, e),
          badge: e.badge,
          role: e.role,
          summary: e.summary,
          explanation: e,
        })
      }
    }
    if (values.json) io.out(`${JSON.stringify({ rules: out }, null, 2)}\n`)
    const ruleCount = rulesets.reduce((n, r) => n + r.tables.reduce((m, t) => m + t.chains.reduce((k, c) => k + c.rules.length, 0), 0), 0)
    if (ruleCount === 0) {
      io.err(lang === 'en' ? 'no iptables rules found in the input\n' : '输入中没有找到 iptables 规则\n')
      return 1
    }
    return hasErrors(diagnostics) ? 1 : 0
  },
}
