import { describe, expect, it } from 'vitest'
import { ROLE_IDS } from '../explain/roles.ts'
import { rolesWithoutExample, ruleReference } from './rule-reference.ts'

describe('rule reference', () => {
  it('has a rule istio-iptables writes for every role the explainer knows', () => {
    expect(rolesWithoutExample()).toEqual([])
  })

  it('lists every role once, badges ①–⑨ first, with the whole curated text in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const entries = ruleReference(lang)
      expect(entries.map((e) => e.role).toSorted()).toEqual([...ROLE_IDS].toSorted())
      expect(entries.slice(0, 10).map((e) => e.badge)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
      expect(entries.slice(10).every((e) => e.badge === null)).toBe(true)
      for (const e of entries) {
        expect(e.title && e.summary && e.why, e.role).toBeTruthy()
        expect(e.clauses.length, e.role).toBeGreaterThan(0)
      }
      expect(/[\u4e00-\u9fff]/.test(entries[0]?.summary ?? '')).toBe(lang === 'zh')
    }
  })

  it('shows each example as iptables-save prints it, in the chain it belongs to', () => {
    for (const e of ruleReference('en')) expect(e.example.rule.startsWith(`-A ${e.example.chain} `), e.role).toBe(true)
  })
})
