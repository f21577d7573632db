import { diagnostic, type Diagnostic } from '../../model/diagnostic.ts'
import { BUILTIN_CHAINS, type Family, type Rule, type Ruleset, type TableName } from '../../model/ruleset.ts'
import { addrKey, parseCidr4w } from '../addr.ts'
import { compileBase } from './base-clauses.ts'
import type { ChainIndex, Clause, CompiledChain, CompiledRule, CompiledRuleset, CompiledTable, StandIn } from './compiled.ts'
import { compileModule } from './module-clauses.ts'
import { compileTarget } from './targets.ts'

/** Modules and targets whose checkentry takes a conntrack reference: their presence turns conntrack on in the netns. */
const CONNTRACK_MODULES = new Set(['conntrack', 'state', 'connmark', 'helper', 'connlimit', 'connbytes', 'connlabel', 'cluster'])
const CONNTRACK_TARGETS = new Set(['CONNMARK', 'CT', 'CONNSECMARK', 'SNAT', 'DNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP', 'SYNPROXY'])

/** Chains longer than this get a destination index (kube-proxy's KUBE-SERVICES). */
const INDEX_THRESHOLD = 32

export interface CompileOptions {
  backend: 'nft' | 'legacy'
  /** Chains with at least this many rules get an index (default 32; Infinity turns indexing off). */
  indexThreshold?: number
}

/**
 * Compiles a ruleset into first-match predicates. Never throws: clauses and targets the simulator cannot decide
 * become undecidable ones, and a jump loop is reported (the kernel refuses such a ruleset at load time).
 */
export function compileRuleset(ruleset: Ruleset, options: CompileOptions): { value: CompiledRuleset; diagnostics: Diagnostic[] } {
  const family: Family = ruleset.family
  const diagnostics: Diagnostic[] = []
  const rules: CompiledRule[] = []
  const chains: CompiledChain[] = []
  const tables: Partial<Record<TableName, CompiledTable>> = {}
  const chainOrder = new Map<string, number>()
  let conntrack = false
  let nat = false
  let stateIds = 0
  const podPorts = new Set<number>()
  const remotePorts = new Set<number>()

  const firstLines: { name: string; line: number; seq: number }[] = []
  let seq = 0
  for (const table of ruleset.tables) {
    const ct: CompiledTable = { name: table.name, chains: new Map() }
    tables[table.name] = ct
    const builtins = BUILTIN_CHAINS[table.name]
    for (const chain of table.chains) {
      const builtin = builtins.includes(chain.name)
      const c: CompiledChain = {
        id: chains.length,
        table: table.name,
        name: chain.name,
        builtin,
        policy: chain.policy === 'DROP' ? 'DROP' : 'ACCEPT',
        rules: [],
        // The parser lists every built-in chain of a table; nft has only those declared (`:CHAIN`) or given rules.
        exists: !builtin || options.backend === 'legacy' || chain.rules.length > 0 || chain.span !== undefined || chain.policy === 'DROP',
        inCycle: false,
        index: null,
      }
      chains.push(c)
      ct.chains.set(chain.name, c)
      const lines = [chain.span?.line, ...chain.rules.map((r) => r.span?.line)].filter((l): l is number => l !== undefined)
      firstLines.push({ name: chain.name, line: lines.length ? Math.min(...lines) : Number.MAX_SAFE_INTEGER, seq: seq++ })
    }
    for (const name of builtins) {
      if (ct.chains.has(name)) continue
      // legacy instantiates every built-in chain of a table; nft only those the rules declare.
      const c: CompiledChain = { id: chains.length, table: table.name, name, builtin: true, policy: 'ACCEPT', rules: [], exists: options.backend === 'legacy', inCycle: false, index: null }
      chains.push(c)
      ct.chains.set(name, c)
    }
    if (table.name === 'nat' && [...ct.chains.values()].some((c) => c.builtin && c.exists)) nat = true
  }
  firstLines.toSorted((a, b) => a.line - b.line || a.seq - b.seq)
  for (const f of firstLines) if (!chainOrder.has(f.name)) chainOrder.set(f.name, chainOrder.size)

  for (const table of ruleset.tables) {
    const ct = tables[table.name] as CompiledTable
    for (const chain of table.chains) {
      const cc = ct.chains.get(chain.name) as CompiledChain
      chain.rules.forEach((rule, i) => {
        const r = compileRule(rule, family, table.name, chain.name, i + 1, rules.length, ct, () => stateIds++)
        rules.push(r)
        cc.rules.push(r)
        if (usesConntrack(rule)) conntrack = true
        collectListenPorts(rule, podPorts, remotePorts)
      })
      if (cc.rules.length >= (options.indexThreshold ?? INDEX_THRESHOLD)) cc.index = buildIndex(cc.rules)
    }
  }
  const hasCycle = markCycles(chains, tables)
  if (hasCycle) {
    diagnostics.push(
      diagnostic('SIM010', 'error', 'the rules jump in a loop (a chain reaches itself through -j/-g); the kernel refuses such a ruleset at load time', 1),
    )
  }
  const hookNames = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']
  const tableNames: TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security']
  const hooks = hookNames.map((h) =>
    tableNames.map((t) => {
      const chain = tables[t]?.chains.get(h)
      return chain && chain.exists ? chain : null
    }),
  )
  return {
    value: {
      family,
      tables,
      hooks,
      rules,
      chains,
      // A nat table alone takes no conntrack reference (its targets do): without one its chains never run.
      conntrack,
      nat,
      podPorts: [...podPorts].toSorted((a, b) => a - b),
      remotePorts: [...remotePorts].toSorted((a, b) => a - b),
      chainOrder,
      hasCycle,
    },
    diagnostics,
  }
}

