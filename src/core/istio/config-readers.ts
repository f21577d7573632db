import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import type { ConfigEntry } from '../model/input.ts'
import { readArgTokens, type ArgToken } from './arg-tokens.ts'
import { flagByName } from './flag-table.ts'

/**
 * Readers that turn the text of an Istio configuration source into raw entries (key, value, position).
 * They know the syntax of each source; what a key means, per Istio version, is decided by config resolution.
 * The paste parser finds where such sources are and hands their lines here. None of them throws.
 */
export interface SourceLine {
  /** The line's content with any log prefix already removed. */
  text: string
  /** 1-based line number in the original paste. */
  line: number
  /** 1-based column in the original line where `text` starts. */
  column: number
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `KEY=VALUE` lines of sidecar.env / cluster.env (as `set -a; . file` reads them: `export`, quotes, comments,
 * values spanning lines inside quotes), the Environment: block of a log, Kubernetes `- name:`/`value:` pairs and
 * `kubectl describe` `NAME:  value` lines. Commented-out lines (`# ISTIO_INBOUND_PORTS=…`) are not entries.
 */
export function readEnvLines(lines: readonly SourceLine[]): WithDiagnostics<ConfigEntry[]> {
  const entries: ConfigEntry[] = []
  const diagnostics: Diagnostic[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as SourceLine
    const text = l.text
    const lead = text.length - text.trimStart().length
    const body = text.trimStart()
    if (body === '' || body.startsWith('#')) continue
    const yamlName = /^(-\s+)?name:\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/.exec(body)
    if (yamlName) {
      const next = lines[i + 1]
      const valueMatch = next ? /^\s*value:\s*(.*)$/.exec(next.text) : null
      if (next && valueMatch) {
        const key = yamlName[3] as string
        entries.push({ key, value: unquoteYamlScalar((valueMatch[1] as string).trim()), line: l.line, column: l.column + text.indexOf(key, lead) })
        i++
      }
      continue
    }
    const prefix = /^(?:export\s+|declare\s+-x\s+)?/.exec(body)?.[0] ?? ''
    const rest = body.slice(prefix.length)
    const eq = rest.indexOf('=')
    const key = eq > 0 ? rest.slice(0, eq) : ''
    if (eq > 0 && NAME.test(key)) {
      const column = l.column + lead + prefix.length
      const parsed = readShellValue(rest.slice(eq + 1), lines, i)
      i = parsed.lastIndex
      if (parsed.verbatim) {
        diagnostics.push(diagnostic('CFG002', 'warning', `${key}: value has unquoted spaces; taken verbatim`, l.line, column))
      }
      if (parsed.unterminated) {
        diagnostics.push(diagnostic('CFG003', 'warning', `${key}: unterminated quote; value runs to the end of the input`, l.line, column))
      }
      entries.push({ key, value: parsed.value, line: l.line, column })
      continue
    }
    const describe = /^([A-Z_][A-Z0-9_]*):(?:\s+(.*))?$/.exec(body)
    if (describe && prefix === '') {
      entries.push({ key: describe[1] as string, value: (describe[2] ?? '').trim(), line: l.line, column: l.column + lead })
    }
  }
  return { value: entries, diagnostics }
}

interface ShellValue {
  value: string
  /** Index of the last source line the value used (quoted values may span lines). */
  lastIndex: number
  verbatim: boolean
  unterminated: boolean
}

/** The value after `KEY=` as a POSIX shell assignment reads it; continues into the next lines inside quotes. */
function readShellValue(start: string, lines: readonly SourceLine[], index: number): ShellValue {
  let text = start
  let lastIndex = index
  let out = ''
  let i = 0
  for (;;) {
    const c = text[i]
    if (c === undefined || c === ' ' || c === '\t') break
    if (c === "'" || c === '"') {
      let close = findClose(text, i + 1, c)
      while (close < 0 && lastIndex + 1 < lines.length) {
        lastIndex++
        text += '\n' + (lines[lastIndex] as SourceLine).text
        close = findClose(text, i + 1, c)
      }
      if (close < 0) return { value: out + unescape(text.slice(i + 1), c), lastIndex, verbatim: false, unterminated: true }
      out += unescape(text.slice(i + 1, close), c)
      i = close + 1
    } else if (c === '\\' && i + 1 < text.length) {
      out += text[i + 1]
      i += 2
    } else {
      out += c
      i++
    }
  }
  const tail = text.slice(i).trim()
  if (tail !== '' && !tail.startsWith('#')) return { value: start.trim(), lastIndex: index, verbatim: true, unterminated: false }
  return { value: out, lastIndex, verbatim: false, unterminated: false }
}

function findClose(text: string, from: number, quote: string): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\' && quote === '"') {
      j++
      continue
    }
    if (text[j] === quote) return j
  }
  return -1
}

