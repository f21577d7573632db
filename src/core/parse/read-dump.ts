import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { Span } from '../model/span.ts'
import { TABLE_NAMES, type Counters, type Family, type Policy, type Rule, type TableName } from '../model/ruleset.ts'
import { normalizeDashes, splitRuleWords } from '../text/rule-words.ts'
import type { LineKind } from './classify.ts'
import { CODES } from './codes.ts'
import { fastRule } from './fast-rule.ts'
import { inferTable } from './infer-table.ts'
import { readIptablesArgs } from './iptables-args.ts'
import type { LogicalLine } from './logical-lines.ts'
import { readRuleWords } from './read-rule-words.ts'
import { resolveDraft } from './resolve-draft.ts'
import type { Op } from './ruleset-state.ts'

/**
 * Reads an iptables-save dump, an iptables-restore file or `iptables -S` output (the same line grammar) into
 * operations. `#` lines become notes on the rule or chain that follows; a trailing `# …` on a rule line is a note on
 * that rule. A dump cut short (no COMMIT, `...` lines) is read as far as it goes and flagged incomplete.
 */
export interface DumpResult {
  ops: Op[]
  complete: boolean
  /** The table of a dump without `*table` lines, when it had to be inferred. */
  inferred?: TableName
  tables: TableName[]
  rules: number
}

export interface DumpContext {
  family: Family
  /** `-t` of the command that printed it (`iptables -t nat -S`), for dumps without `*table`. */
  tableHint?: TableName
  /** iptables-save output: chain declarations replace, never flush. */
  save: boolean
}

