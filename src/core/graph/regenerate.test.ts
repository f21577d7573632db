import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyze, resolveSource } from '../analyze.ts'
import { printSave } from '../print/print-save.ts'
import type { Ruleset } from '../model/ruleset.ts'

const example = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'examples', name), 'utf8')
const ruleLines = (r: Ruleset | null) => (r ? printSave(r).split('\n').filter((l) => l.startsWith('-A')).toSorted() : [])

describe('regenerating a pasted dump or log for an Istio version', () => {
  it('the seed 001 log: detected as 1.9, regenerated from its Variables block, byte-identical rules for 1.9.4', () => {
    const text = example('seed-001-istio-1.9-vm-log.txt')
    const pasted = analyze({ text })
    expect(pasted.kind).toBe('rules')
    expect(pasted.canRegenerate).toBe(true)
    expect(pasted.versionDetection?.range).toBe('1.9.0–1.9.9')
    expect(pasted.versionDetection?.evidence.some((e) => e.line === 46 && e.used)).toBe(true)
    const regenerated = resolveSource({ text, regenerate: true, profile: '1.9.4' })
    expect(regenerated.kind).toBe('config')
    expect(regenerated.config?.source).toBe('paste')
    expect(regenerated.config?.fields.find((f) => f.name === 'ProxyUID')).toMatchObject({ value: '997', line: 334 })
    expect(ruleLines(regenerated.ruleset)).toEqual(ruleLines(resolveSource({ text }).ruleset))
    // The detection of the paste stays visible while its rules are regenerated.
    expect(regenerated.versionDetection?.range).toBe('1.9.0–1.9.9')
  })

  it('a dump without its configuration: the configuration is read back from the rules and reproduces them', () => {
    for (const name of ['k8s-dns-capture.txt', 'k8s-tproxy-sidecar.txt', 'k8s-dual-stack-ipv6.txt']) {
      const text = example(name)
      const regenerated = resolveSource({ text, regenerate: true, profile: 'latest' })
      expect(regenerated.config?.source, name).toBe('inferred')
      expect(ruleLines(regenerated.ruleset), name).toEqual(ruleLines(resolveSource({ text }).ruleset))
    }
    const dns = resolveSource({ text: example('k8s-dns-capture.txt'), regenerate: true })
    expect(dns.config?.fields.find((f) => f.name === 'DNSServersV4')).toMatchObject({ value: '10.96.0.10', origin: 'read from the rules' })
  })

  it('a configuration shows every output istio-iptables gives, per family, and every field of the version', () => {
    const source = resolveSource({ text: 'ISTIO_INBOUND_PORTS=8080\n', profile: '1.9.4', overrides: { EnableIPv6: 'true' } })
    const config = source.config
    expect(config?.source).toBe('input')
    expect(Object.keys(config?.outputs ?? {})).toEqual(['4', '6'])
    expect(config?.outputs[4]?.restore).toContain('-A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT')
    expect(config?.outputs[4]?.commands).toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT')
    expect(config?.outputs[4]?.save).toContain(':ISTIO_INBOUND - [0:0]')
    expect(config?.outputs[6]?.clean).toMatch(/^ip6tables /m)
    expect(config?.variables).toContain('ENABLE_INBOUND_IPV6=true')
    const fields = config?.fields ?? []
    expect(fields.find((f) => f.name === 'EnableIPv6')).toMatchObject({ hostOnly: true, overridden: true, primary: true })
    expect(fields.find((f) => f.name === 'ProxyPort')).toMatchObject({ flag: '-p, --envoy-port', env: ['ENVOY_PORT'] })
    expect(fields.some((f) => !f.primary)).toBe(true)
    expect(config?.profiles.find((p) => p.name === '1.13')?.switches).toEqual(['C-20'])
  })
})
