import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusCases, restoreRuleset } from '../fixtures/explain/load.ts'
import { detectIstioVersion } from '../core/istio/detect-version.ts'
import { FIELDS } from '../core/istio/fields.ts'
import { listProfiles } from '../core/istio/profiles.ts'
import { SWITCHES } from '../core/istio/switches.ts'
import { resolveSource } from '../core/analyze.ts'
import { localizeEvidence } from './evidence-labels.ts'
import { fieldHelp } from './config-field-help.ts'
import { profileChanges, switchTitle } from './switch-titles.ts'
import { localizeOrigin } from './section-labels.ts'

const here = import.meta.dirname
function texts(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(join(dir, n), 'utf8'))
}

describe('version words in Chinese', () => {
  it('every version clue the detector gives on the examples, real pastes and the corpus is translated', () => {
    const messages = new Set<string>()
    const pastes = [...texts(join(here, '..', 'examples')), ...texts(join(here, '..', 'fixtures', 'parse', 'real')), ...texts(join(here, '..', 'fixtures', 'istio', 'inputs'))]
    for (const text of pastes) for (const e of detectIstioVersion({ text, rulesets: resolveSource({ text }).parsed.rulesets }).evidence) messages.add(e.message)
    for (const c of corpusCases()) for (const e of detectIstioVersion({ rulesets: { [c.family]: restoreRuleset(c.restore, c.family) } }).evidence) messages.add(e.message)
    expect(messages.size).toBeGreaterThan(20)
    expect([...messages].filter((m) => localizeEvidence(m, 'zh') === m)).toEqual([])
  })

  it('every switch, listed profile and config field has its Chinese words', () => {
    expect(SWITCHES.filter((s) => switchTitle(s.id, s.title, 'zh') === s.title).map((s) => s.id)).toEqual([])
    expect(listProfiles().filter((p) => profileChanges(p.name, p.changes, 'zh') === p.changes).map((p) => p.name)).toEqual([])
    expect(FIELDS.filter((f) => !fieldHelp(f.name, 'en') || !fieldHelp(f.name, 'zh')).map((f) => f.name)).toEqual([])
  })

  it('where a configuration value came from reads in Chinese', () => {
    const origins = new Set<string>()
    const configs = ['ISTIO_INBOUND_PORTS=8080\nISTIO_META_DNS_CAPTURE=true\n', "istio-iptables -p 15001 -u 1337 -i '*' --redirect-dns\n"]
    for (const text of configs) for (const f of resolveSource({ text, overrides: { ProxyPort: '15009' } }).config?.fields ?? []) origins.add(f.origin)
    for (const f of resolveSource({ text: readFileSync(join(here, '..', 'examples', 'k8s-dns-capture.txt'), 'utf8'), regenerate: true }).config?.fields ?? []) origins.add(f.origin)
    const english = [...origins].map((o) => localizeOrigin(o, 'zh')).filter((o) => /\b(default|line|host|flag|user|copy|read|form|given|assumed|nameservers|overrides)\b/.test(o.replace(/ISTIO_\w+|REDIRECT_DNS|resolv\.conf/g, '')))
    expect(english).toEqual([])
  })
})
