import type { Family, Rule, Ruleset } from '../model/ruleset.ts'
import { parseCidr4w, formatAddr } from './addr.ts'
import { parseIdRange, parsePortRange } from './compile/decode.ts'
import { rulesetList, type RulesetInput } from './pod-facts.ts'

/**
 * What a ruleset says about the sidecar it was generated for: the proxy's uid/gid (from the owner matches), the
 * DNS servers it captures, the application ports it captures inbound, the Envoy ports. Presets adapt to these.
 */
export interface IstioFacts {
  proxyUid: number
  proxyGid: number
  /** DNS servers named by the DNS capture rules (empty: none in the rules). */
  dnsServers: string[]
  /** Ports captured inbound by name (`--dport 8080 -j ISTIO_IN_REDIRECT`); empty with wildcard capture. */
  appPorts: number[]
  /** Ports excluded inbound (`--dport 15090 -j RETURN`). */
  inboundExcluded: number[]
  outboundPort: number
  inboundPort: number
  dnsProxyPort: number
  tproxy: boolean
  /** The source Envoy binds for inbound passthrough (127.0.0.6 or ::6) when the rules exempt it. */
  passthroughSource: { 4: string; 6: string }
}

function argsOf(r: Rule, name: string): string[] | null {
  for (const m of r.matches) {
    if (m.kind !== 'module') continue
    const o = m.options.find((x) => x.name === name || (name === '--dport' && x.name === '--destination-port'))
    if (o) return o.args
  }
  return null
}

function negatedOption(r: Rule, name: string): boolean {
  return r.matches.some((m) => m.kind === 'module' && m.options.some((o) => o.name === name && o.negated))
}

function mostCommon(values: number[], fallback: number): number {
  if (!values.length) return fallback
  const counts = new Map<number, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts.entries()].toSorted((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? fallback
}

export function deriveIstioFacts(input: RulesetInput): IstioFacts {
  const uids: number[] = []
  const gids: number[] = []
  const dns = new Set<string>()
  const app = new Set<number>()
  const excluded = new Set<number>()
  let outboundPort = 15001
  let inboundPort = 15006
  let tproxy = false
  for (const rs of rulesetList(input)) {
    for (const t of rs.tables) {
      for (const c of t.chains) {
        for (const r of c.rules) {
          const uid = argsOf(r, '--uid-owner')
          const gid = argsOf(r, '--gid-owner')
          const u = uid ? parseIdRange(uid[0] ?? '') : null
          const g = gid ? parseIdRange(gid[0] ?? '') : null
          if (u && u.from === u.to && u.from !== 0) uids.push(u.from)
          if (g && g.from === g.to && g.from !== 0) gids.push(g.from)
          const target = r.target?.name ?? ''
          const dport = argsOf(r, '--dport')
          const port = dport && !negatedOption(r, '--dport') ? parsePortRange(dport[0] ?? '') : null
          if (port && port.from === 53 && (target === 'REDIRECT' || target === 'DNAT' || target === 'CT')) {
            for (const m of r.matches) {
              if (m.kind === 'base' && m.option === '-d' && !m.negated) {
                const cidr = parseCidr4w(m.value)
                if (cidr && cidr.prefix === (cidr.family === 4 ? 32 : 128)) dns.add(formatAddr(cidr.family, cidr.net))
              }
            }
          }
          if (c.name === 'ISTIO_INBOUND' && port && port.from === port.to) {
            if (target === 'RETURN') excluded.add(port.from)
            else if (target !== '') app.add(port.from)
          }
          if (c.name === 'ISTIO_REDIRECT' && target === 'REDIRECT') outboundPort = portArg(r, '--to-ports') ?? outboundPort
          if (c.name === 'ISTIO_IN_REDIRECT' && target === 'REDIRECT') inboundPort = portArg(r, '--to-ports') ?? inboundPort
          if (target === 'TPROXY') {
            tproxy = true
            inboundPort = portArg(r, '--on-port') ?? inboundPort
          }
        }
      }
    }
  }
  const proxyUid = mostCommon(uids, 1337)
  return {
    proxyUid,
    proxyGid: mostCommon(gids, proxyUid),
    dnsServers: [...dns],
    appPorts: [...app].filter((p) => !excluded.has(p)).toSorted((a, b) => a - b),
    inboundExcluded: [...excluded].toSorted((a, b) => a - b),
    outboundPort,
    inboundPort,
    dnsProxyPort: 15053,
    tproxy,
    passthroughSource: { 4: '127.0.0.6', 6: '::6' },
  }
}

function portArg(r: Rule, name: string): number | null {
  const o = r.target?.options.find((x) => x.name === name || (name === '--to-ports' && x.name === '--to-port'))
  const p = o ? parsePortRange(o.args[0] ?? '') : null
  return p ? p.from : null
}

export function familiesOf(input: RulesetInput): Family[] {
  return rulesetList(input).map((r: Ruleset) => r.family)
}
