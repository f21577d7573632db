import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { Span } from '../model/span.ts'
import type { Counters, Family, Policy, Rule, TableName } from '../model/ruleset.ts'
import { CODES } from './codes.ts'
import { inferTable } from './infer-table.ts'
import type { LineKind } from './classify.ts'
import { decodeListingText } from './listing-text.ts'
import { addressFamily, counterValue, readColumns, type Layout, type RowColumns, type Word } from './listing-row.ts'
import type { LogicalLine } from './logical-lines.ts'
import { resolveDraft } from './resolve-draft.ts'
import { emptyDraft, type RuleDraft } from './rule-draft.ts'
import type { Op } from './ruleset-state.ts'

/**
 * Reads `iptables [-t T] -L [CHAIN] [-v] [-n] [-x] [--line-numbers]` output back into chains and rules, as close to
 * what `iptables -S` would show as the listing allows. Works line by line, and on a listing collapsed onto a single
 * line (blank lines and line breaks lost) by cutting it at chain headers, column headers, `#` notes and row shapes.
 * `# …` annotations attach to the rule they follow on the same line, else to the chain header or rule after them.
 */
export interface ListingResult {
  ops: Op[]
  table: TableName
  family: Family
  complete: boolean
  rules: number
}

export interface ListingContext {
  family: Family | null
  table: TableName | null
}

interface ChainItem {
  kind: 'chain'
  name: string
  notes: string[]
  policy: Policy | null
  counters?: Counters
  references?: number
  line: number
  span: Span
}
interface HeaderItem {
  kind: 'header'
  layout: Layout
}
interface RowItem {
  kind: 'row'
  cols: RowColumns
  /** Text after the destination column. */
  rest: string
  restColumn: number
  line: number
  span: Span
  notes: string[]
}
interface NoteItem {
  kind: 'note'
  text: string
  /** Written on the same line right after a row. */
  trailing: boolean
  /** On a line of its own layout (not a collapsed listing): a trailing note surely labels its row. */
  definite: boolean
}
type Item = ChainItem | HeaderItem | RowItem | NoteItem

const CHAIN_AT = /Chain\s+(\S+)\s+\((?:policy\s+([A-Z]+)(?:\s+(\S+)\s+packets?,\s+(\S+)\s+bytes)?|(\d+)\s+references?)\)/g
const HEADER_AT = /(?:num\s+)?(?:pkts\s+bytes\s+)?target\s+prot\s+opt\s+(?:in\s+out\s+)?source\s+destination/g

