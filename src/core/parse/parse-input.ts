import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import type { ConfigSource, ParsedInput, Section } from '../model/input.ts'
import type { Family, Ruleset, TableName } from '../model/ruleset.ts'
import { classify, type LineKind } from './classify.ts'
import { CODES } from './codes.ts'
import { readConfigSource } from './config-sources.ts'
import { lastLineOf, logicalLines, placeInParts, type LogicalLine } from './logical-lines.ts'
import { readCommands } from './read-commands.ts'
import { readDump } from './read-dump.ts'
import { readListing } from './read-listing.ts'
import { applyOps, emptyState, replaceChains, replaceTable, stateFrom, toRuleset, type FamilyState, type Op } from './ruleset-state.ts'
import { segment, type SectionPlan } from './segment.ts'
import { checkJumps } from './check-jumps.ts'
import { fastDump, looksIPv6 } from './fast-dump.ts'
import { forgetSharedClauses, withoutFastRules } from './fast-rule.ts'

export interface ParseOptions {
  /** Keep at most this many diagnostics with the same code (the rest are summarised); default 200. */
  maxPerCode?: number
  /** Read everything with the general reader, never the fast paths for plain rules and clean dumps (tests compare the two). */
  noFastPath?: boolean
}

/**
 * What happened to the netfilter state along the paste, in order: a complete dump or listing shows the state
 * (replaces it; a listing or `-S` only its table), a rules file or a command list changes it.
 */
interface Event {
  family: Family
  kind: 'replace' | 'replace-table' | 'replace-chains' | 'apply' | 'fallback'
  /** How `apply` runs its operations: a command list exactly as iptables would, a rules file leniently. */
  mode?: 'program' | 'dump'
  ruleset?: Ruleset
  table?: TableName
  ops?: Op[]
  /** A clean-up sequence: failures are expected; one summary instead of one note per command. */
  cleanup?: { startLine: number; endLine: number }
}

/**
 * Reads any paste of iptables state and Istio configuration: dumps, restore files, `-S`, command lists, `-L`
 * listings, logs of istio-init / istio-cni / journald holding them, env files, Environment/Variables blocks and
 * istio-iptables command lines, one or several in one paste, damaged or not. Never throws; linear in the input.
 */
export function parseInput(text: string, options: ParseOptions = {}): WithDiagnostics<ParsedInput> {
  const diagnostics: Diagnostic[] = []
  try {
    const fast = options.noFastPath ? null : fastDump(text)
    if (fast) {
      if (fast.unresolvedJumps) checkJumps(fast.ruleset, diagnostics)
      const value: ParsedInput = { sections: [fast.section], rulesets: { [fast.ruleset.family]: fast.ruleset }, configSources: [] }
      return { value, diagnostics: capDiagnostics(diagnostics, options.maxPerCode ?? 200) }
    }
    const value = options.noFastPath ? withoutFastRules(() => parseInner(text, diagnostics)) : parseInner(text, diagnostics)
    return { value, diagnostics: capDiagnostics(diagnostics, options.maxPerCode ?? 200) }
  } catch (e) {
    // A bug must not take the editor down: report it as a diagnostic on line 1.
    diagnostics.push(diagnostic('IPT999', 'error', `internal parser error: ${e instanceof Error ? e.message : String(e)}`, 1))
    return { value: { sections: [], rulesets: {}, configSources: [] }, diagnostics }
  } finally {
    forgetSharedClauses()
  }
}

