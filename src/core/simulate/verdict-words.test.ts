import { describe, expect, it } from 'vitest'
import type { Verdict } from './types.ts'
import { VERDICT_WORDS, verdictWords } from './verdict-words.ts'

// One sample per verdict kind: the mapped type makes a missing kind a compile error here too.
const SAMPLES: { [K in Verdict['kind']]: Extract<Verdict, { kind: K }> } = {
  redirect: { kind: 'redirect', address: '127.0.0.1', port: 15001, role: 'envoy-outbound', originalDst: '93.184.216.34:80', hook: 'OUTPUT' },
  tproxy: { kind: 'tproxy', address: '10.10.13.113', port: 15006, role: 'envoy-inbound', originalDst: '10.10.13.113:8080' },
  dnat: { kind: 'dnat', address: '10.244.1.5', port: 8443, role: 'remote', originalDst: '10.96.0.20:80', netns: 'remote' },
  delivered: { kind: 'delivered', address: '10.10.13.113', port: 8080, role: 'app' },
  'left-pod': { kind: 'left-pod', address: '93.184.216.34', port: 80 },
  dropped: { kind: 'dropped', by: 'filter INPUT #3 (syn)' },
  rejected: { kind: 'rejected', by: 'filter INPUT #1', with: 'tcp-reset' },
  refused: { kind: 'refused', address: '10.10.13.113', port: 9 },
  unanswered: { kind: 'unanswered', address: '93.184.216.34', port: 80 },
  'remote-local': { kind: 'remote-local', address: '127.0.0.1', port: 8080 },
  'client-error': { kind: 'client-error', error: 'EINVAL' },
  undecidable: { kind: 'undecidable', reason: 'filter INPUT #2: the set match depends on ipset contents' },
  loop: { kind: 'loop', chain: 'nat A' },
}

const CJK = /[\u4e00-\u9fff]/

describe('verdict words', () => {
  it('cover every verdict kind in both languages', () => {
    expect(Object.keys(VERDICT_WORDS).toSorted()).toEqual(Object.keys(SAMPLES).toSorted())
    for (const v of Object.values(SAMPLES)) {
      const en = verdictWords(v, 'en')
      const zh = verdictWords(v, 'zh')
      expect(en.length, v.kind).toBeGreaterThan(10)
      expect(zh, v.kind).toMatch(CJK)
      expect(en, v.kind).not.toMatch(CJK)
      expect(zh).not.toBe(en)
    }
  })

  it('say what REDIRECT to Envoy means, keeping the terms in English in Chinese', () => {
    const v = SAMPLES.redirect
    expect(verdictWords(v, 'en')).toBe("REDIRECT to 127.0.0.1:15001: Envoy's outbound listener; the original destination 93.184.216.34:80 is kept for SO_ORIGINAL_DST")
    const zh = verdictWords(v, 'zh')
    for (const term of ['REDIRECT', 'Envoy', 'outbound listener', 'SO_ORIGINAL_DST', '127.0.0.1:15001']) expect(zh).toContain(term)
  })

  it('bracket IPv6 endpoints', () => {
    expect(verdictWords({ kind: 'left-pod', address: '2001:db8::80', port: 80 }, 'en')).toContain('[2001:db8::80]:80')
  })
})
