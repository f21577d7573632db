import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateKubeProxyDump } from '../../examples/kube-proxy.ts'
import { printSave } from '../print/print-save.ts'
import { parseInput } from '../parse/index.ts'
import { compileSimulation, simulate } from './simulate.ts'
import type { PacketSpec, SimulationResult, TraceStep } from './types.ts'

/**
 * Rulesets nobody should load, and some nobody could: jump loops (A → B → A, self-loops, -g cycles, loops behind a
 * condition), jump chains thousands deep, and a 100,000-rule dump. The simulator never throws, every run ends in
 * bounded time, a loop ends with a "loop detected" step and the SIM010 diagnostic (the kernel refuses such a
 * ruleset at load time), and a trace longer than its cap is cut and says so.
 */
const APP_OUT: PacketSpec = { name: 'app out', direction: 'outbound', dst: '93.184.216.34', dport: 80, uid: 1000 }
const INBOUND: PacketSpec = { name: 'in', direction: 'inbound', src: '10.10.13.50', dport: 8080 }

const rules = (text: string) => parseInput(text).value.rulesets
const stepsOf = (r: SimulationResult) => r.results.flatMap((c) => c.packets.flatMap((p) => p.steps))
const isLoopStep = (s: TraceStep) => (s.kind === 'rule' && s.action?.kind === 'loop') || (s.kind === 'event' && s.code === 'loop')

function timed<T>(f: () => T, boundMs: number): T {
  const started = performance.now()
  const value = f()
  expect(performance.now() - started, 'bounded time').toBeLessThan(boundMs)
  return value
}

describe('jump loops end with a loop step', () => {
  const LOOPS: Record<string, string> = {
    'A → B → A': '*filter\n-N A\n-N B\n-A OUTPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    'A → A': '*filter\n-N A\n-A OUTPUT -j A\n-A A -j A\nCOMMIT\n',
    'A ⇢ B ⇢ C ⇢ A with -g': '*filter\n-N A\n-N B\n-N C\n-A OUTPUT -g A\n-A A -g B\n-A B -g C\n-A C -g A\nCOMMIT\n',
    // (A NAT target gives the nat table its conntrack reference; without one its chains never run.)
    'a loop behind matches, in nat': '*nat\n-N A\n-N B\n-A OUTPUT -p tcp -j A\n-A A -p udp -j REDIRECT --to-ports 15053\n-A A -p tcp --dport 80 -j B\n-A B -m owner --uid-owner 1000 -j A\nCOMMIT\n',
    'a loop after a RETURN-ing chain': '*mangle\n-N A\n-N B\n-N C\n-A OUTPUT -j C\n-A OUTPUT -j A\n-A C -j RETURN\n-A A -j B\n-A B -j A\nCOMMIT\n',
  }
  it.each(Object.entries(LOOPS))('%s', (_name, text) => {
    const r = timed(() => simulate(rules(text), [APP_OUT]), 5000)
    const sim010 = r.diagnostics.filter((d) => d.code === 'SIM010')
    expect(sim010).toHaveLength(1)
    expect(sim010[0]).toMatchObject({ severity: 'error', line: 1, column: 1 })
    expect(r.value.results[0]?.verdict.kind).toBe('loop')
    expect(stepsOf(r.value).some(isLoopStep)).toBe(true)
  })

  it('a loop no packet reaches is still reported, and the packet is simulated normally', () => {
    const r = simulate(rules('*filter\n-N A\n-N B\n-A OUTPUT -p udp -j A\n-A A -j B\n-A B -j A\nCOMMIT\n'), [APP_OUT])
    expect(r.diagnostics.map((d) => d.code)).toContain('SIM010')
    expect(r.value.results[0]?.verdict.kind).toBe('left-pod')
  })
})

