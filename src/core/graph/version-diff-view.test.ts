import { describe, expect, it } from 'vitest'
import { flagsLayer, setLayer } from '../istio/config-input.ts'
import { resolveProfile, type Profile } from '../istio/profiles.ts'
import type { RuleRecord } from '../istio/rule-builder.ts'
import { chainPositions, versionDiffView } from './version-diff-view.ts'

const profile = (name: string): Profile => resolveProfile(name).value as Profile
const flags = "-p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -x 10.96.0.1/12 -b '*' -d 15090,15021 -o 2000 -q 3000 --redirect-dns"
const layers = [flagsLayer(flags).value, setLayer(['DNSServersV4=10.10.10.6', 'EnableIPv6=true']).value]

const record = (chain: string, ...params: string[]): RuleRecord => ({ family: 4, table: 'nat', chain, params, step: 'x', switches: [] })

describe('versionDiffView', () => {
  it('places every rule where the kernel puts it: -A appends, -I inserts', () => {
    const list = [record('PREROUTING', '-A', 'PREROUTING', '-j', 'A'), record('OUTPUT', '-A', 'OUTPUT', '-j', 'B'), record('PREROUTING', '-I', 'PREROUTING', '1', '-j', 'C'), record('PREROUTING', '-A', 'PREROUTING', '-j', 'D')]
    expect(chainPositions(list)).toEqual([2, 1, 1, 3])
  })

  it('1.9.4 → latest: the changes of spec Part C, each with its switch, PRs and place in the graph', () => {
    const diff = versionDiffView(layers, profile('1.9.4'), profile('latest'))
    expect([diff.from, diff.to]).toEqual(['1.9.4', 'latest'])
    const jump = diff.changes.find((c) => c.family === 4 && c.before === '-A OUTPUT -p tcp -j ISTIO_OUTPUT')
    expect(jump).toMatchObject({ kind: 'changed', after: '-A OUTPUT -j ISTIO_OUTPUT', table: 'nat', chain: 'OUTPUT', causes: [{ id: 'L-1', prs: [53998], partC: [4] }] })
    expect(jump?.indexAfter).toBeGreaterThan(0)
    const port22 = diff.changes.find((c) => c.family === 4 && c.before === '-A ISTIO_INBOUND -p tcp --dport 22 -j RETURN')
    expect(port22).toMatchObject({ kind: 'removed', indexBefore: 2, causes: [{ id: 'C-20', prs: [36312] }] })
    expect(port22?.indexAfter).toBeUndefined()
    const dns = diff.changes.filter((c) => c.kind === 'added' && c.chain === 'ISTIO_OUTPUT_DNS')
    expect(dns.length).toBeGreaterThan(0)
    for (const c of dns) expect(c.causes.map((s) => s.id)).toContain('L-2')
    const prs = new Set(diff.changes.flatMap((c) => c.causes.flatMap((s) => s.prs)))
    for (const pr of [53998, 43414, 36312, 51352, 33572, 46937, 34272, 33439, 41332]) expect(prs, `#${pr}`).toContain(pr)
    const placed = diff.changes.filter((c) => (c.kind === 'removed' || (c.indexAfter ?? 0) > 0) && (c.kind === 'added' || (c.indexBefore ?? 0) > 0))
    expect(placed.length).toBe(diff.changes.length)
  })

  it('neighbouring releases differ by what the release changed only', () => {
    const diff = versionDiffView(layers, profile('1.17'), profile('1.18'))
    expect(diff.switches.map((s) => s.id)).toContain('C-27')
    expect(new Set(diff.changes.flatMap((c) => c.causes.map((s) => s.id)))).toEqual(new Set(['C-27']))
    expect(versionDiffView(layers, profile('1.13'), profile('1.13.9')).changes).toEqual([])
  })
})
