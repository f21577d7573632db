import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { replayOracleReport, type OracleReport } from './oracle-compare.ts'
import { simulate } from './simulate.ts'

// For every whole-run configuration of Istio's istio-iptables tests (1.9.4 and latest) and the seed's VM config:
// the generator's rules, deterministic pseudo-random packets, and the kernel's answers (src/fixtures/simulate/README.md).
const files = import.meta.glob('../../fixtures/simulate/differential/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
const dir = '../../fixtures/simulate/differential/'
const index = JSON.parse(files[`${dir}index.json`] as string) as { name: string; family: 4 | 6 }[]

describe('differential against the kernel', () => {
  let compared = 0
  for (const set of index) {
    const base = `${dir}${set.name}.v${set.family}`
    const expected = files[`${base}.expected.json`]
    it(`${set.name} IPv${set.family}: zero mismatches`, () => {
      expect(expected, 'recorded').toBeDefined()
      const report = JSON.parse(expected as string) as OracleReport & { rejected?: boolean; error?: string }
      const packets = JSON.parse(files[`${base}.packets.json`] as string) as unknown[]
      if (report.rejected) {
        // iptables-restore refused these rules on the recording host: owner group names (java, ftp) that exist only
        // in the pod. The simulator cannot know them either: a connection reaching such a rule is undecidable.
        expect(report.error).toMatch(/restore failed/)
        const sim = simulate(parseInput(files[`${base}.rules`] as string).value.rulesets, packets, {}, { family: set.family, trace: false })
        const stopped = sim.value.results.filter((r) => r.undecidable)
        expect(stopped.length).toBeGreaterThan(0)
        for (const r of stopped) expect(r.verdict).toMatchObject({ kind: 'undecidable', reason: expect.stringMatching(/group name|user or group name/) })
        return
      }
      const replay = replayOracleReport(files[`${base}.rules`] as string, packets, report, { policies: true, bytes: true })
      expect(replay.mismatches).toEqual([])
      expect(replay.results).toHaveLength(report.results.length)
      compared += replay.results.length
    })
  }
  it('covers a few hundred connections', () => {
    expect(compared).toBeGreaterThanOrEqual(400)
  })
})