export function readListing(lines: readonly LogicalLine[], kinds: readonly LineKind[], ctx: ListingContext, diagnostics: Diagnostic[]): ListingResult {
  const items: Item[] = []
  let layout: Layout = { num: false, counters: false, inOut: false }
  let sawHeader = false
  let complete = true
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogicalLine
    const k = kinds[i] as LineKind
    if (k.kind === 'blank' || k.kind === 'boundary' || k.kind === 'notice') continue
    if (k.kind === 'elision') {
      complete = false
      diagnostics.push(diagnostic(CODES.elided, 'warning', 'lines were left out of the listing here; the rules shown may be incomplete', l.line, l.column))
      continue
    }
    if (k.kind === 'comment') {
      items.push({ kind: 'note', text: k.text, trailing: false, definite: true })
      continue
    }
    if (k.kind === 'command') continue
    const before = items.length
    scanLine(l, layout, sawHeader, items, diagnostics)
    for (let j = before; j < items.length; j++) {
      const it = items[j] as Item
      if (it.kind === 'header') {
        layout = it.layout
        sawHeader = true
      }
    }
  }

  // The table: from the command that printed the listing, else from its chains and targets.
  const chainNames = new Set<string>()
  const targets = new Set<string>()
  let family: Family | null = ctx.family
  for (const it of items) {
    if (it.kind === 'chain') chainNames.add(it.name)
    if (it.kind === 'row') {
      if (it.cols.target) targets.add(it.cols.target)
      family ??= addressFamily(it.cols.source, it.cols.destination)
    }
  }
  family ??= 4
  let table = ctx.table
  if (!table) {
    const inferred = inferTable(chainNames, targets)
    table = inferred.table
    const first = lines[0]
    diagnostics.push(diagnostic(CODES.tableInferred, 'info', `listing without -t: read as the ${table} table (${inferred.reason})`, first?.line ?? 1, first?.column ?? 1))
  }

  attachNotes(items)
  const ops: Op[] = [{ op: 'table', table, line: lines[0]?.line ?? 1 }]
  let chain: string | null = null
  let rules = 0
  let approximate = false
  for (const it of items) {
    if (it.kind === 'note' || it.kind === 'header') continue
    if (it.kind === 'chain') {
      chain = it.name
      const op: Extract<Op, { op: 'declare' }> = { op: 'declare', table, chain: it.name, policy: it.policy, flush: false, line: it.line, span: it.span }
      if (it.counters) {
        op.counters = it.counters
        approximate ||= it.counters.approximate === true
      }
      if (it.references !== undefined) op.references = it.references
      if (it.notes.length) op.notes = it.notes
      ops.push(op)
      continue
    }
    if (chain === null) {
      diagnostics.push(diagnostic(CODES.badListingRow, 'error', 'a listing row before any "Chain …" header; skipped', it.line, it.span.column))
      continue
    }
    const rule = rowRule(it, family, table, chain, diagnostics)
    if (rule) {
      if (rule.counters?.approximate) approximate = true
      ops.push({ op: 'append', table, chain, rules: [rule], line: it.line })
      rules++
    }
  }
  if (rules > 0 && !items.some((it) => it.kind === 'header' && it.layout.inOut)) {
    const first = lines[0]
    diagnostics.push(
      diagnostic(CODES.interfacesHidden, 'info', 'iptables -L without -v does not show interfaces: rules that match -i/-o appear here without them', first?.line ?? 1, first?.column ?? 1),
    )
  }
  if (approximate) {
    const first = lines[0]
    diagnostics.push(diagnostic(CODES.approximateCounters, 'info', 'counters with K/M/G suffixes are rounded (use iptables -L -x for exact numbers)', first?.line ?? 1, first?.column ?? 1))
  }
  return { ops, table, family, complete, rules }
}

/**
 * A note right after a row on its line labels that row (`… #规则 1`) — in a collapsed listing only when no chain
 * header follows it; any other note introduces what comes next. Notes after the last row stay with it.
 */
function attachNotes(items: readonly Item[]): void {
  let pending: string[] = []
  let lastRow: RowItem | null = null
  for (let j = 0; j < items.length; j++) {
    const it = items[j] as Item
    if (it.kind === 'note') {
      // In a collapsed listing a note before a chain header introduces that chain, even right after a row.
      if (it.trailing && lastRow && (it.definite || items[j + 1]?.kind !== 'chain')) lastRow.notes.push(it.text)
      else pending.push(it.text)
    } else if (it.kind === 'chain') {
      it.notes.push(...pending)
      pending = []
      lastRow = null
    } else if (it.kind === 'row') {
      it.notes.unshift(...pending)
      pending = []
      lastRow = it
    }
  }
  if (lastRow) lastRow.notes.push(...pending)
}

function rowRule(row: RowItem, family: Family, table: TableName, chain: string, diagnostics: Diagnostic[]): Rule | null {
  const draft: RuleDraft = emptyDraft()
  const c = row.cols
  const col = row.span.column
  const prot = c.prot.startsWith('!') ? { negated: true, value: c.prot.slice(1) } : { negated: false, value: c.prot }
  if (prot.value !== 'all' && prot.value !== '0') draft.base.push({ option: '-p', negated: prot.negated, value: prot.value, column: col })
  if (c.opt === '-f' || c.opt === '!f') draft.base.push({ option: '-f', negated: c.opt === '!f', value: '', column: col })
  for (const [option, value] of [['-i', c.in], ['-o', c.out]] as const) {
    if (value === undefined || value === 'any' || value === '*') continue
    const negated = value.startsWith('!')
    draft.base.push({ option, negated, value: negated ? value.slice(1) : value, column: col })
  }
  for (const [option, value] of [['-s', c.source], ['-d', c.destination]] as const) {
    if (value === 'anywhere' || value === '0.0.0.0/0' || value === '::/0') continue
    const negated = value.startsWith('!')
    draft.base.push({ option, negated, value: negated ? value.slice(1) : value, column: col })
  }
  const decoded = decodeListingText(row.rest, row.restColumn, c.target, diagnostics, row.line)
  draft.modules = decoded.modules
  if (c.target) {
    draft.target = { kind: decoded.goto ? 'goto' : 'jump', name: decoded.rename ?? c.target, options: decoded.targetOptions, column: col }
    if (decoded.targetVerbatim !== undefined) draft.target.verbatim = decoded.targetVerbatim
  }
  if (c.pkts !== undefined && c.bytes !== undefined) {
    const p = counterValue(c.pkts)
    const b = counterValue(c.bytes)
    draft.counters = { packets: p.value, bytes: b.value }
    if (p.approximate || b.approximate) draft.counters.approximate = true
  }
  const { rules, diagnostics: d } = resolveDraft(draft, { family, line: row.line, table, chain })
  diagnostics.push(...d)
  const rule = rules[0]
  if (!rule) return null
  rule.span = row.span
  if (row.notes.length) rule.notes = row.notes
  return rule
}

