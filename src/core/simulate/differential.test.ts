import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { replayOracleReport, type OracleReport } from './oracle-compare.ts'
import { simulate } from './simulate.ts'

// For every whole-run configuration of Istio's istio-iptables tests (1.9.4 and latest) and the seed's VM config:
// the generator's rules, deterministic pseudo-random packets, and the kernel's answers (src/fixtures/simulate/README.md).
const files = import.meta.glob('../../fixtures/simulate/differential/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
const dir = '../../fixtures/simulate/differential/'
const index = JSON.parse(files[`${dir}index.json`] as string) as { name: string; family: 4 | 6 }[]

interface Recorded {
  base: string
  label: string
  family: 4 | 6
  report: OracleReport & { rejected?: boolean; error?: string }
}

const recorded: Recorded[] = index.map((set) => {
  const base = `${dir}${set.name}.v${set.family}`
  return { base, label: `${set.name} IPv${set.family}`, family: set.family, report: JSON.parse(files[`${base}.expected.json`] ?? '{"rejected":true}') }
})

describe('differential against the kernel', () => {
  let compared = 0
  for (const r of recorded.filter((x) => !x.report.rejected)) {
    it(`${r.label}: zero mismatches`, () => {
      const packets = JSON.parse(files[`${r.base}.packets.json`] as string) as unknown[]
      const replay = replayOracleReport(files[`${r.base}.rules`] as string, packets, r.report, { policies: true, bytes: true })
      expect(replay.mismatches).toEqual([])
      expect(replay.results).toHaveLength(r.report.results.length)
      compared += replay.results.length
    })
  }
  it('covers a few hundred connections', () => {
    expect(compared).toBeGreaterThanOrEqual(800)
  })
})

describe('rules the kernel refused to load', () => {
  // iptables-restore refused these on the recording host: owner group names (java, ftp) that exist only in the pod.
  // The simulator cannot know them either: a connection that reaches such a rule is undecidable, never guessed.
  for (const r of recorded.filter((x) => x.report.rejected)) {
    it(`${r.label}: the group-name rule is undecidable`, () => {
      expect(r.report.error).toMatch(/restore failed/)
      const packets = JSON.parse(files[`${r.base}.packets.json`] as string) as unknown[]
      const sim = simulate(parseInput(files[`${r.base}.rules`] as string).value.rulesets, packets, {}, { family: r.family, trace: false })
      const stopped = sim.value.results.filter((x) => x.undecidable)
      expect(stopped.length).toBeGreaterThan(0)
      expect(stopped.map((x) => x.verdict)).toEqual(stopped.map(() => expect.objectContaining({ kind: 'undecidable', reason: expect.stringMatching(/user or group name/) })))
    })
  }
})
