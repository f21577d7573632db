import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { nextLeg } from './presets.ts'
import { deriveIstioFacts } from './istio-facts.ts'
import { compileSimulation, countBatch, simulate, simulateCompiled } from './simulate.ts'
import type { PacketSpec } from './types.ts'

function rules(text: string) {
  return parseInput(text).value.rulesets
}

const APP_OUT: PacketSpec = { name: 'app out', direction: 'outbound', dst: '93.184.216.34', dport: 80, uid: 1000 }

describe('jump loops', () => {
  // iptables-restore refuses these; the simulator reports them and stops instead of running forever.
  it('a -j loop ends in a loop step and a SIM010 diagnostic', () => {
    const r = simulate(rules('*filter\n-N A\n-N B\n-A OUTPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n'), [APP_OUT])
    expect(r.diagnostics.map((d) => d.code)).toContain('SIM010')
    const res = r.value.results[0]
    expect(res?.verdict.kind).toBe('loop')
    expect(res?.undecidable).toBe(true)
    const steps = res?.packets.flatMap((p) => p.steps) ?? []
    expect(steps.some((s) => s.kind === 'rule' && s.action?.kind === 'loop')).toBe(true)
  })

  it('a -g loop also ends', () => {
    const r = simulate(rules('*filter\n-N A\n-N B\n-A OUTPUT -g A\n-A A -g B\n-A B -g A\nCOMMIT\n'), [APP_OUT])
    expect(r.value.results[0]?.verdict.kind).toBe('loop')
  })
})

describe('undecidable rules', () => {
  it('stop the path with the clause and the reason, never matching silently', () => {
    const r = simulate(rules('*filter\n-A OUTPUT -p tcp -j ACCEPT\n-A INPUT -m set --match-set allowed src -j DROP\nCOMMIT\n'), [APP_OUT])
    const res = r.value.results[0]
    expect(res?.verdict).toMatchObject({ kind: 'undecidable' })
    expect(res?.undecidable).toBe(true)
    // The SYN was counted before the SYN-ACK met the undecidable rule.
    expect(res?.hits).toEqual([{ table: 'filter', chain: 'OUTPUT', index: 1, pkts: 1, bytes: 60 }])
    const step = res?.packets.flatMap((p) => p.steps).find((s) => s.kind === 'rule' && s.result === 'undecidable')
    expect(step).toMatchObject({ table: 'filter', chain: 'INPUT', index: 1, clause: { module: 'set' } })
  })

  it('a false clause decides even when another clause of the rule is undecidable', () => {
    const r = simulate(rules('*filter\n-A OUTPUT -p udp -m string --string x --algo bm -j DROP\nCOMMIT\n'), [APP_OUT])
    expect(r.value.results[0]?.undecidable).toBe(false)
    expect(r.value.results[0]?.verdict.kind).toBe('left-pod')
  })

  it('host names and user names are undecidable', () => {
    const r = simulate(rules('*filter\n-A OUTPUT -d example.com -j ACCEPT\n-A OUTPUT -m owner --uid-owner nobody -j ACCEPT\nCOMMIT\n'), [APP_OUT])
    expect(r.value.results[0]?.verdict).toMatchObject({ kind: 'undecidable', reason: expect.stringContaining('host names') })
  })
})

describe('traces', () => {
  it('are capped with a note while counters still cover the whole exchange', () => {
    const body = Array.from({ length: 300 }, (_, i) => `-A OUTPUT -s 10.1.${i % 250}.${1 + Math.floor(i / 250)}/32 -j ACCEPT`).join('\n')
    const rs = rules(`*filter\n${body}\n-A OUTPUT -p tcp -j ACCEPT\nCOMMIT\n`)
    const r = simulate(rs, [APP_OUT], {}, { maxSteps: 50 }).value.results[0]
    expect(r?.packets.flatMap((p) => p.steps).some((s) => s.kind === 'event' && s.code === 'cap')).toBe(true)
    expect(r?.notes.map((n) => n.code)).toContain('trace-capped')
    expect(r?.hits).toEqual([{ table: 'filter', chain: 'OUTPUT', index: 301, pkts: 3, bytes: 164 }])
  })

  it('report the first failing clause with the packet value', () => {
    const r = simulate(rules('*filter\n-A OUTPUT -o lo -p tcp --dport 53 -j ACCEPT\nCOMMIT\n'), [APP_OUT]).value.results[0]
    const step = r?.packets[0]?.steps.find((s) => s.kind === 'rule')
    expect(step).toMatchObject({ result: 'not-matched', clause: { clause: '-o lo', expected: 'lo', actual: 'eth0' } })
  })
})

