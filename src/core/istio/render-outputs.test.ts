import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { envLayer, flagsLayer, setLayer } from './config-input.ts'
import type { ConfigLayer } from './config-model.ts'
import { detectIstioVersion } from './detect-version.ts'
import { renderOutput, runIstioIptables } from './istio-generate.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { LOG_PREFIX, readConfigText } from './read-config-text.ts'
import { renderClean } from './render-clean.ts'
import { renderVariables } from './render-variables.ts'
import { renderRestore } from './render.ts'

const fixtures = new URL('../../fixtures/istio/', import.meta.url)
const b8 = JSON.parse(readFileSync(new URL('spec-b8-seed-latest.json', fixtures), 'utf8')) as { cleanupOnly: string[]; restoreV4: string }
const inputs = new URL('inputs/', fixtures)
const input = (prefix: string): string => readFileSync(new URL(readdirSync(inputs).find((n) => n.startsWith(prefix)) as string, inputs), 'utf8')
const profile = (name: string): Profile => resolveProfile(name).value as Profile

const seedEnv = "ISTIO_INBOUND_PORTS='8080'\nISTIO_LOCAL_EXCLUDE_PORTS='15090,15021'\nISTIO_META_DNS_CAPTURE='true'\nISTIO_SERVICE_CIDR='*'\n"
const seedHost = { proxyUserUid: '997', resolvConfNameservers: ['10.10.10.6'] }
const seedRun = (name: string, extra: ConfigLayer[] = []) => runIstioIptables([envLayer(seedEnv).value, ...extra], profile(name), seedHost).value

describe('clean-up commands', () => {
  it('latest: the undo of the current plan, as the worked example of spec B8', () => {
    const run = seedRun('latest')
    expect(renderRestore(run.rules, 4)).toBe(b8.restoreV4)
    expect(renderClean(run.rules)).toEqual(b8.cleanupOnly.map((l) => `iptables ${l}`))
  })

  it('1.24 cleans with --cleanup-only too; 1.23 still runs istio-clean-iptables', () => {
    expect(renderClean(seedRun('1.24').rules)[0]).toBe('iptables -t raw -D PREROUTING -p udp --sport 53 -s 10.10.10.6/32 -j CT --zone 1')
    const old = renderClean(seedRun('1.23').rules)
    expect(old.slice(0, 3)).toEqual(['iptables -t nat -D PREROUTING -p tcp -j ISTIO_INBOUND', 'iptables -t mangle -D PREROUTING -p tcp -j ISTIO_INBOUND', 'iptables -t nat -D OUTPUT -p tcp -j ISTIO_OUTPUT'])
    expect(old).toContain('iptables -t raw -F ISTIO_OUTPUT')
    expect(old).not.toContain('ip6tables -t raw -F ISTIO_OUTPUT')
  })

  it('1.9 leaves the DNS UDP rules behind; from 1.10 the clean tool deletes them (C-45)', () => {
    const udp = 'iptables -t nat -D OUTPUT -p udp --dport 53 -d 10.10.10.6/32 -j REDIRECT --to-port 15053'
    expect(renderClean(seedRun('1.9.4').rules)).not.toContain(udp)
    expect(renderClean(seedRun('1.10').rules)).toContain(udp)
    expect(renderClean(seedRun('1.9.4').rules)).toHaveLength(36)
  })

  it('--family keeps one family of the clean-up', () => {
    const out = renderOutput(seedRun('1.9.4'), 'clean', 6).value.trimEnd().split('\n')
    expect(out).toHaveLength(18)
    expect(out.every((l) => l.startsWith('ip6tables'))).toBe(true)
  })
})

/** A log's Environment and Variables lines, without log prefixes and blank lines. */
function blocks(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(LOG_PREFIX, '').trimEnd())
  const start = lines.findIndex((l) => /^(Environment:|Istio iptables environment:)$/.test(l))
  const out: string[] = []
  for (const l of lines.slice(start)) {
    if (l === '') continue
    if (!/^(Environment:|Variables:|Istio iptables environment:|Istio iptables variables:|-+|[A-Z][A-Z0-9_]*=.*)$/.test(l)) break
    out.push(l)
  }
  return out
}

describe('variables: the Environment and Variables blocks as each version prints them', () => {
  for (const [prefix, version] of [
    ['016', '1.12.1'],
    ['018', '1.9.4'],
    ['050', '1.17.6'],
  ] as const) {
    it(`input ${prefix}: reprinted at ${version}, the version its blocks detect as`, () => {
      const text = input(prefix)
      expect(detectIstioVersion({ text }).profiles.map((p) => profile(p).version.minor)).toContain(profile(version).version.minor)
      const run = runIstioIptables(readConfigText(text, prefix).value, profile(version)).value
      expect(renderVariables(run.config).split('\n').filter((l) => l !== '')).toEqual(blocks(text))
    })
  }

  it('prints the 1.10 DNS variables and the 1.25+ header', () => {
    const flags = flagsLayer('-p 15001').value
    expect(renderVariables(runIstioIptables([flags], profile('1.10.6')).value.config)).toContain('ISTIO_META_DNS_CONNTRACK_ZONE=\n')
    expect(renderVariables(runIstioIptables([flags, setLayer(['DNSServersV4=1.1.1.1']).value], profile('latest')).value.config)).toContain('Istio config:\n')
  })
})
