import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import { splitShellWords } from '../text/shell-words.ts'
import type { SourceLine } from './config-readers.ts'

/** One argument of a command line, with where it was written. */
export interface ArgToken {
  text: string
  line: number
  column: number
  /** Starts inside shell quotes: never a flag, even when it starts with `-`. */
  quoted: boolean
}

const LIST_KEY = /^(args|command)\s*:\s*(.*)$/i
const OTHER_KEY = /^[A-Za-z_][\w.-]*\s*:(\s|$)/

/**
 * The arguments written in a command line, a YAML `args:`/`command:` list (block or flow), a single YAML item
 * holding a whole command line, or `kubectl describe`'s one-argument-per-line `Args:` section.
 */
export function readArgTokens(lines: readonly SourceLine[]): WithDiagnostics<ArgToken[]> {
  const tokens: ArgToken[] = []
  const diagnostics: Diagnostic[] = []
  let describeIndent = -1
  let describeTokens: ArgToken[] = []
  const flushDescribe = (): void => {
    while (describeTokens.length > 0 && describeTokens[describeTokens.length - 1]?.text === '') describeTokens.pop()
    tokens.push(...describeTokens)
    describeTokens = []
    describeIndent = -1
  }
  for (const l of lines) {
    const indent = l.text.length - l.text.trimStart().length
    const body = l.text.trim()
    if (describeIndent >= 0) {
      if (body === '') {
        describeTokens.push({ text: '', line: l.line, column: l.column + indent, quoted: true })
        continue
      }
      if (indent > describeIndent && !body.startsWith('- ')) {
        describeTokens.push({ text: body, line: l.line, column: l.column + indent, quoted: false })
        continue
      }
      flushDescribe()
    }
    if (body === '' || body.startsWith('```') || body.startsWith('#')) continue
    const item = /^-\s+(.*)$/.exec(body)
    const content = item ? (item[1] as string) : body
    const contentColumn = l.column + indent + (item ? body.length - content.length : 0)
    const listKey = LIST_KEY.exec(content)
    if (listKey) {
      const inline = (listKey[2] as string).trim()
      const inlineColumn = contentColumn + content.length - (listKey[2] as string).length
      if (inline === '') {
        if (/^[A-Z]/.test(content)) describeIndent = indent
        continue
      }
      if (inline.startsWith('[')) tokens.push(...flowSequence(inline, l.line, inlineColumn + ((listKey[2] as string).length - (listKey[2] as string).trimStart().length)))
      else tokens.push(...commandWords(inline, l.line, inlineColumn, diagnostics))
      continue
    }
    if (OTHER_KEY.test(content)) continue
    if (item && isQuotedScalar(content)) {
      // YAML quotes are not shell quotes: `- '-i'` is the flag -i.
      tokens.push({ text: unquote(content), line: l.line, column: contentColumn, quoted: false })
      continue
    }
    tokens.push(...commandWords(stripContinuation(content), l.line, contentColumn, diagnostics))
  }
  flushDescribe()
  return { value: tokens, diagnostics }
}

function stripContinuation(s: string): string {
  return s.endsWith('\\') ? s.slice(0, -1) : s
}

function isQuotedScalar(s: string): boolean {
  return s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) && splitShellWords(s).words.length === 1
}

function unquote(s: string): string {
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'")
  try {
    return JSON.parse(s) as string
  } catch {
    return s.slice(1, -1)
  }
}

/** Shell words of a command line. A quoted value glued to the next flag (`-z "15006"-u`) is split back in two. */
function commandWords(text: string, line: number, column: number, diagnostics: Diagnostic[]): ArgToken[] {
  const out: ArgToken[] = []
  const { words } = splitShellWords(text)
  for (const w of words) {
    if (!w.quoted && w.text.startsWith('#')) break
    const raw = text.slice(w.start, w.end)
    const glued = /^(["'])(.*?)\1(--?[A-Za-z][\w-]*)$/.exec(raw)
    if (glued) {
      const value = glued[2] as string
      const flag = glued[3] as string
      out.push({ text: value, line, column: column + w.start, quoted: true })
      out.push({ text: flag, line, column: column + w.start + raw.length - flag.length, quoted: false })
      diagnostics.push(
        diagnostic('CFG010', 'warning', `missing space between ${raw.slice(0, raw.length - flag.length)} and ${flag}; read as two arguments`, line, column + w.start),
      )
      continue
    }
    // Only a quoted first character keeps a word from being a flag: `-b"80"` is the flag -b.
    out.push({ text: w.text, line, column: column + w.start, quoted: /^["']/.test(raw) })
  }
  return out
}

/** `["-p", "15001", '-x', ""]` as YAML/JSON flow sequence items. */
function flowSequence(text: string, line: number, column: number): ArgToken[] {
  const out: ArgToken[] = []
  let i = 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === ']') break
    if (c === ',' || c === ' ' || c === '\t') {
      i++
      continue
    }
    const start = i
    if (c === '"' || c === "'") {
      let j = i + 1
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c === '"' ? 2 : 1
      out.push({ text: unquote(text.slice(i, j + 1)), line, column: column + start, quoted: false })
      i = j + 1
    } else {
      let j = i
      while (j < text.length && text[j] !== ',' && text[j] !== ']') j++
      out.push({ text: text.slice(i, j).trim(), line, column: column + start, quoted: false })
      i = j
    }
  }
  return out
}
