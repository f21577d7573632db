import { describe, expect, it } from 'vitest'
import { replayOracleReport, type OracleReport } from './oracle-compare.ts'

// The kernel oracle's own verified examples, and probes of specific kernel behaviour (REJECT replies, owner of
// kernel packets, marks across lo, goto/RETURN/policies, NAT and conntrack states, DNS conntrack zones, IPv6).
const files = import.meta.glob('../../fixtures/simulate/{examples,behaviours}/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const reports = Object.keys(files).filter((k) => /\.expected(\.legacy)?\.json$/.test(k))

/** Per probe: connections whose kernel answer is random (options.json `undecidable`, with the reason's words). */
function undecidableOf(key: string): { indices: number[]; reason: string } | null {
  const dir = key.slice(0, key.lastIndexOf('/') + 1)
  const id = key.slice(dir.length).replace(/\.expected(\.legacy)?\.json$/, '')
  const options = JSON.parse(files[`${dir}options.json`] ?? '{}') as Record<string, { undecidable?: { indices: number[]; reason: string } }>
  return options[id]?.undecidable ?? null
}

describe('kernel oracle cases', () => {
  it('are recorded', () => {
    expect(reports.length).toBeGreaterThanOrEqual(14)
  })
  for (const key of reports.toSorted()) {
    const base = key.replace(/\.expected(\.legacy)?\.json$/, '')
    const label = key.replace('../../fixtures/simulate/', '')
    it(`${label}: hits, policies, listeners and outcome equal the kernel's`, () => {
      const report = JSON.parse(files[key] as string) as OracleReport
      const packets = JSON.parse(files[`${base}.packets.json`] as string) as unknown[]
      const random = undecidableOf(key)
      const replay = replayOracleReport(files[`${base}.rules`] as string, packets, report, { policies: true, bytes: true, skipUndecidable: random !== null })
      expect(replay.mismatches).toEqual([])
      const stopped = replay.results.filter((r) => r.undecidable)
      expect(stopped.map((r) => r.index)).toEqual(random?.indices ?? [])
      for (const r of stopped) expect(r.verdict).toEqual(expect.objectContaining({ kind: 'undecidable', reason: expect.stringContaining(random?.reason ?? '') }))
    })
  }
})
