import type { Family } from '../model/ruleset.ts'
import { parseAddr } from './addr.ts'
import { deriveIstioFacts, type IstioFacts } from './istio-facts.ts'
import { derivePodFacts, rulesetList, type RulesetInput } from './pod-facts.ts'
import { compileSimulation, simulateCompiled, type CompiledSimulation } from './simulate.ts'
import type { ConnectionResult, PacketSpec, PodFacts } from './types.ts'

/**
 * The teaching scenarios, adapted to the loaded ruleset: the proxy uid/gid from its owner matches, the DNS server
 * from its DNS rules, the application port from its inbound rules. A preset is a chain of legs: when a leg ends at
 * an Envoy port, the next leg is the connection Envoy (or the agent) opens next. Each leg is one oracle packet.
 */
export interface Preset {
  /** Stable kebab-case id; the UI exposes it as data-testid `scenario-<id>`. */
  id: string
  name: { en: string; zh: string }
  description: { en: string; zh: string }
  packets: PacketSpec[]
}

export interface PresetSet {
  presets: Preset[]
  istio: IstioFacts
  facts: PodFacts
  family: Family
}

const MAX_LEGS = 3
const APP_UID = 1000

interface Addresses {
  external: string
  pod: string
  loopback: string
  dns: string
}

function addresses(facts: PodFacts, istio: IstioFacts, family: Family): Addresses {
  const dns = istio.dnsServers.find((s) => parseAddr(s)?.family === family)
  return family === 4
    ? { external: '93.184.216.34', pod: facts.v4.address, loopback: '127.0.0.1', dns: dns ?? '10.96.0.10' }
    : { external: '2001:db8::80', pod: facts.v6.address, loopback: '::1', dns: dns ?? 'fd00:10:96::a' }
}

function endpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

function splitEndpoint(text: string): { host: string; port: number } | null {
  const m = /^\[(.*)\]:(\d+)$/.exec(text) ?? /^(.*):(\d+)$/.exec(text)
  return m ? { host: m[1] as string, port: Number(m[2]) } : null
}

/**
 * The connection that follows a leg ending at an Envoy or agent port: Envoy's outbound listener connects to the
 * original destination, its inbound listener to the app at the pod address from the passthrough source, the DNS
 * proxy to the original resolver — all as the proxy uid/gid.
 */
export function nextLeg(result: ConnectionResult, istio: IstioFacts, facts: PodFacts, leg = 1): PacketSpec | null {
  const v = result.verdict
  if (v.kind !== 'redirect' && v.kind !== 'tproxy' && v.kind !== 'dnat') return null
  if (v.kind === 'dnat' && v.netns !== 'pod') return null
  const orig = splitEndpoint(v.originalDst)
  if (!orig) return null
  const proxy = { uid: istio.proxyUid, gid: istio.proxyGid }
  const proto = result.spec.proto
  if (v.port === istio.outboundPort || v.role === 'envoy-outbound') {
    return { name: `Envoy (uid ${proxy.uid}) connects to the original destination ${endpoint(orig.host, orig.port)}`, direction: 'outbound', proto, dst: orig.host, dport: orig.port, ...proxy, leg: leg + 1 }
  }
  if (v.port === istio.inboundPort || v.role === 'envoy-inbound') {
    const family = result.family
    const pod = family === 4 ? facts.v4.address : facts.v6.address
    const src = istio.passthroughSource[family]
    return { name: `Envoy (uid ${proxy.uid}) forwards to the app at ${endpoint(pod, orig.port)} from ${src}`, direction: 'outbound', proto, src, dst: pod, dport: orig.port, ...proxy, leg: leg + 1 }
  }
  if (v.port === istio.dnsProxyPort || v.role === 'dns-proxy') {
    return { name: `the agent's DNS proxy (uid ${proxy.uid}) asks ${endpoint(orig.host, orig.port)}`, direction: 'outbound', proto, dst: orig.host, dport: orig.port, ...proxy, leg: leg + 1 }
  }
  return null
}

interface PresetDef {
  id: string
  name: (a: Addresses, i: IstioFacts, app: number) => { en: string; zh: string }
  description: { en: string; zh: string }
  first: (a: Addresses, i: IstioFacts, app: number) => PacketSpec
}

