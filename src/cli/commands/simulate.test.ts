import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compareWithOracle, type OracleReport } from '../../core/simulate/oracle-compare.ts'
import type { ConnectionResult } from '../../core/simulate/types.ts'
import { runCliInMemory } from '../run-in-memory.ts'

function cli(argv: string[], files: Record<string, string> = {}) {
  return runCliInMemory(argv, files)
}

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/simulate/${name}`, import.meta.url), 'utf8')

describe('cli simulate', () => {
  it('--json answers like the kernel oracle, field for field, for the TPROXY presets', async () => {
    const files = { r: fixture('presets/latest-tproxy.rules'), p: fixture('presets/latest-tproxy.packets.json') }
    const { code, stdout, stderr } = await cli(['simulate', '--rules', 'r', '--packets', 'p', '--json'], files)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as { results: (ConnectionResult & { verdict: { en: string; zh: string } })[] }
    const report = JSON.parse(fixture('presets/latest-tproxy.expected.json')) as OracleReport
    expect(compareWithOracle(report, out.results, { bytes: true })).toEqual([])
    expect(Object.keys(out.results[0] ?? {})).toEqual(expect.arrayContaining(['name', 'hits', 'received_by', 'outcome']))
    expect(out.results[0]?.hits[0]).toEqual({ table: 'mangle', chain: 'PREROUTING', index: 1, pkts: 4, bytes: 224 })
    expect(out.results[0]?.verdict.en).toMatch(/^REDIRECT to 127\.0\.0\.1:15001/)
  })

  it('prints a readable trace with the verdict in the chosen language', async () => {
    const files = { r: fixture('examples/istio-1.9-vm.rules'), p: fixture('examples/istio-1.9-vm.packets.json') }
    const { code, stdout } = await cli(['simulate', '--rules', 'r', '--packets', 'p', '--lang', 'zh'], files)
    expect(code).toBe(0)
    expect(stdout).toContain('[4] app (uid 1000) calls external 93.184.216.34:80')
    expect(stdout).toContain('nat    ISTIO_OUTPUT       #10     1')
    expect(stdout).toContain('REDIRECT 到 127.0.0.1:15001')
    expect(stdout).toContain("nat ISTIO_OUTPUT #2  no: -o lo (packet: eth0)")
  })

  it('generates the rules first when given an Istio configuration', async () => {
    const files = {
      r: "-p 15001 -z 15006 -u 1337 -m REDIRECT -i '*' -x \"\" -b '*' -d 15090,15021,15020\n",
      p: fixture('presets/latest-k8s.packets.json'),
    }
    const { code, stdout } = await cli(['simulate', '--rules', 'r', '--packets', 'p', '--json'], files)
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as { results: ConnectionResult[] }
    const report = JSON.parse(fixture('presets/latest-k8s.expected.json')) as OracleReport
    expect(compareWithOracle(report, out.results)).toEqual([])
  })

  it('switches the TPROXY policy routing off', async () => {
    const files = { r: fixture('behaviours/tproxy-no-policy-routing.rules'), p: fixture('behaviours/tproxy-no-policy-routing.packets.json') }
    const { stdout } = await cli(['simulate', '--rules', 'r', '--packets', 'p', '--json', '--no-policy-routing'], files)
    const out = JSON.parse(stdout) as { results: ConnectionResult[]; facts: { policyRoutes: unknown[] } }
    expect(out.facts.policyRoutes).toEqual([])
    const report = JSON.parse(fixture('behaviours/tproxy-no-policy-routing.expected.json')) as OracleReport
    expect(compareWithOracle(report, out.results)).toEqual([])
  })

  it('exits 1 on packets it cannot read and 2 on usage errors', async () => {
    expect((await cli(['simulate', '--rules', 'r', '--packets', 'p'], { r: '*filter\nCOMMIT\n', p: '{nope' })).code).toBe(1)
    const bad = await cli(['simulate', '--rules', 'r', '--packets', 'p'], { r: '*filter\nCOMMIT\n', p: '[{"direction":"up","dport":1}]' })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('SIM002')
    expect((await cli(['simulate', '--rules', 'r'], { r: '' })).code).toBe(2)
    expect((await cli(['simulate', '--rules', 'r', '--packets', 'p', '--lang', 'fr'], { r: '', p: '[]' })).code).toBe(2)
    expect((await cli(['simulate', '--bogus'])).code).toBe(2)
  })
})
