import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import { splitLines } from '../text/lines.ts'
import { isJournalNotice, matchLogPrefix, type LogPrefixKind } from '../text/log-prefix.ts'
import { hasHtml, peelMarkup } from '../text/markup.ts'
import { CODES } from './codes.ts'

/**
 * The paste as the lines a program wrote: markup peeled off, log prefixes stripped, JSON log messages expanded into
 * their lines. Each logical line remembers where its text starts in the paste, so diagnostics point at the
 * original line and column.
 */
export interface LogicalLine {
  text: string
  /** 1-based line in the paste. */
  line: number
  /** 1-based column in that line where `text` starts. */
  column: number
  /** A fence, shortcode or `<pre>` line: sections never run across it. */
  boundary?: boolean
  /** The outermost log prefix that was stripped, if any. */
  log?: LogPrefixKind | 'json'
  /** Level of a structured log line (`info`), when the prefix had one. */
  level?: string
  /** journalctl's own `-- Logs begin at …` lines. */
  notice?: boolean
  /** For a line joined from `\`-continued lines: each physical piece, so positions inside it can be told apart. */
  parts?: { text: string; line: number; column: number }[]
  /** For a line joined from several physical lines (`\` continuations, CRI partial lines): where each piece starts in `text`. */
  pieces?: { at: number; line: number; column: number }[]
}

export function logicalLines(input: string, diagnostics: Diagnostic[]): LogicalLine[] {
  const physical = splitLines(input)
  const html = hasHtml(input)
  const out: LogicalLine[] = []
  let pending: LogicalLine | null = null
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] as string
    const lineNo = i + 1
    // The lines of a dump (`-A …`, `:CHAIN …`, `*nat`) carry no markup or log prefix: the common case of a
    // 100 000-line paste takes no regex here.
    const c0 = raw.charCodeAt(0)
    if (!html && !pending && (c0 === 45 /* - */ || c0 === 58 /* : */ || c0 === 42 /* * */) && !(c0 === 45 && raw.startsWith('-- '))) {
      out.push({ text: raw, line: lineNo, column: 1 })
      continue
    }
    const peeled = peelMarkup(raw, html)
    if (peeled.kind === 'boundary') {
      out.push({ text: '', line: lineNo, column: 1, boundary: true })
      continue
    }
    let text = peeled.text
    let column = 1 + peeled.offset
    let kind: LogicalLine['log']
    let level: string | undefined
    let partial = false
    for (let depth = 0; depth < 4; depth++) {
      const lead = leadingBlanks(text)
      const p = matchLogPrefix(text.slice(lead))
      if (!p) break
      kind ??= p.kind
      if (p.level) level = p.level
      if (p.partial) partial = true
      text = text.slice(lead + p.length)
      column += lead + p.length
    }
    const trimmed = text.trim()
    if (trimmed.charCodeAt(0) === 123 && trimmed.endsWith('}') && /"(?:msg|message|log)"\s*:/.test(trimmed)) {
      const expanded = expandJson(trimmed, lineNo, column + text.indexOf('{'), diagnostics)
      if (expanded) {
        out.push(...expanded)
        continue
      }
    }
    const l: LogicalLine = { text, line: lineNo, column }
    if (kind) l.log = kind
    if (level) l.level = level
    if (trimmed.startsWith('-- ') && isJournalNotice(trimmed)) l.notice = true
    // CRI splits long lines into `P` parts; the next line completes them.
    if (pending) {
      ;(pending.pieces ??= [{ at: 0, line: pending.line, column: pending.column }]).push({ at: pending.text.length, line: lineNo, column })
      pending.text += text
      if (!partial) {
        out.push(pending)
        pending = null
      }
      continue
    }
    if (partial) {
      diagnostics.push(diagnostic(CODES.joinedPartialLines, 'info', 'CRI partial line (P) joined with the next one', lineNo, 1))
      pending = l
      continue
    }
    out.push(l)
  }
  if (pending) out.push(pending)
  return joinContinuations(out)
}

/**
 * A shell line ending in `\` continues on the next one (`iptables -t nat -A OUTPUT \` / `  -p tcp …`): the two
 * become one logical line at the first line's position, so a command keeps all its words.
 */
