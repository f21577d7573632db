import type { Span } from '../model/span.ts'
import type { BaseOption, Counters, ExtensionOption, Family, Match, ModuleMatch, Rule, TableName, Target } from '../model/ruleset.ts'
import { canonicalAddress } from './canonical/address.ts'
import { matchSpec, targetSpec } from './extensions/registry.ts'
import type { ExtensionSpec, OptionSpec, ReadContext } from './extensions/types.ts'
import { baseRank, clauseEnd, type Cursor, nextArg, nextWord, readArgs, wordIs } from './fast-cursor.ts'
import { contextOk } from './resolve-draft.ts'
import { protocolName, protocolNumber } from './tables/names.ts'

/**
 * The common case of a big dump, read without intermediate structures: an `-A CHAIN …` line in the plain grammar
 * iptables-save prints (base clauses, `-m` matches the parser models, options in their save order, a target).
 * Syntax words are compared in place and never copied; option and module names come from the extension tables.
 * It allocates little more than the model itself, which keeps a 100 000-rule kube-proxy dump about as fast to
 * read as `iptables-restore --test` reads it. Anything else — an unmodelled match, an option out of order, a
 * negation in an unusual place, an error — returns null, and the general reader (read-rule-words + resolve-draft),
 * which produces the same model with diagnostics, takes the line. fast-rule.test.ts and fast-dump.test.ts check
 * that both give the same rules.
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
/** `-m comment --comment …` by the comment's text: it means the same in every context. */
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

/** Off only while a caller asks for the general reader everywhere (parseInput's noFastPath, to compare both). */
let fastRulesOn = true

export function withoutFastRules<T>(read: () => T): T {
  const was = fastRulesOn
  fastRulesOn = false
  try {
    return read()
  } finally {
    fastRulesOn = was
  }
}

