import type { Language } from './messages.ts'

/** What each istio-iptables config field does, in both languages (field names are Go's, and stay English). */
const HELP: Readonly<Record<string, { en: string; zh: string }>> = {
  ProxyPort: { en: 'Envoy’s outbound listener port: where ISTIO_REDIRECT sends captured outbound TCP.', zh: 'Envoy 出站 listener 的端口：ISTIO_REDIRECT 把捕获的出站 TCP 送到这里。' },
  InboundCapturePort: { en: 'Envoy’s inbound listener port: where ISTIO_IN_REDIRECT (or TPROXY) sends captured inbound TCP.', zh: 'Envoy 入站 listener 的端口：ISTIO_IN_REDIRECT（或 TPROXY）把捕获的入站 TCP 送到这里。' },
  InboundTunnelPort: { en: 'The HBONE tunnel port: never captured inbound; the owner redirect rules skip it from 1.18.', zh: 'HBONE 隧道端口：入站不捕获；1.18 起 owner 重定向规则也跳过它。' },
  ProxyUID: { en: 'uid(s) of the proxy, comma-separated: its own traffic is not captured.', zh: 'proxy 的 uid（逗号分隔）：它自己的流量不被捕获。' },
  ProxyGID: { en: 'gid(s) of the proxy; the uid’s value when not given.', zh: 'proxy 的 gid；未给出时取 uid 的值。' },
  InboundInterceptionMode: { en: 'How inbound traffic is captured: REDIRECT (nat) or TPROXY (mangle, keeps the client address).', zh: '入站捕获方式：REDIRECT（nat）或 TPROXY（mangle，保留客户端地址）。' },
  InboundTProxyMark: { en: 'The packet mark TPROXY mode uses.', zh: 'TPROXY 模式使用的数据包 mark。' },
  InboundTProxyRouteTable: { en: 'The routing table TPROXY mode uses.', zh: 'TPROXY 模式使用的路由表。' },
  InboundPortsInclude: { en: 'Inbound ports to capture: "*" for all, a list, or empty for none.', zh: '要捕获的入站端口："*" 表示全部，也可以是列表，为空表示不捕获。' },
  InboundPortsExclude: { en: 'Inbound ports never captured when all are ("*").', zh: '全部捕获（"*"）时不捕获的入站端口。' },
  OwnerGroupsInclude: { en: 'Only outbound traffic of these groups is captured ("*": every group).', zh: '只捕获这些 group 的出站流量（"*"：所有 group）。' },
  OwnerGroupsExclude: { en: 'Outbound traffic of these groups is never captured.', zh: '这些 group 的出站流量不被捕获。' },
  OutboundPortsInclude: { en: 'Outbound ports always captured, whatever the destination.', zh: '无论目的地址如何都捕获的出站端口。' },
  OutboundPortsExclude: { en: 'Outbound ports never captured.', zh: '不捕获的出站端口。' },
  OutboundIPRangesInclude: { en: 'Destinations captured outbound: "*" for all, or CIDRs.', zh: '出站要捕获的目的地址："*" 表示全部，或 CIDR 列表。' },
  OutboundIPRangesExclude: { en: 'Destinations never captured outbound (CIDRs).', zh: '出站不捕获的目的地址（CIDR）。' },
  RerouteVirtualInterfaces: { en: 'Virtual machine (KubeVirt) interfaces whose traffic goes to Envoy’s outbound listener.', zh: '虚拟机（KubeVirt）网卡，其流量送到 Envoy 的出站 listener。' },
  ExcludeInterfaces: { en: 'Interfaces whose traffic is never captured.', zh: '流量不被捕获的网卡。' },
  IptablesProbePort: { en: 'Port of the validation probe.', zh: '校验探测使用的端口。' },
  ProbeTimeout: { en: 'Timeout of the validation probe.', zh: '校验探测的超时时间。' },
  DryRun: { en: 'Print the rules instead of applying them.', zh: '只打印规则，不应用。' },
  RestoreFormat: { en: 'Apply with iptables-restore (true) or one command at a time.', zh: '用 iptables-restore 应用（true），或逐条执行命令。' },
  SkipRuleApply: { en: 'Do not apply the rules (used with validation).', zh: '不应用规则（配合校验使用）。' },
  RunValidation: { en: 'Check after applying that redirection works.', zh: '应用后检查重定向是否生效。' },
  RedirectDNS: { en: 'Capture DNS to the istio-agent’s DNS proxy.', zh: '把 DNS 捕获到 istio-agent 的 DNS 代理。' },
  DNSCaptureByAgent: { en: 'Istio 1.7: DNS goes to the agent (DNS_AGENT) instead of Envoy.', zh: 'Istio 1.7：DNS 发往 agent（DNS_AGENT）而不是 Envoy。' },
  DNSConntrackZone: { en: 'Istio 1.10.3+: DNS in separate conntrack zones (ISTIO_META_DNS_CONNTRACK_ZONE).', zh: 'Istio 1.10.3+：DNS 使用单独的 conntrack zone（ISTIO_META_DNS_CONNTRACK_ZONE）。' },
  CaptureAllDNS: { en: 'Capture every DNS query, not only those to the resolv.conf servers.', zh: '捕获所有 DNS 查询，而不只是发往 resolv.conf 中服务器的查询。' },
  DropInvalid: { en: 'Drop packets conntrack finds INVALID.', zh: '丢弃 conntrack 判定为 INVALID 的数据包。' },
  EnableIPv6: { en: 'Whether the pod has IPv6 (read from its interfaces): ip6tables rules are written too.', zh: 'pod 是否有 IPv6（从网卡读取）：同时写 ip6tables 规则。' },
  DNSServersV4: { en: 'IPv4 nameservers of resolv.conf: DNS sent to them is captured.', zh: 'resolv.conf 中的 IPv4 nameserver：发往它们的 DNS 被捕获。' },
  DNSServersV6: { en: 'IPv6 nameservers of resolv.conf: DNS sent to them is captured.', zh: 'resolv.conf 中的 IPv6 nameserver：发往它们的 DNS 被捕获。' },
  OutputPath: { en: 'Where the rules file is written.', zh: '规则文件写到哪里。' },
  NetworkNamespace: { en: 'The network namespace to apply the rules in (CNI).', zh: '在哪个 network namespace 中应用规则（CNI）。' },
  HostFilesystemPodNetwork: { en: 'Run from the node for a pod (CNI mode).', zh: '在节点上为 pod 运行（CNI 模式）。' },
  HostNSEnterExec: { en: 'Run the host’s iptables binaries through nsenter.', zh: '通过 nsenter 运行主机上的 iptables 程序。' },
  TraceLogging: { en: 'Add NFLOG rules that log each capture step.', zh: '添加 NFLOG 规则，记录每个捕获步骤。' },
  DualStack: { en: 'Look for IPv6 on a dual-stack pod.', zh: '在双栈 pod 上检测 IPv6。' },
  HostIP: { en: 'The node’s address (CNI).', zh: '节点的地址（CNI）。' },
  HostIPv4LoopbackCidr: { en: 'The loopback CIDR that rules ② and ⑧ treat as localhost.', zh: '规则 ② 和 ⑧ 视为 localhost 的 loopback CIDR。' },
  IPTablesVersion: { en: 'Which iptables to use (legacy or nft).', zh: '使用哪种 iptables（legacy 或 nft）。' },
  Reconcile: { en: 'Replace rules that differ from the plan instead of failing.', zh: '与规则计划不一致时替换规则，而不是报错。' },
  CleanupOnly: { en: 'Only remove the rules.', zh: '只删除规则。' },
  ForceApply: { en: 'Apply even when rules are already there.', zh: '即使规则已存在也应用。' },
  NativeNftables: { en: 'Use the nftables backend instead of iptables.', zh: '使用 nftables 后端而不是 iptables。' },
  ForceIptablesBinary: { en: 'Force iptables-legacy or iptables-nft.', zh: '强制使用 iptables-legacy 或 iptables-nft。' },
}

export function fieldHelp(name: string, language: Language): string {
  return HELP[name]?.[language] ?? ''
}

export const FIELDS_WITH_HELP: readonly string[] = Object.keys(HELP)
