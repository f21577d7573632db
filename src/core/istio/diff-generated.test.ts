import { describe, expect, it } from 'vitest'
import { envLayer, flagsLayer, setLayer } from './config-input.ts'
import { diffGenerated } from './diff-generated.ts'
import { resolveProfile, type Profile } from './profiles.ts'

const profile = (name: string): Profile => resolveProfile(name).value as Profile

const richFlags = "-p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -x 10.96.0.1/12 -b '*' -d 15090,15021 -o 2000 -q 3000 --redirect-dns"
const layers = [flagsLayer(richFlags).value, setLayer(['DNSServersV4=10.10.10.6', 'EnableIPv6=true']).value]

describe('diffGenerated', () => {
  it('1.9.4 → latest: every rule change is attributed, and together they are the rows of spec Part C', () => {
    const { value, diagnostics } = diffGenerated({ layers }, profile('1.9.4'), profile('latest'))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(value.changes.length).toBeGreaterThan(20)
    for (const c of value.changes) expect(c.causes.length, `${c.kind} ${c.before ?? c.after}`).toBeGreaterThan(0)
    const rows = new Set(value.changes.flatMap((c) => c.causes.flatMap((s) => s.partC)))
    expect([...rows].toSorted((a, b) => a - b)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 10, 12, 13, 19]))
    const prs = new Set(value.changes.flatMap((c) => c.causes.flatMap((s) => s.prs)))
    for (const pr of [53998, 43414, 36312, 50915, 33572, 46937, 51352, 41332, 33439, 34272]) expect(prs, `#${pr}`).toContain(pr)
  })

  it('pairs a rule that changed in place with its old form and names the one switch responsible', () => {
    const { value } = diffGenerated({ layers }, profile('1.9.4'), profile('latest'))
    const jump = value.changes.find((c) => c.family === 4 && c.table === 'nat' && c.chain === 'OUTPUT' && c.before === '-A OUTPUT -p tcp -j ISTIO_OUTPUT')
    expect(jump).toMatchObject({ kind: 'changed', after: '-A OUTPUT -j ISTIO_OUTPUT', causes: [{ id: 'L-1', prs: [53998], partC: [4] }] })
    const port22 = value.changes.find((c) => c.family === 4 && c.before === '-A ISTIO_INBOUND -p tcp --dport 22 -j RETURN')
    expect(port22).toMatchObject({ kind: 'removed', causes: [{ id: 'C-20', prs: [36312] }] })
    const exclude = value.changes.find((c) => c.family === 4 && c.before === '-A ISTIO_OUTPUT -d 10.96.0.0/12 -j RETURN')
    expect(exclude).toMatchObject({ kind: 'changed', after: '-A ISTIO_OUTPUT -d 10.96.0.1/12 -j RETURN', causes: [{ id: 'C-23' }] })
  })

  it('between neighbours shows only what the release changed', () => {
    const { value } = diffGenerated({ layers }, profile('1.17'), profile('1.18'))
    expect(new Set(value.changes.flatMap((c) => c.causes.map((s) => s.id)))).toEqual(new Set(['C-27']))
    expect(value.changes.every((c) => c.kind === 'changed' && c.chain === 'ISTIO_OUTPUT')).toBe(true)
    expect(diffGenerated({ layers }, profile('1.13'), profile('1.13.9')).value.changes).toEqual([])
  })

  it('resolves config layers per profile, so binding changes show (ENVOY_PORT ignored from C-28)', () => {
    const env = envLayer('ENVOY_PORT=15999\n').value
    const { value } = diffGenerated({ layers: [env] }, profile('1.19.4'), profile('1.19.5'))
    expect(value.changes.map((c) => [c.before, c.after])).toEqual([['-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15999', '-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001']])
    expect(value.switches.map((s) => s.id)).toEqual(['C-28'])
    expect(value.changes[0]?.causes.map((s) => s.id)).toEqual(['C-28'])
  })
})
