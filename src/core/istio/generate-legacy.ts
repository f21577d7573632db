import type { IstioConfig } from './config-model.ts'
import type { NetworkRange } from './cidr-split.ts'
import { has, level, type Profile } from './profiles.ts'
import { tag, type RuleBuilder, type Tag } from './rule-builder.ts'
import { splitList } from './split.ts'

/**
 * The 1.5–1.11 generator (tools/istio-iptables/pkg/cmd/run.go): an IPv4 procedure with a reduced IPv6 procedure,
 * spec C3.1 with the version differences as switches. Each Go helper is its own function so that Istio's
 * helper-level tests can be replayed against it.
 */
export interface LegacyContext {
  cfg: IstioConfig
  p: Profile
  b: RuleBuilder
}

const DNS_PORT = '53'
const AGENT_DNS_PORT = '15053'

function tproxy(cfg: IstioConfig): boolean {
  return cfg.InboundInterceptionMode === 'TPROXY'
}

/** The `dns` of C3.1 L0 for this version. */
export function legacyDns(c: LegacyContext): boolean {
  return has(c.p, 'C-9') && c.cfg.RedirectDNS
}

/** ISTIO_IN_REDIRECT's port (C-1: 1.5 sent it to the outbound port unless all inbound ports were captured). */
function inRedirectPort(c: LegacyContext): string {
  if (has(c.p, 'C-1') || c.cfg.InboundPortsInclude === '*') return c.cfg.InboundCapturePort
  return c.cfg.ProxyPort
}

/** L3: exclude interfaces (1.11.3+). */
export function handleExcludeInterfaces(c: LegacyContext): void {
  const { b, cfg } = c
  const t = tag('L3', ['C-14'])
  const nics = splitList(cfg.ExcludeInterfaces)
  for (const nic of nics) {
    b.append4(t, 'PREROUTING', 'nat', '-i', nic, '-j', 'RETURN')
    b.append4(t, 'OUTPUT', 'nat', '-o', nic, '-j', 'RETURN')
    if (cfg.EnableIPv6) {
      b.append6(t, 'PREROUTING', 'nat', '-i', nic, '-j', 'RETURN')
      b.append6(t, 'OUTPUT', 'nat', '-o', nic, '-j', 'RETURN')
    }
  }
  if (!tproxy(cfg)) return
  for (const nic of nics) {
    b.append4(t, 'PREROUTING', 'mangle', '-i', nic, '-j', 'RETURN')
    b.append4(t, 'OUTPUT', 'mangle', '-o', nic, '-j', 'RETURN')
    if (cfg.EnableIPv6) {
      b.append6(t, 'PREROUTING', 'mangle', '-i', nic, '-j', 'RETURN')
      b.append6(t, 'OUTPUT', 'mangle', '-o', nic, '-j', 'RETURN')
    }
  }
}

/** S1 / L4 (1.8+), or L13 before 1.8: traffic arriving on a kubevirt interface is not inbound. */
export function shortCircuitKubeInternalInterface(c: LegacyContext): void {
  const { b, cfg } = c
  const t = tag(has(c.p, 'C-6') ? 'S1' : 'L13', ['C-6'])
  for (const nic of splitList(cfg.RerouteVirtualInterfaces)) {
    b.insert4(t, 'PREROUTING', 'nat', 1, '-i', nic, '-j', 'RETURN')
    if (has(c.p, 'C-6') && cfg.EnableIPv6) b.insert6(t, 'PREROUTING', 'nat', 1, '-i', nic, '-j', 'RETURN')
  }
}