function compileRule(
  rule: Rule,
  family: Family,
  table: TableName,
  chain: string,
  index: number,
  id: number,
  ct: CompiledTable,
  nextStateId: () => number,
): CompiledRule {
  const clauses: Clause[] = []
  let ruleProto: string | null = null
  let dstKey: number | string | null = null
  let dport: number | null = null
  for (const m of rule.matches) {
    if (m.kind === 'base') {
      clauses.push(compileBase(m, family))
      if (m.option === '-p' && !m.negated) ruleProto = m.value.toLowerCase()
      if (m.option === '-d' && !m.negated) {
        const c = parseCidr4w(m.value)
        if (c && c.family === family && c.prefix === (family === 4 ? 32 : 128)) dstKey = addrKey(c.net)
      }
    }
  }
  if (ruleProto === '6') ruleProto = 'tcp'
  if (ruleProto === '17') ruleProto = 'udp'
  for (const m of rule.matches) {
    if (m.kind !== 'module') continue
    for (const cl of compileModule(m, { family, ruleProto, nextStateId })) clauses.push(cl)
    const mod = m.module === '' || m.implicit ? ruleProto : m.module
    if (mod !== 'tcp' && mod !== 'udp') continue
    for (const o of m.options) {
      if ((o.name === '--dport' || o.name === '--destination-port') && !o.negated && /^\d+$/.test(o.args[0] ?? '')) dport = Number(o.args[0])
    }
  }
  const target = compileTarget(rule.target, {
    family,
    chain: (name) => {
      const c = ct.chains.get(name)
      return c && !c.builtin ? c : null
    },
  })
  const deterministicAt = clauses.findIndex((c) => c.deterministic !== undefined)
  const deterministic = deterministicAt >= 0 ? ((clauses[deterministicAt] as Clause).deterministic as StandIn) : null
  return { id, table, chain, index, clauses, target, dstKey, dport, deterministic, deterministicAt }
}

function usesConntrack(rule: Rule): boolean {
  if (rule.matches.some((m) => m.kind === 'module' && CONNTRACK_MODULES.has(m.module))) return true
  const t = rule.target
  if (t === null || !CONNTRACK_TARGETS.has(t.name)) return false
  // xt_CT's checkentry returns before taking the reference when it only untracks (NOTRACK is CT --notrack).
  return !(t.name === 'CT' && t.options.some((o) => o.name === '--notrack'))
}

/**
 * The ports the oracle listens on because the rules name them: it scans the rules text with
 * `--to-ports?\s+(\d+)(?:[-:](\d+))?` (up to 16 ports of a range), `--on-port\s+(\d+)` and
 * `--to-destination\s+\S*?:(\d+)` (the latter on both sides). The same patterns run on each option as written.
 */
