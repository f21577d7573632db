import type { Diagnostic, WithDiagnostics } from '../model/diagnostic.ts'
import type { Family, Ruleset } from '../model/ruleset.ts'
import type { CompiledRuleset } from './compile/compiled.ts'
import { compileRuleset } from './compile/compile-ruleset.ts'
import { Counters } from './engine/counters.ts'
import { runExchange, type Exchange } from './engine/exchange.ts'
import { Kernel } from './engine/kernel.ts'
import { conntrackView, notesOf, outcomeLine, verdictOf } from './engine/result.ts'
import { deriveIstioFacts } from './istio-facts.ts'
import { normalizePacket } from './packet-spec.ts'
import { derivePodFacts, rulesetList, type RulesetInput } from './pod-facts.ts'
import type { ConnectionResult, NormalizedPacket, PodFacts, SimulateOptions, SimulationResult } from './types.ts'

/**
 * The simulator's entry points. `compileSimulation` once per ruleset (the worker keeps the result), then
 * `simulateCompiled` (full traces) or `countBatch` (counters only) per batch of packets; `simulate` does both.
 * None of them throws on input: problems are SIM diagnostics.
 */
export interface CompiledSimulation {
  facts: PodFacts
  families: Partial<Record<Family, FamilySim>>
  /** Ports the ruleset captures inbound by name: their listeners are the app. */
  appPorts: ReadonlySet<number>
  diagnostics: Diagnostic[]
}

interface FamilySim {
  compiled: CompiledRuleset
  counters: Counters
  kernel: Kernel
}

const EMPTY: Record<Family, Ruleset> = { 4: { family: 4, tables: [] }, 6: { family: 6, tables: [] } }

export function compileSimulation(
  input: RulesetInput,
  facts: Partial<PodFacts> = {},
  options: { indexThreshold?: number } = {},
): WithDiagnostics<CompiledSimulation> {
  const resolved = derivePodFacts(input, facts)
  const diagnostics: Diagnostic[] = []
  const families: CompiledSimulation['families'] = {}
  for (const rs of rulesetList(input)) {
    const r = compileRuleset(rs, { backend: resolved.backend, ...options })
    diagnostics.push(...r.diagnostics)
    families[rs.family] = { compiled: r.value, counters: new Counters(r.value.rules.length, r.value.chains.length), kernel: new Kernel(r.value, resolved) }
  }
  const istio = deriveIstioFacts(input)
  const value: CompiledSimulation = { facts: resolved, families, appPorts: new Set(istio.appPorts.length ? istio.appPorts : [8080]), diagnostics }
  return { value, diagnostics }
}

function familyOf(sim: CompiledSimulation, family: Family): FamilySim {
  let f = sim.families[family]
  if (!f) {
    const r = compileRuleset(EMPTY[family], { backend: sim.facts.backend })
    f = { compiled: r.value, counters: new Counters(0, r.value.chains.length), kernel: new Kernel(r.value, sim.facts) }
    sim.families[family] = f
  }
  return f
}

function defaultFamily(sim: CompiledSimulation, options: SimulateOptions): Family {
  if (options.family) return options.family
  return sim.families[4] === undefined && sim.families[6] !== undefined ? 6 : 4
}

function isCompiled(x: RulesetInput | CompiledSimulation): x is CompiledSimulation {
  return typeof x === 'object' && x !== null && 'families' in x && 'appPorts' in x
}

export function simulate(
  input: RulesetInput | CompiledSimulation,
  packets: readonly unknown[],
  facts: Partial<PodFacts> = {},
  options: SimulateOptions = {},
): WithDiagnostics<SimulationResult> {
  const compiled = isCompiled(input) ? { value: input, diagnostics: [] as Diagnostic[] } : compileSimulation(input, facts)
  const r = simulateCompiled(compiled.value, packets, options)
  return { value: r.value, diagnostics: [...compiled.diagnostics, ...r.diagnostics] }
}

