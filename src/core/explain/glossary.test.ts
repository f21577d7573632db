import { describe, expect, it } from 'vitest'
import { glossary, glossaryLookup } from './glossary.ts'

describe('glossary', () => {
  it('covers the ports, addresses and ids of the rules, in both languages', () => {
    const terms = glossary('en').map((e) => e.term)
    for (const t of ['15001', '15006', '15008', '15020', '15021', '15053', '15090', '127.0.0.6', '::6', '127.0.0.1', '1337', '1338', '997', '133', 'CT zone 1', 'CT zone 2'])
      expect(terms).toContain(t)
    expect(glossary('zh').map((e) => e.term)).toEqual(terms)
    expect(glossary('zh').every((e) => /[\u4e00-\u9fff]/.test(e.text))).toBe(true)
  })

  it('finds an entry by the spelling a rule uses', () => {
    expect(glossaryLookup('127.0.0.6/32', 'en')?.term).toBe('127.0.0.6')
    expect(glossaryLookup('0x53a', 'zh')?.term).toBe('1338')
    expect(glossaryLookup('::1/128', 'en')?.term).toBe('127.0.0.1')
    expect(glossaryLookup('--zone 2', 'en')?.title).toBe('conntrack zone 2: applications ↔ agent')
    expect(glossaryLookup('8080', 'en')).toBeNull()
  })
})
