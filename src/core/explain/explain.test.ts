import { describe, expect, it } from 'vitest'
import { corpusCases, readFixture, restoreRuleset } from '../../fixtures/explain/load.ts'
import type { Ruleset } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { annotateRuleset } from './annotate.ts'
import { explainRuleset } from './explain-rule.ts'
import type { Lang, RuleExplanation } from './types.ts'

function parsed(text: string): Ruleset[] {
  const { rulesets } = parseInput(text).value
  return [rulesets[4], rulesets[6]].filter((r): r is Ruleset => r !== undefined)
}

function rulesOf(ruleset: Ruleset, table: string, chain: string) {
  return ruleset.tables.find((t) => t.name === table)?.chains.find((c) => c.name === chain)?.rules ?? []
}

/** Text an explanation shows, to check for holes. */
function shown(e: RuleExplanation): string[] {
  return [e.title, e.summary, e.sentence, e.why ?? '', ...e.clauses.flatMap((c) => [c.text, c.note ?? '']), ...e.scenarios.flatMap((s) => [s.text, s.evidence]), ...e.pitfalls, ...e.versionNotes]
}

function holes(e: RuleExplanation): string[] {
  return shown(e).filter((t) => /\{[a-z_]+\}|undefined|NaN|\[object/.test(t))
}

describe('seed 000: the annotated `iptables -t nat -L -v` of a sidecar', () => {
  const [ruleset] = parsed(readFixture('seeds', '000_5132ed2481b58f08.txt'))

  it('parses into one IPv4 ruleset', () => {
    expect(ruleset?.family).toBe(4)
  })

  it('carries badges ①–⑨ in order on ISTIO_OUTPUT, each matching its “#规则 N” note', () => {
    if (!ruleset) throw new Error('no ruleset')
    const a = annotateRuleset(ruleset)
    const output = a.rules.filter((r) => r.ref.chain === 'ISTIO_OUTPUT')
    expect(output.map((r) => r.badge)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const notes = rulesOf(ruleset, 'nat', 'ISTIO_OUTPUT').map((r) => (r.notes ?? []).join(' '))
    expect(notes.map((n) => Number(/规则\s*(\d)/.exec(n)?.[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('gives every rule a role and no badge outside ISTIO_OUTPUT', () => {
    if (!ruleset) throw new Error('no ruleset')
    const a = annotateRuleset(ruleset)
    expect(a.rules.length).toBe(17)
    expect(a.rules.filter((r) => r.role === null)).toEqual([])
    expect(a.rules.filter((r) => r.badge !== null && r.ref.chain !== 'ISTIO_OUTPUT')).toEqual([])
  })
})

describe('seed 001: the Istio 1.9 VM start log', () => {
  const rulesets = parsed(readFixture('seeds', '001_eba20d1f60c9420a.txt'))

  it('recognises every rule of the final state, with the VM’s uid 997', () => {
    const v4 = rulesets.find((r) => r.family === 4)
    if (!v4) throw new Error('no IPv4 ruleset')
    const a = annotateRuleset(v4)
    expect(a.rules.length).toBe(19)
    expect(a.rules.filter((r) => r.role === null)).toEqual([])
    expect(a.facts.proxyUids).toEqual(['997'])
    expect(a.rules.filter((r) => r.ref.chain === 'ISTIO_OUTPUT').map((r) => r.badge)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 8, 9])
  })

  it('explains with the VM’s own uid, not 1337', () => {
    const v4 = rulesets.find((r) => r.family === 4)
    if (!v4) throw new Error('no IPv4 ruleset')
    const four = explainRuleset(v4, 'en').rules.find((e) => e.badge === 4)
    expect(four?.summary).toContain('uid 997')
    expect(four?.summary).not.toContain('1337')
  })
})

describe('real pastes (inputs from public issues and blogs)', () => {
  const istio = [
    '002-istio-sidecar-nat-L-n-v-numeric-proto-fenced.txt',
    '014-istio-1.4-root-prompt-nat-L-plus-save-with-chinese-trailing-comments.txt',
    '016-istio-1.12-istio-init-log-timestamped-running-command-iptables-save.txt',
    '021-istio-1.12-nat-S-v-counters-unfenced-truncated.txt',
    '061-istio-insider-nsenter-iptables-save-no-generated-header.txt',
    '071-istio-tproxy-mangle-L-v-with-interleaved-hash-comment-lines.txt',
  ]
  for (const name of istio) {
    it(`recognises every Istio rule of ${name.slice(0, 3)}`, () => {
      const rulesets = parsed(readFixture('inputs', name))
      expect(rulesets.length).toBeGreaterThan(0)
      for (const r of rulesets) {
        const a = annotateRuleset(r)
        expect(a.istio).toBe(true)
        const unrecognised = a.rules.filter((x) => x.role === null && (x.ref.chain.startsWith('ISTIO_') || rulesOf(r, x.ref.table, x.ref.chain)[x.ref.index - 1]?.target?.name.startsWith('ISTIO_')))
        expect(unrecognised).toEqual([])
      }
    })
  }

  it('leaves a Docker/Tailscale host’s rules without Istio roles, yet explains each', () => {
    const [r] = parsed(readFixture('inputs', '070-plain-docker-tailscale-free5gc-iptables-save-nf-tables-mangle-filter-nat.txt'))
    if (!r) throw new Error('no ruleset')
    const { annotation, rules } = explainRuleset(r, 'en')
    expect(annotation.istio).toBe(false)
    expect(rules.length).toBeGreaterThan(30)
    for (const e of rules) {
      expect(e.role).toBeNull()
      expect(e.sentence.length).toBeGreaterThan(10)
      expect(holes(e)).toEqual([])
    }
  })
})

describe('every rule of every generator test case is explained in both languages', () => {
  const cases = corpusCases()
  for (const lang of ['en', 'zh'] as Lang[]) {
    it(`has a role and a complete ${lang} explanation`, () => {
      let count = 0
      for (const c of cases) {
        const ruleset = restoreRuleset(c.restore, c.family)
        const { rules } = explainRuleset(ruleset, lang, { assumeIstio: !c.wholeRun })
        for (const e of rules) {
          count++
          const where = `${c.from[0]} ${e.ref?.table} ${e.ref?.chain} #${e.ref?.index}`
          expect({ where, role: e.role !== null }).toEqual({ where, role: true })
          expect({ where, holes: holes(e) }).toEqual({ where, holes: [] })
          expect(e.why, where).toBeTruthy()
          expect(e.summary.length, where).toBeGreaterThan(10)
          expect(e.summary, where).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/)
        }
      }
      expect(count).toBeGreaterThan(3000)
    })
  }
})
