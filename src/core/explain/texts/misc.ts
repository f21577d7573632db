import type { RoleText } from './text-types.ts'

/** INVALID drops, interface exclusions, KubeVirt rerouting, trace logging, and the pre-1.5 loopback rule. */
export const MISC = {
  'istio-drop-invalid': {
    title: { en: 'Drop packets conntrack calls INVALID', zh: '丢弃 conntrack 判定为 INVALID 的包' },
    summary: {
      en: 'Arriving packets that conntrack cannot place in any connection (ctstate INVALID) are dropped{drop_via}.',
      zh: 'conntrack 无法归入任何连接的进入包（ctstate INVALID）被丢弃{drop_via}。',
    },
    notes: {
      ctstate: { en: 'INVALID: e.g. a stray segment outside the TCP window.', zh: 'INVALID：例如超出 TCP 窗口的零散报文段。' },
    },
    why: {
      en: 'The nat table never sees an INVALID packet, so it is not redirected to Envoy and would reach the application’s port as it is. --drop-invalid (INVALID_DROP) drops such packets instead.',
      zh: 'nat 表看不到 INVALID 的包，它不会被重定向到 Envoy，会原样到达应用端口。--drop-invalid（INVALID_DROP）改为把这类包丢掉。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [
      {
        text: {
          en: 'Added in 1.12.2 / 1.13 as a direct `-j DROP` (PR #36724, #36566); via the ISTIO_DROP chain since 1.24 (PR #53066).',
          zh: '1.12.2 / 1.13 加入，直接 `-j DROP`（PR #36724、#36566）；1.24 起经由 ISTIO_DROP chain（PR #53066）。',
        },
      },
    ],
  },

  'istio-drop': {
    title: { en: 'ISTIO_DROP: drop', zh: 'ISTIO_DROP：丢弃' },
    summary: { en: 'Everything sent here is dropped.', zh: '送到这里的包全部丢弃。' },
    why: {
      en: 'A named chain for the INVALID drop, so the drop shows up (and is counted) as Istio’s.',
      zh: '为 INVALID 丢弃单独建一条有名字的 chain，丢弃动作（及其计数）一看就属于 Istio。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.24 (PR #53066).', zh: '1.24 起（PR #53066）。' } }],
  },

  'istio-exclude-interface': {
    title: { en: 'Interface {iface} is not captured', zh: '接口 {iface} 不拦截' },
    summary: {
      en: 'Traffic {iface_phrase} leaves this chain before any Istio rule: the interface is excluded (-c, ISTIO_EXCLUDE_INTERFACES).',
      zh: '{iface_phrase}的流量在任何 Istio 规则之前离开本 chain：该接口被排除（-c，ISTIO_EXCLUDE_INTERFACES）。',
    },
    notes: {
      in: { en: '{iface}: an excluded interface.', zh: '{iface}：被排除的接口。' },
      out: { en: '{iface}: an excluded interface.', zh: '{iface}：被排除的接口。' },
      target: { en: 'RETURN: the chain’s policy (ACCEPT) applies; no capture.', zh: 'RETURN：按 chain 的默认策略（ACCEPT）处理，不拦截。' },
    },
    why: {
      en: 'Some interfaces (for example a secondary network from Multus, or a CNI-managed one) must carry traffic outside the mesh.',
      zh: '有些接口（比如 Multus 提供的第二网络，或由 CNI 管理的接口）上的流量必须绕开网格。',
    },
    scenarios: [
      {
        claim: 'exclude-interface-inbound',
        text: { en: 'With -c eth0, a remote connection to 8080 arriving on eth0 returns here and reaches the application directly.', zh: '配置 -c eth0 时，从 eth0 进入、连接 8080 的远端请求在此 RETURN，直接到达应用。' },
      },
      {
        claim: 'exclude-interface-outbound',
        text: { en: 'The application’s connection leaving through eth0 returns here and is not redirected.', zh: '应用经 eth0 发出的连接在此 RETURN，不被重定向。' },
      },
    ],
    pitfalls: [
      {
        text: {
          en: '`-o` in nat OUTPUT is the interface routing chose before NAT, so a connection to an external address matches `-o eth0` here.',
          zh: 'nat OUTPUT 中的 `-o` 是 NAT 之前路由选出的接口，所以连接外部地址的连接在这里匹配 `-o eth0`。',
        },
        claim: 'exclude-interface-outbound',
      },
    ],
    versions: [{ text: { en: 'Since 1.11.3 (PR #35259); TPROXY mode adds the same pair to mangle.', zh: '1.11.3 起（PR #35259）；TPROXY 模式在 mangle 中也加同样一对规则。' } }],
  },

  'istio-kubevirt-return': {
    title: { en: 'VM interface {iface}: no inbound capture', zh: '虚拟机接口 {iface}：不做入站拦截' },
    summary: {
      en: 'Connections arriving on {iface} (a KubeVirt VM interface, -k) skip ISTIO_INBOUND; only the destinations in the include ranges are rerouted, by the rule before it.',
      zh: '从 {iface}（KubeVirt 虚拟机接口，-k）进入的连接跳过 ISTIO_INBOUND；只有 include 网段内的目的地址会被前面的规则改道。',
    },
    notes: { in: { en: '{iface}: the VM’s interface.', zh: '{iface}：虚拟机的接口。' }, target: { en: 'RETURN: nat PREROUTING’s policy applies.', zh: 'RETURN：按 nat PREROUTING 的默认策略处理。' } },
    why: {
      en: 'For a VM running in a Pod, traffic from the VM’s interface is the workload’s outbound traffic, not inbound traffic for the Pod.',
      zh: '对于运行在 Pod 里的虚拟机，来自虚拟机接口的流量是工作负载的出站流量，而不是发给 Pod 的入站流量。',
    },
    scenarios: [
      {
        claim: 'kubevirt-return',
        text: { en: 'A connection from eth0 to the Pod IP on 8080 (outside the include range) returns here and reaches 8080 directly.', zh: '从 eth0 进入、连接 Pod IP 8080（不在 include 网段内）的连接在此 RETURN，直接到达 8080。' },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'With -i \'*\' the `-i {iface} -j ISTIO_REDIRECT` rule is inserted before it and catches everything from the interface; this RETURN then never matches.',
          zh: '-i \'*\' 时，`-i {iface} -j ISTIO_REDIRECT` 被插在它前面，接走该接口的所有流量，这条 RETURN 就永远不会匹配。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'At the start of nat PREROUTING since 1.8 (PR #25781); after the exclude CIDRs and IPv4 only in 1.5–1.7. Renamed RerouteVirtualInterfaces in 1.25 (PR #53933), same flag -k.',
          zh: '1.8 起位于 nat PREROUTING 开头（PR #25781）；1.5–1.7 位于 exclude 网段之后且只有 IPv4。1.25 改名为 RerouteVirtualInterfaces（PR #53933），参数仍是 -k。',
        },
      },
    ],
  },

  'istio-kubevirt-redirect': {
    title: { en: 'VM interface {iface}: to Envoy’s outbound listener', zh: '虚拟机接口 {iface}：送往 Envoy 出站 listener' },
    summary: {
      en: 'Connections arriving on {iface}{cidr_to} jump to ISTIO_REDIRECT, Envoy’s outbound listener {out}: the VM’s outbound traffic is captured as the Pod’s.',
      zh: '从 {iface} 进入{cidr_to}的连接跳转到 ISTIO_REDIRECT，即 Envoy 的出站 listener {out}：虚拟机的出站流量按 Pod 的出站流量拦截。',
    },
    notes: {
      in: { en: '{iface}: the VM’s interface.', zh: '{iface}：虚拟机的接口。' },
      dst: { en: '{cidr}: an include range (-i).', zh: '{cidr}：include 网段（-i）。' },
      target: { en: 'ISTIO_REDIRECT: REDIRECT to {out}; from PREROUTING the destination becomes the Pod IP:{out}.', zh: 'ISTIO_REDIRECT：REDIRECT 到 {out}；在 PREROUTING 中目的地址变为 Pod IP:{out}。' },
    },
    why: {
      en: 'A VM in a Pod sends its traffic through the Pod’s network namespace; these rules give it the sidecar’s outbound capture.',
      zh: 'Pod 里的虚拟机经 Pod 的网络命名空间发出流量；这些规则让它也享有 sidecar 的出站拦截。',
    },
    scenarios: [
      {
        claim: 'kubevirt-redirect',
        text: { en: 'A connection from eth0 to 10.96.0.10:80 (in -i 10.96.0.0/12) jumps here and lands on {out} at the Pod IP.', zh: '从 eth0 进入、连接 10.96.0.10:80（在 -i 10.96.0.0/12 内）的连接在此跳转，落到 Pod IP 的 {out}。' },
      },
    ],
    pitfalls: [],
    versions: [
      { text: { en: 'In IPv6 the wildcard form was `-j RETURN` before 1.12 (PR #34272).', zh: 'IPv6 的通配写法在 1.12 之前是 `-j RETURN`（PR #34272）。' } },
    ],
  },

  'istio-trace-nflog': {
    title: { en: 'Trace log of a capture step', zh: '拦截步骤的跟踪日志' },
    summary: {
      en: 'Matching packets are copied to NFLOG group {nflog_group} with prefix “{nflog_prefix}” and continue: istio-iptables’ trace logging.',
      zh: '匹配的包被复制到 NFLOG group {nflog_group}，前缀“{nflog_prefix}”，然后继续：istio-iptables 的跟踪日志。',
    },
    notes: { target: { en: 'NFLOG: log and continue; it changes nothing.', zh: 'NFLOG：记录后继续，不改变任何东西。' } },
    why: {
      en: 'With --iptables-trace-logging, each capture step gets an NFLOG twin so `nflog` readers can see which step a connection took.',
      zh: '开启 --iptables-trace-logging 后，每个拦截步骤都有一条 NFLOG 孪生规则，读取 nflog 就能看到连接走了哪一步。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [
      {
        text: {
          en: '1.12 to 1.24 (PR #34189); the prefix lost its quotes in 1.24 (PR #53066); removed in the 2025 clean-ups (PR #53998, #55967).',
          zh: '1.12 至 1.24（PR #34189）；1.24 起前缀不再加引号（PR #53066）；2025 年清理时移除（PR #53998、#55967）。',
        },
      },
    ],
  },

  'istio-output-loopback-redirect-pre-1.5': {
    title: { en: 'Before 1.5: every call to the Pod went through Envoy', zh: '1.5 之前：所有对本 Pod 的调用都经过 Envoy' },
    summary: {
      en: 'Connections over lo to an address of this Pod other than {lb}, from any process, jump to ISTIO_IN_REDIRECT (Envoy’s inbound listener).',
      zh: '任何进程经 lo 访问本 Pod 地址（{lb} 除外）的连接都跳转到 ISTIO_IN_REDIRECT（Envoy 的入站 listener）。',
    },
    notes: {
      out: { en: 'lo: the destination is one of this Pod’s addresses.', zh: 'lo：目的地址是本 Pod 的地址。' },
      'not-dst': { en: 'Not {lb}: localhost is left alone.', zh: '不是 {lb}：localhost 不处理。' },
      target: { en: 'ISTIO_IN_REDIRECT: REDIRECT to Envoy’s inbound listener.', zh: 'ISTIO_IN_REDIRECT：REDIRECT 到 Envoy 的入站 listener。' },
    },
    why: {
      en: 'The ancestor of ② and ③: calls to the Pod’s own IP, by the application or by Envoy, were all sent through the inbound listener.',
      zh: '② 和 ③ 的前身：对本 Pod IP 的调用，无论来自应用还是 Envoy，都经过入站 listener。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [
      {
        text: {
          en: 'Istio 1.4 and earlier. In 1.5 it became ②, limited to the proxy’s uid, and ③ was added (PR #19308).',
          zh: 'Istio 1.4 及更早。1.5 起它变成只针对 proxy uid 的 ②，并新增了 ③（PR #19308）。',
        },
      },
    ],
  },
} satisfies Record<string, RoleText>
