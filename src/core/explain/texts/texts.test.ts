import { describe, expect, it } from 'vitest'
import { CLAIMS, claimById } from '../evidence/claims.ts'
import { glossaryEntries } from '../glossary.ts'
import { ROLE_IDS } from '../roles.ts'
import type { Bi } from '../types.ts'
import { ROLE_TEXTS } from './index.ts'
import type { RoleText } from './text-types.ts'

/** Every bilingual string of a role's text, with where it sits. */
function strings(id: string, t: RoleText): { where: string; bi: Bi }[] {
  const out: { where: string; bi: Bi }[] = [
    { where: `${id} title`, bi: t.title },
    { where: `${id} summary`, bi: t.summary },
    { where: `${id} why`, bi: t.why },
  ]
  for (const [k, bi] of Object.entries(t.notes ?? {})) out.push({ where: `${id} note ${k}`, bi })
  t.scenarios.forEach((s, i) => out.push({ where: `${id} scenario ${i}`, bi: s.text }))
  t.pitfalls.forEach((s, i) => out.push({ where: `${id} pitfall ${i}`, bi: s.text }))
  t.versions.forEach((s, i) => out.push({ where: `${id} version ${i}`, bi: s.text }))
  return out
}

const all = Object.entries(ROLE_TEXTS).flatMap(([id, t]) => strings(id, t))

/** Terms that stay in English in zh (Kiali's rule), and identifiers and numbers that must survive translation. */
const KEPT: readonly RegExp[] = [/ISTIO_[A-Z_]+/g, /\b\d{2,5}\b/g, /\bEnvoy\b/g, /\bTPROXY\b/g, /\bconntrack\b/g, /\buid\b/g, /\bgid\b/g, /\bREDIRECT\b/g, /#\d+/g]

describe('curated texts', () => {
  it('exist for every role and only for roles', () => {
    expect(Object.keys(ROLE_TEXTS).toSorted()).toEqual([...ROLE_IDS].toSorted())
  })

  it('are complete in both languages', () => {
    const missing = all.filter(({ bi }) => bi.en.trim() === '' || bi.zh.trim() === '').map((s) => s.where)
    expect(missing).toEqual([])
    expect(all.length).toBeGreaterThan(400)
  })

  it('keep technical terms, identifiers, ports and PR numbers the same in zh', () => {
    const problems: string[] = []
    for (const { where, bi } of all) {
      for (const re of KEPT) {
        const want = new Set(bi.en.match(re) ?? [])
        const have = new Set(bi.zh.match(re) ?? [])
        for (const term of want) if (!have.has(term)) problems.push(`${where}: zh lacks ${term}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('write Chinese with technical terms in English (no 链, 边车, 容器组)', () => {
    const translated = all.filter(({ bi }) => /[链]|边车|容器组|特使/.test(bi.zh)).map((s) => s.where)
    expect(translated).toEqual([])
  })

  it('cite only claims that exist, and every claim is cited', () => {
    const cited = new Set<string>()
    for (const t of Object.values(ROLE_TEXTS)) {
      for (const c of [...t.scenarios, ...t.pitfalls, ...t.versions]) {
        if (!c.claim) continue
        expect(claimById(c.claim), c.claim).toBeDefined()
        cited.add(c.claim)
      }
    }
    expect(CLAIMS.map((c) => c.id).filter((id) => !cited.has(id))).toEqual([])
  })

  it('give the richest texts to rules ①–⑨', () => {
    for (const id of ROLE_IDS.slice(0, 9)) {
      const t = ROLE_TEXTS[id]
      expect(t.scenarios.length, id).toBeGreaterThan(0)
      expect(t.pitfalls.length + t.versions.length, id).toBeGreaterThanOrEqual(2)
      expect(Object.keys(t.notes ?? {}).length, id).toBeGreaterThanOrEqual(1)
    }
  })

  it('glossary entries are complete in both languages', () => {
    for (const e of glossaryEntries()) {
      expect(e.title.en && e.title.zh && e.text.en && e.text.zh, e.term).toBeTruthy()
      for (const re of KEPT) for (const term of e.text.en.match(re) ?? []) expect(e.text.zh, `${e.term} ${term}`).toContain(term)
    }
  })
})