// Random jump graphs over a few user chains, loops and gotos included.
const CHAINS = ['U0', 'U1', 'U2', 'U3', 'U4', 'U5']
const step = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('-j', '-g'), fc.constantFrom(...CHAINS)).map(([j, c]) => `${j} ${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('-j RETURN', '-j ACCEPT', '-j DROP', '-j MARK --set-mark 0x1', '-p tcp -j REDIRECT --to-ports 15001', '-p udp -j ACCEPT', '-m mark --mark 0x1 -j RETURN') },
)
const jumpGraph = fc
  .record({
    table: fc.constantFrom('filter', 'nat', 'mangle'),
    entry: fc.constantFrom('OUTPUT', 'PREROUTING', 'INPUT', 'POSTROUTING'),
    rules: fc.array(fc.tuple(fc.constantFrom(...CHAINS), step), { maxLength: 14 }),
    firstJump: fc.constantFrom(...CHAINS),
  })
  .map(({ table, entry, rules: list, firstJump }) => {
    const hook = table === 'filter' && (entry === 'PREROUTING' || entry === 'POSTROUTING') ? 'OUTPUT' : entry
    const out = [`*${table}`, ...CHAINS.map((c) => `:${c} - [0:0]`), `-A ${hook} -j ${firstJump}`]
    for (const [chain, s] of list) out.push(`-A ${chain} ${s}`)
    out.push('COMMIT', '')
    return out.join('\n')
  })

describe('random jump graphs (600 rulesets × 2 packets)', () => {
  it('end in bounded time, a loop verdict only with SIM010, and every loop verdict shows its loop step', () => {
    let loops = 0
    fc.assert(
      fc.property(jumpGraph, fc.boolean(), (text, legacy) => {
        const r = timed(() => simulate(rules(text), [APP_OUT, INBOUND], { backend: legacy ? 'legacy' : 'nft' }, { maxSteps: 300 }), 5000)
        const sim010 = r.diagnostics.some((d) => d.code === 'SIM010')
        for (const res of r.value.results) {
          const looped = res.verdict.kind === 'loop'
          if (looped) loops++
          const steps = res.packets.flatMap((p) => p.steps)
          expect({ looped, sim010: looped ? sim010 : true, loopStep: looped ? steps.some(isLoopStep) : true, internal: /internal simulator error/.test(res.outcome) }).toEqual({
            looped,
            sim010: true,
            loopStep: true,
            internal: false,
          })
          expect(steps.length).toBeLessThanOrEqual(300 * 8)
        }
      }),
      { numRuns: 600, seed: 20260901 },
    )
    expect(loops).toBeGreaterThan(20)
  }, 300_000)
})

describe('deep and huge rulesets stay bounded', () => {
  function deepChain(depth: number): string {
    const out = ['*filter', ...Array.from({ length: depth }, (_, i) => `:D${i} - [0:0]`), '-A OUTPUT -j D0']
    for (let i = 0; i + 1 < depth; i++) out.push(`-A D${i} -j D${i + 1}`)
    out.push(`-A D${depth - 1} -j MARK --set-mark 0x1`, 'COMMIT', '')
    return out.join('\n')
  }

  it('jumps 5,000 chains deep and back, and a capped trace says it was capped', () => {
    const text = deepChain(5000)
    const full = timed(() => simulate(rules(text), [APP_OUT], {}, { maxSteps: 100_000 }), 20_000)
    expect(full.value.results[0]?.verdict.kind).toBe('left-pod')
    expect(full.value.results[0]?.notes.map((n) => n.code)).not.toContain('trace-capped')

    const capped = timed(() => simulate(rules(text), [APP_OUT], {}, { maxSteps: 500 }), 20_000)
    const result = capped.value.results[0]
    expect(result?.verdict.kind).toBe('left-pod')
    expect(result?.notes.map((n) => n.code)).toContain('trace-capped')
    const steps = stepsOf(capped.value)
    expect(steps.some((s) => s.kind === 'event' && s.code === 'cap')).toBe(true)
    expect(steps.length).toBeLessThan(600 * 8)
    // The counters cover the whole exchange, not only the steps shown.
    expect(result?.hits.find((h) => h.chain === 'D4999')?.pkts).toBeGreaterThan(0)
  }, 120_000)

  it('parses, prints, compiles and simulates a 100,000-rule dump in bounded time', () => {
    const dump = generateKubeProxyDump({ services: 9000, seed: 3 })
    expect(dump.stats.rules).toBeGreaterThan(85_000)
    const parsed = timed(() => parseInput(dump.text), 30_000)
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const ruleset = parsed.value.rulesets[4]!
    const rulesInDump = ruleset.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0)
    expect(rulesInDump).toBe(dump.stats.rules)
    const printed = timed(() => printSave(ruleset), 30_000)
    expect(printed.split('\n').filter((l) => l.startsWith('-A ')).length).toBe(rulesInDump)
    const compiled = timed(() => compileSimulation(parsed.value.rulesets), 30_000)
    const service = /-A KUBE-SERVICES -d (\S+)\/32 -p tcp -m comment --comment "[^"]*" -m tcp --dport (\d+) -j KUBE-SVC/.exec(dump.text)
    expect(service).not.toBeNull()
    const toService: PacketSpec = { name: 'to a service', direction: 'outbound', dst: service![1]!, dport: Number(service![2]), uid: 1000 }
    const r = timed(() => simulate(compiled.value, [toService, APP_OUT], {}, { maxSteps: 400 }), 30_000)
    expect(r.value.results.map((c) => c.verdict.kind)).not.toContain('undecidable')
    expect(r.value.results[0]?.verdict.kind).toMatch(/dnat|left-pod|unanswered/)
  }, 300_000)
})