function joinContinuations(lines: LogicalLine[]): LogicalLine[] {
  const out: LogicalLine[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogicalLine
    if (!endsWithBackslash(l.text) || i + 1 >= lines.length || (lines[i + 1] as LogicalLine).boundary) {
      out.push(l)
      continue
    }
    // Pieces are collected and joined once: a long run of continued lines must not be copied line after line.
    const parts: NonNullable<LogicalLine['parts']> = [{ text: stripBackslash(l.text), line: l.line, column: l.column }]
    const pieces: NonNullable<LogicalLine['pieces']> = l.pieces ? [...l.pieces] : [{ at: 0, line: l.line, column: l.column }]
    let at = (parts[0] as (typeof parts)[number]).text.length + 1
    let last = l
    // A real command continues over a few dozen lines at most; a run of thousands is not one command.
    while (endsWithBackslash(last.text) && parts.length < 256 && i + 1 < lines.length && !(lines[i + 1] as LogicalLine).boundary) {
      const next = lines[++i] as LogicalLine
      const lead = next.text.length - next.text.trimStart().length
      const part = { text: stripBackslash(next.text.trimStart()), line: next.line, column: next.column + lead }
      parts.push(part)
      pieces.push({ at, line: part.line, column: part.column })
      // The next line may itself be joined from CRI partial lines.
      for (const p of next.pieces?.slice(1) ?? []) if (p.at >= lead) pieces.push({ at: at + p.at - lead, line: p.line, column: p.column })
      at += part.text.length + 1
      last = next
    }
    const j = joined(l, parts.map((p) => p.text).join(' '), parts)
    j.pieces = pieces
    out.push(j)
  }
  return out
}

/** `l` with the text of its joined pieces; fields copied by name, since V8 copies a spread object slowly. */
function joined(l: LogicalLine, text: string, parts: NonNullable<LogicalLine['parts']>): LogicalLine {
  const j: LogicalLine = { text, line: l.line, column: l.column, parts }
  if (l.log !== undefined) j.log = l.log
  if (l.level !== undefined) j.level = l.level
  if (l.notice !== undefined) j.notice = l.notice
  return j
}

function leadingBlanks(text: string): number {
  let i = 0
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
  return i
}

/**
 * A JSON log record (Istio's `--log_as_json`, docker's json-file): its message becomes one logical line per `\n`.
 * Columns point at the start of the message in the paste (escapes make exact columns inside it impractical).
 */
function expandJson(text: string, line: number, column: number, diagnostics: Diagnostic[]): LogicalLine[] | null {
  let record: unknown
  try {
    record = JSON.parse(text)
  } catch {
    diagnostics.push(diagnostic(CODES.badJsonLine, 'warning', 'this line looks like a JSON log record but is not valid JSON; read as text', line, column))
    return null
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return null
  const r = record as Record<string, unknown>
  const message = [r.msg, r.message, r.log].find((v): v is string => typeof v === 'string')
  if (message === undefined) return null
  const level = typeof r.level === 'string' ? r.level.toLowerCase() : undefined
  const key = typeof r.msg === 'string' ? '"msg"' : typeof r.message === 'string' ? '"message"' : '"log"'
  const at = column + Math.max(0, text.indexOf(key)) + key.length + 2
  const parts = message.replace(/\n$/, '').split(/\r?\n/)
  return parts.map((part) => {
    const l: LogicalLine = { text: part, line, column: at, log: 'json' }
    if (level) l.level = level
    return l
  })
}

function stripBackslash(text: string): string {
  return endsWithBackslash(text) ? text.slice(0, text.lastIndexOf('\\')) : text
}

/** A trailing `\` (not an escaped `\\`), blanks after it allowed. */
function endsWithBackslash(text: string): boolean {
  let j = text.length - 1
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--
  return j >= 0 && text.charCodeAt(j) === 92 && (j === 0 || text.charCodeAt(j - 1) !== 92)
}

/**
 * Readers report positions in a joined line (a `\`-continued command, CRI partial lines) as offsets into the joined
 * text, on its first line; this moves each such diagnostic to the physical line and column the offset falls in, so
 * the editor marks the right place.
 */
export function placeInParts(lines: readonly LogicalLine[], diagnostics: Diagnostic[]): void {
  let joinedAt: Map<number, LogicalLine> | null = null
  for (const l of lines) if (l.pieces && l.pieces.length > 1) (joinedAt ??= new Map()).set(l.line, l)
  if (!joinedAt) return
  for (const d of diagnostics) {
    const l = joinedAt.get(d.line)
    if (!l) continue
    const end = d.endColumn !== undefined && (d.endLine ?? d.line) === d.line ? placeIn(l, d.endColumn) : null
    const start = placeIn(l, d.column)
    d.line = start.line
    d.column = start.column
    if (end) {
      d.endLine = end.line
      d.endColumn = end.column
    }
  }
}

function placeIn(l: LogicalLine, column: number): { line: number; column: number } {
  const offset = column - l.column
  if (offset < 0) return { line: l.line, column }
  let piece = (l.pieces as NonNullable<LogicalLine['pieces']>)[0] as { at: number; line: number; column: number }
  for (const p of l.pieces ?? []) if (p.at <= offset) piece = p
  return { line: piece.line, column: piece.column + offset - piece.at }
}

/** The last physical line a logical line covers (a command continued with a trailing backslash spans several). */
export function lastLineOf(l: LogicalLine): number {
  return l.parts?.[l.parts.length - 1]?.line ?? l.line
}
