import type { Span } from '../model/span.ts'
import type { BaseOption, Counters, ExtensionOption, Family, Match, ModuleMatch, Rule, TableName, Target } from '../model/ruleset.ts'
import { canonicalAddress } from './canonical/address.ts'
import { matchSpec, targetSpec } from './extensions/registry.ts'
import type { ExtensionSpec, OptionSpec, ReadContext } from './extensions/types.ts'
import { contextOk } from './resolve-draft.ts'
import { protocolName, protocolNumber } from './tables/names.ts'

/**
 * The common case of a big dump, read without intermediate structures: an `-A CHAIN …` line in the plain grammar
 * iptables-save prints (base clauses, `-m` matches the parser models, options in their save order, a target).
 * Syntax words are compared in place and never copied; option and module names come from the extension tables.
 * It allocates little more than the model itself, which is what lets a 100 000-rule kube-proxy dump parse in well
 * under a second. Anything else — an unmodelled match, an option out of order, a negation in an unusual place, an
 * error — returns null, and the general reader (read-rule-words + resolve-draft), which produces the same model
 * with diagnostics, takes the line. fast-rule.test.ts checks that both give the same rules.
 */

const protocolCache = new Map<string, string | null>()

function canonicalProtocol(text: string): string | null {
  let v = protocolCache.get(text)
  if (v === undefined) {
    const n = protocolNumber(text)
    v = n === null || n === 0 ? null : protocolName(n)
    if (protocolCache.size < 512) protocolCache.set(text, v)
  }
  return v
}

const BASE_BY_RANK: readonly BaseOption[] = ['-s', '-d', '-i', '-o', '-p', '-f']
const ranks = new WeakMap<ExtensionSpec, Map<string, number>>()

function rankOf(spec: ExtensionSpec, name: string): number {
  let m = ranks.get(spec)
  if (!m) {
    m = new Map(spec.order.map((o, k) => [o, k]))
    ranks.set(spec, m)
  }
  return m.get(name) ?? -1
}

/**
 * Clauses that recur across a dump (`-p tcp`, `-m tcp --dport 443`, `-m statistic --mode random --probability
 * 0.50000000000`, `-j KUBE-MARK-MASQ`) are read once and shared by every rule that has them: model values are never
 * modified after parsing, and sharing halves what a 100 000-rule dump allocates. Keyed by the clause's exact text
 * and what its meaning depends on (family, protocol); bounded, and forgotten after each paste (the keys are slices
 * of it, which would keep it in memory). Addresses are not shared: nearly every one in a big dump is different.
 */
const SHARED_LIMIT = 50_000
/** `-i`, `-o`, `-p` by value, one map per option and negation (index rank * 2 + negated). */
const sharedBase: Map<string, Match>[] = Array.from({ length: 12 }, () => new Map<string, Match>())
/** `-m comment --comment …` means the same in every context. */
const sharedComments = new Map<string, ModuleMatch>()

/**
 * What a clause's meaning depends on — the family and the rule's protocol — with the clauses already read in it,
 * by their text (a slice of the paste, never copied). One per family and protocol, so finding it costs no string.
 */
interface Context {
  read: ReadContext
  modules: Map<string, ModuleMatch>
  targets: Map<string, Target>
}

const contexts: Map<string, Context>[] = [new Map(), new Map()]

function contextFor(family: Family, protocol: string): Context {
  const byProtocol = contexts[family === 4 ? 0 : 1] as Map<string, Context>
  let ctx = byProtocol.get(protocol)
  if (!ctx) {
    ctx = { read: { family, protocol }, modules: new Map(), targets: new Map() }
    byProtocol.set(protocol, ctx)
  }
  return ctx
}

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= SHARED_LIMIT) map.clear()
  map.set(key, value)
  return value
}

export function forgetSharedClauses(): void {
  for (const m of sharedBase) m.clear()
  sharedComments.clear()
  for (const m of contexts) m.clear()
}

/** The end of a `-m comment --comment ARG` clause that starts at the cursor (just after `comment`), or -1. */
function commentEnd(c: Cursor): number {
  const pos = c.pos
  const ok = nextWord(c) === 1 && wordIs(c, '--comment') && nextArg(c) !== null
  const end = c.pos
  c.pos = pos
  return ok ? end : -1
}

