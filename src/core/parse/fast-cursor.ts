/**
 * Reading one rule's words in place in the paste, for fast-rule: a cursor over `line` up to `limit`, words compared
 * without copying, arguments sliced only when kept.
 */

/** A cursor over one line; `start`/`end` delimit the current word. */
export interface Cursor {
  line: string
  /** Where the rule's text ends in `line` (a whole dump can be read in place, without a string per line). */
  limit: number
  pos: number
  start: number
  end: number
}

/**
 * Advances to the next plain word. Quoted words, tabs, `#` (a trailing note) and non-ASCII characters (typographic
 * dashes and quotes) are left to the general reader: returns -1 for them, 0 at the end, 1 for a word.
 */
export function nextWord(c: Cursor): number {
  const line = c.line
  const n = c.limit
  let i = c.pos
  while (i < n && line.charCodeAt(i) === 32) i++
  if (i >= n) return 0
  const start = i
  while (i < n) {
    const ch = line.charCodeAt(i)
    if (ch === 32) break
    if (ch === 34 || ch === 9 || ch === 35 || ch === 39 || ch > 126) return -1
    i++
  }
  c.start = start
  c.end = i
  c.pos = i
  return 1
}

/** The next argument: a plain word or a double-quoted string (restore's escapes: `\x` is x). Null if odd. */
export function nextArg(c: Cursor): string | null {
  const line = c.line
  const n = c.limit
  let i = c.pos
  while (i < n && line.charCodeAt(i) === 32) i++
  if (i < n && line.charCodeAt(i) === 34) {
    let text = ''
    let j = i + 1
    let from = j
    while (j < n) {
      const ch = line.charCodeAt(j)
      if (ch === 34) {
        c.pos = j + 1
        return c.pos >= n || line.charCodeAt(c.pos) === 32 ? text + line.slice(from, j) : null
      }
      if (ch === 92 && j + 1 < n) {
        text += line.slice(from, j) + line[j + 1]
        j += 2
        from = j
        continue
      }
      j++
    }
    return null
  }
  c.pos = i
  return nextWord(c) === 1 ? line.slice(c.start, c.end) : null
}

export function wordIs(c: Cursor, literal: string): boolean {
  return c.end - c.start === literal.length && c.line.startsWith(literal, c.start)
}

/** Where the clause starting before `from` ends: at the next `-m`, `-j` or `-g`, or the end of the line. */
export function clauseEnd(line: string, from: number, limit: number): number {
  // Scanned by hand within the rule: `indexOf` would run on to the end of a 15 MB dump for every clause.
  for (let i = from; i + 3 < limit; i++) {
    if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 1) !== 45 || line.charCodeAt(i + 3) !== 32) continue
    const k = line.charCodeAt(i + 2)
    if (k === 109 || k === 106 || k === 103) return i
  }
  return limit
}

/** `-s` … `-f`: rank in iptables-save's order, or -1. */
export function baseRank(c: Cursor): number {
  if (c.end - c.start !== 2 || c.line.charCodeAt(c.start) !== 45) return -1
  switch (c.line.charCodeAt(c.start + 1)) {
    case 115:
      return 0
    case 100:
      return 1
    case 105:
      return 2
    case 111:
      return 3
    case 112:
      return 4
    case 102:
      return 5
    default:
      return -1
  }
}

export function readArgs(c: Cursor, arity: number): string[] | null {
  const a = arity > 0 ? nextArg(c) : ''
  if (a === null) return null
  if (arity === 1) return [a]
  if (arity === 0) return []
  const args = [a]
  for (let k = 1; k < arity; k++) {
    const b = nextArg(c)
    if (b === null) return null
    args.push(b)
  }
  return args
}
