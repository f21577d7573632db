import type { Bi, Lang } from './types.ts'

/** Ports, addresses and ids that appear in Istio's rules; the UI shows them as tooltips. */
export interface GlossaryEntry {
  term: string
  kind: 'port' | 'address' | 'id' | 'mark' | 'route-table' | 'ct-zone'
  /** Other spellings that mean the same thing (`127.0.0.6/32`, `0x539`, `zone 1`). */
  aliases: string[]
  title: string
  text: string
  /** Where the value is defined (istio/istio paths), from the generator specification, Part D. */
  source: string
}

interface Entry {
  term: string
  kind: GlossaryEntry['kind']
  aliases: string[]
  title: Bi
  text: Bi
  source: string
}

const ENTRIES: readonly Entry[] = [
  {
    term: '15001',
    kind: 'port',
    aliases: [],
    title: { en: 'Envoy outbound listener', zh: 'Envoy 出站监听端口' },
    text: {
      en: 'Envoy’s virtualOutbound listener. ISTIO_REDIRECT sends the application’s outgoing TCP here; Envoy reads the original destination with SO_ORIGINAL_DST.',
      zh: 'Envoy 的 virtualOutbound listener。ISTIO_REDIRECT 把应用发出的 TCP 连接重定向到这里，Envoy 用 SO_ORIGINAL_DST 取回原目的地址。',
    },
    source: 'pkg/config/mesh/mesh.go (ProxyListenPort); istio-iptables -p',
  },
  {
    term: '15006',
    kind: 'port',
    aliases: [],
    title: { en: 'Envoy inbound listener', zh: 'Envoy 入站监听端口' },
    text: {
      en: 'Envoy’s virtualInbound listener. ISTIO_IN_REDIRECT (or TPROXY --on-port) delivers connections for the Pod here; Envoy then opens its own connection to the application.',
      zh: 'Envoy 的 virtualInbound listener。ISTIO_IN_REDIRECT（TPROXY 模式下是 --on-port）把发往 Pod 的连接交到这里，Envoy 再自己连接应用。',
    },
    source: 'pkg/config/mesh/mesh.go (ProxyInboundListenPort); istio-iptables -z',
  },
  {
    term: '15008',
    kind: 'port',
    aliases: [],
    title: { en: 'inbound tunnel (HBONE) port', zh: '入站隧道（HBONE）端口' },
    text: {
      en: 'Envoy’s HBONE listener (mTLS tunnel). ISTIO_INBOUND RETURNs it so tunnelled connections reach it unchanged; from 1.18 rules ② and ⑤ skip it too.',
      zh: 'Envoy 的 HBONE listener（mTLS 隧道）。ISTIO_INBOUND 对它 RETURN，隧道连接原样到达；从 1.18 起规则 ② 和 ⑤ 也跳过它。',
    },
    source: 'pilot/pkg/model/listener.go (HBoneInboundListenPort); istio-iptables -e',
  },
  {
    term: '15020',
    kind: 'port',
    aliases: [],
    title: { en: 'pilot-agent status port', zh: 'pilot-agent 状态端口' },
    text: {
      en: 'pilot-agent’s status server: merged Prometheus metrics and rewritten application probes. Usually excluded from inbound capture.',
      zh: 'pilot-agent 的状态服务：合并后的 Prometheus 指标和改写后的应用探针。通常不做入站拦截。',
    },
    source: 'pkg/config/mesh/mesh.go (StatusPort)',
  },
  {
    term: '15021',
    kind: 'port',
    aliases: [],
    title: { en: 'Envoy health port', zh: 'Envoy 健康检查端口' },
    text: {
      en: 'Envoy’s /healthz/ready endpoint. Excluded from inbound capture so readiness probes reach it directly.',
      zh: 'Envoy 的 /healthz/ready。不做入站拦截，readiness 探针直接到达。',
    },
    source: 'pilot/cmd/pilot-agent/options/options.go (ENVOY_STATUS_PORT)',
  },
  {
    term: '15053',
    kind: 'port',
    aliases: [],
    title: { en: 'istio-agent DNS proxy', zh: 'istio-agent DNS 代理' },
    text: {
      en: 'The DNS proxy in pilot-agent. With DNS capture on, port-53 queries to the resolv.conf servers are REDIRECTed here; CT zone 2 tracks replies leaving it (--sport 15053).',
      zh: 'pilot-agent 内置的 DNS 代理。开启 DNS 捕获后，发往 resolv.conf 中 DNS 服务器的 53 端口查询被 REDIRECT 到这里；它发出的回复（--sport 15053）在 CT zone 2 中跟踪。',
    },
    source: 'pkg/config/constants/constants.go (DefaultDNSProxyAddr)',
  },
  {
    term: '15090',
    kind: 'port',
    aliases: [],
    title: { en: 'Envoy Prometheus stats', zh: 'Envoy Prometheus 指标端口' },
    text: {
      en: 'Envoy’s /stats/prometheus. Excluded from inbound capture so Prometheus scrapes it directly.',
      zh: 'Envoy 的 /stats/prometheus。不做入站拦截，Prometheus 直接抓取。',
    },
    source: 'pilot/cmd/pilot-agent/options/options.go (ENVOY_PROMETHEUS_PORT)',
  },
  {
    term: '15013',
    kind: 'port',
    aliases: [],
    title: { en: 'Envoy DNS listener (1.6–1.7)', zh: 'Envoy DNS 监听端口（1.6–1.7）' },
    text: {
      en: 'The target of the early, experimental DNS capture in Istio 1.6 and 1.7; from 1.8 DNS goes to the agent on 15053.',
      zh: 'Istio 1.6、1.7 实验性 DNS 捕获的目标端口；从 1.8 起 DNS 改由 agent 的 15053 处理。',
    },
    source: 'tools/istio-iptables (1.6–1.7), spec Part E C-9',
  },
  {
    term: '127.0.0.6',
    kind: 'address',
    aliases: ['127.0.0.6/32'],
    title: { en: 'inbound passthrough source', zh: '入站透传源地址' },
    text: {
      en: 'The source address Envoy binds when it forwards an inbound request to the application (“6 is the magical number for inbound”). Rule ① RETURNs it so the connection is not captured again; applications see it as the client address.',
      zh: 'Envoy 把入站请求转发给应用时绑定的源地址（“6 是入站的魔数”）。规则 ① 对它 RETURN，避免再次被拦截；应用看到的客户端地址就是它。',
    },
    source: 'pilot/pkg/networking/core/listener_address.go (InboundPassthroughBindIpv4)',
  },
  {
    term: '::6',
    kind: 'address',
    aliases: ['::6/128'],
    title: { en: 'inbound passthrough source (IPv6)', zh: '入站透传源地址（IPv6）' },
    text: {
      en: 'The IPv6 form of 127.0.0.6. istio-iptables adds ::6/128 to lo when IPv6 is on, because ::6 is not a loopback address by itself.',
      zh: '127.0.0.6 的 IPv6 形式。IPv6 开启时 istio-iptables 会把 ::6/128 加到 lo 上，因为 ::6 本身不是 loopback 地址。',
    },
    source: 'pilot/pkg/networking/core/listener_address.go (InboundPassthroughBindIpv6)',
  },
  {
    term: '127.0.0.1',
    kind: 'address',
    aliases: ['127.0.0.1/32', 'localhost', '::1', '::1/128'],
    title: { en: 'localhost', zh: 'localhost' },
    text: {
      en: 'The loopback destination rules ② and ⑧ single out (::1 in IPv6). Since 1.21 the IPv4 value comes from ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR. REDIRECT in nat OUTPUT also rewrites destinations to 127.0.0.1.',
      zh: '规则 ② 和 ⑧ 单独对待的 loopback 目的地址（IPv6 为 ::1）。从 1.21 起 IPv4 的值由 ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR 决定。nat OUTPUT 中的 REDIRECT 也会把目的地址改为 127.0.0.1。',
    },
    source: 'tools/istio-iptables/pkg/capture/run.go; ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR',
  },
  {
    term: '1337',
    kind: 'id',
    aliases: ['uid 1337', 'gid 1337'],
    title: { en: 'proxy uid/gid (and TPROXY mark)', zh: 'proxy 的 uid/gid（也是 TPROXY 的 mark）' },
    text: {
      en: 'The default uid and gid of the istio-proxy container (Envoy and pilot-agent). Owner matches on it keep the proxy’s own traffic from being captured again; an application running as 1337 bypasses the proxy too. In TPROXY mode 1337 is also the packet mark (0x539).',
      zh: 'istio-proxy 容器（Envoy 和 pilot-agent）默认的 uid 和 gid。按它做 owner 匹配，proxy 自己的流量就不会被再次拦截；以 1337 运行的应用同样会绕过 proxy。TPROXY 模式下 1337 也是包的 mark（0x539）。',
    },
    source: 'tools/istio-iptables/pkg/constants/constants.go (DefaultProxyUID)',
  },
  {
    term: '0x539',
    kind: 'mark',
    aliases: ['1337/0xffffffff', 'mark 1337'],
    title: { en: 'TPROXY mark 1337', zh: 'TPROXY mark 1337' },
    text: {
      en: '1337 in hex, as `iptables -L` prints it. TPROXY and ISTIO_DIVERT set it; `ip rule fwmark 1337 lookup 133` routes marked packets to the local stack; CONNMARK carries it across the connection.',
      zh: '1337 的十六进制，`iptables -L` 这样显示。TPROXY 和 ISTIO_DIVERT 打上它；`ip rule fwmark 1337 lookup 133` 把带它的包路由到本机；CONNMARK 让整个连接都带上它。',
    },
    source: 'tools/common/config/config.go (--istio-inbound-tproxy-mark)',
  },
  {
    term: '1338',
    kind: 'mark',
    aliases: ['0x53a'],
    title: { en: 'outbound mark (TPROXY)', zh: '出站 mark（TPROXY）' },
    text: {
      en: 'Set in mangle OUTPUT on the proxy’s connections to a Pod address over lo (1.11+). ISTIO_INBOUND RETURNs lo traffic without it, so only the proxy’s own loopback connections can be captured again.',
      zh: '1.11 起在 mangle OUTPUT 中打在 proxy 经 lo 连接 Pod 地址的连接上。ISTIO_INBOUND 对不带它的 lo 流量 RETURN，只有 proxy 自己的 loopback 连接才可能被再次拦截。',
    },
    source: 'tools/istio-iptables/pkg/constants/constants.go (OutboundMark)',
  },
  {
    term: '997',
    kind: 'id',
    aliases: [],
    title: { en: 'a VM’s proxy uid', zh: '虚拟机上的 proxy uid' },
    text: {
      en: 'Not an Istio constant: the uid the OS gave the istio-proxy system user on a VM install (postinst.sh). istio-iptables looks it up and uses it as both uid and gid.',
      zh: '不是 Istio 的常量：虚拟机安装时操作系统分配给 istio-proxy 系统用户的 uid（postinst.sh）。istio-iptables 查出它，同时用作 uid 和 gid。',
    },
    source: 'tools/packaging/postinst.sh; istio-iptables ENVOY_USER lookup',
  },
  {
    term: '133',
    kind: 'route-table',
    aliases: ['table 133'],
    title: { en: 'TPROXY routing table', zh: 'TPROXY 路由表' },
    text: {
      en: 'Policy routing table for TPROXY: `ip rule fwmark 1337 lookup 133` and `ip route add local default dev lo table 133` deliver marked packets to local sockets.',
      zh: 'TPROXY 用的策略路由表：`ip rule fwmark 1337 lookup 133` 与 `ip route add local default dev lo table 133` 把带 mark 的包交给本机 socket。',
    },
    source: 'istio-iptables --istio-inbound-tproxy-route-table',
  },
  {
    term: 'CT zone 1',
    kind: 'ct-zone',
    aliases: ['zone 1', '--zone 1'],
    title: { en: 'conntrack zone 1: agent ↔ upstream DNS', zh: 'conntrack zone 1：agent ↔ 上游 DNS' },
    text: {
      en: 'The proxy’s own DNS queries (--dport 53 from the proxy uid/gid) and the servers’ replies (--sport 53) are tracked in zone 1, apart from the application’s queries.',
      zh: 'proxy 自己的 DNS 查询（proxy uid/gid 发出的 --dport 53）和 DNS 服务器的回复（--sport 53）在 zone 1 中跟踪，与应用的查询分开。',
    },
    source: 'tools/istio-iptables/pkg/capture/run.go',
  },
  {
    term: 'CT zone 2',
    kind: 'ct-zone',
    aliases: ['zone 2', '--zone 2'],
    title: { en: 'conntrack zone 2: applications ↔ agent', zh: 'conntrack zone 2：应用 ↔ agent' },
    text: {
      en: 'The application’s DNS queries (--dport 53 to the servers) and the agent’s answers (--sport 15053) are tracked in zone 2. Two zones keep the two UDP flows with the same addresses from colliding in conntrack.',
      zh: '应用的 DNS 查询（发往 DNS 服务器的 --dport 53）和 agent 的回答（--sport 15053）在 zone 2 中跟踪。分成两个 zone，地址相同的两条 UDP 流就不会在 conntrack 中冲突。',
    },
    source: 'tools/istio-iptables/pkg/capture/run.go',
  },
  {
    term: '53',
    kind: 'port',
    aliases: ['domain'],
    title: { en: 'DNS', zh: 'DNS' },
    text: {
      en: 'DNS. With DNS capture, queries to the resolv.conf servers go to the agent on 15053, and the owner rules ② ③ ⑥ leave TCP port 53 alone.',
      zh: 'DNS。开启 DNS 捕获后，发往 resolv.conf 中 DNS 服务器的查询转到 agent 的 15053，owner 规则 ② ③ ⑥ 不处理 TCP 53 端口。',
    },
    source: 'spec Part A A7, Part B B5.1',
  },
  {
    term: '22',
    kind: 'port',
    aliases: ['ssh'],
    title: { en: 'ssh', zh: 'ssh' },
    text: {
      en: 'ssh. With inbound capture `*`, istio-iptables 1.5–1.12 RETURNed port 22 automatically; from 1.13 VMs list it in ISTIO_LOCAL_EXCLUDE_PORTS instead.',
      zh: 'ssh。入站拦截为 `*` 时，istio-iptables 1.5–1.12 会自动对 22 端口 RETURN；从 1.13 起改由虚拟机在 ISTIO_LOCAL_EXCLUDE_PORTS 中列出。',
    },
    source: 'spec Part C #3 (PR #36312)',
  },
]

function localise(e: Entry, lang: Lang): GlossaryEntry {
  return { term: e.term, kind: e.kind, aliases: [...e.aliases], title: e.title[lang], text: e.text[lang], source: e.source }
}

export function glossary(lang: Lang): GlossaryEntry[] {
  return ENTRIES.map((e) => localise(e, lang))
}

/** The entry for a term as it appears in a rule (`127.0.0.6/32`, `0x539`, `15001`), or null. */
export function glossaryLookup(term: string, lang: Lang): GlossaryEntry | null {
  const t = term.trim().toLowerCase()
  const e = ENTRIES.find((x) => x.term.toLowerCase() === t || x.aliases.some((a) => a.toLowerCase() === t))
  return e ? localise(e, lang) : null
}

/** Bilingual entries, for completeness checks. */
export function glossaryEntries(): readonly { term: string; title: Bi; text: Bi }[] {
  return ENTRIES
}
