import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { replayOracleReport, type OracleReport } from './oracle-compare.ts'
import { followLegs, presetsFor } from './presets.ts'
import { compileSimulation } from './simulate.ts'
import type { PacketSpec } from './types.ts'

// Kernel answers for every preset of three rulesets, recorded with the kernel oracle (src/fixtures/simulate/README.md).
const files = import.meta.glob('../../fixtures/simulate/presets/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
const file = (name: string) => files[`../../fixtures/simulate/presets/${name}`] as string

const RULESETS = ['istio-1.9-vm', 'latest-k8s', 'latest-tproxy'] as const
const PRESET_IDS = [
  'app-calls-external',
  'remote-calls-app',
  'envoy-to-app-passthrough',
  'app-calls-own-pod-ip',
  'app-calls-localhost',
  'envoy-calls-upstream',
  'app-runs-as-proxy-uid',
  'dns-udp',
  'prometheus-scrape',
  'ssh-to-vm',
]

for (const id of RULESETS) {
  describe(`presets of ${id}`, () => {
    const rules = file(`${id}.rules`)
    const packets = JSON.parse(file(`${id}.packets.json`)) as (PacketSpec & { preset: string })[]
    const report = JSON.parse(file(`${id}.expected.json`)) as OracleReport
    const replay = replayOracleReport(rules, packets, report, { policies: true, bytes: true })

    it('are the packets the kernel was asked about (re-record the fixtures when presets change)', () => {
      const set = presetsFor(parseInput(rules).value.rulesets)
      expect(set.presets.map((p) => p.id)).toEqual(PRESET_IDS)
      const now = set.presets.flatMap((p) => p.packets.map((leg) => ({ ...leg, preset: p.id })))
      expect(now).toEqual(packets)
    })

    for (const preset of PRESET_IDS) {
      it(`${preset}: hits, listeners and outcome equal the kernel's`, () => {
        const indices = new Set(packets.map((p, i) => (p.preset === preset ? i + 1 : 0)).filter((i) => i > 0))
        expect(indices.size).toBeGreaterThan(0)
        expect(replay.mismatches.filter((m) => indices.has(m.index))).toEqual([])
        for (const r of replay.results.filter((x) => indices.has(x.index))) expect(r.undecidable).toBe(false)
      })
    }
  })
}

describe('presets adapt to the ruleset', () => {
  it('take the proxy uid, DNS server and app port from the 1.9 VM rules', () => {
    const set = presetsFor(parseInput(file('istio-1.9-vm.rules')).value.rulesets)
    expect(set.istio.proxyUid).toBe(997)
    expect(set.istio.dnsServers).toEqual(['10.10.10.6'])
    expect(set.istio.appPorts).toEqual([8080])
    const dns = set.presets.find((p) => p.id === 'dns-udp')
    expect(dns?.packets.map((p) => [p.dst, p.uid])).toEqual([
      ['10.10.10.6', 1000],
      ['10.10.10.6', 997],
    ])
  })

  it('chain Envoy legs: the inbound request continues from 127.0.0.6 as the proxy uid', () => {
    const set = presetsFor(parseInput(file('latest-k8s.rules')).value.rulesets)
    expect(set.istio.proxyUid).toBe(1337)
    const inbound = set.presets.find((p) => p.id === 'remote-calls-app')
    expect(inbound?.packets[1]).toMatchObject({ direction: 'outbound', src: '127.0.0.6', dst: '10.10.13.113', dport: 8080, uid: 1337, leg: 2 })
    const self = set.presets.find((p) => p.id === 'app-calls-own-pod-ip')
    expect(self?.packets).toHaveLength(1)
  })

  it('follow a request through Envoy: the legs of an inbound call', () => {
    const rs = parseInput(file('latest-k8s.rules')).value.rulesets
    const set = presetsFor(rs)
    const legs = followLegs(compileSimulation(rs).value, { direction: 'inbound', dport: 8080 }, { istio: set.istio })
    expect(legs.map((l) => l.result.verdict)).toEqual([
      { kind: 'redirect', address: '10.10.13.113', port: 15006, role: 'envoy-inbound', originalDst: '10.10.13.113:8080', hook: 'PREROUTING' },
      { kind: 'delivered', address: '10.10.13.113', port: 8080, role: 'app' },
    ])
    expect(legs[1]?.packet).toMatchObject({ src: '127.0.0.6', uid: 1337, leg: 2 })
    expect(legs[1]?.result.hits).toEqual([
      { table: 'nat', chain: 'OUTPUT', index: 1, pkts: 1, bytes: 60 },
      { table: 'nat', chain: 'ISTIO_OUTPUT', index: 1, pkts: 1, bytes: 60 },
    ])
  })

  it('add the TPROXY policy routing and see TPROXY keep the destination', () => {
    const set = presetsFor(parseInput(file('latest-tproxy.rules')).value.rulesets)
    expect(set.facts.policyRoutes).toEqual([{ fwmark: 1337, mask: 0xffffffff, table: 133 }])
    expect(set.istio.tproxy).toBe(true)
  })
})
