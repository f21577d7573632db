/**
 * Splits one line of iptables text into words, the way the program that reads it would:
 * - `restore`: iptables-restore's own rules. Only double quotes group, a backslash escapes inside them, and a single
 *   quote is an ordinary character. Single-quoted words are still read as quoted (people paste shell-quoted
 *   comments) and reported through `singleQuoted`, since iptables-restore would not accept them.
 * - `shell`: a POSIX shell simple command (single quotes literal, backslash escapes outside quotes).
 * In both, an unquoted word that starts with `#` begins a trailing comment: `-A X -j RETURN  # 规则 1`.
 * Typographic quotes (“ ” „ ‘ ’) count as their ASCII forms, since blog engines substitute them.
 * Linear in the line length; never throws.
 */
export interface RuleWord {
  text: string
  /** 0-based offset of the word in the line. */
  start: number
  end: number
  quoted: boolean
}

export interface RuleWords {
  words: RuleWord[]
  /** Text after an unquoted `#` word, trimmed, with its 0-based offset (of the `#`). */
  comment: { text: string; start: number } | null
  unterminated: boolean
  singleQuoted: boolean
  typographic: boolean
}

const SPACE = 32
const TAB = 9

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === 0xa0 || c === 0x3000
}

function doubleQuote(c: string): boolean {
  return c === '"' || c === '\u201c' || c === '\u201d' || c === '\u201e'
}

function singleQuote(c: string): boolean {
  return c === "'" || c === '\u2018' || c === '\u2019'
}

export function splitRuleWords(line: string, mode: 'restore' | 'shell'): RuleWords {
  const words: RuleWord[] = []
  let comment: RuleWords['comment'] = null
  let unterminated = false
  let singleQuoted = false
  let typographic = false
  const n = line.length
  let i = 0
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    if (line[i] === '#') {
      comment = { text: line.slice(i + 1).trim(), start }
      break
    }
    // Fast path: a plain word (no quotes, no backslash) is a slice of the line.
    let j = i
    while (j < n) {
      const c = line.charCodeAt(j)
      if (isBlank(c) || c === 34 || c === 39 || c === 92 || (c >= 0x2018 && c <= 0x201e)) break
      j++
    }
    if (j >= n || isBlank(line.charCodeAt(j))) {
      words.push({ text: line.slice(i, j), start, end: j, quoted: false })
      i = j
      continue
    }
    let text = ''
    let quoted = false
    while (i < n && !isBlank(line.charCodeAt(i))) {
      const c = line[i] as string
      if (doubleQuote(c)) {
        if (c !== '"') typographic = true
        quoted = true
        i++
        let closed = false
        while (i < n) {
          const d = line[i] as string
          if (doubleQuote(d)) {
            if (d !== '"') typographic = true
            closed = true
            i++
            break
          }
          if (d === '\\' && i + 1 < n) {
            const e = line[i + 1] as string
            // iptables-restore drops the backslash before any character; a shell only before " \ $ `.
            if (mode === 'restore' || '"\\$`'.includes(e)) {
              text += e
              i += 2
              continue
            }
          }
          text += d
          i++
        }
        if (!closed) unterminated = true
      } else if (singleQuote(c) && (mode === 'shell' || text === '')) {
        const close = findSingle(line, i + 1)
        if (mode === 'restore') {
          // A lone apostrophe inside a restore word is text; only a fully quoted word is treated as quoting.
          if (close < 0) {
            text += c
            i++
            continue
          }
          singleQuoted = true
        }
        if (c !== "'") typographic = true
        quoted = true
        if (close < 0) {
          text += line.slice(i + 1)
          i = n
          unterminated = true
          break
        }
        text += line.slice(i + 1, close)
        i = close + 1
      } else if (c === '\\' && mode === 'shell' && i + 1 < n) {
        text += line[i + 1]
        i += 2
      } else {
        text += c
        i++
      }
    }
    words.push({ text, start, end: i, quoted })
  }
  return { words, comment, unterminated, singleQuoted, typographic }
}

function findSingle(line: string, from: number): number {
  for (let j = from; j < line.length; j++) {
    const c = line[j] as string
    if (singleQuote(c)) return j
  }
  return -1
}

const DASHES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+/

/**
 * Undoes what word processors do to option dashes: `—dport` and `–dport` become `--dport`, `–A` becomes `-A`.
 * Returns the word unchanged when it starts with plain hyphens only.
 */
export function normalizeDashes(word: string): string {
  const c = word.charCodeAt(0)
  if (c === 45 || !(c >= 0x2010 && c <= 0x2015) && c !== 0x2212 && c !== 0xfe58 && c !== 0xfe63 && c !== 0xff0d) return word
  const m = DASHES.exec(word)
  if (!m) return word
  const rest = word.slice(m[0].length)
  if (rest === '') return word
  return rest.length === 1 ? `-${rest}` : `--${rest}`
}

/** True when the word starts with a typographic dash that `normalizeDashes` rewrites. */
export function hasTypographicDash(word: string): boolean {
  return normalizeDashes(word) !== word
}