function parseInner(text: string, diagnostics: Diagnostic[]): ParsedInput {
  const lines = logicalLines(text, diagnostics)
  const kinds: LineKind[] = lines.map(classify)
  const { plans, unmet, covered } = segment(lines, kinds)
  labelBeforeAfter(plans)
  for (const u of unmet) {
    diagnostics.push(
      u.reason === 'empty'
        ? diagnostic(CODES.truncatedSection, 'info', `the log announces the ${u.label} here but shows no content: it was empty`, u.line.line, u.line.column)
        : diagnostic(CODES.truncatedSection, 'warning', `the log announces the ${u.label} here, but the paste ends before its content (cut off?)`, u.line.line, u.line.column),
    )
  }

  const sections: Section[] = []
  const configSources: ConfigSource[] = []
  const events: Event[] = []
  let nftReported = false
  for (const plan of plans) {
    const first = plan.lines[0]
    const last = plan.lines[plan.lines.length - 1]
    if (!first || !last) continue
    const section: Section = { form: plan.form, startLine: first.line, endLine: lastLineOf(last) }
    if (plan.label) section.label = plan.label
    const itemLines = plan.lines
    const itemKinds = plan.kinds
    switch (plan.form) {
      case 'iptables-save':
      case 'iptables-restore':
      case 'iptables-S': {
        const family: Family = plan.family ?? guessFamily(itemLines)
        if (family === 6 && section.label?.startsWith('iptables-save')) section.label = `ip6${section.label.slice(2)}`
        const dumpCtx: Parameters<typeof readDump>[2] = { family, save: plan.dump !== 'restore' }
        if (plan.table) dumpCtx.tableHint = plan.table
        const r = readDump(itemLines, itemKinds, dumpCtx, diagnostics)
        const state = emptyState(family)
        applyOps(state, r.ops, [])
        const ruleset = toRuleset(state, false)
        section.family = family
        section.complete = r.complete
        section.ruleset = ruleset
        if (r.inferred) section.table = r.inferred
        else if (plan.table) section.table = plan.table
        if (plan.dump === 'restore') events.push({ family, kind: 'apply', ops: r.ops })
        else if (plan.chain && r.complete) events.push({ family, kind: 'replace-chains', ruleset, table: section.table ?? r.tables[0] ?? 'filter' })
        else if (plan.form === 'iptables-S' || (plan.table && r.tables.length <= 1)) {
          const table = section.table ?? r.tables[0]
          if (table) events.push({ family, kind: r.complete ? 'replace-table' : 'fallback', ruleset, table })
        } else events.push({ family, kind: r.complete ? 'replace' : 'fallback', ruleset })
        break
      }
      case 'iptables-L': {
        const r = readListing(itemLines, itemKinds, { family: plan.family ?? null, table: plan.table ?? null }, diagnostics)
        const state = emptyState(r.family)
        applyOps(state, r.ops, [])
        const ruleset = toRuleset(state, false)
        section.family = r.family
        section.table = r.table
        section.complete = r.complete
        section.ruleset = ruleset
        events.push({ family: r.family, kind: !r.complete ? 'fallback' : plan.chain ? 'replace-chains' : 'replace-table', ruleset, table: r.table })
        break
      }
      case 'commands': {
        if (plan.restore) {
          section.family = plan.restore.family
          break
        }
        const r = readCommands(itemLines, itemKinds, diagnostics)
        if (r.cleanupOnly) section.label = 'clean-up commands'
        const families = [...r.ops.keys()]
        if (families.length === 1) section.family = families[0] as Family
        for (const [family, ops] of r.ops) {
          const e: Event = { family, kind: 'apply', ops, mode: 'program' }
          if (r.cleanupOnly) e.cleanup = { startLine: first.line, endLine: last.line }
          events.push(e)
        }
        break
      }
      case 'nft': {
        if (!nftReported) {
          diagnostics.push(
            diagnostic(
              CODES.nftRuleset,
              'error',
              '`nft list ruleset` output is not supported yet: paste `iptables-save` (or `iptables-nft-save`) output instead',
              first.line,
              first.column,
              { line: last.line, column: last.column + last.text.length },
            ),
          )
          nftReported = true
        }
        break
      }
      default: {
        const source = readConfigSource(plan, diagnostics)
        if (source) configSources.push(source)
      }
    }
    sections.push(section)
  }
  sections.push(...logSections(lines), ...proseSections(lines, kinds, covered))
  if (text.trim() !== '' && sections.every((s) => s.form === 'prose' || s.form === 'log')) {
    diagnostics.push(
      diagnostic(CODES.nothingRecognised, 'warning', 'no iptables rules, listing, command, log block or Istio configuration found in this text', 1, 1),
    )
  }
  sections.sort((a, b) => a.startLine - b.startLine || (a.form === 'log' ? -1 : b.form === 'log' ? 1 : 0))

  const rulesets: Partial<Record<Family, Ruleset>> = {}
  for (const family of [4, 6] as const) {
    const ruleset = resolveFamily(events.filter((e) => e.family === family), family, diagnostics)
    if (ruleset) {
      checkJumps(ruleset, diagnostics)
      rulesets[family] = ruleset
    }
  }
  placeInParts(lines, diagnostics)
  return { sections, rulesets, configSources }
}

