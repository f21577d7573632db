import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { Span } from '../model/span.ts'
import { TABLE_NAMES, type Family, type Policy, type Rule, type TableName } from '../model/ruleset.ts'
import type { LineKind } from './classify.ts'
import { CODES } from './codes.ts'
import type { IptablesArgs } from './iptables-args.ts'
import type { LogicalLine } from './logical-lines.ts'
import type { RuleWord } from '../text/rule-words.ts'
import { fastRule } from './fast-rule.ts'
import { readRuleWords } from './read-rule-words.ts'
import { resolveDraft } from './resolve-draft.ts'
import type { Op } from './ruleset-state.ts'

/**
 * A list of `iptables …` / `ip6tables …` commands is a program: each command becomes an operation on its family's
 * state, applied in order. `#` lines and trailing `# …` comments become notes of the rule that follows or carries them.
 */
export interface CommandsResult {
  ops: Map<Family, Op[]>
  /** Only rule deletions, flushes and chain deletions: a clean-up sequence. */
  cleanupOnly: boolean
  count: number
}

export function readCommands(lines: readonly LogicalLine[], kinds: readonly LineKind[], diagnostics: Diagnostic[]): CommandsResult {
  const ops = new Map<Family, Op[]>()
  let pending: string[] = []
  let cleanupOnly = true
  let count = 0
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogicalLine
    const k = kinds[i] as LineKind
    if (k.kind === 'comment') {
      pending.push(k.text)
      continue
    }
    if (k.kind !== 'command' || !k.args || k.detected.program !== 'iptables') continue
    const family = k.detected.family
    const list = ops.get(family) ?? []
    ops.set(family, list)
    const op = commandOp(l, k.args, family, diagnostics, pending, k.detected.comment)
    pending = []
    if (!op) continue
    count++
    if (op.op !== 'delete' && op.op !== 'flush' && op.op !== 'delete-chain') cleanupOnly = false
    list.push(op)
  }
  return { ops, cleanupOnly: cleanupOnly && count > 0, count }
}

/**
 * A rule spec written as plain words (no quotes, no escapes: each word is the text of the line where it stands) reads
 * the same in a shell as in a rules file, so fastRule can take it in place; it declines anything it would not read
 * exactly as the general reader does, diagnostics included.
 */
function fastCommandRule(text: string, words: readonly RuleWord[], family: Family, table: TableName, chain: string, span: Span): Rule | null {
  const first = words[0]
  const last = words[words.length - 1]
  if (!first || !last || chain === '') return null
  for (const w of words) if (w.quoted || w.end - w.start !== w.text.length) return null
  // Word offsets count from the trimmed line (classify's view of it).
  const lead = text.length - text.trimStart().length
  if (!text.startsWith(first.text, first.start + lead)) return null
  return fastRule(text, first.start + lead, last.end + lead, family, table, chain, span)
}

function commandOp(l: LogicalLine, args: IptablesArgs, family: Family, diagnostics: Diagnostic[], notes: string[], trailing: string | null): Op | null {
  const report = (code: string, severity: 'error' | 'warning' | 'info', message: string) =>
    diagnostics.push(diagnostic(code, severity, message, l.line, l.column + (args.commandWord?.start ?? 0)))
  for (const p of args.problems) report(CODES.missingArgument, 'error', p)
  const tableText = args.table ?? 'filter'
  if (!(TABLE_NAMES as readonly string[]).includes(tableText)) {
    report(CODES.unknownTable, 'error', `unknown table "${tableText}"`)
    return null
  }
  const table = tableText as TableName
  const chain = args.chain ?? ''
  const line = l.line
  const allNotes = trailing ? [...notes, trailing] : notes
  const span: Span = { line, column: l.column, endLine: line, endColumn: l.column + l.text.trimEnd().length }
  let refused = false
  const rules = (): Rule[] => {
    const fast = fastCommandRule(l.text, args.ruleWords, family, table, chain, span)
    if (fast) {
      if (allNotes.length) fast.notes = [...allNotes]
      return [fast]
    }
    const { draft, diagnostics: d1 } = readRuleWords(args.ruleWords, { family, line, column: l.column })
    const { rules: out, diagnostics: d2 } = resolveDraft(draft, { family, line, table, chain })
    for (const d of d2) if (d.column === 1) d.column = l.column
    // One bad command does not stop a script: iptables refuses it and the next line runs.
    for (const d of [...d1, ...d2]) {
      if (d.severity === 'error') {
        refused = true
        d.severity = 'warning'
        d.message += '; iptables refuses this command, so it changes nothing'
      }
      diagnostics.push(d)
    }
    for (const r of out) {
      r.span = span
      if (allNotes.length) r.notes = [...allNotes]
    }
    return out
  }
  const extra = () => {
    if (args.ruleWords.length) report(CODES.unexpectedWord, 'error', `unexpected "${args.ruleWords[0]?.text ?? ''}" after -${args.command}`)
  }
  switch (args.command) {
    case 'A': {
      const op: Op = { op: 'append', table, chain, rules: rules(), line }
      return refused ? null : op
    }
    case 'I': {
      const op: Op = { op: 'insert', table, chain, index: args.number ?? 1, rules: rules(), line }
      return refused ? null : op
    }
    case 'D': {
      if (args.number !== null) {
        extra()
        return { op: 'delete', table, chain, index: args.number, line }
      }
      const op: Op = { op: 'delete', table, chain, rule: rules()[0] as Rule, line }
      return refused ? null : op
    }
    case 'R': {
      const r = rules()[0]
      return r && !refused ? { op: 'replace', table, chain, index: args.number ?? 1, rule: r, line } : null
    }
    case 'N': {
      extra()
      const op: Op = { op: 'new', table, chain, line, span }
      if (allNotes.length) op.notes = allNotes
      return op
    }
    case 'X':
      extra()
      return { op: 'delete-chain', table, chain: args.chain, line }
    case 'F':
      extra()
      return { op: 'flush', table, chain: args.chain, line }
    case 'P':
      if (args.second !== 'ACCEPT' && args.second !== 'DROP') {
        report(CODES.invalidArgument, 'error', `policy "${args.second ?? ''}" must be ACCEPT or DROP`)
        return null
      }
      return { op: 'policy', table, chain, policy: args.second as Policy, line }
    case 'E':
      extra()
      return { op: 'rename', table, chain, to: args.second ?? '', line }
    default:
      report(CODES.commandIgnored, 'info', `iptables -${args.command ?? '?'} does not change the rules; read as context only`)
      return null
  }
}