/** Words of a line, also cut where a chain header is glued to the text before it (`15001Chain ISTIO_OUTPUT (…)`). */
function wordsOf(text: string): Word[] {
  const cuts = new Set<number>()
  CHAIN_AT.lastIndex = 0
  for (let m = CHAIN_AT.exec(text); m; m = CHAIN_AT.exec(text)) cuts.add(m.index)
  const words: Word[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
    if (i >= text.length) break
    const start = i
    i++
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t' && !cuts.has(i)) i++
    words.push({ text: text.slice(start, i), start, end: i })
  }
  return words
}

function headerLayout(text: string): Layout {
  return { num: /^\s*num\b/.test(text), counters: /\bpkts\s+bytes\b/.test(text), inOut: /\bin\s+out\b/.test(text) }
}

/**
 * Cuts one line into items. A normal line is one item; a line holding several (collapsed listing, glued chain
 * header) is cut at chain headers, column headers, notes and row shapes.
 */
function scanLine(l: LogicalLine, initial: Layout, sawHeader: boolean, items: Item[], diagnostics: Diagnostic[]): void {
  const text = l.text
  const words = wordsOf(text)
  let layout = initial
  let requireOpt = sawHeader
  let p = 0
  let lastWasRow = false
  const spanOf = (from: number, to: number): Span => ({ line: l.line, column: l.column + from, endLine: l.line, endColumn: l.column + to })

  const chainAt = (q: number): RegExpExecArray | null => {
    const w = words[q]
    if (!w || !w.text.startsWith('Chain')) return null
    CHAIN_AT.lastIndex = w.start
    const m = CHAIN_AT.exec(text)
    return m && m.index === w.start ? m : null
  }
  const headerAt = (q: number): RegExpExecArray | null => {
    const w = words[q]
    if (!w || (w.text !== 'num' && w.text !== 'pkts' && w.text !== 'target')) return null
    HEADER_AT.lastIndex = w.start
    const m = HEADER_AT.exec(text)
    return m && m.index === w.start ? m : null
  }
  const isNote = (q: number) => isNoteWord(words[q]?.text)
  const rowAt = (q: number) => readColumns(words, q, layout, true) !== null
  const anchorAt = (q: number) => chainAt(q) !== null || headerAt(q) !== null || isNote(q) || rowAt(q)
  const skipTo = (end: number) => {
    while (p < words.length && (words[p] as Word).start < end) p++
  }
  const multi = isMultiItem(text)

  while (p < words.length) {
    const w = words[p] as Word
    const ch = chainAt(p)
    if (ch) {
      const [, name, policy, pk, by, refs] = ch
      const item: ChainItem = {
        kind: 'chain',
        name: name as string,
        policy: policy === 'ACCEPT' || policy === 'DROP' ? policy : null,
        line: l.line,
        span: spanOf(ch.index, ch.index + ch[0].length),
        notes: [],
      }
      if (policy && policy !== 'ACCEPT' && policy !== 'DROP') {
        diagnostics.push(diagnostic(CODES.invalidArgument, 'error', `policy "${policy}" must be ACCEPT or DROP`, l.line, l.column + ch.index))
      }
      if (pk !== undefined && by !== undefined) {
        const a = counterValue(pk)
        const b = counterValue(by)
        item.counters = { packets: a.value, bytes: b.value }
        if (a.approximate || b.approximate) item.counters.approximate = true
      }
      if (refs !== undefined) item.references = Number(refs)
      items.push(item)
      skipTo(ch.index + ch[0].length)
      lastWasRow = false
      continue
    }
    const hd = headerAt(p)
    if (hd) {
      layout = headerLayout(hd[0])
      requireOpt = true
      items.push({ kind: 'header', layout })
      skipTo(hd.index + hd[0].length)
      lastWasRow = false
      continue
    }
    if (isNote(p)) {
      let q = p + 1
      while (q < words.length && !(multi ? anchorAt(q) : false)) q++
      const end = q < words.length ? (words[q] as Word).start : text.length
      const noteText = text.slice(w.start, end).trim().replace(/^(?:#+|<-+|<=+|←|⬅|\/\/)\s?/, '').trim()
      items.push({ kind: 'note', text: noteText, trailing: lastWasRow, definite: !multi })
      p = q
      lastWasRow = false
      continue
    }
    // ip6tables-legacy prints the opt column its header announces as blanks.
    const cols =
      readColumns(words, p, layout, requireOpt) ??
      (multi ? null : readColumns(words, p, layout, false)) ??
      (sawHeader || requireOpt ? null : guessColumns(words, p))
    if (!cols) {
      const rest = text.slice(w.start).trim()
      diagnostics.push(diagnostic(CODES.badListingRow, 'error', `not a listing row for the columns of its header: "${rest.slice(0, 60)}"`, l.line, l.column + w.start))
      return
    }
    let q = cols.next
    if (multi) {
      while (q < words.length) {
        const at = words[q] as Word
        if (at.text.startsWith('/*')) {
          const close = text.indexOf('*/', at.start)
          if (close >= 0) {
            while (q < words.length && (words[q] as Word).start < close) q++
            continue
          }
        }
        if (anchorAt(q)) break
        q++
      }
    } else {
      while (q < words.length && !isNote(q)) q++
    }
    const restStart = words[cols.next]?.start ?? text.length
    const restEnd = q < words.length ? (words[q] as Word).start : text.length
    const rowEnd = restEnd > restStart ? restEnd : (words[cols.next - 1] as Word).end
    items.push({
      kind: 'row',
      cols,
      rest: text.slice(restStart, Math.max(restStart, restEnd)).trim(),
      restColumn: l.column + restStart,
      line: l.line,
      span: spanOf(w.start, text.slice(0, rowEnd).trimEnd().length),
      notes: [],
    })
    p = q
    lastWasRow = true
  }
}

/** A line holding more than one item: several chain headers, or a chain or column header after other text. */
function isMultiItem(text: string): boolean {
  const chains = countChains(text)
  if (chains > 1 || (chains === 1 && !text.trimStart().startsWith('Chain'))) return true
  HEADER_AT.lastIndex = 0
  const header = HEADER_AT.exec(text)
  return header !== null && text.slice(0, header.index).trim() !== ''
}

/** `# …`, and the arrows and `//` people use to annotate a pasted listing (`<-- all inbound TCP`). */
function isNoteWord(w: string | undefined): boolean {
  if (w === undefined) return false
  if (w.startsWith('#')) return !w.startsWith('#conn')
  return /^(?:<-+|<=+|←|⬅|\/\/)/.test(w)
}

function countChains(text: string): number {
  CHAIN_AT.lastIndex = 0
  let n = 0
  while (CHAIN_AT.exec(text) && n < 2) n++
  return n
}

/** Rows of a listing pasted without its column header: guess the layout from the leading numbers. */
function guessColumns(words: readonly Word[], p: number): RowColumns | null {
  for (const layout of [
    { num: false, counters: true, inOut: true },
    { num: true, counters: true, inOut: true },
    { num: false, counters: false, inOut: false },
    { num: true, counters: false, inOut: false },
  ]) {
    const cols = readColumns(words, p, layout, true)
    if (cols) return cols
  }
  return null
}