export function simulateCompiled(sim: CompiledSimulation, packets: readonly unknown[], options: SimulateOptions = {}): WithDiagnostics<SimulationResult> {
  const diagnostics: Diagnostic[] = []
  const trace = options.trace !== false
  const maxSteps = options.maxSteps ?? 4000
  const fam0 = defaultFamily(sim, options)
  const results: ConnectionResult[] = []
  const totals = new Map<Family, Counters>()
  packets.forEach((raw, i) => {
    const n = normalizePacket(raw, i, sim.facts, fam0)
    diagnostics.push(...n.diagnostics)
    if (!n.value) return
    const f = familyOf(sim, n.value.family)
    const result = runOne(sim, f, n.value, i, trace, maxSteps)
    results.push(result)
    let t = totals.get(n.value.family)
    if (!t) {
      t = new Counters(f.compiled.rules.length, f.compiled.chains.length)
      totals.set(n.value.family, t)
    }
    t.addFrom(f.compiled, result.hits, result.policies)
  })
  const out: SimulationResult['totals'] = {}
  for (const [family, t] of totals) out[family] = t.drain(familyOf(sim, family).compiled)
  return { value: { results, totals: out, facts: sim.facts }, diagnostics }
}

function runOne(sim: CompiledSimulation, f: FamilySim, spec: NormalizedPacket, i: number, trace: boolean, maxSteps: number): ConnectionResult {
  const c = f.compiled
  const counters = f.counters
  let ex: Exchange
  try {
    ex = runExchange(f.kernel, spec, counters, trace, true, maxSteps)
  } catch (e) {
    // An internal error must not escape to the caller; it is reported as an undecidable connection.
    counters.drain(c)
    return internalError(spec, i, e)
  }
  const { hits, policies } = counters.drain(c)
  return {
    index: i + 1,
    name: spec.name,
    family: spec.family,
    spec,
    hits,
    policies,
    received_by: ex.conn.received,
    client: ex.client,
    outcome: outcomeLine(ex),
    verdict: verdictOf(ex, sim.appPorts),
    packets: ex.conn.trace ?? [],
    conntrack: conntrackView(ex),
    undecidable: ex.conn.stop !== null,
    notes: notesOf(ex),
  }
}

function internalError(spec: NormalizedPacket, i: number, e: unknown): ConnectionResult {
  const reason = `internal simulator error: ${e instanceof Error ? e.message : String(e)}`
  return {
    index: i + 1,
    name: spec.name,
    family: spec.family,
    spec,
    hits: [],
    policies: [],
    received_by: [],
    client: { netns: spec.direction === 'outbound' ? 'pod' : 'remote', proto: spec.proto, result: 'error', error: reason },
    outcome: `client error: ${reason}`,
    verdict: { kind: 'undecidable', reason },
    packets: [],
    conntrack: [],
    undecidable: true,
    notes: [],
  }
}

/** Counters only, for benchmarks and big batches: the same engine without traces or per-connection results. */
export function countBatch(
  sim: CompiledSimulation,
  packets: readonly unknown[],
  options: { family?: Family } = {},
): { totals: SimulationResult['totals']; connections: number; packets: number; undecidable: number } {
  const totals = new Map<Family, Counters>()
  const counts = { connections: 0, packets: 0, undecidable: 0 }
  countInto(sim, packets, defaultFamily(sim, options), totals, counts)
  const out: SimulationResult['totals'] = {}
  for (const [family, t] of totals) out[family] = t.drain(familyOf(sim, family).compiled)
  return { totals: out, ...counts }
}

/**
 * The batch loop on its own: V8 optimizes it while it runs (on-stack replacement), and code after the loop that
 * had never run would throw that optimized code away at the end of every batch; here there is almost none.
 */
function countInto(
  sim: CompiledSimulation,
  packets: readonly unknown[],
  fam0: Family,
  totals: Map<Family, Counters>,
  counts: { connections: number; packets: number; undecidable: number },
): void {
  let connections = 0
  let sent = 0
  let undecidable = 0
  // A batch is nearly always of one family: the last one's engine and counters are kept at hand.
  let lastFamily: Family | 0 = 0
  let f: FamilySim | null = null
  let counters: Counters | null = null
  for (let i = 0; i < packets.length; i++) {
    const n = normalizePacket(packets[i], i, sim.facts, fam0).value
    if (!n) continue
    if (n.family !== lastFamily || f === null || counters === null) {
      lastFamily = n.family
      f = familyOf(sim, lastFamily)
      counters = totals.get(lastFamily) ?? null
      if (counters === null) {
        counters = new Counters(f.compiled.rules.length, f.compiled.chains.length)
        totals.set(lastFamily, counters)
      }
    }
    try {
      const ex = runExchange(f.kernel, n, counters, false, false, 0)
      sent += ex.conn.packets
      if (ex.conn.stop) undecidable++
    } catch {
      undecidable++
    }
    connections++
  }
  counts.connections = connections
  counts.packets = sent
  counts.undecidable = undecidable
}