const DEFS: PresetDef[] = [
  {
    id: 'app-calls-external',
    name: () => ({ en: 'The app calls an external service', zh: '应用调用外部服务' }),
    description: {
      en: 'A process of the application (uid 1000) connects to a host outside the pod; then Envoy opens its own connection.',
      zh: '应用进程（uid 1000）连接 Pod 外的主机；随后 Envoy 建立自己的连接。',
    },
    first: (a) => ({ name: `app (uid ${APP_UID}) calls ${endpoint(a.external, 80)}`, direction: 'outbound', proto: 'tcp', dst: a.external, dport: 80, uid: APP_UID, gid: APP_UID }),
  },
  {
    id: 'remote-calls-app',
    name: (_a, _i, app) => ({ en: `A remote pod calls the app on ${app}`, zh: `远端 Pod 调用应用的 ${app} 端口` }),
    description: {
      en: 'A client outside the pod connects to the application port; then Envoy forwards the request to the app.',
      zh: 'Pod 外的客户端连接应用端口；随后 Envoy 把请求转发给应用。',
    },
    first: (a, _i, app) => ({ name: `remote pod calls the app at ${endpoint(a.pod, app)}`, direction: 'inbound', proto: 'tcp', dport: app }),
  },
  {
    id: 'envoy-to-app-passthrough',
    name: (a, i) => ({ en: `Envoy forwards an inbound request to the app from ${i.passthroughSource[a.pod.includes(':') ? 6 : 4]}`, zh: `Envoy 以 ${i.passthroughSource[a.pod.includes(':') ? 6 : 4]} 为源把入站请求转发给应用` }),
    description: {
      en: "Envoy's inbound passthrough connects to the app at the pod address, bound to the magic source address.",
      zh: 'Envoy 的 inbound passthrough 以特殊源地址连接 Pod 地址上的应用。',
    },
    first: (a, i, app) => {
      const src = i.passthroughSource[a.pod.includes(':') ? 6 : 4]
      return { name: `Envoy (uid ${i.proxyUid}) from ${src} to the app at ${endpoint(a.pod, app)}`, direction: 'outbound', proto: 'tcp', src, dst: a.pod, dport: app, uid: i.proxyUid, gid: i.proxyGid }
    },
  },
  {
    id: 'app-calls-own-pod-ip',
    name: () => ({ en: 'The app calls itself through its own pod IP', zh: '应用通过自己的 Pod IP 调用自己' }),
    description: { en: 'The application connects to its own pod address.', zh: '应用连接自己的 Pod 地址。' },
    first: (a, _i, app) => ({ name: `app (uid ${APP_UID}) calls its own pod IP ${endpoint(a.pod, app)}`, direction: 'outbound', proto: 'tcp', dst: a.pod, dport: app, uid: APP_UID, gid: APP_UID }),
  },
  {
    id: 'app-calls-localhost',
    name: (a) => ({ en: `The app calls ${a.loopback}`, zh: `应用调用 ${a.loopback}` }),
    description: { en: 'The application connects to the loopback address (container-to-container in the pod).', zh: '应用连接回环地址（Pod 内容器之间）。' },
    first: (a, _i, app) => ({ name: `app (uid ${APP_UID}) calls ${endpoint(a.loopback, app)}`, direction: 'outbound', proto: 'tcp', dst: a.loopback, dport: app, uid: APP_UID, gid: APP_UID }),
  },
  {
    id: 'envoy-calls-upstream',
    name: () => ({ en: 'Envoy calls the upstream', zh: 'Envoy 调用上游服务' }),
    description: { en: 'Envoy itself (the proxy uid) connects to a host outside the pod.', zh: 'Envoy 自身（代理 uid）连接 Pod 外的主机。' },
    first: (a, i) => ({ name: `Envoy (uid ${i.proxyUid}) calls ${endpoint(a.external, 80)}`, direction: 'outbound', proto: 'tcp', dst: a.external, dport: 80, uid: i.proxyUid, gid: i.proxyGid }),
  },
  {
    id: 'app-runs-as-proxy-uid',
    name: (_a, i) => ({ en: `An app running as uid ${i.proxyUid}`, zh: `以 uid ${i.proxyUid} 运行的应用` }),
    description: {
      en: "An application that runs with the proxy's uid calls out: the owner rules cannot tell it from Envoy.",
      zh: '以代理 uid 运行的应用向外调用：owner 规则无法把它与 Envoy 区分开。',
    },
    first: (a, i) => ({ name: `app running as uid ${i.proxyUid} calls ${endpoint(a.external, 443)}`, direction: 'outbound', proto: 'tcp', dst: a.external, dport: 443, uid: i.proxyUid, gid: i.proxyGid }),
  },
  {
    id: 'dns-udp',
    name: () => ({ en: 'DNS over UDP to the cluster resolver', zh: '通过 UDP 向集群 DNS 解析器查询' }),
    description: { en: 'The application sends a DNS query over UDP to the resolver.', zh: '应用通过 UDP 向解析器发送 DNS 查询。' },
    first: (a) => ({ name: `app (uid ${APP_UID}) DNS query over UDP to ${endpoint(a.dns, 53)}`, direction: 'outbound', proto: 'udp', dst: a.dns, dport: 53, uid: APP_UID, gid: APP_UID }),
  },
  {
    id: 'prometheus-scrape',
    name: () => ({ en: 'Prometheus scrapes 15090', zh: 'Prometheus 抓取 15090' }),
    description: { en: "Prometheus connects to Envoy's metrics port from outside the pod.", zh: 'Prometheus 从 Pod 外连接 Envoy 的指标端口。' },
    first: (a) => ({ name: `Prometheus scrapes ${endpoint(a.pod, 15090)}`, direction: 'inbound', proto: 'tcp', dport: 15090 }),
  },
  {
    id: 'ssh-to-vm',
    name: () => ({ en: 'ssh to the VM', zh: 'ssh 登录 VM' }),
    description: { en: 'An administrator connects to port 22.', zh: '管理员连接 22 端口。' },
    first: (a) => ({ name: `ssh to ${endpoint(a.pod, 22)}`, direction: 'inbound', proto: 'tcp', dport: 22 }),
  },
]

