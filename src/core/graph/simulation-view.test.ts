import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveSource } from '../analyze.ts'
import { presetViews, runAllPresets, simulateScenario, simulationContext } from './simulation-view.ts'

const example = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'examples', name), 'utf8')

function contextOf(text: string) {
  const source = resolveSource({ text })
  if (!source.family) throw new Error('no rules')
  return simulationContext(source.rulesets, source.family)
}

describe('simulation view', () => {
  it('the app calling an external service on seed 000 ends at 15001 and counts a hit on ISTIO_OUTPUT rule 9', () => {
    const ctx = contextOf(example('seed-000-k8s-nat-listing.txt'))
    expect(presetViews(ctx).map((p) => p.id)).toContain('app-calls-external')
    const view = simulateScenario(ctx, { kind: 'preset', id: 'app-calls-external' })
    expect(view?.verdict.en).toContain('15001')
    expect(view?.verdict.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(view?.hits['nat:ISTIO_OUTPUT:9']).toBeGreaterThan(0)
    expect(view?.reached).toContain('15001')
    const step = view?.steps.find((s) => s.chain === 'ISTIO_OUTPUT' && s.index === 9)
    expect(step?.result).toBe('matched')
    const miss = view?.steps.find((s) => s.chain === 'ISTIO_OUTPUT' && s.index === 1)
    expect(miss?.result).toBe('not-matched')
    expect(miss?.clauses.some((c) => c.holds === false)).toBe(true)
  })

  it('a packet of the user’s gets the legs Envoy opens next', () => {
    const ctx = contextOf(example('k8s-latest-sidecar.txt'))
    const view = simulateScenario(ctx, { kind: 'packet', packet: { direction: 'outbound', proto: 'tcp', dst: '1.2.3.4', dport: 443, uid: 1000, gid: 1000 } })
    expect(view?.legs.length).toBeGreaterThanOrEqual(2)
    expect(view?.verdict.en).toContain('15001')
  })

  it('running all presets fills counters and says which presets reach each rule', () => {
    const ctx = contextOf(example('seed-000-k8s-nat-listing.txt'))
    const all = runAllPresets(ctx)
    expect(all.hits['nat:ISTIO_OUTPUT:9']).toBeGreaterThan(0)
    expect(all.by['nat:ISTIO_OUTPUT:9']).toContain('app-calls-external')
  })

  it('every trace line of every preset on every example reads in Chinese, not only in English', () => {
    const cjk = /[\u4e00-\u9fff]/
    const files = readdirSync(join(import.meta.dirname, '..', '..', 'examples')).filter((f) => f.endsWith('.txt'))
    let events = 0
    for (const file of files) {
      const ctx = contextOf(example(file))
      for (const preset of presetViews(ctx)) {
        const view = simulateScenario(ctx, { kind: 'preset', id: preset.id })
        for (const step of view?.steps ?? []) {
          if (step.result !== 'event') continue
          events++
          const detail = step.action.zh.slice(step.action.zh.indexOf('：') + 1)
          expect(detail, `${file} ${preset.id}: ${step.action.en}`).toMatch(cjk)
        }
        for (const leg of view?.legs ?? []) expect(leg.verdict.zh, `${file} ${preset.id}`).toMatch(cjk)
      }
    }
    expect(events).toBeGreaterThan(100)
  })

  it('a deterministic stand-in (statistic --mode random) is explained in Chinese too', () => {
    const ctx = contextOf(['*nat', ':OUTPUT ACCEPT [0:0]', '-A OUTPUT -p tcp -m statistic --mode random --probability 0.5 -j REDIRECT --to-ports 15001', 'COMMIT', ''].join('\n'))
    const view = simulateScenario(ctx, { kind: 'packet', packet: { direction: 'outbound', proto: 'tcp', dst: '1.2.3.4', dport: 443, uid: 1000, gid: 1000 } })
    const note = view?.notes.find((n) => n.en.includes('statistic --mode random'))
    expect(note?.zh).toMatch(/随机.*概率 0\.5/)
  })
})
