import type { IstioConfig } from './config-model.ts'
import type { NetworkRange } from './cidr-split.ts'
import { has, type Profile } from './profiles.ts'
import { IP, tag, type IstioTable, type RuleBuilder, type Tag } from './rule-builder.ts'
import { splitList } from './split.ts'

/**
 * The 1.12+ generator (tools/istio-iptables/pkg/capture/run.go): one rule plan for both families, spec C3.2 for
 * 1.12–1.24 and Part B for 1.25 onward, the differences being switches.
 */
export interface DualContext {
  cfg: IstioConfig
  p: Profile
  b: RuleBuilder
  /** `dns` after the 1.25 "no servers" check. */
  dns: boolean
}

const DNS = '53'
const AGENT = '15053'

function loopbackCidr(c: DualContext): string {
  return has(c.p, 'C-30') ? c.cfg.HostIPv4LoopbackCidr : '127.0.0.1/32'
}

function tproxy(cfg: IstioConfig): boolean {
  return cfg.InboundInterceptionMode === 'TPROXY'
}

/** N1 (M1, M1'): interfaces whose traffic is never captured. */
export function handleExcludeInterfaces(c: DualContext): void {
  const t = tag('N1', ['C-14'], 'ExcludeInterfaceCommand')
  const nics = splitList(c.cfg.ExcludeInterfaces)
  const tables: IstioTable[] = tproxy(c.cfg) ? ['nat', 'mangle'] : ['nat']
  for (const table of tables) {
    for (const nic of nics) {
      c.b.append(t, 'PREROUTING', table, '-i', nic, '-j', 'RETURN')
      c.b.append(t, 'OUTPUT', table, '-o', nic, '-j', 'RETURN')
    }
  }
}

/** N2 (M2): kubevirt interfaces' inbound traffic is not inbound-captured. */
export function shortCircuitKubeInternalInterface(c: DualContext): void {
  for (const nic of splitList(c.cfg.RerouteVirtualInterfaces)) {
    c.b.insert(tag('N2', ['C-6'], 'KubevirtCommand'), 'PREROUTING', 'nat', 1, '-i', nic, '-j', 'RETURN')
  }
}