function unescape(s: string, quote: string): string {
  return quote === "'" ? s : s.replace(/\\(["\\$`])/g, '$1')
}

function unquoteYamlScalar(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string
    } catch {
      return s.slice(1, -1)
    }
  }
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'")
  return s
}

/**
 * An `istio-iptables` / `pilot-agent istio-iptables` command line (the words after the program name, or all of
 * them when no program is named), or the istio-init container's `args:` in YAML (`- -p` lists, `["-p","15001"]`)
 * or `kubectl describe` form. Each flag becomes an entry keyed by the flag as written (`-p`, `--redirect-dns`);
 * bool flags given bare get the value `true`, as pflag does. Flag semantics per version are not checked here.
 */
export function readIstioIptablesArgs(lines: readonly SourceLine[]): WithDiagnostics<ConfigEntry[]> {
  const { value: tokens, diagnostics } = readArgTokens(lines)
  const args = argsAfterProgram(tokens)
  const entries: ConfigEntry[] = []
  for (let i = 0; i < args.length; i++) {
    const t = args[i] as ArgToken
    const w = t.text
    if (w === '--') {
      for (const rest of args.slice(i + 1)) diagnostics.push(diagnostic('CFG011', 'warning', `unexpected argument "${rest.text}"`, rest.line, rest.column))
      break
    }
    if (!t.quoted && /^(&&|\|\||;|\||>|>>|2>|2>&1|&)$/.test(w)) break
    if (t.quoted || !w.startsWith('-') || w === '-') {
      diagnostics.push(diagnostic('CFG011', 'warning', `unexpected argument "${w}"`, t.line, t.column))
      continue
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=')
      if (eq >= 0) {
        entries.push({ key: w.slice(0, eq), value: w.slice(eq + 1), line: t.line, column: t.column })
        continue
      }
      const def = flagByName(w)
      const next = args[i + 1]
      if (def?.bool) entries.push({ key: w, value: 'true', line: t.line, column: t.column })
      else if (next && (def || next.quoted || !next.text.startsWith('-'))) {
        entries.push({ key: w, value: next.text, line: t.line, column: t.column })
        i++
      } else if (def) {
        diagnostics.push(diagnostic('CFG012', 'error', `flag needs an argument: ${w}`, t.line, t.column))
      } else entries.push({ key: w, value: 'true', line: t.line, column: t.column })
      continue
    }
    // A shorthand cluster, as pflag reads it: bool letters set true, the first value letter takes the rest or the next word.
    for (let j = 1; j < w.length; j++) {
      const letter = w[j] as string
      const key = `-${letter}`
      const def = flagByName(key)
      const rest = w.slice(j + 1)
      if (def?.bool) {
        if (rest.startsWith('=')) {
          entries.push({ key, value: rest.slice(1), line: t.line, column: t.column + j - 1 })
          break
        }
        entries.push({ key, value: 'true', line: t.line, column: t.column + j - 1 })
        continue
      }
      if (rest !== '') {
        entries.push({ key, value: rest.startsWith('=') ? rest.slice(1) : rest, line: t.line, column: t.column + j - 1 })
      } else {
        const next = args[i + 1]
        if (next && (def || next.quoted || !next.text.startsWith('-'))) {
          entries.push({ key, value: next.text, line: t.line, column: t.column + j - 1 })
          i++
        } else if (def) {
          diagnostics.push(diagnostic('CFG012', 'error', `flag needs an argument: '${letter}' in ${w}`, t.line, t.column))
        } else entries.push({ key, value: 'true', line: t.line, column: t.column + j - 1 })
      }
      break
    }
  }
  return { value: entries, diagnostics }
}

function argsAfterProgram(tokens: readonly ArgToken[]): readonly ArgToken[] {
  const program = tokens.findIndex((t) => /(^|\/)istio-iptables(\.sh)?$/.test(t.text))
  if (program >= 0) return tokens.slice(program + 1)
  const firstFlag = tokens.findIndex((t) => t.text.startsWith('-') && !t.quoted)
  return firstFlag < 0 ? [] : tokens.slice(firstFlag)
}

/**
 * The `LABEL=value` lines of a Variables: / `Istio iptables variables:` / `Istio config:` block. Values are taken
 * verbatim (Go printed them with fmt, not for a shell). Labels are not env names: resolution maps them to fields.
 */
export function readVariablesBlock(lines: readonly SourceLine[]): WithDiagnostics<ConfigEntry[]> {
  const entries: ConfigEntry[] = []
  for (const l of lines) {
    const lead = l.text.length - l.text.trimStart().length
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(l.text.trim())
    if (m) entries.push({ key: m[1] as string, value: (m[2] as string).trimEnd(), line: l.line, column: l.column + lead })
  }
  return { value: entries, diagnostics: [] }
}