export function forgetSharedClauses(): void {
  for (const m of sharedBase) m.clear()
  sharedComments.clear()
  for (const m of contexts) m.clear()
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
 * Sized up front, since a store past an array's end makes the JIT throw away the code it compiled.
 */
const scratchMatches: Match[] = Array.from({ length: 64 }, (): Match => ({ kind: 'base', option: '-f', negated: false, value: '' }))
const scratchOptions: ExtensionOption[] = Array.from({ length: 64 }, (): ExtensionOption => ({ name: '', negated: false, args: [], known: true }))

/** Clauses read in this rule that other rules may share once it has been read without trouble. */
const sharePools: Map<string, ModuleMatch>[] = []
const shareKeys: string[] = []
const shareModules: ModuleMatch[] = []

/**
 * The rule being read. One object reused for every rule, read and written by one small function per kind of
 * clause: a single function doing it all takes the JIT long to compile, and it recompiles it whenever a dump shows
 * it a path it had not seen, running slow code meanwhile.
 */
interface RuleState {
  c: Cursor
  family: Family
  matchCount: number
  optionCount: number
  shareCount: number
  protocol: string
  negated: boolean
  hasIn: boolean
  hasOut: boolean
  lastBase: number
  /** Save-order rank of the last option read in the open clause. */
  lastRank: number
  context: Context | null
  /** The `-m` clause being read: its slot in `matches`, and its text when other rules may share it. */
  moduleSpec: ExtensionSpec | null
  moduleSlot: number
  moduleKey: string | null
  modulePool: Map<string, ModuleMatch> | null
  /** The target: `target` once complete, or its name while its options are being read. */
  target: Target | null
  targetName: string | null
  targetKey: string | null
  targetPool: Map<string, Target> | null
  /** The extension whose options may follow (the open `-m` clause or the target), if any. */
  spec: ExtensionSpec | null
}

const R: RuleState = {
  c: { line: '', limit: 0, pos: 0, start: 0, end: 0 },
  family: 4,
  matchCount: 0,
  optionCount: 0,
  shareCount: 0,
  protocol: '',
  negated: false,
  hasIn: false,
  hasOut: false,
  lastBase: -1,
  lastRank: -1,
  context: null,
  moduleSpec: null,
  moduleSlot: 0,
  moduleKey: null,
  modulePool: null,
  target: null,
  targetName: null,
  targetKey: null,
  targetPool: null,
  spec: null,
}

function begin(line: string, start: number, limit: number, family: Family): void {
  const c = R.c
  c.line = line
  c.limit = limit
  c.pos = start
  c.start = 0
  c.end = 0
  R.family = family
  R.matchCount = 0
  R.optionCount = 0
  R.shareCount = 0
  R.protocol = ''
  R.negated = false
  R.hasIn = false
  R.hasOut = false
  R.lastBase = -1
  R.lastRank = -1
  R.context = null
  R.moduleSpec = null
  R.moduleKey = null
  R.modulePool = null
  R.target = null
  R.targetName = null
  R.targetKey = null
  R.targetPool = null
  R.spec = null
}

function context(): Context {
  return (R.context ??= contextFor(R.family, R.protocol))
}

/** `-s` … `-f` and its argument. Base options come first in a saved rule; anywhere else the general reader decides. */
function readBase(rank: number): boolean {
  if (R.moduleSpec || R.target || R.targetName !== null || rank <= R.lastBase) return false
  if (R.matchCount > 0 && scratchMatches[R.matchCount - 1]?.kind === 'module') return false
  R.lastBase = rank
  const option = BASE_BY_RANK[rank] as BaseOption
  const negated = R.negated
  R.negated = false
  if (option === '-f') {
    if (R.family === 6) return false
    scratchMatches[R.matchCount++] = { kind: 'base', option, negated, value: '' }
    return true
  }
  let value = nextArg(R.c)
  if (value === null) return false
  if (option === '-p') {
    const p = canonicalProtocol(value)
    if (p === null) return false
    value = p
    if (!negated) R.protocol = p
  } else if (option === '-s' || option === '-d') {
    const r = canonicalAddress(value, R.family)
    if (r.kind !== 'address' || r.text === (R.family === 4 ? '0.0.0.0/0' : '::/0')) return false
    value = r.text
  } else {
    if (value === '+' || value.length > 15) return false
    if (option === '-i') R.hasIn = true
    else R.hasOut = true
  }
  if (rank < 2) scratchMatches[R.matchCount++] = { kind: 'base', option, negated, value }
  else {
    const pool = sharedBase[rank * 2 + (negated ? 1 : 0)] as Map<string, Match>
    scratchMatches[R.matchCount++] = pool.get(value) ?? remember(pool, value, { kind: 'base', option, negated, value })
  }
  return true
}

/** The options read since the clause of `spec` opened, or null if its whole-clause check fails. */
function closeClause(spec: ExtensionSpec): ExtensionOption[] | null {
  const options = R.optionCount ? scratchOptions.slice(0, R.optionCount) : []
  R.optionCount = 0
  return finishClause(options, context().read, spec) ? options : null
}

/**
 * Builds the open `-m` clause into its slot. Objects are built once their options are known and never changed
 * afterwards: a field assigned after creation would also cost the JIT its compiled code.
 */
function closeModule(): boolean {
  const spec = R.moduleSpec
  if (!spec) return true
  R.moduleSpec = null
  const options = closeClause(spec)
  if (!options) return false
  const module: ModuleMatch = { kind: 'module', module: spec.name, options, known: true }
  scratchMatches[R.moduleSlot] = module
  if (R.moduleKey !== null && R.modulePool) {
    sharePools[R.shareCount] = R.modulePool
    shareKeys[R.shareCount] = R.moduleKey
    shareModules[R.shareCount++] = module
  }
  return true
}

/** `-m NAME`: a clause read before (shared as a whole) or a new one whose options follow. */
function readMatch(): boolean {
  const c = R.c
  const clauseStart = c.start
  if (R.negated || R.target || R.targetName !== null || nextWord(c) !== 1) return false
  const next = matchSpec(c.line.slice(c.start, c.end))
  if (!next || !closeModule()) return false
  R.lastRank = -1
  if (next.name === 'comment') return readComment(next)
  // A clause ends at the next `-m`/`-j`/`-g`; only those without quotes are shared, since a quote may hide such
  // a word.
  const end = clauseEnd(c.line, c.end, c.limit)
  const text = c.line.slice(clauseStart, end)
  const pool = context().modules
  const known = pool.get(text)
  if (known) {
    scratchMatches[R.matchCount++] = known
    R.spec = null
    c.pos = end
    return true
  }
  R.moduleSpec = next
  R.spec = next
  R.moduleSlot = R.matchCount++
  R.moduleKey = text.includes('"') ? null : text
  R.modulePool = pool
  return true
}

/**
 * `-m comment --comment TEXT`, read whole and shared by its text: kube-proxy names a service in several rules, and
 * a comment means the same in any rule.
 */
function readComment(spec: ExtensionSpec): boolean {
  const c = R.c
  R.spec = null
  if (nextWord(c) !== 1 || !wordIs(c, '--comment')) return false
  const text = nextArg(c)
  if (text === null) return false
  let module = sharedComments.get(text)
  if (!module) {
    const read = spec.options[0]?.read
    const r = read ? read([text], false, context().read) : null
    if (!r || 'error' in r || r.warning || !finishClause(r.options, context().read, spec)) return false
    module = remember(sharedComments, text, { kind: 'module', module: spec.name, options: r.options, known: true })
  }
  scratchMatches[R.matchCount++] = module
  return true
}

/** `-j NAME` or `-g CHAIN`. */
function readTarget(jump: boolean): boolean {
  const c = R.c
  if (R.negated || R.target || R.targetName !== null) return false
  const name = nextArg(c)
  if (name === null || !closeModule()) return false
  if (!jump) {
    R.target = { kind: 'goto', name, options: [], known: true }
    R.spec = null
    return true
  }
  // Usually the name, unquoted, ends the line: it is then its own key (one string, hashed once).
  const key = c.pos === c.limit && c.line.charCodeAt(c.limit - 1) !== 34 ? name : c.line.slice(c.start, c.limit)
  const pool = context().targets
  const known = pool.get(key)
  if (known) {
    R.target = known
    R.spec = null
    c.pos = c.limit
    return true
  }
  R.targetKey = key
  R.targetPool = pool
  const spec = targetSpec(name)
  R.spec = spec ?? null
  R.targetName = spec ? spec.name : name
  R.lastRank = -1
  return true
}

/** An option of the open clause, in save order. */
function readOption(): boolean {
  const spec = R.spec
  if (!spec) return false
  const c = R.c
  const found = optionAt(c, spec)
  const negated = R.negated
  if (!found || (negated && !found.os.negatable)) return false
  R.negated = false
  const { os, name } = found
  const args = readArgs(c, os.arity)
  if (args === null) return false
  const ctx = context().read
  let read: ExtensionOption[]
  if (os.quick && args.length === 1 && name === os.names[0] && os.quick(args[0] as string, ctx)) {
    read = [{ name, negated, args, known: true }]
  } else if (os.read) {
    const r = os.read(args, negated, ctx)
    if ('error' in r || r.warning) return false
    read = r.options
  } else read = [{ name: os.names[0] as string, negated, args, known: true }]
  for (const o of read) {
    const rank = rankOf(spec, o.name)
    if (rank <= R.lastRank) return false
    R.lastRank = rank
    scratchOptions[R.optionCount++] = o
  }
  return true
}

function finishRule(table: TableName, chain: string, span: Span, counters: Counters | undefined): Rule | null {
  if (R.negated || !closeModule()) return null
  let target = R.target
  if (R.targetName !== null) {
    // Options were read only for a target the parser models; a chain or a verdict has none.
    const tspec = R.spec && R.spec.kind === 'target' ? R.spec : null
    const options = tspec ? closeClause(tspec) : []
    if (!options) return null
    target = { kind: 'jump', name: R.targetName, options, known: true }
  }
  if (!contextOk(target?.name ?? null, R.hasIn, R.hasOut, table, chain)) return null
  for (let k = 0; k < R.shareCount; k++) remember(sharePools[k] as Map<string, ModuleMatch>, shareKeys[k] as string, shareModules[k] as ModuleMatch)
  if (R.targetKey !== null && R.targetPool && target && !R.targetKey.includes('"')) remember(R.targetPool, R.targetKey, target)
  const matches = scratchMatches.slice(0, R.matchCount)
  // Keys in the general reader's order, so both give the same JSON.
  return counters ? { matches, target, counters, span } : { matches, target, span }
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
  if (!fastRulesOn) return null
  begin(line, start, limit, family)
  const c = R.c
  for (;;) {
    const got = nextWord(c)
    if (got === 0) break
    if (got < 0) return null
    if (c.end - c.start === 1 && line.charCodeAt(c.start) === 33) {
      if (R.negated) return null
      R.negated = true
      continue
    }
    const rank = baseRank(c)
    const ok =
      rank >= 0 ? readBase(rank) : wordIs(c, '-m') ? readMatch() : wordIs(c, '-j') ? readTarget(true) : wordIs(c, '-g') ? readTarget(false) : readOption()
    if (!ok) return null
  }
  return finishRule(table, chain, span, counters)
}

/** Runs an extension's whole-clause check; the clause must already be complete and in canonical form. */
function finishClause(options: ExtensionOption[], ctx: ReadContext, spec: ExtensionSpec): boolean {
  if (!spec.finish) return true
  const f = spec.finish(options, ctx)
  if (f.error || f.options.length !== options.length) return false
  for (let k = 0; k < options.length; k++) if (f.options[k] !== options[k]) return false
  return true
}