/** N3 (M3): INVALID conntrack state is dropped (1.12.2+). */
function handleDropInvalid(c: DualContext): void {
  if (!has(c.p, 'C-19') || !c.cfg.DropInvalid) return
  const t = tag('N3', ['C-19', 'C-36'])
  if (has(c.p, 'C-36')) {
    c.b.append(t, 'PREROUTING', 'mangle', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'ISTIO_DROP')
    c.b.append(t, 'ISTIO_DROP', 'mangle', '-j', 'DROP')
  } else {
    c.b.append(t, 'PREROUTING', 'mangle', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP')
  }
}

/** N7 (M7): the inbound block. */
export function handleInboundPortsInclude(c: DualContext): void {
  const { b, cfg, p } = c
  if (cfg.InboundPortsInclude === '') return
  const tp = tproxy(cfg)
  const mark = cfg.InboundTProxyMark
  let table: IstioTable = 'nat'
  if (tp) {
    b.append(tag('N7.1'), 'ISTIO_DIVERT', 'mangle', '-j', 'MARK', '--set-mark', mark)
    b.append(tag('N7.1'), 'ISTIO_DIVERT', 'mangle', '-j', 'ACCEPT')
    b.appendVersioned(tag('N7.1', ['C-30']), loopbackCidr(c), '::1/128', 'ISTIO_TPROXY', 'mangle', '!', '-d', IP, '-p', 'tcp', '-j', 'TPROXY', '--tproxy-mark', `${mark}/0xffffffff`, '--on-port', cfg.InboundCapturePort)
    table = 'mangle'
  }
  b.append(tag('N7.2', [], 'JumpInbound'), 'PREROUTING', table, '-p', 'tcp', '-j', 'ISTIO_INBOUND')
  if (cfg.InboundPortsInclude === '*') {
    if (!has(p, 'C-20')) b.append(tag('N7.3', ['C-20'], 'ExcludeInboundPort'), 'ISTIO_INBOUND', table, '-p', 'tcp', '--dport', '22', '-j', 'RETURN')
    for (const port of splitList(cfg.InboundPortsExclude)) b.append(tag('N7.3', [], 'ExcludeInboundPort'), 'ISTIO_INBOUND', table, '-p', 'tcp', '--dport', port, '-j', 'RETURN')
    if (tp) {
      b.append(tag('N7.3'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ISTIO_DIVERT')
      b.append(tag('N7.3'), 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '-j', 'ISTIO_TPROXY')
    } else {
      b.append(tag('N7.3'), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '-j', 'ISTIO_IN_REDIRECT')
    }
    return
  }
  const t = tag('N7.4', [], 'IncludeInboundPort')
  for (const port of splitList(cfg.InboundPortsInclude)) {
    if (tp) {
      b.append(t, 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '--dport', port, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ISTIO_DIVERT')
      b.append(t, 'ISTIO_INBOUND', 'mangle', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_TPROXY')
    } else {
      b.append(t, 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_IN_REDIRECT')
    }
  }
}

/** N8–N12 (M8–M12): the OUTPUT jump, excluded ports, the passthrough source and the proxy's owner rules. */
function handleOutputOwnerRules(c: DualContext, loop: boolean): void {
  const { b, cfg, p, dns } = c
  const jump = has(p, 'L-1') ? [] : ['-p', 'tcp']
  b.append(tag('N8', ['L-1'], 'JumpOutbound'), 'OUTPUT', 'nat', ...jump, '-j', 'ISTIO_OUTPUT')
  for (const port of splitList(cfg.OutboundPortsExclude)) {
    b.append(tag('N9', ['L-4']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'RETURN')
    if (has(p, 'L-4')) b.append(tag('N9', ['L-4']), 'ISTIO_OUTPUT', 'nat', '-p', 'udp', '--dport', port, '-j', 'RETURN')
  }
  b.appendVersioned(tag('N10'), '127.0.0.6/32', '::6/128', 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '-s', IP, '-j', 'RETURN')
  const tunnel = cfg.InboundTunnelPort
  const lb = loopbackCidr(c)
  for (const [owner, ids, step] of [['--uid-owner', cfg.ProxyUID, 'N11'], ['--gid-owner', cfg.ProxyGID, 'N12']] as const) {
    for (const id of splitList(ids)) {
      let ports: string[]
      if (has(p, 'C-27')) ports = dns && owner === '--uid-owner' ? ['-p', 'tcp', '-m', 'multiport', '!', '--dports', `${DNS},${tunnel}`] : ['-p', 'tcp', '!', '--dport', tunnel]
      else ports = dns && owner === '--uid-owner' ? ['-p', 'tcp', '!', '--dport', DNS] : []
      b.appendVersioned(tag(`${step}a`, ['C-9', 'C-27', 'C-30']), lb, '::1/128', 'ISTIO_OUTPUT', 'nat', '-o', 'lo', '!', '-d', IP, ...ports, '-m', 'owner', owner, id, '-j', 'ISTIO_IN_REDIRECT')
      if (!loop) {
        const ret = dns ? ['-p', 'tcp', '!', '--dport', DNS] : []
        b.append(tag(`${step}b`, ['C-5', 'C-9']), 'ISTIO_OUTPUT', 'nat', '-o', 'lo', ...ret, '-m', 'owner', '!', owner, id, '-j', 'RETURN')
      }
      b.append(tag(`${step}c`), 'ISTIO_OUTPUT', 'nat', '-m', 'owner', owner, id, '-j', 'RETURN')
    }
  }
}

/** N13 (M13), also N19.3: RETURN for traffic of groups that are not to be captured. */
function ownerGroupFilter(c: DualContext, t: Tag, chain: string, prefix: readonly string[]): void {
  const { b, cfg } = c
  if (cfg.OwnerGroupsInclude === '*') {
    for (const g of splitList(cfg.OwnerGroupsExclude)) b.append(t, chain, 'nat', ...prefix, '-m', 'owner', '--gid-owner', g, '-j', 'RETURN')
    return
  }
  const matches = splitList(cfg.OwnerGroupsInclude).flatMap((g) => ['-m', 'owner', '!', '--gid-owner', g])
  b.append(t, chain, 'nat', ...prefix, ...matches, '-j', 'RETURN')
}

/** N14: TCP DNS redirects in ISTIO_OUTPUT (1.12–1.24). */
function handleDnsTcp(c: DualContext): void {
  const { b, cfg } = c
  const t = tag('N14', ['C-9', 'L-2'])
  if (cfg.CaptureAllDNS) {
    b.append(tag('N14', ['C-13', 'L-2']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', DNS, '-j', 'REDIRECT', '--to-ports', AGENT)
    return
  }
  for (const s of cfg.DNSServersV4) b.append4(t, 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', DNS, '-d', `${s}/32`, '-j', 'REDIRECT', '--to-ports', AGENT)
  for (const s of cfg.DNSServersV6) b.append6(t, 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', DNS, '-d', `${s}/128`, '-j', 'REDIRECT', '--to-ports', AGENT)
}

/** N18 (M18): the include list of each family. */
function handleOutboundIncludeRules(c: DualContext, range: NetworkRange, family: 4 | 6): void {
  const { b, cfg, p } = c
  const nics = splitList(cfg.RerouteVirtualInterfaces)
  const append = (t: Tag, ...params: string[]) => (family === 4 ? b.append4(t, 'ISTIO_OUTPUT', 'nat', ...params) : b.append6(t, 'ISTIO_OUTPUT', 'nat', ...params))
  const insert = (t: Tag, ...params: string[]) => (family === 4 ? b.insert4(t, 'PREROUTING', 'nat', 1, ...params) : b.insert6(t, 'PREROUTING', 'nat', 1, ...params))
  const kubevirt = tag('N18', ['C-16'], 'KubevirtCommand')
  if (range.isWildcard) {
    append(tag('N18'), '-j', 'ISTIO_REDIRECT')
    for (const nic of nics) insert(kubevirt, '-i', nic, '-j', 'ISTIO_REDIRECT')
    return
  }
  if (range.ipNets.length === 0) return
  for (const cidr of range.ipNets) {
    for (const nic of nics) insert(kubevirt, '-i', nic, '-d', cidr, '-j', 'ISTIO_REDIRECT')
    append(tag('N18', ['C-23']), '-d', cidr, '-j', 'ISTIO_REDIRECT')
  }
  if (!has(p, 'C-32')) append(tag('N18', ['C-32']), '-j', 'RETURN')
}

function n19Tag(...switches: string[]): Tag {
  return tag('N19', ['C-33', 'L-2', ...switches])
}

function m14Tag(...switches: string[]): Tag {
  return tag('M14', ['L-2', ...switches])
}

/** N19: UDP DNS capture and conntrack zones (1.12–1.24), in OUTPUT or, from 1.23, in ISTIO_OUTPUT (C-33). */
function handleDnsUdp(c: DualContext): void {
  const { b, cfg, p } = c
  const moved = has(p, 'C-33')
  const chain = moved ? 'ISTIO_OUTPUT' : 'OUTPUT'
  const t = n19Tag
  const udp53 = ['-p', 'udp', '--dport', DNS]
  if (moved) {
    b.append(tag('N19', ['C-33', 'L-2'], 'JumpOutbound'), 'OUTPUT', 'nat', '-p', 'udp', '-j', 'ISTIO_OUTPUT')
    b.append(tag('N19', ['C-33', 'L-2'], 'JumpOutbound'), 'OUTPUT', 'raw', '-p', 'udp', '-j', 'ISTIO_OUTPUT')
  }
  for (const uid of splitList(cfg.ProxyUID)) b.append(t(), chain, 'nat', ...udp53, '-m', 'owner', '--uid-owner', uid, '-j', 'RETURN')
  for (const gid of splitList(cfg.ProxyGID)) b.append(t(), chain, 'nat', ...udp53, '-m', 'owner', '--gid-owner', gid, '-j', 'RETURN')
  if (has(p, 'C-21')) ownerGroupFilter(c, t('C-21'), chain, udp53)
  if (cfg.CaptureAllDNS) b.append(t('C-13'), chain, 'nat', ...udp53, '-j', 'REDIRECT', '--to-port', AGENT)
  else {
    for (const s of cfg.DNSServersV4) b.append4(t(), chain, 'nat', ...udp53, '-d', `${s}/32`, '-j', 'REDIRECT', '--to-port', AGENT)
    for (const s of cfg.DNSServersV6) b.append6(t(), chain, 'nat', ...udp53, '-d', `${s}/128`, '-j', 'REDIRECT', '--to-port', AGENT)
  }
  ownerZones(c, t('C-12'), chain)
  const reply = has(p, 'C-29') ? '-s' : '-d'
  if (cfg.CaptureAllDNS) {
    b.append(t('C-13'), chain, 'raw', ...udp53, '-j', 'CT', '--zone', '2')
    b.append(t('C-13'), 'PREROUTING', 'raw', '-p', 'udp', '--sport', DNS, '-j', 'CT', '--zone', '1')
    return
  }
  for (const s of cfg.DNSServersV4) {
    b.append4(t(), chain, 'raw', ...udp53, '-d', `${s}/32`, '-j', 'CT', '--zone', '2')
    b.append4(t('C-29'), 'PREROUTING', 'raw', '-p', 'udp', '--sport', DNS, reply, `${s}/32`, '-j', 'CT', '--zone', '1')
  }
  for (const s of cfg.DNSServersV6) {
    b.append6(t(), chain, 'raw', ...udp53, '-d', `${s}/128`, '-j', 'CT', '--zone', '2')
    b.append6(t('C-29'), 'PREROUTING', 'raw', '-p', 'udp', '--sport', DNS, reply, `${s}/128`, '-j', 'CT', '--zone', '1')
  }
}

/** Zone 1 for the proxy's own DNS queries, zone 2 for its answers to the apps. */
function ownerZones(c: DualContext, t: Tag, chain: string): void {
  for (const [owner, ids] of [['--uid-owner', c.cfg.ProxyUID], ['--gid-owner', c.cfg.ProxyGID]] as const) {
    for (const id of splitList(ids)) {
      c.b.append(t, chain, 'raw', '-p', 'udp', '--dport', DNS, '-m', 'owner', owner, id, '-j', 'CT', '--zone', '1')
      c.b.append(t, chain, 'raw', '-p', 'udp', '--sport', AGENT, '-m', 'owner', owner, id, '-j', 'CT', '--zone', '2')
    }
  }
}

/** B5.1: the DNS block of 1.25+, in its own ISTIO_OUTPUT_DNS chains. */
function handleDnsChains(c: DualContext): void {
  const { b, cfg } = c
  const t = m14Tag
  const all = cfg.CaptureAllDNS
  const v4 = cfg.DNSServersV4
  const v6 = cfg.DNSServersV6
  b.append(t(), 'OUTPUT', 'raw', '-j', 'ISTIO_OUTPUT_DNS')
  if (all || v4.length > 0) b.append4(t(), 'ISTIO_OUTPUT', 'nat', '-j', 'ISTIO_OUTPUT_DNS')
  if (all || v6.length > 0) b.append6(t(), 'ISTIO_OUTPUT', 'nat', '-j', 'ISTIO_OUTPUT_DNS')
  for (const [proto, to] of [['tcp', '--to-ports'], ['udp', '--to-port']] as const) {
    if (all) b.append(t('C-13'), 'ISTIO_OUTPUT_DNS', 'nat', '-p', proto, '--dport', DNS, '-j', 'REDIRECT', to, AGENT)
    else {
      for (const s of v4) b.append4(t(), 'ISTIO_OUTPUT_DNS', 'nat', '-p', proto, '--dport', DNS, '-d', `${s}/32`, '-j', 'REDIRECT', to, AGENT)
      for (const s of v6) b.append6(t(), 'ISTIO_OUTPUT_DNS', 'nat', '-p', proto, '--dport', DNS, '-d', `${s}/128`, '-j', 'REDIRECT', to, AGENT)
    }
  }
  // C-12 and C-29 hold at every version that has these chains; testing them keeps their effect attributable.
  if (!has(c.p, 'C-12')) return
  ownerZones(c, t('C-12'), 'ISTIO_OUTPUT_DNS')
  const reply = has(c.p, 'C-29') ? '-s' : '-d'
  if (all) {
    b.append(t('C-12', 'C-13'), 'PREROUTING', 'raw', '-j', 'ISTIO_INBOUND')
    b.append(t('C-12', 'C-13'), 'ISTIO_OUTPUT_DNS', 'raw', '-p', 'udp', '--dport', DNS, '-j', 'CT', '--zone', '2')
    b.append(t('C-12', 'C-13'), 'ISTIO_INBOUND', 'raw', '-p', 'udp', '--sport', DNS, '-j', 'CT', '--zone', '1')
    return
  }
  for (const [family, servers, bits] of [[4, v4, '32'], [6, v6, '128']] as const) {
    const append = family === 4 ? b.append4.bind(b) : b.append6.bind(b)
    if (servers.length > 0) append(t('C-12'), 'PREROUTING', 'raw', '-j', 'ISTIO_INBOUND')
    for (const s of servers) {
      append(t('C-12'), 'ISTIO_OUTPUT_DNS', 'raw', '-p', 'udp', '--dport', DNS, '-d', `${s}/${bits}`, '-j', 'CT', '--zone', '2')
      append(t('C-12', 'C-29'), 'ISTIO_INBOUND', 'raw', '-p', 'udp', '--sport', DNS, reply, `${s}/${bits}`, '-j', 'CT', '--zone', '1')
    }
  }
}

/** N20 (M19): TPROXY's marks and the ISTIO_INBOUND RETURN inserts. */
function handleTproxyTail(c: DualContext): void {
  const { b, cfg } = c
  if (!tproxy(cfg)) return
  const mark = cfg.InboundTProxyMark
  const t = tag('N20', ['C-15', 'C-16'])
  b.append(t, 'PREROUTING', 'mangle', '-p', 'tcp', '-m', 'mark', '--mark', mark, '-j', 'CONNMARK', '--save-mark')
  b.append(t, 'OUTPUT', 'mangle', '-p', 'tcp', '-o', 'lo', '-m', 'mark', '--mark', mark, '-j', 'RETURN')
  for (const [owner, ids] of [['--uid-owner', cfg.ProxyUID], ['--gid-owner', cfg.ProxyGID]] as const) {
    for (const id of splitList(ids)) {
      b.appendVersioned(tag('N20', ['C-15', 'C-30']), loopbackCidr(c), '::1/128', 'OUTPUT', 'mangle', '!', '-d', IP, '-p', 'tcp', '-o', 'lo', '-m', 'owner', owner, id, '-j', 'MARK', '--set-mark', '1338')
    }
  }
  b.append(t, 'OUTPUT', 'mangle', '-p', 'tcp', '-m', 'connmark', '--mark', mark, '-j', 'CONNMARK', '--restore-mark')
  b.insert(t, 'ISTIO_INBOUND', 'mangle', 1, '-p', 'tcp', '-m', 'mark', '--mark', mark, '-j', 'RETURN')
  b.insert4(t, 'ISTIO_INBOUND', 'mangle', 2, '-p', 'tcp', '-s', '127.0.0.6/32', '-i', 'lo', '-j', 'RETURN')
  b.insert6(t, 'ISTIO_INBOUND', 'mangle', 2, '-p', 'tcp', '-s', '::6/128', '-i', 'lo', '-j', 'RETURN')
  b.insert(t, 'ISTIO_INBOUND', 'mangle', 3, '-p', 'tcp', '-i', 'lo', '-m', 'mark', '!', '--mark', '1338', '-j', 'RETURN')
}

/** Run() of 1.12+ after the CIDR lists are split (C3.2 N1–N20, Part B M1–M19). */
export function runDual(c: DualContext, split: { e4: NetworkRange; e6: NetworkRange; i4: NetworkRange; i6: NetworkRange }): void {
  const { b, cfg, p, dns } = c
  const loop = split.i4.hasLoopback || split.i6.hasLoopback
  handleExcludeInterfaces(c)
  shortCircuitKubeInternalInterface(c)
  handleDropInvalid(c)
  b.append(tag('N4', ['C-3']), 'ISTIO_INBOUND', 'nat', '-p', 'tcp', '--dport', cfg.InboundTunnelPort, '-j', 'RETURN')
  b.append(tag('N5'), 'ISTIO_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', cfg.ProxyPort)
  b.append(tag('N6', [], 'InboundCapture'), 'ISTIO_IN_REDIRECT', 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', cfg.InboundCapturePort)
  handleInboundPortsInclude(c)
  handleOutputOwnerRules(c, loop)
  if (has(p, 'C-21')) ownerGroupFilter(c, tag('N13', ['C-21']), 'ISTIO_OUTPUT', [])
  if (dns) {
    if (has(p, 'L-2')) handleDnsChains(c)
    else handleDnsTcp(c)
  }
  b.appendVersioned(tag('N15', ['C-30']), loopbackCidr(c), '::1/128', 'ISTIO_OUTPUT', 'nat', '-d', IP, '-j', 'RETURN')
  for (const cidr of split.e4.ipNets) b.append4(tag('N16', ['C-23']), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'RETURN')
  for (const cidr of split.e6.ipNets) b.append6(tag('N16', ['C-23']), 'ISTIO_OUTPUT', 'nat', '-d', cidr, '-j', 'RETURN')
  for (const port of splitList(cfg.OutboundPortsInclude)) b.append(tag('N17', ['C-10']), 'ISTIO_OUTPUT', 'nat', '-p', 'tcp', '--dport', port, '-j', 'ISTIO_REDIRECT')
  handleOutboundIncludeRules(c, split.i4, 4)
  handleOutboundIncludeRules(c, split.i6, 6)
  if (dns && !has(p, 'L-2')) handleDnsUdp(c)
  handleTproxyTail(c)
  if (cfg.EnableIPv6) b.hostCommands.push('netlink: add ::6/128 to lo')
  if (tproxy(cfg) && cfg.InboundPortsInclude !== '') {
    const families = cfg.EnableIPv6 ? ['inet', 'inet6'] : ['inet']
    for (const f of families) {
      b.hostCommands.push(`netlink: ip -f ${f} rule add fwmark ${cfg.InboundTProxyMark} lookup ${cfg.InboundTProxyRouteTable}`)
      b.hostCommands.push(`netlink: ip -f ${f} route add local ${f === 'inet' ? '0.0.0.0/0' : '::/0'} dev lo table ${cfg.InboundTProxyRouteTable}`)
    }
  }
}