/** A cursor over one line; `start`/`end` delimit the current word, `value` holds it once sliced. */
interface Cursor {
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
function nextWord(c: Cursor): number {
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
function nextArg(c: Cursor): string | null {
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

function wordIs(c: Cursor, literal: string): boolean {
  return c.end - c.start === literal.length && c.line.startsWith(literal, c.start)
}

/** Where the clause starting before `from` ends: at the next `-m`, `-j` or `-g`, or the end of the line. */
function clauseEnd(line: string, from: number, limit: number): number {
  // Scanned by hand within the rule: `indexOf` would run on to the end of a 15 MB dump for every clause.
  for (let i = from; i + 3 < limit; i++) {
    if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 1) !== 45 || line.charCodeAt(i + 3) !== 32) continue
    const k = line.charCodeAt(i + 2)
    if (k === 109 || k === 106 || k === 103) return i
  }
  return limit
}

/** `-s` … `-f`: rank in iptables-save's order, or -1. */
function baseRank(c: Cursor): number {
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

/** The option of `spec` named by the current word, found without copying the word. */
function optionAt(c: Cursor, spec: ExtensionSpec): { os: OptionSpec; name: string } | null {
  for (const os of spec.options) {
    for (const name of os.names) if (wordIs(c, name)) return { os, name }
  }
  return null
}

/**
 * Clauses and options are collected in these and copied out at their exact length: an array grown by push keeps
 * room for 16 entries, and for a 100 000-rule dump that spare room is most of what the garbage collector copies.
 */
// Sized up front: a store past an array's end makes the JIT throw away the code it compiled for fastRule.
const scratchMatches: Match[] = Array.from({ length: 64 }, (): Match => ({ kind: 'base', option: '-f', negated: false, value: '' }))
const scratchOptions: ExtensionOption[] = Array.from({ length: 64 }, (): ExtensionOption => ({ name: '', negated: false, args: [], known: true }))
let optionCount = 0

function readArgs(c: Cursor, arity: number): string[] | null {
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

/** Clauses read in this rule that other rules may share once it has been read without trouble. */
const sharePools: Map<string, ModuleMatch>[] = []
const shareKeys: string[] = []
const shareModules: ModuleMatch[] = []
let shareCount = 0

/**
 * The clause of `spec` whose options are in scratchOptions, or null if its whole-clause check fails. Objects are
 * built once their options are known and never changed afterwards: a field assigned after creation would make the
 * JIT discard code compiled for the object's shape.
 */
function closeClause(spec: ExtensionSpec, ctx: ReadContext): ExtensionOption[] | null {
  const options = optionCount ? scratchOptions.slice(0, optionCount) : []
  optionCount = 0
  return finishClause(options, ctx, spec) ? options : null
}

/** Reads `line` from `start` (just after `-A CHAIN`) to `limit` (the end of the rule's line). */
export function fastRule(
  line: string,
  start: number,
  limit: number,
  family: Family,
  table: TableName,
  chain: string,
  span: Span,
  counters?: Counters,
): Rule | null {
  // Counted rather than emptied: setting an array's length costs more than the rest of a short rule.
  const matches = scratchMatches
  let matchCount = 0
  optionCount = 0
  shareCount = 0
  /** The `-m` clause being read: its slot in `matches`, and its text when other rules may share it. */
  let moduleSpec: ExtensionSpec | undefined
  let moduleSlot = 0
  let moduleKey: string | null = null
  let modulePool: Map<string, ModuleMatch> | null = null
  /** The target: `target` once complete, or its name while its options are being read. */
  let target: Target | null = null
  let targetName: string | null = null
  let targetKey: string | null = null
  let targetPool: Map<string, Target> | null = null
  /** The extension whose options may follow (the open `-m` clause or the target), if any. */
  let spec: ExtensionSpec | undefined
  let lastRank = -1
  let lastBase = -1
  let protocol = ''
  let negated = false
  let hasIn = false
  let hasOut = false
  let context: Context | null = null
  const c: Cursor = { line, limit, pos: start, start: 0, end: 0 }
  for (;;) {
    const got = nextWord(c)
    if (got === 0) break
    if (got < 0) return null
    if (c.end - c.start === 1 && line.charCodeAt(c.start) === 33) {
      if (negated) return null
      negated = true
      continue
    }
    const rank = baseRank(c)
    if (rank >= 0) {
      // Base options come first in a saved rule; after a `-m` clause or the target the general reader decides.
      if (moduleSpec || target || targetName !== null || rank <= lastBase) return null
      if (matchCount > 0 && matches[matchCount - 1]?.kind === 'module') return null
      lastBase = rank
      const option = BASE_BY_RANK[rank] as BaseOption
      if (option === '-f') {
        if (family === 6) return null
        matches[matchCount++] = { kind: 'base', option, negated, value: '' }
        negated = false
        continue
      }
      let value = nextArg(c)
      if (value === null) return null
      if (option === '-p') {
        const p = canonicalProtocol(value)
        if (p === null) return null
        value = p
        if (!negated) protocol = p
      } else if (option === '-s' || option === '-d') {
        const r = canonicalAddress(value, family)
        if (r.kind !== 'address' || r.text === (family === 4 ? '0.0.0.0/0' : '::/0')) return null
        value = r.text
      } else {
        if (value === '+' || value.length > 15) return null
        if (option === '-i') hasIn = true
        else hasOut = true
      }
      if (rank < 2) matches[matchCount++] = { kind: 'base', option, negated, value }
      else {
        const pool = sharedBase[rank * 2 + (negated ? 1 : 0)] as Map<string, Match>
        matches[matchCount++] = pool.get(value) ?? remember(pool, value, { kind: 'base', option, negated, value })
      }
      negated = false
      continue
    }
    if (wordIs(c, '-m')) {
      const clauseStart = c.start
      if (negated || target || targetName !== null || nextWord(c) !== 1) return null
      const next = matchSpec(line.slice(c.start, c.end))
      if (!next) return null
      context ??= contextFor(family, protocol)
      if (moduleSpec) {
        const options = closeClause(moduleSpec, context.read)
        if (!options) return null
        const module: ModuleMatch = { kind: 'module', module: moduleSpec.name, options, known: true }
        matches[moduleSlot] = module
        if (moduleKey !== null && modulePool) {
          sharePools[shareCount] = modulePool
          shareKeys[shareCount] = moduleKey
          shareModules[shareCount++] = module
        }
        moduleSpec = undefined
      }
      // A comment's clause ends where its argument does (which may hold ` -j `); other clauses at the next
      // `-m`/`-j`/`-g`, and only those without quotes are shared, since a quote may hide such a word.
      const isComment = next.name === 'comment'
      const end = isComment ? commentEnd(c) : clauseEnd(line, c.end, limit)
      const text = end < 0 ? null : line.slice(clauseStart, end)
      const pool = isComment ? sharedComments : context.modules
      const known = text === null ? undefined : pool.get(text)
      if (known) {
        matches[matchCount++] = known
        spec = undefined
        lastRank = -1
        c.pos = end
        continue
      }
      moduleSpec = next
      spec = next
      moduleSlot = matchCount++
      moduleKey = text !== null && (isComment || !text.includes('"')) ? text : null
      modulePool = pool
      lastRank = -1
      continue
    }
    const jump = wordIs(c, '-j')
    if (jump || wordIs(c, '-g')) {
      if (negated || target || targetName !== null) return null
      const name = nextArg(c)
      if (name === null) return null
      context ??= contextFor(family, protocol)
      if (moduleSpec) {
        const options = closeClause(moduleSpec, context.read)
        if (!options) return null
        const module: ModuleMatch = { kind: 'module', module: moduleSpec.name, options, known: true }
        matches[moduleSlot] = module
        if (moduleKey !== null && modulePool) {
          sharePools[shareCount] = modulePool
          shareKeys[shareCount] = moduleKey
          shareModules[shareCount++] = module
        }
        moduleSpec = undefined
      }
      if (!jump) {
        target = { kind: 'goto', name, options: [], known: true }
        spec = undefined
        continue
      }
      targetKey = line.slice(c.start, limit)
      targetPool = context.targets
      const known = targetPool.get(targetKey)
      if (known) {
        target = known
        targetKey = null
        spec = undefined
        c.pos = limit
        continue
      }
      spec = targetSpec(name)
      targetName = spec ? spec.name : name
      lastRank = -1
      continue
    }
    if (!spec) return null
    const found = optionAt(c, spec)
    if (!found || (negated && !found.os.negatable)) return null
    const { os, name } = found
    const args = readArgs(c, os.arity)
    if (args === null) return null
    const ctx = (context ??= contextFor(family, protocol)).read
    let read: ExtensionOption[]
    if (os.quick && args.length === 1 && name === os.names[0] && os.quick(args[0] as string, ctx)) {
      read = [{ name, negated, args, known: true }]
    } else if (os.read) {
      const r = os.read(args, negated, ctx)
      if ('error' in r || r.warning) return null
      read = r.options
    } else read = [{ name: os.names[0] as string, negated, args, known: true }]
    negated = false
    for (const o of read) {
      const r = rankOf(spec, o.name)
      if (r <= lastRank) return null
      lastRank = r
      scratchOptions[optionCount++] = o
    }
  }
  if (negated) return null
  context ??= contextFor(family, protocol)
  if (moduleSpec) {
    const options = closeClause(moduleSpec, context.read)
    if (!options) return null
    const module: ModuleMatch = { kind: 'module', module: moduleSpec.name, options, known: true }
    matches[moduleSlot] = module
    if (moduleKey !== null && modulePool) {
      sharePools[shareCount] = modulePool
      shareKeys[shareCount] = moduleKey
      shareModules[shareCount++] = module
    }
  }
  if (targetName !== null) {
    // Options were read only for a target the parser models; a chain or a verdict has none.
    const tspec = spec && spec.kind === 'target' ? spec : undefined
    const options = tspec ? closeClause(tspec, context.read) : []
    if (!options) return null
    target = { kind: 'jump', name: targetName, options, known: true }
  }
  if (!contextOk(target?.name ?? null, hasIn, hasOut, table, chain)) return null
  for (let k = 0; k < shareCount; k++) remember(sharePools[k] as Map<string, ModuleMatch>, shareKeys[k] as string, shareModules[k] as ModuleMatch)
  if (targetKey && targetPool && target && !targetKey.includes('"')) remember(targetPool, targetKey, target)
  const out = matches.slice(0, matchCount)
  return counters ? { matches: out, target, span, counters } : { matches: out, target, span }
}

/** Runs an extension's whole-clause check; the clause must already be complete and in canonical form. */
function finishClause(options: ExtensionOption[], ctx: ReadContext, spec: ExtensionSpec): boolean {
  if (!spec.finish) return true
  const f = spec.finish(options, ctx)
  if (f.error || f.options.length !== options.length) return false
  for (let k = 0; k < options.length; k++) if (f.options[k] !== options[k]) return false
  return true
}
