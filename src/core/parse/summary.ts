import type { Diagnostic } from '../model/diagnostic.ts'
import type { ParsedInput } from '../model/input.ts'
import type { Counters, Rule } from '../model/ruleset.ts'
import { printRuleSpec } from '../print/print-save.ts'

/**
 * A compact, stable, reviewable picture of what the parser read: one line per diagnostic, one line per rule
 * (`-p tcp -j X  [pkts:bytes] @line:col  # notes`), sections and configuration entries with their lines.
 * Golden files of the parser fixtures are this object as JSON; a diff of it reads like a diff of the paste.
 */
export interface ParsedSummary {
  sections: string[]
  diagnostics: string[]
  configSources: { kind: string; label: string; lines: string; entries: string[] }[]
  rulesets: Record<string, Record<string, Record<string, ChainSummary>>>
}

interface ChainSummary {
  policy: string
  counters?: string
  references?: number
  notes?: string[]
  rules: string[]
}

function counterText(c: Counters): string {
  return `${c.packets}:${c.bytes}${c.approximate ? '~' : ''}`
}

function ruleText(rule: Rule, family: 4 | 6): string {
  let s = printRuleSpec(rule, family)
  if (rule.counters) s += `  [${counterText(rule.counters)}]`
  if (rule.span) s += `  @${rule.span.line}:${rule.span.column}`
  if (rule.notes?.length) s += `  # ${rule.notes.join(' | ')}`
  const unknown = rule.matches.some((m) => m.kind === 'module' && (!m.known || m.options.some((o) => !o.known))) || rule.target?.known === false
  if (unknown) s += '  (verbatim parts)'
  return s
}

export function summarizeParsed(parsed: ParsedInput, diagnostics: readonly Diagnostic[]): ParsedSummary {
  const rulesets: ParsedSummary['rulesets'] = {}
  for (const family of [4, 6] as const) {
    const r = parsed.rulesets[family]
    if (!r) continue
    const tables: Record<string, Record<string, ChainSummary>> = {}
    for (const t of r.tables) {
      const chains: Record<string, ChainSummary> = {}
      for (const c of t.chains) {
        const s: ChainSummary = { policy: c.policy ?? '-', rules: c.rules.map((rule) => ruleText(rule, family)) }
        if (c.counters) s.counters = counterText(c.counters)
        if (c.references !== undefined) s.references = c.references
        if (c.notes?.length) s.notes = c.notes
        chains[c.name] = s
      }
      tables[t.name] = chains
    }
    rulesets[String(family)] = tables
  }
  return {
    sections: parsed.sections.map(
      (s) =>
        `${s.startLine}-${s.endLine} ${s.form}${s.family ? ` v${s.family}` : ''}${s.table ? ` ${s.table}` : ''}${s.label ? ` "${s.label}"` : ''}${s.complete === false ? ' incomplete' : ''}`,
    ),
    diagnostics: diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`),
    configSources: parsed.configSources.map((c) => ({
      kind: c.kind,
      label: c.label ?? '',
      lines: `${c.startLine}-${c.endLine}`,
      entries: c.entries.map((e) => `${e.key}=${e.value} @${e.line}:${e.column}`),
    })),
    rulesets,
  }
}
