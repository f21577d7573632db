import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { configValues } from './config-model.ts'
import { envLayer, textLines } from './config-input.ts'
import { readEnvLines, readVariablesBlock } from './config-readers.ts'
import { fieldByName } from './fields.ts'
import { generateRules } from './generate.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { renderClean } from './render-clean.ts'
import { renderVariables } from './render-variables.ts'
import { renderRestore } from './render.ts'
import { resolveConfig } from './resolve-config.ts'

const fixtures = new URL('../../fixtures/istio/', import.meta.url)
const seedCase = JSON.parse(readFileSync(new URL('corpus/seed-vm-1.9.json', fixtures), 'utf8')) as {
  config: Record<string, unknown>
  envFiles: Record<string, string[] | string>
  expectedV4: string[]
}
/** The journald lines of istio-start.sh, without the `7月 19 09:03:35 host istio-start.sh[6717]: ` prefix. */
const log = readFileSync(new URL('seeds/001_eba20d1f60c9420a.txt', fixtures), 'utf8')
  .split('\n')
  .filter((l) => /istio-start\.sh\[\d+\]: /.test(l))
  .map((l) => l.replace(/^.*?istio-start\.sh\[\d+\]: /, ''))

function between(start: (l: string) => boolean, end: (l: string) => boolean): string[] {
  const from = log.findIndex(start)
  const to = log.findIndex((l, i) => i > from && end(l))
  return log.slice(from + 1, to)
}

const p194 = resolveProfile('1.9.4').value as Profile
const clusterEnv = (seedCase.envFiles[Object.keys(seedCase.envFiles).find((k) => k.startsWith('cluster.env')) ?? ''] as string[]).join('\n')

function seedResolved() {
  const env = envLayer(clusterEnv, 'cluster.env').value
  return resolveConfig([env], p194, { proxyUserUid: '997', resolvConfNameservers: ['10.10.10.6'] })
}

/** The seed case's config in our field names. */
function seedConfig(): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(seedCase.config)) out[fieldByName(k)?.name ?? k] = v === null ? [] : v
  return out
}

function pick(config: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, config[k]]))
}

describe('seed 001: Istio 1.9.4 on a VM', () => {
  it('reproduces the rules file of the log byte for byte from cluster.env, uid 997 and resolver 10.10.10.6', () => {
    const { value, diagnostics } = seedResolved()
    expect(diagnostics).toEqual([])
    const gen = generateRules(configValues(value), p194).value
    const fileInLog = between((l) => l.startsWith('Writing following contents to rules file:  /tmp/iptables-rules'), (l) => l.startsWith('iptables-restore --noflush'))
    expect(fileInLog).toHaveLength(25)
    expect(renderRestore(gen, 4)).toBe(fileInLog.join('\n') + '\n')
    expect(renderRestore(gen, 6)).toBe('')
    expect(fileInLog).toEqual(seedCase.expectedV4)
  })

  it('resolves to the seed case config, with the origin of each value', () => {
    const { value } = seedResolved()
    const cfg = configValues(value) as unknown as Record<string, unknown>
    const want = seedConfig()
    expect(pick(cfg, Object.keys(want))).toEqual(want)
    expect(value.fields.InboundPortsInclude.origin).toMatchObject({ kind: 'env', name: 'ISTIO_INBOUND_PORTS', source: 'cluster.env', line: 1 })
    expect(value.fields.RedirectDNS.origin).toMatchObject({ kind: 'env', name: 'ISTIO_META_DNS_CAPTURE', via: 'default of RedirectDNS' })
    expect(value.fields.ProxyUID.origin).toEqual({ kind: 'host', detail: 'uid of user istio-proxy' })
    expect(value.fields.ProxyGID.origin).toEqual({ kind: 'host', detail: 'copy of ProxyUID' })
    expect(value.fields.ProxyPort.origin).toEqual({ kind: 'default' })
  })

  it("parses its Environment and Variables blocks back to the same config", () => {
    const envBlock = between((l) => l === '------------', (l) => l === 'Variables:')
    const varBlock = between((l) => l === '----------', (l) => l.startsWith('Writing following'))
    const env = readEnvLines(textLines(envBlock.join('\n'))).value
    const vars = readVariablesBlock(textLines(varBlock.join('\n'))).value
    expect(vars).toHaveLength(17)
    const { value, diagnostics } = resolveConfig(
      [
        { kind: 'env', entries: env, label: 'Environment', emptyMeansUnset: true },
        { kind: 'variables', entries: vars, label: 'Variables' },
      ],
      p194,
    )
    expect(diagnostics).toEqual([])
    const cfg = configValues(value) as unknown as Record<string, unknown>
    const want = seedConfig()
    expect(pick(cfg, Object.keys(want))).toEqual(want)
    expect(value.fields.RedirectDNS.origin).toMatchObject({ kind: 'variables', label: 'DNS_SERVERS' })
    expect(renderRestore(generateRules(configValues(value), p194).value, 4)).toBe(seedCase.expectedV4.join('\n') + '\n')
  })

  it('prints the Environment and Variables blocks exactly as the log shows them (journald drops the blank lines)', () => {
    const printed = renderVariables(seedResolved().value).split('\n').filter((l) => l !== '')
    const start = log.indexOf('Environment:')
    const end = log.findIndex((l) => l.startsWith('DNS_SERVERS='))
    expect(printed).toEqual(log.slice(start, end + 1))
  })

  it('prints the clean-up commands the log shows before istio-iptables runs', () => {
    const gen = generateRules(configValues(seedResolved().value), p194).value
    const clean = renderClean(gen)
    const firstSave = log.indexOf('iptables-save')
    expect(clean.slice(0, firstSave + 1)).toEqual(log.slice(0, firstSave + 1))
    expect(clean).toHaveLength(36)
    expect(clean[35]).toBe('ip6tables-save')
    expect(log.indexOf('ip6tables-save')).toBeGreaterThan(firstSave)
  })
})
