import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { ParsedInput } from '../model/input.ts'
import {
  BUILTIN_CHAINS,
  isBuiltinChain,
  STANDARD_TARGETS,
  TABLE_NAMES,
  type BaseOption,
  type Chain,
  type ExtensionOption,
  type Match,
  type Rule,
  type Ruleset,
  type Table,
  type TableName,
  type Target,
} from '../model/ruleset.ts'
import { splitLines } from '../text/lines.ts'
import { splitShellWords } from '../text/shell-words.ts'

const BASE_OPTIONS: Record<string, BaseOption> = {
  '-s': '-s',
  '--source': '-s',
  '--src': '-s',
  '-d': '-d',
  '--destination': '-d',
  '--dst': '-d',
  '-i': '-i',
  '--in-interface': '-i',
  '-o': '-o',
  '--out-interface': '-o',
  '-p': '-p',
  '--protocol': '-p',
}

/**
 * Minimal reader for iptables-save / iptables-restore text (`*table`, `:CHAIN POLICY [p:b]`, `-N`, `-A`, `COMMIT`).
 * The full multi-form parser replaces it; this keeps the first vertical slice honest.
 */
export function parseSave(text: string): { value: ParsedInput; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const tables = new Map<TableName, Table>()
  let current: Table | null = null
  const lines = splitLines(text)
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) return
    if (line.startsWith('*')) {
      const name = line.slice(1).trim() as TableName
      if (!TABLE_NAMES.includes(name)) {
        diagnostics.push(diagnostic('IPT001', 'error', `unknown table "${name}"`, lineNo))
        current = null
        return
      }
      current = tables.get(name) ?? { name, chains: [] }
      tables.set(name, current)
      return
    }
    if (line === 'COMMIT') {
      current = null
      return
    }
    if (!current) {
      diagnostics.push(diagnostic('IPT002', 'warning', 'line outside of a *table … COMMIT block', lineNo))
      return
    }
    const table: Table = current
    if (line.startsWith(':')) {
      const [name = '', policy = '-'] = line.slice(1).split(/\s+/)
      const chain = ensureChain(table, name)
      chain.policy = policy === 'ACCEPT' || policy === 'DROP' ? policy : null
      chain.span = { line: lineNo, column: 1, endLine: lineNo, endColumn: rawLine.length + 1 }
      return
    }
    const words = splitShellWords(line).words.map((w) => w.text)
    const command = words[0]
    if (command === '-N') {
      ensureChain(table, words[1] ?? '')
      return
    }
    if (command === '-A' || command === '-I') {
      const chain = ensureChain(table, words[1] ?? '')
      const rest = words.slice(2)
      let position: number | null = null
      if (command === '-I' && rest[0] && /^\d+$/.test(rest[0])) position = Number(rest.shift())
      const rule = parseRuleWords(rest)
      rule.span = { line: lineNo, column: 1, endLine: lineNo, endColumn: rawLine.length + 1 }
      if (position === null) chain.rules.push(rule)
      else chain.rules.splice(Math.max(0, position - 1), 0, rule)
      return
    }
    diagnostics.push(diagnostic('IPT003', 'error', `unrecognised line "${line.slice(0, 40)}"`, lineNo))
  })
  const ordered = TABLE_NAMES.filter((t) => tables.has(t)).map((t) => tables.get(t) as Table)
  const ruleset: Ruleset = { family: 4, tables: ordered }
  return {
    value: { sections: [], rulesets: ordered.length ? { 4: ruleset } : {}, configSources: [] },
    diagnostics,
  }
}

function ensureChain(table: Table, name: string): Chain {
  let chain = table.chains.find((c) => c.name === name)
  if (!chain) {
    const builtin = isBuiltinChain(table.name, name)
    chain = { name, builtin, policy: builtin ? 'ACCEPT' : null, rules: [] }
    table.chains.push(chain)
    table.chains.sort((a, b) => chainOrder(table.name, a) - chainOrder(table.name, b))
  }
  return chain
}

function chainOrder(table: TableName, chain: Chain): number {
  const i = BUILTIN_CHAINS[table].indexOf(chain.name)
  return i < 0 ? 100 : i
}

function parseRuleWords(words: string[]): Rule {
  const matches: Match[] = []
  let target: Target | null = null
  let negate = false
  let module: Extract<Match, { kind: 'module' }> | null = null
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    if (w === '!') {
      negate = true
      continue
    }
    const base = BASE_OPTIONS[w]
    if (base) {
      matches.push({ kind: 'base', option: base, negated: negate, value: words[++i] ?? '' })
      negate = false
      module = null
      continue
    }
    if (w === '-m' || w === '--match') {
      module = { kind: 'module', module: words[++i] ?? '', options: [], known: false }
      matches.push(module)
      continue
    }
    if (w === '-j' || w === '-g' || w === '--jump' || w === '--goto') {
      const name = words[++i] ?? ''
      const options: ExtensionOption[] = []
      while (i + 1 < words.length) {
        const opt = words[++i] as string
        const args: string[] = []
        while (i + 1 < words.length && !(words[i + 1] as string).startsWith('--')) args.push(words[++i] as string)
        options.push({ name: opt, negated: false, args, known: false })
      }
      target = { kind: w === '-g' || w === '--goto' ? 'goto' : 'jump', name, options, known: STANDARD_TARGETS.has(name) }
      continue
    }
    if (w.startsWith('-')) {
      const args: string[] = []
      while (i + 1 < words.length && !(words[i + 1] as string).startsWith('-') && words[i + 1] !== '!') args.push(words[++i] as string)
      if (!module) {
        module = { kind: 'module', module: '', options: [], known: false }
        matches.push(module)
      }
      module.options.push({ name: w, negated: negate, args, known: false })
      negate = false
    }
  }
  return { matches, target }
}