function collectListenPorts(rule: Rule, pod: Set<number>, remote: Set<number>): void {
  const t = rule.target
  if (!t) return
  for (const o of t.options) {
    const txt = `${o.name} ${o.args.join(' ')}`
    let m = /--to-ports?\s+(\d+)(?:[-:](\d+))?/.exec(txt)
    if (m) {
      const a = Number(m[1])
      const b = m[2] ? Number(m[2]) : a
      for (let p = a; p <= Math.min(b, a + 15); p++) if (p > 0 && p < 65536) pod.add(p)
    }
    m = /--on-port\s+(\d+)/.exec(txt)
    if (m && Number(m[1]) > 0 && Number(m[1]) < 65536) pod.add(Number(m[1]))
    m = /--to-destination\s+\S*?:(\d+)/.exec(txt)
    if (m && Number(m[1]) > 0 && Number(m[1]) < 65536) {
      pod.add(Number(m[1]))
      remote.add(Number(m[1]))
    }
  }
}

function buildIndex(rules: CompiledRule[]): ChainIndex {
  const byDst = new Map<number | string, CompiledRule[]>()
  const byDport = new Map<number, CompiledRule[]>()
  const generic: CompiledRule[] = []
  for (const r of rules) {
    if (r.dstKey !== null) {
      const list = byDst.get(r.dstKey)
      if (list) list.push(r)
      else byDst.set(r.dstKey, [r])
    } else if (r.dport !== null) {
      const list = byDport.get(r.dport)
      if (list) list.push(r)
      else byDport.set(r.dport, [r])
    } else generic.push(r)
  }
  return { byDst, byDport, generic }
}

/** Tarjan's strongly connected components over -j/-g edges; chains in a non-trivial component (or self-loop) are cyclic. */
function markCycles(chains: CompiledChain[], _tables: Partial<Record<TableName, CompiledTable>>): boolean {
  const edgeCache = new Map<number, CompiledChain[]>()
  const edges = (c: CompiledChain): CompiledChain[] => {
    let out = edgeCache.get(c.id)
    if (!out) {
      out = []
      for (const r of c.rules) if (r.target.kind === 'jump') out.push(r.target.chain)
      edgeCache.set(c.id, out)
    }
    return out
  }
  const index = new Map<number, number>()
  const low = new Map<number, number>()
  const onStack = new Set<number>()
  const stack: CompiledChain[] = []
  let counter = 0
  let found = false
  // Iterative to stay within the call stack on huge rulesets.
  for (const root of chains) {
    if (index.has(root.id)) continue
    const work: { c: CompiledChain; next: CompiledChain[]; i: number }[] = [{ c: root, next: edges(root), i: 0 }]
    index.set(root.id, counter)
    low.set(root.id, counter++)
    stack.push(root)
    onStack.add(root.id)
    while (work.length) {
      const top = work[work.length - 1] as { c: CompiledChain; next: CompiledChain[]; i: number }
      if (top.i < top.next.length) {
        const w = top.next[top.i++] as CompiledChain
        if (!index.has(w.id)) {
          index.set(w.id, counter)
          low.set(w.id, counter++)
          stack.push(w)
          onStack.add(w.id)
          work.push({ c: w, next: edges(w), i: 0 })
        } else if (onStack.has(w.id)) low.set(top.c.id, Math.min(low.get(top.c.id) as number, index.get(w.id) as number))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.c.id, Math.min(low.get(parent.c.id) as number, low.get(top.c.id) as number))
      if (low.get(top.c.id) === index.get(top.c.id)) {
        const comp: CompiledChain[] = []
        let w: CompiledChain | undefined
        do {
          w = stack.pop() as CompiledChain
          onStack.delete(w.id)
          comp.push(w)
        } while (w !== top.c)
        const selfLoop = comp.length === 1 && edges(top.c).includes(top.c)
        if (comp.length > 1 || selfLoop) {
          found = true
          for (const x of comp) x.inCycle = true
        }
      }
    }
  }
  return found
}