describe('the chain index', () => {
  it('gives exactly the unindexed answers (first match kept)', () => {
    const lines: string[] = []
    for (let i = 0; i < 120; i++) {
      if (i % 3 === 0) lines.push(`-A KUBE-SERVICES -d 10.96.0.${i}/32 -p tcp -m tcp --dport ${80 + (i % 4)} -j DNAT --to-destination 10.10.13.${(i % 200) + 2}:8080`)
      else if (i % 3 === 1) lines.push(`-A KUBE-SERVICES -p tcp -m tcp --dport ${30000 + i} -j REDIRECT --to-ports 15001`)
      else lines.push(`-A KUBE-SERVICES -d 10.96.0.${i - 1}/32 -p tcp -m tcp --dport ${80 + ((i - 1) % 4)} -j DNAT --to-destination 10.10.13.250:9000`)
    }
    lines.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j RETURN')
    const rs = rules(`*nat\n:KUBE-SERVICES - [0:0]\n-A OUTPUT -j KUBE-SERVICES\n${lines.join('\n')}\nCOMMIT\n`)
    const packets: PacketSpec[] = []
    for (let i = 0; i < 150; i++) packets.push({ direction: 'outbound', dst: `10.96.0.${i % 125}`, dport: i % 2 ? 80 + (i % 4) : 30000 + i, uid: 1000 })
    const indexed = simulateCompiled(compileSimulation(rs).value, packets, { trace: false }).value.results
    const linear = simulateCompiled(compileSimulation(rs, {}, { indexThreshold: Infinity }).value, packets, { trace: false }).value.results
    expect(indexed.map((r) => [r.hits, r.outcome])).toEqual(linear.map((r) => [r.hits, r.outcome]))
    expect(indexed.some((r) => r.verdict.kind === 'dnat')).toBe(true)
  })
})

describe('deterministic stand-ins', () => {
  it('statistic --mode random decides the same way for the same connection, and says so', () => {
    const rs = rules('*nat\n-A OUTPUT -p tcp -m statistic --mode random --probability 0.5 -j REDIRECT --to-ports 15001\nCOMMIT\n')
    const a = simulate(rs, [APP_OUT, APP_OUT]).value.results
    const again = simulate(rs, [APP_OUT, APP_OUT]).value.results
    expect(again.map((r) => r.hits)).toEqual(a.map((r) => r.hits))
    expect(a[0]?.notes.map((n) => n.code)).toContain('deterministic')
  })
})

describe('packets', () => {
  it('problems become SIM diagnostics and the packet is skipped', () => {
    const r = simulate(rules('*filter\nCOMMIT\n'), [
      null,
      { direction: 'sideways', dport: 1 },
      { direction: 'inbound', proto: 'sctp', dport: 1 },
      { direction: 'inbound' },
      { direction: 'outbound', dport: 80 },
      { direction: 'outbound', dst: 'example.com', dport: 80 },
      { direction: 'outbound', src: '::6', dst: '10.0.0.1', dport: 80 },
      { direction: 'outbound', dst: '10.0.0.1', dport: 80, sport: 70000 },
      { direction: 'outbound', dst: '10.0.0.1', dport: 80, uid: -1 },
      { direction: 'outbound', dst: '10.0.0.1', dport: 80, groups: 'wheel' },
      APP_OUT,
    ])
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SIM001', 1],
      ['SIM002', 2],
      ['SIM003', 3],
      ['SIM004', 4],
      ['SIM005', 5],
      ['SIM006', 6],
      ['SIM007', 7],
      ['SIM008', 8],
      ['SIM009', 9],
      ['SIM011', 10],
    ])
    expect(r.value.results.map((x) => x.index)).toEqual([11])
  })

  it('the counting API agrees with the traced one', () => {
    const rs = parseInput('*nat\n-A OUTPUT -p tcp -j REDIRECT --to-ports 15001\nCOMMIT\n*mangle\n-A PREROUTING\n-A OUTPUT\nCOMMIT\n').value.rulesets
    const sim = compileSimulation(rs).value
    const packets = [APP_OUT, { direction: 'inbound', dport: 8080 }, { direction: 'outbound', proto: 'udp', dst: '10.0.0.1', dport: 53 }]
    const full = simulateCompiled(sim, packets)
    const counted = countBatch(sim, packets)
    expect(counted.totals).toEqual(full.value.totals)
    expect(counted.connections).toBe(3)
    expect(counted.packets).toBe(full.value.results.reduce((a, r) => a + r.packets.length, 0))
  })
})

describe('Envoy legs', () => {
  it('an outbound capture continues as the proxy uid to the original destination', () => {
    const rs = rules('*nat\n-N ISTIO_OUTPUT\n-A OUTPUT -j ISTIO_OUTPUT\n-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN\n-A ISTIO_OUTPUT -p tcp -j REDIRECT --to-ports 15001\nCOMMIT\n')
    const facts = compileSimulation(rs).value.facts
    const r = simulate(rs, [APP_OUT]).value.results[0]
    expect(r?.verdict).toMatchObject({ kind: 'redirect', port: 15001, role: 'envoy-outbound', originalDst: '93.184.216.34:80' })
    const next = r ? nextLeg(r, deriveIstioFacts(rs), facts) : null
    expect(next).toMatchObject({ direction: 'outbound', dst: '93.184.216.34', dport: 80, uid: 1337, gid: 1337, leg: 2 })
    const leg2 = simulate(rs, [next]).value.results[0]
    expect(leg2?.verdict.kind).toBe('left-pod')
  })
})
