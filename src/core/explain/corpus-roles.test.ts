import { describe, expect, it } from 'vitest'
import { chainLines, expectedRole } from '../../fixtures/explain/expected-roles.ts'
import { corpusCases, restoreRuleset, type CorpusCase } from '../../fixtures/explain/load.ts'
import { annotateRuleset } from './annotate.ts'

function check(c: CorpusCase): string[] {
  const annotation = annotateRuleset(restoreRuleset(c.restore, c.family), { assumeIstio: !c.wholeRun })
  const lines = chainLines(c.restore)
  const problems: string[] = []
  for (const a of annotation.rules) {
    const line = lines.get(`${a.ref.table} ${a.ref.chain}`)?.[a.ref.index - 1] ?? '?'
    const want = expectedRole(a.ref.table, a.ref.chain, line, { ...c, text: c.restore })
    if (a.role !== want) problems.push(`${c.from[0]} ${a.ref.table} ${a.ref.chain} #${a.ref.index} "${line}": got ${a.role}, want ${want}`)
  }
  return problems
}

const cases = corpusCases()

describe('every rule of every istio-iptables test expectation is recognised', () => {
  it('covers the corpus: 1.5 → latest, both families, REDIRECT and TPROXY', () => {
    const from = cases.flatMap((c) => c.from)
    expect(from.some((f) => f.startsWith('v1.9/'))).toBe(true)
    expect(from.some((f) => f.startsWith('latest/'))).toBe(true)
    expect(cases.some((c) => c.family === 6)).toBe(true)
    expect(cases.some((c) => c.tproxy)).toBe(true)
    expect(cases.length).toBeGreaterThan(150)
  })

  for (const group of ['v1.9/', 'latest/', 'seed-vm', 'other releases']) {
    it(`assigns the intended role to every rule: ${group}`, () => {
      const selected = cases.filter((c) =>
        group === 'other releases' ? !c.from.some((f) => f.startsWith('v1.9/') || f.startsWith('latest/') || f.startsWith('seed')) : c.from.some((f) => f.startsWith(group)),
      )
      expect(selected.length).toBeGreaterThan(0)
      const problems = selected.flatMap(check)
      expect(problems).toEqual([])
    })
  }
})
