import type { ConfigEntry } from '../model/input.ts'
import type { Family, Rule, Ruleset } from '../model/ruleset.ts'
import { formatCidr } from '../net/ip.ts'
import type { RulesetAnnotation } from '../explain/annotate.ts'
import { DEFAULT_LOOPBACK_CIDRS } from '../explain/istio-facts.ts'
import type { RoleId } from '../explain/roles.ts'
import { ruleShape } from '../explain/rule-shape.ts'
import type { ConfigLayer } from '../istio/config-model.ts'

/** How a value read back from rules is labelled as its origin. */
export const INFERRED_LABEL = 'read from the rules'

export interface InferredConfig {
  layer: ConfigLayer
  /** Field → line of the rule it was read from (1-based, in the paste). */
  lines: Map<string, number>
}

/**
 * The istio-iptables configuration a pasted Istio ruleset implies, read back from its recognised rules: proxy ids
 * and ports, inbound and outbound captures and exclusions, DNS capture with its servers, excluded interfaces. It lets
 * a dump without its configuration be regenerated for another Istio version. Owner-group filters are not read back.
 * `automaticPort22` drops the `--dport 22` RETURN that releases before 1.13 added by themselves.
 */
export function inferConfig(
  rulesets: Partial<Record<Family, Ruleset>>,
  annotations: Partial<Record<Family, RulesetAnnotation>>,
  options: { automaticPort22: boolean },
): InferredConfig {
  const family: Family = annotations[4]?.istio ? 4 : 6
  const ruleset = rulesets[family]
  const annotation = annotations[family]
  const values = new Map<string, { value: string; line: number }>()
  const lists = new Map<string, { items: string[]; line: number }>()
  const set = (key: string, value: string | null | undefined, line = 0): void => {
    if (value !== null && value !== undefined && value !== '' && !values.has(key)) values.set(key, { value, line })
  }
  const add = (key: string, items: readonly string[], line = 0): void => {
    const list = lists.get(key) ?? { items: [], line }
    for (const i of items) if (!list.items.includes(i)) list.items.push(i)
    lists.set(key, list)
  }
  if (ruleset && annotation) {
    const facts = annotation.facts
    set('ProxyUID', facts.proxyUids.join(','))
    set('ProxyGID', facts.proxyGids.join(','))
    set('ProxyPort', facts.outboundPort)
    set('InboundCapturePort', facts.inboundPort)
    if (facts.tunnelPort !== '15008') set('InboundTunnelPort', facts.tunnelPort)
    if (facts.mode === 'TPROXY') set('InboundInterceptionMode', 'TPROXY')
    if (facts.tproxyMark && facts.tproxyMark !== '1337') set('InboundTProxyMark', facts.tproxyMark)
    const loopback = facts.loopbackCidrs.filter((c) => !DEFAULT_LOOPBACK_CIDRS.includes(c) && c.includes('.'))
    if (loopback[0]) set('HostIPv4LoopbackCidr', loopback[0])
    for (const a of annotation.rules) {
      const rule = ruleAt(ruleset, a.ref.table, a.ref.chain, a.ref.index)
      if (!rule || !a.role) continue
      readRole(a.role, rule, family, rule.span?.line ?? 0, { set, add }, options)
    }
  }
  if (annotations[6]?.istio || (rulesets[6] && family === 4 && rulesets[6].tables.some((t) => t.chains.some((c) => c.name.startsWith('ISTIO'))))) set('EnableIPv6', 'true')
  for (const [key, list] of lists) if (list.items.length > 0) set(key, list.items.join(','), list.line)
  const entries: ConfigEntry[] = []
  const lines = new Map<string, number>()
  for (const [key, { value, line }] of values) {
    entries.push({ key, value, line: Math.max(line, 1), column: 1 })
    if (line > 0) lines.set(key, line)
  }
  return { layer: { kind: 'set', entries, label: INFERRED_LABEL }, lines }
}

function ruleAt(ruleset: Ruleset, table: string, chain: string, index: number): Rule | undefined {
  return ruleset.tables.find((t) => t.name === table)?.chains.find((c) => c.name === chain)?.rules[index - 1]
}

interface Sink {
  set(key: string, value: string | null | undefined, line?: number): void
  add(key: string, items: readonly string[], line?: number): void
}

function readRole(role: RoleId, rule: Rule, family: Family, line: number, sink: Sink, options: { automaticPort22: boolean }): void {
  const shape = ruleShape(rule, family)
  const ports = shape.dport && !shape.dport.negated ? shape.dport.ports : []
  const dst = shape.dst && !shape.dst.negated ? (shape.dst.cidr ? formatCidr(shape.dst.cidr) : shape.dst.text) : null
  const iface = shape.inIface?.name ?? shape.outIface?.name ?? null
  switch (role) {
    case 'istio-inbound-capture':
      sink.set('InboundPortsInclude', '*', line)
      break
    case 'istio-inbound-capture-port':
      sink.add('InboundPortsInclude', ports, line)
      break
    case 'istio-tproxy-capture':
      if (ports.length > 0) sink.add('InboundPortsInclude', ports, line)
      else sink.set('InboundPortsInclude', '*', line)
      break
    case 'istio-inbound-exclude-port':
      sink.add('InboundPortsExclude', options.automaticPort22 ? ports.filter((p) => p !== '22') : ports, line)
      break
    case 'istio-output-redirect':
      sink.set('OutboundIPRangesInclude', '*', line)
      break
    case 'istio-output-include-cidr':
      if (dst) sink.add('OutboundIPRangesInclude', [dst], line)
      break
    case 'istio-output-exclude-cidr':
      if (dst) sink.add('OutboundIPRangesExclude', [dst], line)
      break
    case 'istio-output-exclude-port':
      sink.add('OutboundPortsExclude', ports, line)
      break
    case 'istio-output-include-port':
      sink.add('OutboundPortsInclude', ports, line)
      break
    case 'istio-exclude-interface':
      if (iface) sink.add('ExcludeInterfaces', [iface], line)
      break
    case 'istio-kubevirt-return':
    case 'istio-kubevirt-redirect':
      if (iface) sink.add('RerouteVirtualInterfaces', [iface], line)
      break
    case 'istio-drop-invalid':
      sink.set('DropInvalid', 'true', line)
      break
    case 'istio-dns-tcp-redirect':
    case 'istio-dns-udp-redirect':
    case 'istio-dns-udp-dnat':
      sink.set('RedirectDNS', 'true', line)
      // A redirect without a server address is --capture-all-dns; with one, it names a resolv.conf server.
      if (dst) sink.add(family === 4 ? 'DNSServersV4' : 'DNSServersV6', [dst.replace(/\/(32|128)$/, '')], line)
      else sink.set('CaptureAllDNS', 'true', line)
      break
    default:
      break
  }
}