export function presetsFor(input: RulesetInput, options: { facts?: Partial<PodFacts>; family?: Family } = {}): PresetSet {
  const istio = deriveIstioFacts(input)
  const families = rulesetList(input).map((r) => r.family)
  const family: Family = options.family ?? (families.includes(4) || families.length === 0 ? 4 : 6)
  const facts = derivePodFacts(input, options.facts ?? {})
  const sim = compileSimulation(input, facts).value
  const a = addresses(facts, istio, family)
  const app = istio.appPorts[0] ?? 8080
  const presets = DEFS.map((d) => {
    const first = { ...d.first(a, istio, app), leg: 1 }
    return { id: d.id, name: d.name(a, istio, app), description: d.description, packets: legs(sim, first, istio, facts, family) }
  })
  return { presets, istio, facts, family }
}

function legs(sim: CompiledSimulation, first: PacketSpec, istio: IstioFacts, facts: PodFacts, family: Family): PacketSpec[] {
  return followLegs(sim, first, { istio, facts, family, trace: false }).map((l) => l.packet)
}

export interface Leg {
  /** The packet spec of this leg (one oracle packet). */
  packet: PacketSpec
  result: ConnectionResult
}

/**
 * A request's whole path through the sidecar: the first connection, then, while a leg ends at an Envoy or agent
 * port, the connection Envoy (or the agent) opens next. Each leg is simulated as its own connection.
 */
export function followLegs(
  sim: CompiledSimulation,
  first: PacketSpec,
  options: { istio: IstioFacts; facts?: PodFacts; family?: Family; trace?: boolean; maxLegs?: number },
): Leg[] {
  const facts = options.facts ?? sim.facts
  const out: Leg[] = []
  let cur: PacketSpec | null = { ...first, leg: first.leg ?? 1 }
  while (cur && out.length < (options.maxLegs ?? MAX_LEGS)) {
    const opts = options.family ? { trace: options.trace !== false, family: options.family } : { trace: options.trace !== false }
    const result = simulateCompiled(sim, [cur], opts).value.results[0]
    if (!result) break
    out.push({ packet: cur, result })
    cur = nextLeg(result, options.istio, facts, cur.leg ?? out.length)
  }
  return out
}
