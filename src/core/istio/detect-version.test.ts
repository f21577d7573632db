import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Family, Rule, Ruleset } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { envLayer, flagsLayer, setLayer } from './config-input.ts'
import { detectIstioVersion } from './detect-version.ts'
import { runIstioIptables } from './istio-generate.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { renderRestore } from './render.ts'

const fixtures = new URL('../../fixtures/istio/', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, fixtures), 'utf8')

/** The rulesets a paste of this profile's rules file reads as. */
function rulesetsOf(profileName: string, flags: string, sets: string[] = [], env = ''): Partial<Record<Family, Ruleset>> {
  const p = resolveProfile(profileName).value as Profile
  const run = runIstioIptables([envLayer(env).value, flagsLayer(flags).value, setLayer(sets).value], p).value
  const out: Partial<Record<Family, Ruleset>> = {}
  for (const family of [4, 6] as const) {
    const ruleset = parseInput(renderRestore(run.rules, family)).value.rulesets[family]
    if (ruleset) out[family] = ruleset
  }
  return out
}

describe('detectIstioVersion from a log', () => {
  it('detects the seed 001 VM log as 1.9, not 1.10+', () => {
    const d = detectIstioVersion({ text: read('seeds/001_eba20d1f60c9420a.txt') })
    expect(d).toMatchObject({ range: '1.9.0–1.9.9', from: '1.9.0', to: '1.9.9', conflict: false })
    expect(d.profiles).toEqual(['1.9', '1.9.4'])
    expect(d.evidence.filter((e) => e.used).map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('ISTIO_META_ISTIO_VERSION'), expect.stringContaining('without DNS_CAPTURE')]),
    )
    expect(d.evidence.find((e) => e.message.includes('Variables block'))).toMatchObject({ allows: '1.9.0–1.9.9', line: 329, strength: 'certain' })
  })

  it('still detects 1.9 with the rules of its iptables-save dumps added as evidence', () => {
    const text = read('seeds/001_eba20d1f60c9420a.txt')
    const d = detectIstioVersion({ text, rulesets: parseInput(text).value.rulesets })
    expect(d).toMatchObject({ range: '1.9.0–1.9.9', conflict: false })
    expect(d.evidence.find((e) => e.message.startsWith('UDP DNS is redirected to 15053'))).toMatchObject({ allows: '1.9.0–1.22.8', used: true })
  })

  it('reads version strings and block shapes of other real logs', () => {
    expect(detectIstioVersion({ text: read('inputs/006-istio-1.5-initcontainers-yaml-istio-iptables-cmdline-missing-space.txt') }).range).toBe('1.5.1')
    expect(detectIstioVersion({ text: read('inputs/016-istio-1.12-istio-init-log-timestamped-running-command-iptables-save.txt') }).range).toBe('1.12.0–1.12.1')
    expect(detectIstioVersion({ text: read('inputs/018-istio-1.10-root-prompt-pilot-agent-istio-iptables-cmdline-env-vars-truncated.txt') }).range).toBe('1.9.0–1.9.9')
    expect(detectIstioVersion({ text: read('inputs/050-istio-cni-sidecar-mode-plugin-log-tab-fields-banner-truncated.txt') }).range).toBe('1.17.6–1.17.8')
  })

  it('says nothing when nothing tells', () => {
    expect(detectIstioVersion({ text: 'hello\nworld\n' })).toMatchObject({ range: null, profiles: [], evidence: [] })
  })
})

describe('detectIstioVersion from the shape of the rules', () => {
  it('detects a latest dump as 1.25+', () => {
    const d = detectIstioVersion({ rulesets: rulesetsOf('latest', "-p 15001 -u 1337 -i '*' -b '*' --redirect-dns", ['DNSServersV4=10.0.0.2']) })
    expect(d.range).toBe('1.25+')
    expect(d.profiles).toEqual(['latest'])
    expect(d.evidence.map((e) => e.message)).toContain('nat OUTPUT jumps to ISTIO_OUTPUT for every protocol (no -p tcp)')
  })

  it('tells the eras apart by the owner rules, the DNS placement and the trailing RETURN', () => {
    const args = "-p 15001 -u 1337 -i 10.0.0.0/8 -b '*' --redirect-dns"
    const dns = ['DNSServersV4=10.0.0.2']
    expect(detectIstioVersion({ rulesets: rulesetsOf('1.9.4', args, dns) }).range).toBe('1.9.0–1.12.9')
    expect(detectIstioVersion({ rulesets: rulesetsOf('1.17.8', args, dns) }).range).toBe('1.13.0–1.17.8')
    expect(detectIstioVersion({ rulesets: rulesetsOf('1.20', args, dns) }).range).toBe('1.20.0–1.22.8')
    expect(detectIstioVersion({ rulesets: rulesetsOf('1.23', args, dns) }).range).toBe('1.23.0–1.24.6')
    expect(detectIstioVersion({ rulesets: rulesetsOf('1.24', args.replace(' --redirect-dns', ' --drop-invalid'), dns) }).range).toBe('1.24.0–1.24.6')
  })

  it('flags contradicting certain clues as a conflict and sets the weaker one aside', () => {
    const rules = rulesetsOf('latest', "-i '*'")
    const nat = rules[4]?.tables.find((t) => t.name === 'nat')
    const output = nat?.chains.find((c) => c.name === 'OUTPUT')
    const jump = output?.rules[0] as Rule
    output?.rules.push({ ...jump, matches: [{ kind: 'base', option: '-p', negated: false, value: 'tcp' }] })
    const d = detectIstioVersion({ rulesets: rules })
    expect(d.conflict).toBe(true)
    expect(d.evidence.some((e) => !e.used)).toBe(true)
  })
})
