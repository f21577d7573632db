import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateRules } from './generate.ts'
import { configValues } from './config-model.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { readConfigText } from './read-config-text.ts'
import { renderCommands, renderRestore } from './render.ts'
import { resolveConfig } from './resolve-config.ts'

const dir = new URL('../../fixtures/istio/inputs/', import.meta.url)
const input = (prefix: string): string => readFileSync(new URL(readdirSync(dir).find((n) => n.startsWith(prefix)) as string, dir), 'utf8')
const profile = (name: string): Profile => resolveProfile(name).value as Profile

function generateFrom(text: string, version: string, host = {}) {
  const p = profile(version)
  const layers = readConfigText(text, 'paste').value
  const resolved = resolveConfig(layers, p, host)
  expect(resolved.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return { resolved: resolved.value, gen: generateRules(configValues(resolved.value), p).value }
}

describe('real pastes generate what their logs show', () => {
  it('input 016 (istio-init log of 1.12.1): the Variables block regenerates the rules file of the log byte for byte', () => {
    const text = input('016')
    const lines = text.split('\n')
    const start = lines.findIndex((l) => l.includes('Writing following contents to rules file: /tmp/iptables-rules'))
    const end = lines.findIndex((l, i) => i > start && l.includes('Running command: iptables-restore'))
    const rulesFile = lines.slice(start + 1, end).join('\n') + '\n'
    const { gen } = generateFrom(text, '1.12.1')
    expect(renderRestore(gen, 4)).toBe(rulesFile)
    expect(renderRestore(gen, 6)).toBe('')
    // 1.13 dropped the automatic port-22 RETURN (C-20): the same config no longer reproduces this log.
    expect(renderRestore(generateFrom(text, '1.13').gen, 4)).not.toBe(rulesFile)
  })

  it('input 018 (pilot-agent istio-iptables with two proxy uids): the Variables block is the final word', () => {
    const { resolved, gen } = generateFrom(input('018'), '1.9.4')
    expect(resolved.fields.ProxyUID).toMatchObject({ value: '1337,1338', origin: { kind: 'variables', label: 'PROXY_UID', line: 21 } })
    const rules = renderCommands(gen, 4)
    for (const uid of ['1337', '1338']) expect(rules).toContain(`iptables -t nat -A ISTIO_OUTPUT -m owner --uid-owner ${uid} -j RETURN`)
    expect(rules).toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 22 -j RETURN')
    expect(rules.filter((r) => / --dport (15090|15021|15020) -j RETURN/.test(r))).toHaveLength(3)
  })

  it('input 006 (Istio 1.5.1 init container with a missing space): read as intended, uid 0 not added since -u is given', () => {
    const { resolved, gen } = generateFrom(input('006'), '1.5.1')
    expect(resolved.fields.ProxyUID.value).toBe('1337')
    expect(resolved.fields.InboundCapturePort).toMatchObject({ value: '15006', origin: { kind: 'flag', flag: '-z', line: 6 } })
    const rules = renderCommands(gen, 4)
    expect(rules).toContain('iptables -t nat -A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006')
    expect(rules).not.toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 15008 -j RETURN')
  })

  it('input 067 (generated cluster.env) on a 1.9.4 VM with uid 997 and one resolver', () => {
    const { gen } = generateFrom(input('067'), '1.9.4', { proxyUserUid: '997', resolvConfNameservers: ['10.0.0.2'] })
    const rules = renderCommands(gen, 4)
    expect(rules).toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport 22 -j RETURN')
    expect(rules).toContain('iptables -t nat -A ISTIO_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 53 -m owner --uid-owner 997 -j ISTIO_IN_REDIRECT')
    expect(rules).toContain('iptables -t nat -A OUTPUT -p udp --dport 53 -d 10.0.0.2/32 -j REDIRECT --to-port 15053')
    expect(rules[rules.length - 1]).toBe('iptables -t nat -A OUTPUT -p udp --dport 53 -d 10.0.0.2/32 -j REDIRECT --to-port 15053')
  })
})
