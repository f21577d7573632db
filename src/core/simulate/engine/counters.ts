import type { CompiledRuleset } from '../compile/compiled.ts'
import type { Hit, PolicyHit } from '../types.ts'

/**
 * Per-rule and per-policy packet/byte counters, allocated once per compiled ruleset. A connection touches a few
 * entries; `drain` reads and clears exactly those, so per-connection results cost nothing for 100k-rule rulesets.
 */
export class Counters {
  readonly pkts: Int32Array
  readonly bytes: Float64Array
  readonly policyPkts: Int32Array
  readonly policyBytes: Float64Array
  private touched: number[] = []
  private policyTouched: number[] = []

  constructor(rules: number, chains: number) {
    this.pkts = new Int32Array(rules)
    this.bytes = new Float64Array(rules)
    this.policyPkts = new Int32Array(chains)
    this.policyBytes = new Float64Array(chains)
  }

  rule(id: number, len: number): void {
    if (this.pkts[id] === 0) this.touched.push(id)
    this.pkts[id] = (this.pkts[id] as number) + 1
    this.bytes[id] = (this.bytes[id] as number) + len
  }

  policy(chainId: number, len: number): void {
    if (this.policyPkts[chainId] === 0) this.policyTouched.push(chainId)
    this.policyPkts[chainId] = (this.policyPkts[chainId] as number) + 1
    this.policyBytes[chainId] = (this.policyBytes[chainId] as number) + len
  }

  /** The non-zero counters in the oracle's order, then zeroed. */
  drain(c: CompiledRuleset): { hits: Hit[]; policies: PolicyHit[] } {
    const counts = new Map<number, { pkts: number; bytes: number }>()
    for (const id of this.touched) {
      counts.set(id, { pkts: this.pkts[id] as number, bytes: this.bytes[id] as number })
      this.pkts[id] = 0
      this.bytes[id] = 0
    }
    this.touched = []
    const policies: PolicyHit[] = []
    for (const id of this.policyTouched.toSorted((a, b) => a - b)) {
      const chain = c.chains[id]
      if (chain && chain.exists) {
        policies.push({ table: chain.table, chain: chain.name, policy: chain.policy, pkts: this.policyPkts[id] as number, bytes: this.policyBytes[id] as number })
      }
      this.policyPkts[id] = 0
      this.policyBytes[id] = 0
    }
    this.policyTouched = []
    return { hits: orderHits(c, counts), policies: sortPolicies(policies) }
  }

  /** Adds another counter set (a connection's) into this one (the batch totals). */
  addFrom(c: CompiledRuleset, hits: readonly Hit[], policies: readonly PolicyHit[]): void {
    const byKey = ruleIds(c)
    for (const h of hits) {
      const id = byKey.get(`${h.table}\u0000${h.chain}\u0000${h.index}`)
      if (id === undefined) continue
      if (this.pkts[id] === 0) this.touched.push(id)
      this.pkts[id] = (this.pkts[id] as number) + h.pkts
      this.bytes[id] = (this.bytes[id] as number) + h.bytes
    }
    for (const p of policies) {
      const chain = c.tables[p.table]?.chains.get(p.chain)
      if (!chain) continue
      if (this.policyPkts[chain.id] === 0) this.policyTouched.push(chain.id)
      this.policyPkts[chain.id] = (this.policyPkts[chain.id] as number) + p.pkts
      this.policyBytes[chain.id] = (this.policyBytes[chain.id] as number) + p.bytes
    }
  }
}

const ruleIdCache = new WeakMap<CompiledRuleset, Map<string, number>>()

function ruleIds(c: CompiledRuleset): Map<string, number> {
  let m = ruleIdCache.get(c)
  if (!m) {
    m = new Map(c.rules.map((r) => [`${r.table}\u0000${r.chain}\u0000${r.index}`, r.id]))
    ruleIdCache.set(c, m)
  }
  return m
}

const TABLE_ORDER = ['raw', 'mangle', 'nat', 'filter', 'security']
const BUILTIN_ORDER = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']

function sortPolicies(list: PolicyHit[]): PolicyHit[] {
  return list.toSorted((a, b) => TABLE_ORDER.indexOf(a.table) - TABLE_ORDER.indexOf(b.table) || BUILTIN_ORDER.indexOf(a.chain) - BUILTIN_ORDER.indexOf(b.chain))
}

/**
 * The oracle's hit order: tables raw, mangle, nat, filter, security; in a table the built-in chains in hook order,
 * rule by rule, and right after a hit rule whose target is a user chain that chain's hits (depth first, each chain
 * once); hits in chains not reached so follow, ordered by the chain's first appearance in the rules.
 */
export function orderHits(c: CompiledRuleset, counts: Map<number, { pkts: number; bytes: number }>): Hit[] {
  if (counts.size === 0) return []
  const out: Hit[] = []
  const withHits = new Map<string, Set<string>>()
  for (const id of counts.keys()) {
    const r = c.rules[id]
    if (!r) continue
    let set = withHits.get(r.table)
    if (!set) withHits.set(r.table, (set = new Set()))
    set.add(r.chain)
  }
  for (const tname of TABLE_ORDER) {
    const chainsWithHits = withHits.get(tname)
    if (!chainsWithHits) continue
    const table = c.tables[tname as keyof typeof c.tables]
    if (!table) continue
    const done = new Set<string>()
    const visit = (chainName: string): void => {
      if (done.has(chainName)) return
      const chain = table.chains.get(chainName)
      if (!chain) return
      done.add(chainName)
      for (const r of chain.rules) {
        const n = counts.get(r.id)
        if (!n) continue
        out.push({ table: r.table, chain: r.chain, index: r.index, pkts: n.pkts, bytes: n.bytes })
        if (r.target.kind === 'jump') visit(r.target.chain.name)
      }
    }
    for (const b of BUILTIN_ORDER) if (chainsWithHits.has(b)) visit(b)
    const others = [...chainsWithHits]
      .filter((name) => !done.has(name) && !BUILTIN_ORDER.includes(name))
      .toSorted((a, b) => (c.chainOrder.get(a) ?? 1 << 30) - (c.chainOrder.get(b) ?? 1 << 30) || (a < b ? -1 : a > b ? 1 : 0))
    for (const name of others) visit(name)
  }
  return out
}
