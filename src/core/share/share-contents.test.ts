import { describe, expect, it } from 'vitest'
import { redactShareState } from './redact.ts'
import { describeShareState } from './share-contents.ts'

describe('what a link contains', () => {
  it('counts the input, its addresses and every other item, without the text itself', () => {
    const contents = describeShareState({
      input: { kind: 'text', text: '*nat\n-A OUTPUT -d 10.96.0.10/32 -j RETURN\n-A OUTPUT -s 127.0.0.6/32 -j RETURN\nCOMMIT\n' },
      language: 'zh',
      rule: { table: 'nat', chain: 'OUTPUT', index: 2 },
      scenario: { kind: 'packet', packet: { direction: 'outbound', proto: 'udp', dst: '10.96.0.10', dport: 53 } },
      step: 3,
      overrides: { ProxyUID: '997' },
    })
    expect(contents).toEqual({
      input: { kind: 'text', characters: 85, lines: 4 },
      addresses: 3,
      language: 'zh',
      rule: 'nat OUTPUT #2',
      scenario: { kind: 'packet', summary: 'outbound udp → 10.96.0.10:53' },
      step: 3,
      profile: null,
      compareProfile: null,
      overrides: 1,
      family: null,
    })
    expect(JSON.stringify(contents)).not.toContain('-A OUTPUT')
  })

  it('describes a generated example by its parameters and counts no addresses in it', () => {
    expect(describeShareState({ input: { kind: 'generated', generator: 'kube-proxy', services: 1000, seed: 1 }, language: 'en', scenario: { kind: 'preset', id: 'app-calls-external' } })).toMatchObject({
      input: { kind: 'generated', generator: 'kube-proxy', services: 1000, seed: 1 },
      addresses: 0,
      scenario: { kind: 'preset', id: 'app-calls-external' },
    })
  })

  it('counts the same addresses after redaction (the placeholders), of which only the kept ones are unchanged', () => {
    const state = { input: { kind: 'config' as const, text: 'ISTIO_SERVICE_CIDR=10.96.0.0/12\nDNS=[10.96.0.10]' }, language: 'en' as const }
    const redacted = redactShareState(state)
    expect(redacted.replaced).toBe(2)
    expect(describeShareState(redacted.state).addresses).toBe(describeShareState(state).addresses)
    expect(describeShareState({ input: { kind: 'text', text: '' }, language: 'en' }).input).toEqual({ kind: 'text', characters: 0, lines: 0 })
  })
})