/** The timeline of one family: complete dumps replace, programs apply on top, incomplete dumps only fill a gap. */
function resolveFamily(events: readonly Event[], family: Family, diagnostics: Diagnostic[]): Ruleset | null {
  if (events.length === 0) return null
  // One complete dump and nothing else (the usual paste): its ruleset is the result as it is.
  const only = events[0]
  if (events.length === 1 && only && only.kind === 'replace' && only.ruleset) return only.ruleset
  let state: FamilyState | null = null
  for (const e of events) {
    switch (e.kind) {
      case 'replace':
        state = stateFrom(e.ruleset as Ruleset)
        break
      case 'replace-table': {
        state ??= emptyState(family)
        replaceTable(state, e.ruleset as Ruleset, e.table as TableName)
        break
      }
      case 'replace-chains':
        state ??= emptyState(family)
        replaceChains(state, e.ruleset as Ruleset, e.table as TableName)
        break
      case 'fallback':
        if (!state) state = stateFrom(e.ruleset as Ruleset)
        break
      case 'apply': {
        state ??= emptyState(family)
        if (!e.cleanup) {
          applyOps(state, e.ops ?? [], diagnostics, e.mode)
          break
        }
        const local: Diagnostic[] = []
        applyOps(state, e.ops ?? [], local, e.mode)
        if (local.length) {
          diagnostics.push(
            diagnostic(
              CODES.commandNoEffect,
              'info',
              `clean-up: ${local.length} of ${e.ops?.length ?? 0} IPv${family} commands find nothing to remove here (lines ${e.cleanup.startLine}–${e.cleanup.endLine}); that is expected on a fresh host`,
              e.cleanup.startLine,
            ),
          )
        }
        break
      }
    }
  }
  return state ? toRuleset(state) : null
}

function guessFamily(lines: readonly LogicalLine[]): Family {
  for (const l of lines) if (looksIPv6(l.text)) return 6
  return 4
}

/** In a log with a rules file, a dump before it shows the state "before" and one after it the state "after". */
function labelBeforeAfter(plans: SectionPlan[]): void {
  const rulesFiles = plans.map((p, i) => (p.label?.endsWith('rules file') ? i : -1)).filter((i) => i >= 0)
  if (!rulesFiles.length) return
  const firstRules = rulesFiles[0] as number
  const lastRules = rulesFiles[rulesFiles.length - 1] as number
  plans.forEach((p, i) => {
    if (p.form !== 'iptables-save' || p.label?.includes('(')) return
    if (i < firstRules) p.label = `${p.label ?? 'iptables-save'} (before)`
    else if (i > lastRules) p.label = `${p.label ?? 'iptables-save'} (after)`
  })
}

/** One `log` section per run of log-prefixed lines, labelled by what wrote them. */
function logSections(lines: readonly LogicalLine[]): Section[] {
  const out: Section[] = []
  let start: LogicalLine | null = null
  let end: LogicalLine | null = null
  const kinds = new Set<string>()
  let cni = false
  const flush = () => {
    if (start && end) {
      const label = kinds.has('journald') || kinds.has('journald-iso')
        ? 'journald log'
        : cni
          ? 'istio-cni log'
          : kinds.has('istio') || kinds.has('json')
            ? 'istio-init log'
            : kinds.has('cri')
              ? 'container log (CRI)'
              : 'kubectl logs'
      out.push({ form: 'log', startLine: start.line, endLine: end.line, label })
    }
    start = null
    end = null
    kinds.clear()
    cni = false
  }
  for (const l of lines) {
    if (l.boundary) {
      flush()
      continue
    }
    if (!l.log && !l.notice) continue
    start ??= l
    end = l
    if (l.log) kinds.add(l.log)
    if (/Start iptables configuration for|\bcni\b/.test(l.text) && l.log) cni = cni || /configuration for/.test(l.text)
  }
  flush()
  return out
}

/** Runs of lines no section claimed (blank lines inside a run are kept; fences end it). */
function proseSections(lines: readonly LogicalLine[], kinds: readonly LineKind[], covered: Uint8Array): Section[] {
  const out: Section[] = []
  let start = -1
  let end = -1
  for (let i = 0; i <= lines.length; i++) {
    const l = lines[i]
    const k = kinds[i]
    const boundary = !l || !k || k.kind === 'boundary'
    const taken = covered[i] === 1
    const claimed = l !== undefined && (taken || k?.kind === 'blank' || k?.kind === 'notice' || (k?.kind === 'marker' && l.log !== undefined))
    if (boundary || taken) {
      if (start >= 0) out.push({ form: 'prose', startLine: (lines[start] as LogicalLine).line, endLine: (lines[end] as LogicalLine).line })
      start = -1
      continue
    }
    if (claimed) continue
    if (start < 0) start = i
    end = i
  }
  return out
}

/** Keeps the first `max` diagnostics of each code and says how many more there were. */
function capDiagnostics(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  const counts = new Map<string, number>()
  const out: Diagnostic[] = []
  for (const d of diagnostics) {
    const n = (counts.get(d.code) ?? 0) + 1
    counts.set(d.code, n)
    if (n <= max) out.push(d)
  }
  for (const [code, n] of counts) {
    if (n > max) out.push(diagnostic(code, 'info', `${n - max} more ${code} diagnostics not shown`, 1))
  }
  return out
}