/** S5 / L9: the inbound block (IPv4). TPROXY policy routing runs here as `ip` commands. */
export function handleInboundPortsInclude(c: LegacyContext): void {
  const { b, cfg, p } = c
  if (cfg.InboundPortsInclude === '') return
  const tp = tproxy(cfg)
  const mark = cfg.InboundTProxyMark
  let table: 'nat' | 'mangle' = 'nat'
  if (tp) {
    const t = tag('S5.1', ['C-7'])
    b.append4(t, 'ISTIO_DIVERT', 'mangle', '-j', 'MARK', '--set-mark', mark)
    b.append4(t, 'ISTIO_DIVERT', 'mangle', '-j', 'ACCEPT')
    const routeTable = cfg.InboundTProxyRouteTable
    b.hostCommands.push(`ip -f inet rule add fwmark ${mark} lookup ${routeTable}`)
    b.hostCommands.push(`ip -f inet route add local default dev lo table ${routeTable}`)
    const onPort = has(p, 'C-7') ? cfg.InboundCapturePort : cfg.ProxyPort
    b.append4(t, 'ISTIO_TPROXY', 'mangle', '!', '-d', '127.0.0.1/32', '-p', 'tcp', '-j', 'TPROXY', '--tproxy-mark', `${mark}/0xffffffff`, '--on-port', onPort)
    table = 'mangle'
  }
  b.append4(tag('S5.2'), 'PREROUTING', table, '-p', 'tcp', '-j', 'ISTIO_INBOUND')
  if (cfg.InboundPortsInclude === '*') {
    b.append4(tag('S5.3', ['C-20']), 'ISTIO_INBOUND', table, '-p', 'tcp', '--dport', '22', '-j', 'RETURN')
    for (const port of splitList(cfg.InboundPortsExclude)) b.append4(tag('S5.3'), 'ISTIO_INBOUND', table, '-p', 'tcp', '--dport', port, '-j', 'RETURN')
    if (tp) {
      b.append4(tag('S5.3'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ISTIO_DIVERT')
      b.append4(tag('S5.3'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '-j', 'ISTIO_TPROXY')
    } else {
      b.append4(tag('S5.3'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '-j', 'ISTIO_IN_REDIRECT')
    }
    return
  }
  for (const port of splitList(cfg.InboundPortsInclude)) {
    if (tp) {
      b.append4(tag('S5.4'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '--dport', port, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ISTIO_DIVERT')
      b.append4(tag('S5.4'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_TPROXY')
    } else {
      b.append4(tag('S5.4'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_IN_REDIRECT')
    }
  }
}

/** S14 / L14: ports always redirected outbound (1.7+). */
export function handleOutboundPortsInclude(c: LegacyContext): void {
  for (const port of splitList(c.cfg.OutboundPortsInclude)) {
    c.b.append4(tag('S14', ['C-4']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_REDIRECT')
  }
}

/** S15 / S15': the IPv4 include list (named handleInboundIpv4Rules in Go although it is about outbound). */
export function handleInboundIpv4Rules(c: LegacyContext, include: NetworkRange): void {
  const { b, cfg } = c
  const nics = splitList(cfg.RerouteVirtualInterfaces)
  if (include.isWildcard) {
    b.append4(tag('S15'), 'ISTIO_OUTPUT', 'nat', '-j', 'ISTIO_REDIRECT')
    for (const nic of nics) b.insert4(tag('S15'), 'PREROUTING', 'nat', 1, '-i', nic, '-j', 'ISTIO_REDIRECT')
    return
  }
  if (include.ipNets.length === 0) return
  for (const cidr of include.ipNets) {
    for (const nic of nics) b.insert4(tag("S15'"), 'PREROUTING', 'nat', 1, '-i', nic, '-d', cidr, '-j', 'ISTIO_REDIRECT')
    b.append4(tag("S15'"), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'ISTIO_REDIRECT')
  }
  b.append4(tag("S15'", ['C-32']), 'ISTIO_OUTPUT', 'nat', '-j', 'RETURN')
}

function s16Tag(n: string, ...switches: string[]): Tag {
  return tag(`S16.${n}`, ['C-16', ...switches])
}

function udpTag(step: string, ...switches: string[]): Tag {
  return tag(step, ['C-9', 'C-33', 'L-2', ...switches])
}

/** S16: the reduced IPv6 procedure (nat only, no DNS, no TPROXY, no loopback check). */
export function handleInboundIpv6Rules(c: LegacyContext, exclude: NetworkRange, include: NetworkRange): void {
  const { b, cfg, p } = c
  const t = s16Tag
  if (has(p, 'C-3')) b.append6(t('1', 'C-3'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', cfg.InboundTunnelPort, '-j', 'RETURN')
  b.append6(t('2'), 'ISTIO_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', cfg.ProxyPort)
  b.append6(t('3', 'C-1'), 'ISTIO_IN_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', inRedirectPort(c))
  if (cfg.InboundPortsInclude !== '') {
    b.append6(t('4'), 'PREROUTING', 'nat', '-p', 'tcp', '-j', 'ISTIO_INBOUND')
    if (cfg.InboundPortsInclude === '*') {
      b.append6(t('4', 'C-20'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', '22', '-j', 'RETURN')
      for (const port of splitList(cfg.InboundPortsExclude)) b.append6(t('4'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', port, '-j', 'RETURN')
      b.append6(t('4'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '-j', 'ISTIO_IN_REDIRECT')
    } else {
      for (const port of splitList(cfg.InboundPortsInclude)) b.append6(t('4'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_IN_REDIRECT')
    }
  }
  b.append6(t('5', 'L-1'), 'OUTPUT', 'nat', '-p', 'tcp', '-j', 'ISTIO_OUTPUT')
  for (const port of splitList(cfg.OutboundPortsExclude)) b.append6(t('6', 'L-4'), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'RETURN')
  b.append6(t('7'), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '-s', '::6/128', '-j', 'RETURN')
  for (const [owner, ids] of [['--uid-owner', cfg.ProxyUID], ['--gid-owner', cfg.ProxyGID]] as const) {
    for (const id of splitList(ids)) {
      b.append6(t('8', 'C-27'), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '!', '-d', '::1/128', '-m', 'owner', owner, id, '-j', 'ISTIO_IN_REDIRECT')
      b.append6(t('8', 'C-5'), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '-m', 'owner', '!', owner, id, '-j', 'RETURN')
      b.append6(t('8'), 'ISTIO_OUTPUT', 'nat', '-m', 'owner', owner, id, '-j', 'RETURN')
    }
  }
  b.append6(t('10'), 'ISTIO_OUTPUT', 'nat', '-d', '::1/128', '-j', 'RETURN')
  for (const cidr of exclude.ipNets) b.append6(t('11'), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'RETURN')
  if (has(p, 'C-10')) {
    for (const port of splitList(cfg.OutboundPortsInclude)) b.append6(t('12', 'C-10'), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_REDIRECT')
  }
  const nics = splitList(cfg.RerouteVirtualInterfaces)
  if (include.isWildcard) {
    b.append6(t('13'), 'ISTIO_OUTPUT', 'nat', '-j', 'ISTIO_REDIRECT')
    for (const nic of nics) b.insert6(t('13'), 'PREROUTING', 'nat', 1, '-i', nic, '-j', 'RETURN')
  } else if (include.ipNets.length > 0) {
    for (const cidr of include.ipNets) {
      for (const nic of nics) b.insert6(t('13'), 'PREROUTING', 'nat', 1, '-i', nic, '-d', cidr, '-j', 'ISTIO_REDIRECT')
      b.append6(t('13'), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'ISTIO_REDIRECT')
    }
    b.append6(t('13', 'C-32'), 'ISTIO_OUTPUT', 'nat', '-j', 'RETURN')
  }
}

/** S6–S10: the OUTPUT jump, excluded ports, the 127.0.0.6 passthrough and the owner rules. */
export function handleOutputOwnerRules(c: LegacyContext, loop: boolean): void {
  const { b, cfg, p } = c
  b.append4(tag('S6', ['L-1']), 'OUTPUT', 'nat', '-p', 'tcp', '-j', 'ISTIO_OUTPUT')
  for (const port of splitList(cfg.OutboundPortsExclude)) b.append4(tag('S7', ['L-4']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'RETURN')
  b.append4(tag('S8'), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '-s', '127.0.0.6/32', '-j', 'RETURN')
  const dnsRules = level(p, 'C-9') >= 4 && legacyDns(c)
  const skipLoopReturn = has(p, 'C-5') && loop
  for (const [owner, ids, step] of [['--uid-owner', cfg.ProxyUID, 'S9'], ['--gid-owner', cfg.ProxyGID, 'S10']] as const) {
    for (const id of splitList(ids)) {
      const port53 = dnsRules && owner === '--uid-owner' ? ['-p', 'tcp', '!', '--dport', DNS_PORT] : []
      b.append4(tag(`${step}a`, ['C-9', 'C-27']), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '!', '-d', '127.0.0.1/32', ...port53, '-m', 'owner', owner, id, '-j', 'ISTIO_IN_REDIRECT')
      if (!skipLoopReturn) {
        const ret53 = dnsRules ? ['-p', 'tcp', '!', '--dport', DNS_PORT] : []
        b.append4(tag(`${step}b`, ['C-5', 'C-9']), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', ...ret53, '-m', 'owner', '!', owner, id, '-j', 'RETURN')
      }
      b.append4(tag(`${step}c`), 'ISTIO_OUTPUT', 'nat', '-m', 'owner', owner, id, '-j', 'RETURN')
    }
  }
}

/** L6 (1.8) and S11: TCP DNS redirects. */
function handleDnsTcp(c: LegacyContext): void {
  const { b, cfg, p } = c
  if (!legacyDns(c) || level(p, 'C-9') < 4) return
  if (has(p, 'C-13') && cfg.CaptureAllDNS) {
    b.append4(tag('S11', ['C-13', 'L-2']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', DNS_PORT, '-j', 'REDIRECT', '--to-ports', AGENT_DNS_PORT)
    return
  }
  for (const s of cfg.DNSServersV4) {
    b.append4(tag('S11', ['C-9', 'L-2']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', DNS_PORT, '-d', `${s}/32`, '-j', 'REDIRECT', '--to-ports', AGENT_DNS_PORT)
  }
}

/** L17: UDP DNS capture in the built-in nat OUTPUT chain, and the conntrack zones (C-11, C-12). */
export function handleDnsUdp(c: LegacyContext): void {
  const { b, cfg, p } = c
  if (!legacyDns(c)) return
  const gen = level(p, 'C-9')
  const t = udpTag
  const udp53 = ['-p', 'udp', '--dport', DNS_PORT]
  if (gen === 1) {
    for (const gid of splitList(cfg.ProxyGID)) {
      if (gid !== '0') b.append4(t('L17'), 'OUTPUT', 'nat', ...udp53, '-m', 'owner', '--gid-owner', gid, '-j', 'RETURN')
    }
    b.append4(t('L17'), 'OUTPUT', 'nat', ...udp53, '-j', 'REDIRECT', '--to-ports', '15013')
    return
  }
  for (const uid of splitList(cfg.ProxyUID)) b.append4(t('S17'), 'OUTPUT', 'nat', ...udp53, '-m', 'owner', '--uid-owner', uid, '-j', 'RETURN')
  for (const gid of splitList(cfg.ProxyGID)) b.append4(t('S17'), 'OUTPUT', 'nat', ...udp53, '-m', 'owner', '--gid-owner', gid, '-j', 'RETURN')
  if (gen < 4) {
    const port = gen === 3 || cfg.DNSCaptureByAgent ? AGENT_DNS_PORT : '15013'
    b.append4(t('L17'), 'OUTPUT', 'nat', ...udp53, '-j', 'DNAT', '--to-destination', `127.0.0.1:${port}`)
    b.append4(t('L17'), 'POSTROUTING', 'nat', '-p', 'udp', '--dport', port, '-j', 'SNAT', '--to-source', '127.0.0.1')
    return
  }
  const all = has(p, 'C-13') && cfg.CaptureAllDNS
  if (all) b.append4(t('S17', 'C-13'), 'OUTPUT', 'nat', ...udp53, '-j', 'REDIRECT', '--to-port', AGENT_DNS_PORT)
  else for (const s of cfg.DNSServersV4) b.append4(t('S17'), 'OUTPUT', 'nat', ...udp53, '-d', `${s}/32`, '-j', 'REDIRECT', '--to-port', AGENT_DNS_PORT)
  if (!(has(p, 'C-12') || (has(p, 'C-11') && cfg.DNSConntrackZone))) return
  const z = (...switches: string[]) => t('L17z', 'C-11', 'C-12', ...switches)
  for (const [owner, ids] of [['--uid-owner', cfg.ProxyUID], ['--gid-owner', cfg.ProxyGID]] as const) {
    for (const id of splitList(ids)) {
      b.append4(z(), 'OUTPUT', 'raw', ...udp53, '-m', 'owner', owner, id, '-j', 'CT', '--zone', '1')
      b.append4(z(), 'OUTPUT', 'raw', '-p', 'udp', '--sport', AGENT_DNS_PORT, '-m', 'owner', owner, id, '-j', 'CT', '--zone', '2')
    }
  }
  if (all) {
    b.append4(z('C-13'), 'OUTPUT', 'raw', ...udp53, '-j', 'CT', '--zone', '2')
    b.append4(z('C-13'), 'PREROUTING', 'raw', '-p', 'udp', '--sport', DNS_PORT, '-j', 'CT', '--zone', '1')
    return
  }
  for (const s of cfg.DNSServersV4) {
    b.append4(z(), 'OUTPUT', 'raw', ...udp53, '-d', `${s}/32`, '-j', 'CT', '--zone', '2')
    b.append4(z('C-29'), 'PREROUTING', 'raw', '-p', 'udp', '--sport', DNS_PORT, '-d', `${s}/32`, '-j', 'CT', '--zone', '1')
  }
}

/** L18: what TPROXY mode adds at the end. */
export function handleTproxyTail(c: LegacyContext): void {
  const { b, cfg, p } = c
  if (!tproxy(cfg)) return
  const mark = cfg.InboundTProxyMark
  const stage = level(p, 'C-8')
  if (stage === 0) return
  if (stage === 1) {
    b.append4(tag('L18', ['C-8']), 'OUTPUT', 'mangle', '-p', 'tcp', '-s', '127.0.0.1/32', '!', '-d', '127.0.0.1/32', '-j', 'MARK', '--set-mark', mark)
    return
  }
  const t = tag('S18', ['C-8', 'C-15'])
  b.append4(t, 'PREROUTING', 'mangle', '-p', 'tcp', '-m', 'mark', '--mark', mark, '-j', 'CONNMARK', '--save-mark')
  if (has(p, 'C-15')) {
    b.append4(t, 'OUTPUT', 'mangle', '-p', 'tcp', '-o', 'lo', '-m', 'mark', '--mark', mark, '-j', 'RETURN')
    for (const [owner, ids] of [['--uid-owner', cfg.ProxyUID], ['--gid-owner', cfg.ProxyGID]] as const) {
      for (const id of splitList(ids)) {
        b.append4(t, 'OUTPUT', 'mangle', '!', '-d', '127.0.0.1/32', '-p', 'tcp', '-o', 'lo', '-m', 'owner', owner, id, '-j', 'MARK', '--set-mark', '1338')
      }
    }
  }
  b.append4(t, 'OUTPUT', 'mangle', '-p', 'tcp', '-m', 'connmark', '--mark', mark, '-j', 'CONNMARK', '--restore-mark')
  b.insert4(t, 'ISTIO_INBOUND', 'mangle', 1, '-p', 'tcp', '-m', 'mark', '--mark', mark, '-j', 'RETURN')
  if (has(p, 'C-15')) {
    b.insert4(t, 'ISTIO_INBOUND', 'mangle', 2, '-p', 'tcp', '-s', '127.0.0.6/32', '-i', 'lo', '-j', 'RETURN')
    b.insert4(t, 'ISTIO_INBOUND', 'mangle', 3, '-p', 'tcp', '-i', 'lo', '-m', 'mark', '!', '--mark', '1338', '-j', 'RETURN')
  }
}

/** run() of 1.5–1.11 after the CIDR lists are split (C3.1 L2–L18). */
export function runLegacy(c: LegacyContext, split: { e4: NetworkRange; e6: NetworkRange; i4: NetworkRange; i6: NetworkRange }): void {
  const { b, cfg, p } = c
  const loop = split.i4.hasLoopback || split.i6.hasLoopback
  if (cfg.EnableIPv6) b.hostCommands.push('ip -6 addr add ::6/128 dev lo')
  if (has(p, 'C-14')) handleExcludeInterfaces(c)
  if (has(p, 'C-6')) shortCircuitKubeInternalInterface(c)
  if (has(p, 'C-3')) b.append4(tag('S2', ['C-3']), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', cfg.InboundTunnelPort, '-j', 'RETURN')
  if (level(p, 'C-9') === 3 && legacyDns(c)) {
    b.append4(tag('L6', ['C-9']), 'ISTIO_REDIRECT', 'nat', '-p', 'tcp', '--dport', DNS_PORT, '-j', 'REDIRECT', '--to-ports', AGENT_DNS_PORT)
  }
  b.append4(tag('S3'), 'ISTIO_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', cfg.ProxyPort)
  b.append4(tag('S4', ['C-1']), 'ISTIO_IN_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', inRedirectPort(c))
  handleInboundPortsInclude(c)
  handleOutputOwnerRules(c, loop)
  handleDnsTcp(c)
  b.append4(tag('S12', ['C-30']), 'ISTIO_OUTPUT', 'nat', '-d', '127.0.0.1/32', '-j', 'RETURN')
  for (const cidr of split.e4.ipNets) b.append4(tag('S13', ['C-23']), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'RETURN')
  if (!has(p, 'C-6')) shortCircuitKubeInternalInterface(c)
  if (has(p, 'C-4')) handleOutboundPortsInclude(c)
  handleInboundIpv4Rules(c, split.i4)
  if (cfg.EnableIPv6) handleInboundIpv6Rules(c, split.e6, split.i6)
  handleDnsUdp(c)
  handleTproxyTail(c)
}
