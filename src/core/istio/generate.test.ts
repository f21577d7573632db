import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { envLayer, flagsLayer, setLayer } from './config-input.ts'
import { OUTPUT_FORMATS, renderOutput, runIstioIptables } from './istio-generate.ts'
import { listProfiles, resolveProfile, type Profile } from './profiles.ts'
import { renderCommands, renderRestore } from './render.ts'

const profile = (name: string): Profile => resolveProfile(name).value as Profile
const run = (version: string, flags: string, sets: string[] = [], env = '') =>
  runIstioIptables([envLayer(env).value, flagsLayer(flags).value, setLayer(sets).value], profile(version)).value.rules

describe('generateRules: corners the corpus does not show', () => {
  it('splits lists without trimming, so a space after a comma reaches the rule text', () => {
    expect(renderCommands(run('1.9.4', '-b "80, 81"'), 4)).toContain('iptables -t nat -A ISTIO_INBOUND -p tcp --dport  81 -j ISTIO_IN_REDIRECT')
  })

  it('1.5–1.11 run ip commands for TPROXY and ::6 during generation; 1.12+ leave it to netlink', () => {
    expect(run('1.9.4', "-m TPROXY -b '*'", ['EnableIPv6=true']).hostCommands).toEqual([
      'ip -6 addr add ::6/128 dev lo',
      'ip -f inet rule add fwmark 1337 lookup 133',
      'ip -f inet route add local default dev lo table 133',
    ])
    expect(run('1.12', "-m TPROXY -b '*'").hostCommands).toEqual([
      'netlink: ip -f inet rule add fwmark 1337 lookup 133',
      'netlink: ip -f inet route add local 0.0.0.0/0 dev lo table 133',
    ])
  })

  it('1.6–1.8 TPROXY marks traffic from 127.0.0.1; 1.5 adds nothing', () => {
    const mark = 'iptables -t mangle -A OUTPUT -p tcp -s 127.0.0.1/32 ! -d 127.0.0.1/32 -j MARK --set-mark 1337'
    expect(renderCommands(run('1.6', "-m TPROXY -b '*'"), 4)).toContain(mark)
    expect(renderCommands(run('1.5', "-m TPROXY -b '*'"), 4)).not.toContain(mark)
  })

  it('trace logging puts the NFLOG twin before an append and after an insert (so it lands first), quoted before 1.24', () => {
    const rules = renderCommands(run('1.12', '-k eth1 --iptables-trace-logging -i *'), 4)
    const insert = rules.indexOf('iptables -t nat -I PREROUTING 1 -i eth1 -j RETURN')
    expect(rules[insert + 1]).toBe('iptables -t nat -I PREROUTING 1 -i eth1 -j NFLOG --nflog-prefix "KubevirtCommand" --nflog-group 1337 --nflog-size 20')
    expect(renderRestore(run('1.24', '--iptables-trace-logging'), 4)).toContain('-j NFLOG --nflog-prefix InboundCapture --nflog-group 1337')
  })

  it('writes restore tables in first-use order before 1.23 and sorted after; -N for bare jump targets from 1.24', () => {
    const tables = (version: string) => renderRestore(run(version, "-m TPROXY -b '*'"), 4).split('\n').filter((l) => l.startsWith('* '))
    expect(tables('1.22')).toEqual(['* nat', '* mangle'])
    expect(tables('1.23')).toEqual(['* mangle', '* nat'])
    // No proxy ids and no servers: raw ISTIO_OUTPUT is jumped to but gets no rule (the bug #53476 fixed).
    const raw = (version: string) => renderRestore(run(version, '--redirect-dns -u , -g ,'), 4).split('COMMIT').find((t) => t.includes('* raw'))
    expect(raw('1.23')).toBe('\n* raw\n-A OUTPUT -p udp -j ISTIO_OUTPUT\n')
    expect(raw('1.24')).toBe('\n* raw\n-N ISTIO_OUTPUT\n-A OUTPUT -p udp -j ISTIO_OUTPUT\n')
  })

  it('1.25+ switches DNS capture off without servers, with a warning; 1.24 keeps the port-53 exceptions', () => {
    const latest = runIstioIptables([flagsLayer('--redirect-dns').value], profile('latest'))
    expect(latest.diagnostics.map((d) => d.code)).toEqual(['GEN002'])
    expect(renderRestore(latest.value.rules, 4)).not.toContain('53')
    expect(renderRestore(run('1.24', '--redirect-dns'), 4)).toContain('! --dport 53')
  })

  it('skips an unparsable CIDR with the tool message until 1.28, then refuses the config', () => {
    const old = runIstioIptables([flagsLayer('-i 10.0.0.0/8,bogus').value], profile('1.24'))
    expect(old.diagnostics).toEqual([expect.objectContaining({ code: 'GEN001', message: 'Ignoring error for bug compatibility with istio-iptables: netip.ParsePrefix("bogus"): no \'/\'' })])
    expect(renderRestore(old.value.rules, 4)).toContain('-A ISTIO_OUTPUT -d 10.0.0.0/8 -j ISTIO_REDIRECT')
    const now = runIstioIptables([flagsLayer('-i 10.0.0.0/8,bogus').value], profile('latest'))
    expect(now.diagnostics.map((d) => [d.code, d.severity])).toEqual([['CFG071', 'error']])
    expect(now.value.rules.ok).toBe(false)
  })
})

describe('the whole pipeline never throws on user input', () => {
  const names = listProfiles().map((p) => p.name)
  const text = fc.string({ unit: fc.constantFrom('-', 'p', 'x', 'i', 'b', 'n', ' ', '*', "'", '"', '=', ',', '1', '5', '0', '/', ':', 'A', '_', '\n'), maxLength: 60 })
  it('for any profile, env text, flag text and --set values', () => {
    const check = (name: string, env: string, flags: string, set: string): void => {
      const r = runIstioIptables([envLayer(env).value, flagsLayer(flags).value, setLayer([`OutboundIPRangesInclude=${set}`, `DNSServersV4=${set}`]).value], profile(name))
      for (const format of OUTPUT_FORMATS) renderOutput(r.value, format, 4)
    }
    expect(() => fc.assert(fc.property(fc.constantFrom(...names), text, text, text, check), { numRuns: 300 })).not.toThrow()
  })
})
