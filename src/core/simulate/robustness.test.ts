import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { compileSimulation, countBatch, simulate } from './simulate.ts'

// Random rulesets (valid or not, loops included) and random packet specs (valid or not): the simulator never throws,
// never hits an internal error, and its batch counters are the sum of its per-connection counters.
const TABLES = ['raw', 'mangle', 'nat', 'filter', 'security'] as const
const CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', 'FORWARD', 'U1', 'U2', 'U3']
const MATCHES = [
  '-p tcp',
  '-p udp',
  '! -p tcp',
  '-p icmp',
  '-s 10.10.13.0/24',
  '! -d 127.0.0.1/32',
  '-d 93.184.216.34',
  '-d example.com',
  '-o lo',
  '-i eth0',
  '! -i lo',
  '-p tcp --dport 80',
  '-p udp --sport 15053',
  '-p tcp --tcp-flags SYN,ACK SYN',
  '-p tcp -m multiport ! --dports 53,15008',
  '-m owner --uid-owner 1337',
  '-m owner ! --gid-owner 997',
  '-m owner --socket-exists',
  '-m mark --mark 0x10/0xff',
  '-m connmark --mark 1337',
  '-m conntrack --ctstate NEW,ESTABLISHED',
  '-m conntrack --ctstate DNAT --ctorigdst 10.10.13.113',
  '-m state --state INVALID',
  '-m addrtype --dst-type LOCAL',
  '-m addrtype ! --src-type LOCAL --limit-iface-in',
  '-m statistic --mode nth --every 3',
  '-m statistic --mode random --probability 0.3',
  '-m limit --limit 1/s --limit-burst 2',
  '-p tcp -m socket --transparent',
  '-m comment --comment "x y"',
  '-m set --match-set x src',
  '-m iprange --dst-range 10.10.13.1-10.10.13.200',
  '-m physdev ! --physdev-is-bridged',
  '-m mac --mac-source 02:6b:6f:00:00:02',
  '-m length --length 40:60',
  '-m frobnicate --wibble 3',
]
const TARGETS = [
  '',
  '-j ACCEPT',
  '-j DROP',
  '-j RETURN',
  '-j U1',
  '-j U2',
  '-g U3',
  '-j MARK --set-mark 0x10',
  '-j MARK --or-mark 0x4000',
  '-j CONNMARK --save-mark',
  '-j CONNMARK --restore-mark',
  '-j CT --zone 1',
  '-j CT --notrack',
  '-p tcp -j REDIRECT --to-ports 15001',
  '-j DNAT --to-destination 127.0.0.1:15006',
  '-j DNAT --to-destination 10.10.13.2-10.10.13.9',
  '-j SNAT --to-source 10.10.13.113',
  '-j MASQUERADE',
  '-p tcp -j TPROXY --on-port 15006 --tproxy-mark 1337/0xffffffff',
  '-j REJECT',
  '-p tcp -j REJECT --reject-with tcp-reset',
  '-j LOG --log-prefix x',
  '-j NFQUEUE --queue-bypass',
  '-j FOOBAR',
]

const rule = fc.record({
  table: fc.constantFrom(...TABLES),
  chain: fc.constantFrom(...CHAINS),
  matches: fc.array(fc.constantFrom(...MATCHES), { maxLength: 3 }),
  target: fc.constantFrom(...TARGETS),
})

const rulesText = fc.array(rule, { maxLength: 30 }).map((rules) => {
  const out: string[] = []
  for (const t of TABLES) {
    out.push(`*${t}`, ':U1 - [0:0]', ':U2 - [0:0]', ':U3 - [0:0]')
    for (const r of rules.filter((x) => x.table === t)) out.push(`-A ${r.chain} ${r.matches.join(' ')} ${r.target}`.replace(/\s+/g, ' ').trim())
    out.push('COMMIT')
  }
  return out.join('\n') + '\n'
})

const address = fc.constantFrom('93.184.216.34', '10.10.13.113', '127.0.0.1', '127.0.0.6', '10.10.13.50', '10.10.13.255', '224.0.0.1', '0.0.0.0', '2001:db8::80', '::1', 'fd00:10:13::113', 'bogus')
const port = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(22, 53, 80, 8080, 15001, 15006, 15008, 15090) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 70000 }) },
)
const spec = fc.record(
  {
    direction: fc.constantFrom('outbound', 'outbound', 'inbound', 'inbound', 'sideways'),
    proto: fc.constantFrom('tcp', 'udp', 'icmp'),
    src: address,
    dst: address,
    dport: port,
    sport: fc.constantFrom(0, 53, 15053, 40001, 65535),
    uid: fc.constantFrom(0, 997, 1000, 1337),
    gid: fc.constantFrom(0, 997, 1000, 1337, 4242),
    groups: fc.array(fc.constantFrom(1, 4242), { maxLength: 2 }),
    listen: fc.array(fc.constantFrom(8443, 9999), { maxLength: 1 }),
  },
  { requiredKeys: ['direction', 'dport'] },
)
const packet = fc.oneof({ weight: 5, arbitrary: spec }, { weight: 1, arbitrary: fc.anything() })

describe('robustness', () => {
  it('never throws and never fails internally on random rules and packets', () => {
    let simulated = 0
    fc.assert(
      fc.property(rulesText, fc.array(packet, { maxLength: 6 }), fc.boolean(), (text, packets, legacy) => {
        const rulesets = parseInput(text).value.rulesets
        const facts = { backend: legacy ? ('legacy' as const) : ('nft' as const) }
        const r = simulate(rulesets, packets, facts, { maxSteps: 200 })
        for (const res of r.value.results) {
          expect(res.verdict.kind === 'undecidable' ? res.verdict.reason : '').not.toMatch(/internal simulator error/)
          expect(res.outcome.length).toBeGreaterThan(0)
        }
        const counted = countBatch(compileSimulation(rulesets, facts).value, packets)
        expect(counted.totals).toEqual(r.value.totals)
        expect(counted.connections).toBe(r.value.results.length)
        simulated += r.value.results.length
      }),
      { numRuns: Number(process.env.SIM_FUZZ_RUNS ?? 150), seed: 20261122 },
    )
    expect(simulated).toBeGreaterThan(100)
  })
})
