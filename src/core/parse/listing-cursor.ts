/**
 * A cursor over the free text at the end of an `iptables -L` row (`/* c *\/ tcp dpt:ssh owner UID match 1337`):
 * words split on blanks, a `"…"` string read as one word, positions kept so verbatim text can be sliced exactly.
 */
export interface CursorWord {
  text: string
  start: number
  end: number
}

export class ListingCursor {
  readonly text: string
  pos = 0

  constructor(text: string) {
    this.text = text
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++
  }

  atEnd(): boolean {
    this.skipBlanks()
    return this.pos >= this.text.length
  }

  /** The next word without consuming it ('' at the end). */
  peek(offset = 0): string {
    const save = this.pos
    let w: CursorWord | null = null
    for (let i = 0; i <= offset; i++) w = this.next()
    this.pos = save
    return w?.text ?? ''
  }

  next(): CursorWord | null {
    this.skipBlanks()
    if (this.pos >= this.text.length) return null
    const start = this.pos
    while (this.pos < this.text.length && this.text[this.pos] !== ' ' && this.text[this.pos] !== '\t') this.pos++
    return { text: this.text.slice(start, this.pos), start, end: this.pos }
  }

  /** A word, or a double-quoted string as iptables prints `--log-prefix` ("hi " keeps its space). */
  nextMaybeQuoted(): CursorWord | null {
    this.skipBlanks()
    if (this.text[this.pos] !== '"') return this.next()
    const start = this.pos
    let i = this.pos + 1
    let out = ''
    while (i < this.text.length && this.text[i] !== '"') {
      if (this.text[i] === '\\' && i + 1 < this.text.length) i++
      out += this.text[i]
      i++
    }
    this.pos = Math.min(i + 1, this.text.length)
    return { text: out, start, end: this.pos }
  }

  /** Consumes the word if it is `word`. */
  accept(word: string): boolean {
    if (this.peek() !== word) return false
    this.next()
    return true
  }

  /** `/* text *\/` as the comment match prints it: the text between `/* ` and ` *\/`, spacing kept. */
  comment(): CursorWord | null {
    this.skipBlanks()
    if (!this.text.startsWith('/*', this.pos)) return null
    const close = this.text.indexOf('*/', this.pos + 2)
    if (close < 0) return null
    const start = this.pos
    let inner = this.text.slice(this.pos + 2, close)
    if (inner.startsWith(' ')) inner = inner.slice(1)
    if (inner.endsWith(' ')) inner = inner.slice(0, -1)
    this.pos = close + 2
    return { text: inner, start, end: this.pos }
  }

  rest(): string {
    return this.text.slice(this.pos).trim()
  }
}
