import type { RoleText } from './text-types.ts'

/** ISTIO_OUTPUT rules that configuration adds around ①–⑨. */
export const OUTPUT_EXTRA = {
  'istio-output-exclude-port': {
    title: { en: 'Outbound port {port} is not captured', zh: '出站端口 {port} 不拦截' },
    summary: {
      en: 'Connections to port {port} leave ISTIO_OUTPUT before ①: the port is in the outbound exclude list (-o, ISTIO_LOCAL_OUTBOUND_PORTS_EXCLUDE).',
      zh: '发往 {port} 端口的连接在 ① 之前就离开 ISTIO_OUTPUT：该端口在出站排除列表中（-o，ISTIO_LOCAL_OUTBOUND_PORTS_EXCLUDE）。',
    },
    notes: {
      dport: { en: 'Port {port}: excluded by configuration (e.g. the annotation traffic.sidecar.istio.io/excludeOutboundPorts).', zh: '端口 {port}：由配置排除（例如注解 traffic.sidecar.istio.io/excludeOutboundPorts）。' },
      target: { en: 'RETURN: the connection goes to its destination without Envoy.', zh: 'RETURN：连接不经 Envoy 直达目的地。' },
    },
    why: {
      en: 'Some protocols must not pass through Envoy (server-first protocols such as MySQL, or traffic that breaks with mTLS). Excluding the port keeps them out of the mesh for every process in the Pod.',
      zh: '有些协议不能经过 Envoy（如 MySQL 这类服务端先发言的协议，或与 mTLS 不兼容的流量）。排除端口后，Pod 内所有进程发往该端口的流量都不进网格。',
    },
    scenarios: [
      {
        claim: 'exclude-port-returns',
        text: {
          en: 'The application connecting to 93.184.216.34:3306 with -o 3306 stops here and reaches the remote host directly.',
          zh: '配置 -o 3306 时，应用连接 93.184.216.34:3306：在此 RETURN，直接到达远端。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'These rules come before ①, so they shift the line numbers of ①–⑨: “rule 1” is then not the first line.',
          zh: '这些规则排在 ① 之前，会让 ①–⑨ 的行号后移：此时“规则 1”不再是第一行。',
        },
      },
    ],
    versions: [
      { text: { en: 'TCP only up to 1.24; from 1.25 a UDP RETURN for the same port follows (PR #53998).', zh: '1.24 及之前只排除 TCP；1.25 起同一端口还有一条 UDP RETURN（PR #53998）。' } },
    ],
  },

  'istio-output-include-port': {
    title: { en: 'Outbound port {port} is always captured', zh: '出站端口 {port} 总是拦截' },
    summary: {
      en: 'TCP connections to port {port} jump to ISTIO_REDIRECT whatever their destination: the port is in the outbound include list (-q, ISTIO_OUTBOUND_PORTS).',
      zh: '发往 {port} 端口的 TCP 连接无论目的地址如何都跳转到 ISTIO_REDIRECT：该端口在出站包含列表中（-q，ISTIO_OUTBOUND_PORTS）。',
    },
    notes: {
      dport: { en: 'Port {port}: included by configuration.', zh: '端口 {port}：由配置指定拦截。' },
      target: { en: 'ISTIO_REDIRECT: REDIRECT to Envoy’s outbound listener {out}.', zh: 'ISTIO_REDIRECT：REDIRECT 到 Envoy 的出站 listener {out}。' },
    },
    why: {
      en: 'With an include-CIDR list only some destinations are captured; an include port captures a port on top of that, for destinations outside the ranges.',
      zh: '使用 include 网段时只拦截部分目的地址；include 端口在此之外再按端口拦截，网段外的目的地址也会被拦截。',
    },
    scenarios: [
      {
        claim: 'include-port-redirects',
        text: {
          en: 'The application connecting to 93.184.216.34:8443 with -q 8443 jumps here, before ⑨, and lands on {out}.',
          zh: '配置 -q 8443 时，应用连接 93.184.216.34:8443：在 ⑨ 之前就在此跳转，落到 {out}。',
        },
      },
    ],
    pitfalls: [],
    versions: [
      { text: { en: 'Added in 1.7 (PR #23941); for IPv6 from 1.9.6 / 1.10.2 / 1.11 (PR #33439, #33221).', zh: '1.7 加入（PR #23941）；IPv6 从 1.9.6 / 1.10.2 / 1.11 起支持（PR #33439、#33221）。' } },
    ],
  },

  'istio-output-exclude-cidr': {
    title: { en: 'Traffic to {cidr} is not captured', zh: '发往 {cidr} 的流量不拦截' },
    summary: {
      en: 'Connections to {cidr} leave ISTIO_OUTPUT: the range is in the outbound exclude list (-x, ISTIO_SERVICE_EXCLUDE_CIDR).',
      zh: '发往 {cidr} 的连接离开 ISTIO_OUTPUT：该网段在出站排除列表中（-x，ISTIO_SERVICE_EXCLUDE_CIDR）。',
    },
    notes: {
      dst: { en: '{cidr}: excluded by configuration (e.g. traffic.sidecar.istio.io/excludeOutboundIPRanges).', zh: '{cidr}：由配置排除（例如 traffic.sidecar.istio.io/excludeOutboundIPRanges）。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'Destinations such as cloud metadata endpoints or external databases can be kept out of the mesh by address.',
      zh: '云元数据服务、外部数据库等目的地址可以按地址排除在网格之外。',
    },
    scenarios: [
      {
        claim: 'exclude-cidr-returns',
        text: {
          en: 'In the kernel check, configured with -x 10.20.0.0/16, the application connecting to 10.20.1.1:80 stops here and reaches it directly.',
          zh: '配置 -x 10.20.0.0/16 时，应用连接 10.20.1.1:80：在此 RETURN，直接到达。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'These rules come after ⑧, so the proxy’s and the owner-group rules have already decided for their traffic.',
          zh: '这些规则排在 ⑧ 之后，proxy 和 owner-group 的流量在此之前已经有了结果。',
        },
      },
    ],
    versions: [
      { text: { en: 'From 1.16 the CIDR is printed as written, host bits kept (PR #41332); before, it was masked (10.1.2.3/8 → 10.0.0.0/8).', zh: '1.16 起网段按原样输出，保留主机位（PR #41332）；此前会被规整（10.1.2.3/8 → 10.0.0.0/8）。' } },
    ],
  },

  'istio-output-include-cidr-tail-return': {
    title: { en: 'End of the include-CIDR list', zh: 'include 网段列表的结尾' },
    summary: {
      en: 'Whatever did not match an include range leaves ISTIO_OUTPUT here (releases before 1.23).',
      zh: '未匹配任何 include 网段的流量在这里离开 ISTIO_OUTPUT（1.23 之前的版本）。',
    },
    notes: { target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' } },
    why: {
      en: 'It states explicitly what falling off the end of the chain does anyway: traffic outside the include ranges is not captured.',
      zh: '它把“走到 chain 末尾”的结果写明：include 网段之外的流量不拦截。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Removed in 1.23 (PR #51352).', zh: '1.23 移除（PR #51352）。' } }],
  },

  'istio-output-owner-group-exclude': {
    title: { en: 'The group {id} is not captured', zh: '组 {id} 的流量不拦截' },
    summary: {
      en: 'Traffic from processes with gid {id} leaves ISTIO_OUTPUT: the group is in ISTIO_OUTBOUND_OWNER_GROUPS_EXCLUDE.',
      zh: 'gid 为 {id} 的进程的流量离开 ISTIO_OUTPUT：该组在 ISTIO_OUTBOUND_OWNER_GROUPS_EXCLUDE 中。',
    },
    notes: {
      owner: { en: 'gid {id}: an excluded owner group.', zh: 'gid {id}：被排除的 owner group。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'Owner groups let a Pod keep some of its processes (say, a backup agent) out of the mesh without excluding ports or addresses.',
      zh: 'owner group 让 Pod 把部分进程（比如备份 agent）排除在网格之外，而不必排除端口或地址。',
    },
    scenarios: [
      {
        claim: 'owner-group-exclude-returns',
        text: {
          en: 'A process with gid 2001 (excluded) connecting to 93.184.216.34:80 stops here and reaches it directly.',
          zh: 'gid 2001（已排除）的进程连接 93.184.216.34:80：在此 RETURN，直接到达。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'It looks exactly like ⑦ (`-m owner --gid-owner N -j RETURN`); only the gid tells them apart.',
          zh: '它的写法与 ⑦ 完全一样（`-m owner --gid-owner N -j RETURN`），只能靠 gid 区分。',
        },
      },
    ],
    versions: [{ text: { en: 'Added in 1.14 (PR #37057).', zh: '1.14 加入（PR #37057）。' } }],
  },

  'istio-output-owner-group-include': {
    title: { en: 'Only the listed groups are captured', zh: '只拦截列出的组' },
    summary: {
      en: 'Traffic from processes in none of the listed groups leaves ISTIO_OUTPUT: ISTIO_OUTBOUND_OWNER_GROUPS names the only groups to capture.',
      zh: '不属于所列任何组的进程的流量离开 ISTIO_OUTPUT：ISTIO_OUTBOUND_OWNER_GROUPS 列出了唯一要拦截的组。',
    },
    notes: {
      owner: { en: 'Not in any listed group: each `! --gid-owner` must hold.', zh: '不属于任何列出的组：每个 `! --gid-owner` 都要成立。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'The opposite of the exclude list: capture only some processes of the Pod, by group.',
      zh: '与排除列表相反：按组只拦截 Pod 中的部分进程。',
    },
    scenarios: [
      {
        claim: 'owner-group-include-returns',
        text: {
          en: 'With ISTIO_OUTBOUND_OWNER_GROUPS=1000,2001, a process with gid 3000 stops here and reaches 10.96.0.10:80 without Envoy.',
          zh: 'ISTIO_OUTBOUND_OWNER_GROUPS=1000,2001 时，gid 3000 的进程在此 RETURN，不经 Envoy 到达 10.96.0.10:80。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'An empty include list gives a bare `-j RETURN` here: nothing after it is captured.',
          zh: 'include 列表为空时，这里是一条光秃秃的 `-j RETURN`：其后的流量都不拦截。',
        },
      },
    ],
    versions: [{ text: { en: 'Added in 1.14 (PR #37057); more than 64 groups is a configuration error.', zh: '1.14 加入（PR #37057）；超过 64 个组视为配置错误。' } }],
  },

  'istio-output-dns-jump': {
    title: { en: 'DNS capture: into ISTIO_OUTPUT_DNS', zh: 'DNS 捕获：进入 ISTIO_OUTPUT_DNS' },
    summary: {
      en: 'Traffic that passed the owner rules jumps to ISTIO_OUTPUT_DNS, which redirects DNS to the agent’s proxy on {dns}.',
      zh: '通过了 owner 规则的流量跳转到 ISTIO_OUTPUT_DNS，由它把 DNS 重定向到 agent 的 DNS 代理 {dns}。',
    },
    notes: { target: { en: 'ISTIO_OUTPUT_DNS: the port-53 redirects.', zh: 'ISTIO_OUTPUT_DNS：53 端口的重定向规则。' } },
    why: {
      en: 'With DNS capture (ISTIO_META_DNS_CAPTURE), the application’s queries are answered by pilot-agent, which knows the mesh’s Services, including ServiceEntries without a real DNS record.',
      zh: '开启 DNS 捕获（ISTIO_META_DNS_CAPTURE）后，应用的 DNS 查询由 pilot-agent 应答；它知道网格中的 Service，包括没有真实 DNS 记录的 ServiceEntry。',
    },
    scenarios: [
      {
        claim: 'dns-udp-redirect-latest',
        text: {
          en: 'With nameserver 10.10.10.6 (the kernel check’s Pod), the application’s UDP query to 10.10.10.6:53 jumps here and is answered by the agent on {dns}.',
          zh: 'nameserver 为 10.10.10.6 时（内核检查所用的 Pod），应用发往 10.10.10.6:53 的 UDP 查询在此跳转，由 agent 在 {dns} 应答。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'dns-capture-udp-localhost-hits-8',
        text: {
          en: 'Every UDP datagram from the application passes through here, not only DNS; non-DNS UDP falls back out and continues to ⑧ and ⑨.',
          zh: '应用的所有 UDP 包都会经过这里，不只是 DNS；非 DNS 的 UDP 会回到 ISTIO_OUTPUT，继续走 ⑧ 和 ⑨。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'ISTIO_OUTPUT_DNS exists since 1.25 (PR #53998); before, the DNS rules sat in ISTIO_OUTPUT and nat OUTPUT. From 1.25 DNS capture is switched off when resolv.conf names no server.',
          zh: 'ISTIO_OUTPUT_DNS 从 1.25 起存在（PR #53998）；此前 DNS 规则位于 ISTIO_OUTPUT 和 nat OUTPUT。1.25 起若 resolv.conf 中没有 DNS 服务器，DNS 捕获会被关闭。',
        },
      },
    ],
  },
} satisfies Record<string, RoleText>