export function readDump(lines: readonly LogicalLine[], kinds: readonly LineKind[], ctx: DumpContext, diagnostics: Diagnostic[]): DumpResult {
  const ops: Op[] = []
  const tables: TableName[] = []
  let complete = true
  let current: TableName | null = null
  let openAt = 0
  let skipping = false
  let pendingNotes: string[] = []
  let lastRule: Rule | null = null
  let ruleCount = 0
  let inferred: TableName | undefined
  const hasTableLines = kinds.some((k) => k.kind === 'table')
  if (!hasTableLines) {
    let table: TableName
    if (ctx.tableHint) table = ctx.tableHint
    else {
      const guess = inferFromLines(lines, kinds)
      table = guess.table
      inferred = table
      const first = lines[0]
      if (first) diagnostics.push(diagnostic(CODES.tableInferred, 'info', `no *table line: read as the ${table} table (${guess.reason})`, first.line, first.column))
    }
    current = table
    tables.push(table)
    ops.push({ op: 'table', table, line: lines[0]?.line ?? 1 })
  }

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogicalLine
    const k = kinds[i] as LineKind
    if (k.kind === 'blank') continue
    const span: Span = { line: l.line, column: l.column, endLine: l.line, endColumn: l.column + l.text.trimEnd().length }
    switch (k.kind) {
      case 'save-header':
      case 'save-footer':
      case 'save-warning':
      case 'notice':
      case 'command':
      case 'marker':
        continue
      case 'elision':
        complete = false
        diagnostics.push(diagnostic(CODES.elided, 'warning', 'lines were left out of the paste here; the rules shown may be incomplete', l.line, l.column))
        continue
      case 'comment':
        pendingNotes.push(k.text)
        continue
      case 'table': {
        if (current !== null && hasTableLines) {
          complete = false
          diagnostics.push(diagnostic(CODES.missingCommit, 'warning', `*${current} (line ${openAt}) has no COMMIT before the next table`, l.line, l.column))
        }
        if (!(TABLE_NAMES as readonly string[]).includes(k.name)) {
          diagnostics.push(diagnostic(CODES.unknownTable, 'error', `unknown table "${k.name}" (raw, mangle, nat, filter, security); its lines are skipped`, l.line, l.column))
          current = null
          skipping = true
          continue
        }
        current = k.name as TableName
        skipping = false
        openAt = l.line
        if (!tables.includes(current)) tables.push(current)
        ops.push({ op: 'table', table: current, line: l.line })
        continue
      }
      case 'commit':
        if (current === null && !skipping) diagnostics.push(diagnostic(CODES.outsideTable, 'warning', 'COMMIT without a *table line before it', l.line, l.column))
        current = hasTableLines ? null : current
        skipping = false
        continue
      case 'chain-decl': {
        if (skipping) continue
        if (current === null) {
          diagnostics.push(diagnostic(CODES.outsideTable, 'error', 'chain declaration outside a *table … COMMIT block', l.line, l.column))
          continue
        }
        const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?\s*(.*)$/.exec(l.text.trim())
        if (!m) {
          diagnostics.push(diagnostic(CODES.unrecognisedLine, 'error', 'expected ":CHAIN POLICY [packets:bytes]"', l.line, l.column))
          continue
        }
        const policyText = m[2] as string
        if (policyText !== '-' && policyText !== 'ACCEPT' && policyText !== 'DROP') {
          diagnostics.push(diagnostic(CODES.invalidArgument, 'error', `policy "${policyText}" must be ACCEPT, DROP or - (user chain)`, l.line, l.column))
        }
        const op: Extract<Op, { op: 'declare' }> = {
          op: 'declare',
          table: current,
          chain: m[1] as string,
          policy: policyText === 'ACCEPT' || policyText === 'DROP' ? policyText : null,
          flush: !ctx.save,
          line: l.line,
          span,
        }
        if (m[3] !== undefined) op.counters = { packets: Number(m[3]), bytes: Number(m[4]) }
        const trailing = (m[5] as string).trim()
        if (trailing.startsWith('#')) pendingNotes.push(trailing.replace(/^#+\s?/, ''))
        else if (trailing) diagnostics.push(diagnostic(CODES.unexpectedWord, 'warning', `unexpected "${trailing}" after the chain declaration`, l.line, l.column))
        if (pendingNotes.length) {
          op.notes = pendingNotes
          pendingNotes = []
        }
        ops.push(op)
        continue
      }
      case 'rule': {
        if (skipping) continue
        const quick = current === null || pendingNotes.length ? null : fastAppend(l.text, current, ctx.family, span)
        if (quick) {
          lastRule = quick.rule
          ruleCount++
          // Consecutive rules of one chain (a dump lists each chain's rules together) share one operation.
          const prev = ops[ops.length - 1]
          if (prev && prev.op === 'append' && prev.chain === quick.chain && prev.table === current) prev.rules.push(quick.rule)
          else ops.push({ op: 'append', table: current as TableName, chain: quick.chain, rules: [quick.rule], line: l.line })
          continue
        }
        const rule = readRuleLine(l, current, ctx, diagnostics, span)
        if (!rule) continue
        if (rule.kind === 'table-needed') {
          diagnostics.push(diagnostic(CODES.outsideTable, 'error', 'rule outside a *table … COMMIT block', l.line, l.column))
          continue
        }
        const notes = [...pendingNotes, ...(rule.note ? [rule.note] : [])]
        pendingNotes = []
        if (rule.op.op === 'append' || rule.op.op === 'insert') {
          for (const r of rule.op.rules) {
            r.span = span
            if (notes.length) r.notes = notes
          }
          lastRule = rule.op.rules[rule.op.rules.length - 1] ?? lastRule
          ruleCount += rule.op.rules.length
        } else if ((rule.op.op === 'new' || rule.op.op === 'declare') && notes.length) {
          rule.op.notes = notes
        }
        ops.push(rule.op)
        continue
      }
      default:
        diagnostics.push(diagnostic(CODES.unrecognisedLine, 'error', `not an iptables-save/restore line: "${l.text.trim().slice(0, 60)}"`, l.line, l.column))
    }
  }
  if (current !== null && hasTableLines) {
    complete = false
    const last = lines[lines.length - 1]
    diagnostics.push(diagnostic(CODES.missingCommit, 'warning', `*${current} has no COMMIT: the dump looks cut short; its rules so far are kept`, last?.line ?? openAt, 1))
  }
  if (pendingNotes.length && lastRule) lastRule.notes = [...(lastRule.notes ?? []), ...pendingNotes]
  const result: DumpResult = { ops, complete, tables, rules: ruleCount }
  if (inferred) result.inferred = inferred
  return result
}

/** `[p:b] -A CHAIN …` in iptables-save's plain grammar, read by fastRule; null sends the line to the general reader. */
function fastAppend(text: string, table: TableName, family: Family, span: Span): { chain: string; rule: Rule } | null {
  let i = 0
  while (text.charCodeAt(i) === 32) i++
  let counters: Counters | undefined
  if (text.charCodeAt(i) === 91) {
    const close = text.indexOf('] ', i)
    const m = close < 0 ? null : /^\[(\d+):(\d+)$/.exec(text.slice(i, close))
    if (!m) return null
    counters = { packets: Number(m[1]), bytes: Number(m[2]) }
    i = close + 2
  }
  if (!text.startsWith('-A ', i)) return null
  const chainEnd = text.indexOf(' ', i + 3)
  const chain = chainEnd < 0 ? text.slice(i + 3).trimEnd() : text.slice(i + 3, chainEnd)
  if (chain === '') return null
  const rule = fastRule(text, chainEnd < 0 ? text.length : chainEnd, text.length, family, table, chain, span, counters)
  if (!rule) return null
  return { chain, rule }
}

type RuleLine = { kind: 'op'; op: Op; note?: string } | { kind: 'table-needed' }

function readRuleLine(l: LogicalLine, table: TableName | null, ctx: DumpContext, diagnostics: Diagnostic[], span: Span): RuleLine | null {
  const split = splitRuleWords(l.text, 'restore')
  let words = split.words
  let counters: Counters | undefined
  const first = words[0]
  const cm = first ? /^\[(\d+):(\d+)\]$/.exec(first.text) : null
  if (cm) {
    counters = { packets: Number(cm[1]), bytes: Number(cm[2]) }
    words = words.slice(1)
  }
  if (split.singleQuoted) {
    diagnostics.push(diagnostic(CODES.singleQuotes, 'warning', "iptables-restore does not treat ' as a quote; the quoted text is read as one word", l.line, l.column))
  }
  if (split.unterminated) diagnostics.push(diagnostic(CODES.invalidArgument, 'error', 'unterminated quote', l.line, l.column))
  if (split.typographic || words.some((w) => !w.quoted && normalizeDashes(w.text) !== w.text)) {
    diagnostics.push(diagnostic(CODES.typographic, 'info', 'typographic dashes or quotes read as -- and "', l.line, l.column))
  }
  const args = readIptablesArgs(words)
  for (const p of args.problems) diagnostics.push(diagnostic(CODES.missingArgument, 'error', p, l.line, l.column))
  const tableName = (args.table ?? table) as TableName | null
  // `-t ""` names a table too (an empty one, which iptables refuses): only a missing -t falls back to the section's.
  if (args.table != null && !(TABLE_NAMES as readonly string[]).includes(args.table)) {
    diagnostics.push(diagnostic(CODES.unknownTable, 'error', `unknown table "${args.table}"`, l.line, l.column))
    return null
  }
  if (tableName === null) return { kind: 'table-needed' }
  const chain = args.chain ?? ''
  const note = split.comment?.text
  const withNote = (op: Op): RuleLine => (note ? { kind: 'op', op, note } : { kind: 'op', op })
  const line = l.line
  const readRules = (): Rule[] => {
    const { draft, diagnostics: d1 } = readRuleWords(args.ruleWords, { family: ctx.family, line, column: l.column })
    diagnostics.push(...d1)
    if (counters && !draft.counters) draft.counters = counters
    const { rules, diagnostics: d2 } = resolveDraft(draft, { family: ctx.family, line, table: tableName, chain })
    for (const d of d2) if (d.column === 1) d.column = l.column
    diagnostics.push(...d2)
    return rules
  }
  const noRuleWords = () => {
    if (args.ruleWords.length) {
      const w = args.ruleWords[0]
      diagnostics.push(diagnostic(CODES.unexpectedWord, 'error', `unexpected "${w?.text ?? ''}" after -${args.command}`, l.line, l.column + (w?.start ?? 0)))
    }
  }
  switch (args.command) {
    case 'A':
      return withNote({ op: 'append', table: tableName, chain, rules: readRules(), line })
    case 'I':
      return withNote({ op: 'insert', table: tableName, chain, index: args.number ?? 1, rules: readRules(), line })
    case 'D':
      if (args.number !== null) {
        noRuleWords()
        return withNote({ op: 'delete', table: tableName, chain, index: args.number, line })
      }
      return withNote({ op: 'delete', table: tableName, chain, rule: readRules()[0] as Rule, line })
    case 'R': {
      const rule = readRules()[0]
      return rule ? withNote({ op: 'replace', table: tableName, chain, index: args.number ?? 1, rule, line }) : null
    }
    case 'N':
      noRuleWords()
      // iptables -S lists every user chain as -N; a dump never means "fail if it exists".
      return ctx.save
        ? withNote({ op: 'declare', table: tableName, chain, policy: null, flush: false, line, span })
        : withNote({ op: 'new', table: tableName, chain, line, span })
    case 'X':
      noRuleWords()
      return withNote({ op: 'delete-chain', table: tableName, chain: args.chain, line })
    case 'F':
      noRuleWords()
      return withNote({ op: 'flush', table: tableName, chain: args.chain, line })
    case 'P': {
      const policy = args.second
      if (policy !== 'ACCEPT' && policy !== 'DROP') {
        diagnostics.push(diagnostic(CODES.invalidArgument, 'error', `policy "${policy ?? ''}" must be ACCEPT or DROP`, l.line, l.column))
        return null
      }
      const { draft } = readRuleWords(args.ruleWords, { family: ctx.family, line, column: l.column })
      const op: Op = { op: 'policy', table: tableName, chain, policy: policy as Policy, line }
      if (draft.counters) op.counters = draft.counters
      else if (counters) op.counters = counters
      return withNote(op)
    }
    case 'E':
      noRuleWords()
      return withNote({ op: 'rename', table: tableName, chain, to: args.second ?? '', line })
    case 'Z':
    case 'C':
    case 'L':
    case 'S':
      diagnostics.push(diagnostic(CODES.commandIgnored, 'info', `-${args.command} does not change the rules; ignored`, l.line, l.column))
      return null
    default:
      diagnostics.push(diagnostic(CODES.unrecognisedLine, 'error', 'a rule line needs a command such as -A CHAIN', l.line, l.column))
      return null
  }
}

function inferFromLines(lines: readonly LogicalLine[], kinds: readonly LineKind[]): { table: TableName; reason: string } {
  const chains = new Set<string>()
  const targets = new Set<string>()
  for (let i = 0; i < lines.length; i++) {
    const k = kinds[i] as LineKind
    const t = (lines[i] as LogicalLine).text.trim()
    if (k.kind === 'chain-decl') chains.add(t.slice(1).split(/\s+/)[0] as string)
    if (k.kind !== 'rule') continue
    const words = t.replace(/^\[\d+:\d+\]\s+/, '').split(/\s+/)
    if (words[1]) chains.add(words[1])
    const j = words.findIndex((w) => w === '-j' || w === '--jump')
    if (j >= 0 && words[j + 1]) targets.add(words[j + 1] as string)
  }
  return inferTable(chains, targets)
}
