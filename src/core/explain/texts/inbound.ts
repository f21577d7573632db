import type { RoleText } from './text-types.ts'

const NAT_FIRST = {
  claim: 'nat-sees-first-packet',
  when: { tables: ['nat'] },
  text: {
    en: 'The nat table sees only the first packet of a connection; later packets follow the same decision through conntrack. Its counters therefore count connections: a 4-packet TCP exchange adds 1.',
    zh: 'nat 表只看到连接的第一个包，后续的包经 conntrack 沿用同一结果。所以 nat 的计数器统计的是连接数：一次 4 个包的 TCP 交互只加 1。',
  },
}

/** The built-in jumps, ISTIO_INBOUND (REDIRECT mode) and the two REDIRECT chains. */
export const INBOUND = {
  'istio-jump-inbound': {
    title: { en: 'Arriving TCP enters ISTIO_INBOUND', zh: '进入的 TCP 流量交给 ISTIO_INBOUND' },
    summary: {
      en: 'Every TCP connection arriving at the Pod goes through ISTIO_INBOUND, which decides whether Envoy’s inbound listener takes it.',
      zh: '到达 Pod 的每条 TCP 连接都经过 ISTIO_INBOUND，由它决定是否交给 Envoy 的入站 listener。',
    },
    notes: {
      proto: { en: 'TCP only: Envoy captures TCP inbound.', zh: '只看 TCP：Envoy 只拦截入站 TCP。' },
      target: { en: 'ISTIO_INBOUND: port exclusions, then the capture.', zh: 'ISTIO_INBOUND：先排除端口，再拦截。' },
    },
    why: {
      en: 'PREROUTING is where packets from the network enter netfilter; Istio hooks its inbound chain there (nat in REDIRECT mode, mangle in TPROXY mode).',
      zh: 'PREROUTING 是外来数据包进入 netfilter 的地方；Istio 在这里挂上入站 chain（REDIRECT 模式在 nat 表，TPROXY 模式在 mangle 表）。',
    },
    scenarios: [
      {
        claim: 'inbound-captured',
        when: { tables: ['nat'] },
        text: { en: 'A remote client connecting to the Pod on 8080 enters here and ends on Envoy’s inbound listener {in}.', zh: '远端客户端连接 Pod 的 8080 端口：从这里进入，最终到达 Envoy 的入站 listener {in}。' },
      },
      {
        claim: 'tproxy-inbound',
        when: { tables: ['mangle'] },
        text: {
          en: 'A remote client connecting to the Pod on 8080 enters here and reaches Envoy’s {in} with its destination unchanged.',
          zh: '远端客户端连接 Pod 的 8080 端口：从这里进入，以不变的目的地址到达 Envoy 的 {in}。',
        },
      },
      {
        claim: 'tproxy-app-loopback-returns',
        when: { tables: ['mangle'] },
        text: {
          en: 'In TPROXY mode the Pod’s connections to itself come in here too, when they loop back over lo; ISTIO_INBOUND RETURNs them.',
          zh: 'TPROXY 模式下，Pod 自己发给自己的连接经 lo 回环时也会从这里进入；ISTIO_INBOUND 会把它们 RETURN。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'app-to-own-pod-ip-hits-3',
        when: { tables: ['nat'] },
        text: {
          en: 'Connections the Pod makes to itself never pass nat PREROUTING: their NAT is decided in nat OUTPUT (③, ②).',
          zh: 'Pod 自己发给自己的连接不经过 nat PREROUTING：它们的 NAT 在 nat OUTPUT（③、②）就已决定。',
        },
      },
      NAT_FIRST,
    ],
    versions: [],
  },

  'istio-inbound-tunnel-port-return': {
    title: { en: 'The tunnel port {port} is not captured', zh: '隧道端口 {port} 不拦截' },
    summary: {
      en: 'Connections to port {port} (Envoy’s HBONE tunnel) leave ISTIO_INBOUND and reach their listener directly.',
      zh: '发往 {port} 端口（Envoy 的 HBONE 隧道）的连接离开 ISTIO_INBOUND，直接到达监听者。',
    },
    notes: {
      dport: { en: 'Port {port}: the inbound tunnel port (-e), HBONE in current Istio.', zh: '端口 {port}：入站隧道端口（-e），当前 Istio 中即 HBONE。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'Tunnelled (mTLS HBONE) connections are already meant for Envoy’s tunnel listener; redirecting them to {in} would break them.',
      zh: '隧道（mTLS HBONE）连接本来就是发给 Envoy 隧道 listener 的；重定向到 {in} 会破坏它们。',
    },
    scenarios: [
      {
        claim: 'tunnel-port-returns',
        text: { en: 'A remote connection to port 15008 stops here and reaches the 15008 listener itself.', zh: '远端连接 15008 端口：在此 RETURN，到达 15008 的监听者本身。' },
      },
    ],
    pitfalls: [
      {
        claim: 'tproxy-tunnel-port-captured',
        text: {
          en: 'In TPROXY mode this rule sits in nat ISTIO_INBOUND, which nothing jumps to; mangle ISTIO_INBOUND has no 15008 exception, and a connection to 15008 is TPROXYed to {in}.',
          zh: 'TPROXY 模式下这条规则位于 nat ISTIO_INBOUND，而没有规则跳转到那里；mangle ISTIO_INBOUND 没有 15008 的例外，发往 15008 的连接会被 TPROXY 到 {in}。',
        },
      },
    ],
    versions: [{ text: { en: 'Added in 1.7 (-e, PR #25392).', zh: '1.7 加入（-e，PR #25392）。' } }],
  },

  'istio-inbound-exclude-port': {
    title: { en: 'Inbound port {port} is not captured', zh: '入站端口 {port} 不拦截' },
    summary: {
      en: 'Connections arriving for port {port} leave ISTIO_INBOUND and reach their listener directly, without Envoy.',
      zh: '到达 {port} 端口的连接离开 ISTIO_INBOUND，不经 Envoy 直接到达监听者。',
    },
    notes: {
      dport: { en: 'Port {port}: in the inbound exclude list (-d, ISTIO_LOCAL_EXCLUDE_PORTS).', zh: '端口 {port}：在入站排除列表中（-d，ISTIO_LOCAL_EXCLUDE_PORTS）。' },
      target: { en: 'RETURN: back to PREROUTING, whose policy delivers the connection as it is.', zh: 'RETURN：回到 PREROUTING，按默认策略原样送达。' },
    },
    why: {
      en: 'The sidecar’s own ports (15090 Prometheus stats, 15021 health, 15020 agent status) and admin access such as ssh must not be proxied; the injection template passes `-d 15090,15021` plus the status port (15020 by default).',
      zh: 'sidecar 自己的端口（15090 Prometheus 指标、15021 健康检查、15020 agent 状态）以及 ssh 等管理访问不能经过代理；注入模板传入 `-d 15090,15021`，再加上状态端口（默认 15020）。',
    },
    scenarios: [
      {
        claim: 'prometheus-scrape-returns',
        when: { ports: ['15090'] },
        text: {
          en: 'Prometheus scraping 15090 stops here and reaches Envoy’s stats listener directly. The reply does not pass ISTIO_OUTPUT at all.',
          zh: 'Prometheus 抓取 15090：在此 RETURN，直接到达 Envoy 的指标 listener。回包根本不经过 ISTIO_OUTPUT。',
        },
      },
      {
        claim: 'status-ports-return',
        when: { ports: ['15020', '15021'] },
        text: { en: 'Probes to 15020 and 15021 stop here the same way.', zh: '发往 15020 和 15021 的探测同样在此 RETURN。' },
      },
      {
        claim: 'ssh-returns',
        when: { ports: ['22'] },
        text: { en: 'ssh to port 22 stops here when 22 is excluded.', zh: '22 被排除时，ssh 连接在此 RETURN。' },
      },
    ],
    pitfalls: [
      {
        claim: 'prometheus-scrape-returns',
        when: { ports: ['15090'] },
        text: {
          en: 'Tetrate’s “Type 3” sends the scrape’s reply through OUTPUT → ISTIO_OUTPUT rule 3. Replies never enter a nat chain: conntrack handles them. The kernel shows no nat OUTPUT hit for the whole scrape.',
          zh: 'Tetrate 的“Type 3”说抓取的回包经 OUTPUT → ISTIO_OUTPUT 规则 3。回包从不进入 nat chain，由 conntrack 处理。内核中整个抓取过程 nat OUTPUT 没有任何命中。',
        },
      },
    ],
    versions: [
      {
        when: { ports: ['22'] },
        text: {
          en: 'With inbound capture `*`, 1.5–1.12 RETURNed port 22 automatically; 1.13 dropped that (PR #36312), and VMs list 22 in ISTIO_LOCAL_EXCLUDE_PORTS instead.',
          zh: '入站拦截为 `*` 时，1.5–1.12 会自动对 22 端口 RETURN；1.13 去掉了这一点（PR #36312），虚拟机改在 ISTIO_LOCAL_EXCLUDE_PORTS 中列出 22。',
        },
      },
    ],
  },

  'istio-inbound-capture': {
    title: { en: 'All other inbound TCP goes to Envoy', zh: '其余入站 TCP 交给 Envoy' },
    summary: {
      en: 'Every TCP connection still in ISTIO_INBOUND jumps to ISTIO_IN_REDIRECT, i.e. to Envoy’s inbound listener {in} (inbound ports `*`).',
      zh: '仍留在 ISTIO_INBOUND 中的 TCP 连接全部跳转到 ISTIO_IN_REDIRECT，即 Envoy 的入站 listener {in}（入站端口为 `*`）。',
    },
    notes: { target: { en: 'ISTIO_IN_REDIRECT: REDIRECT to {in}.', zh: 'ISTIO_IN_REDIRECT：REDIRECT 到 {in}。' } },
    why: {
      en: 'Inbound capture is what lets Envoy terminate mTLS and apply authorization and telemetry before the application sees a request.',
      zh: '入站拦截让 Envoy 在应用收到请求之前终结 mTLS、执行授权策略、记录遥测。',
    },
    scenarios: [
      {
        claim: 'inbound-captured',
        text: {
          en: 'A remote client connecting to the Pod on 8080 jumps here and lands on {in} at the Pod IP; SO_ORIGINAL_DST still reads :8080.',
          zh: '远端客户端连接 Pod 的 8080 端口：在此跳转，落到 Pod IP 的 {in}；SO_ORIGINAL_DST 仍是 :8080。',
        },
      },
    ],
    pitfalls: [NAT_FIRST],
    versions: [],
  },

  'istio-inbound-capture-port': {
    title: { en: 'Inbound port {port} goes to Envoy', zh: '入站端口 {port} 交给 Envoy' },
    summary: {
      en: 'TCP connections to port {port} jump to ISTIO_IN_REDIRECT (Envoy’s inbound listener {in}); only the listed inbound ports are captured.',
      zh: '发往 {port} 端口的 TCP 连接跳转到 ISTIO_IN_REDIRECT（Envoy 的入站 listener {in}）；只拦截列出的入站端口。',
    },
    notes: {
      dport: { en: 'Port {port}: in the inbound include list (-b, ISTIO_INBOUND_PORTS).', zh: '端口 {port}：在入站包含列表中（-b，ISTIO_INBOUND_PORTS）。' },
      target: { en: 'ISTIO_IN_REDIRECT: REDIRECT to {in}.', zh: 'ISTIO_IN_REDIRECT：REDIRECT 到 {in}。' },
    },
    why: {
      en: 'A port list captures only the application’s declared ports; every other port is reached directly.',
      zh: '端口列表只拦截应用声明的端口，其他端口直接可达。',
    },
    scenarios: [
      {
        claim: 'inbound-port-captured-vm',
        text: { en: 'On the 1.9 VM (-b 8080) a connection to 8080 jumps here and lands on {in}.', zh: '在 1.9 虚拟机（-b 8080）上，连接 8080：在此跳转，落到 {in}。' },
      },
      {
        claim: 'inbound-other-port-not-captured-vm',
        text: {
          en: 'Connections to other ports (22, 15090) match no rule of ISTIO_INBOUND and reach their listeners directly.',
          zh: '发往其他端口（22、15090）的连接不匹配 ISTIO_INBOUND 的任何规则，直接到达监听者。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'With a port list the exclude list (-d) is ignored; only `*` uses it.',
          zh: '使用端口列表时会忽略排除列表（-d）；只有 `*` 才用到它。',
        },
      },
    ],
    versions: [],
  },

  'istio-in-redirect': {
    title: { en: 'ISTIO_IN_REDIRECT: to Envoy’s inbound listener', zh: 'ISTIO_IN_REDIRECT：送往 Envoy 入站 listener' },
    summary: {
      en: 'TCP is redirected to local port {to}, Envoy’s inbound listener (virtualInbound).',
      zh: 'TCP 被 REDIRECT 到本机 {to} 端口，即 Envoy 的入站 listener（virtualInbound）。',
    },
    notes: {
      target: {
        en: 'REDIRECT: from PREROUTING the destination becomes the Pod IP:{to}; from ② in OUTPUT it becomes 127.0.0.1:{to}. Envoy reads the original destination with SO_ORIGINAL_DST.',
        zh: 'REDIRECT：从 PREROUTING 来的连接，目的地址改为 Pod IP:{to}；从 OUTPUT 的 ② 来的，改为 127.0.0.1:{to}。Envoy 用 SO_ORIGINAL_DST 取回原目的地址。',
      },
    },
    why: {
      en: 'One chain serves both ways into the inbound listener: arriving connections (ISTIO_INBOUND) and the proxy’s calls to its own Pod (②, ⑤).',
      zh: '一条 chain 服务两条进入入站 listener 的路径：外来连接（ISTIO_INBOUND）和 proxy 对本 Pod 的调用（②、⑤）。',
    },
    scenarios: [
      { claim: 'inbound-captured', text: { en: 'Arriving connections land on {to} at the Pod IP.', zh: '外来连接落到 Pod IP 的 {to}。' } },
      { claim: 'proxy-to-own-pod-ip-hits-2', text: { en: 'The proxy’s call to its own Pod IP lands on 127.0.0.1:{to}.', zh: 'proxy 对自己 Pod IP 的调用落到 127.0.0.1:{to}。' } },
    ],
    pitfalls: [],
    versions: [
      {
        text: {
          en: 'Always {in} (InboundCapturePort) since 1.6 (PR #22686); in 1.5 only with inbound ports `*`, otherwise the outbound port.',
          zh: '1.6 起总是 {in}（InboundCapturePort，PR #22686）；1.5 只有入站端口为 `*` 时才是它，否则是出站端口。',
        },
      },
    ],
  },

  'istio-jump-output': {
    title: { en: 'Locally sent traffic enters ISTIO_OUTPUT', zh: '本机发出的流量交给 ISTIO_OUTPUT' },
    summary: {
      en: 'Every new connection a process in the Pod opens goes through ISTIO_OUTPUT, which decides whether Envoy’s outbound listener takes it.',
      zh: 'Pod 内进程发起的每条新连接都经过 ISTIO_OUTPUT，由它决定是否交给 Envoy 的出站 listener。',
    },
    notes: {
      proto: { en: 'TCP only (up to 1.24); from 1.25 this jump has no protocol test.', zh: '只看 TCP（1.24 及之前）；1.25 起这条跳转不再限定协议。' },
      target: { en: 'ISTIO_OUTPUT: rules ①–⑨.', zh: 'ISTIO_OUTPUT：规则 ①–⑨。' },
    },
    why: {
      en: 'nat OUTPUT is where locally generated connections get their NAT decision; Istio hooks its outbound chain there.',
      zh: 'nat OUTPUT 是本机发起的连接做 NAT 决定的地方；Istio 在这里挂上出站 chain。',
    },
    scenarios: [
      {
        claim: 'app-external-hits-9',
        text: { en: 'The application’s connection to 93.184.216.34:80 enters here and ends at ⑨.', zh: '应用连接 93.184.216.34:80：从这里进入，最终到达 ⑨。' },
      },
    ],
    pitfalls: [
      {
        claim: 'udp-skips-istio-output-before-1.25',
        when: { proto: 'tcp' },
        text: {
          en: 'With `-p tcp` (up to 1.24), UDP never enters ISTIO_OUTPUT: an application’s UDP datagram leaves without touching rules ①–⑨.',
          zh: '带 `-p tcp` 时（1.24 及之前），UDP 不进入 ISTIO_OUTPUT：应用的 UDP 包不经过规则 ①–⑨ 就发出去了。',
        },
      },
      {
        claim: 'raw-sees-every-packet',
        text: {
          en: 'nat counts connections, not packets: for one TCP connection raw OUTPUT counts every packet the Pod sends, this rule 1.',
          zh: 'nat 统计的是连接而不是包：一条 TCP 连接，raw OUTPUT 统计 Pod 发出的每个包，本规则只记 1。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: '`-p tcp -j ISTIO_OUTPUT` up to 1.24; `-j ISTIO_OUTPUT` for all protocols from 1.25 (PR #53998). 1.23–1.24 added a separate `-p udp` jump for DNS (PR #50915).',
          zh: '1.24 及之前为 `-p tcp -j ISTIO_OUTPUT`；1.25 起为 `-j ISTIO_OUTPUT`，所有协议（PR #53998）。1.23–1.24 为 DNS 另加了一条 `-p udp` 跳转（PR #50915）。',
        },
      },
    ],
  },

  'istio-jump-output-udp': {
    title: { en: 'UDP enters ISTIO_OUTPUT for DNS', zh: 'UDP 进入 ISTIO_OUTPUT 以便捕获 DNS' },
    summary: {
      en: 'Locally sent UDP goes through ISTIO_OUTPUT, where the DNS rules redirect queries to the agent on {dns} (1.23–1.24).',
      zh: '本机发出的 UDP 经过 ISTIO_OUTPUT，其中的 DNS 规则把查询重定向到 agent 的 {dns}（1.23–1.24）。',
    },
    notes: { proto: { en: 'UDP: DNS queries.', zh: 'UDP：DNS 查询。' } },
    why: {
      en: 'Before 1.23 the DNS UDP rules lived in nat OUTPUT itself; 1.23 moved them into ISTIO_OUTPUT behind this jump.',
      zh: '1.23 之前 DNS 的 UDP 规则直接放在 nat OUTPUT 中；1.23 把它们移到 ISTIO_OUTPUT，由这条规则跳转过去。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Added in 1.23 (PR #50915); gone in 1.25, where the main jump covers all protocols (PR #53998).', zh: '1.23 加入（PR #50915）；1.25 起主跳转覆盖所有协议，这条规则消失（PR #53998）。' } }],
  },

  'istio-redirect': {
    title: { en: 'ISTIO_REDIRECT: to Envoy’s outbound listener', zh: 'ISTIO_REDIRECT：送往 Envoy 出站 listener' },
    summary: {
      en: 'TCP is redirected to local port {to}, Envoy’s outbound listener (virtualOutbound).',
      zh: 'TCP 被 REDIRECT 到本机 {to} 端口，即 Envoy 的出站 listener（virtualOutbound）。',
    },
    notes: {
      proto: { en: 'TCP only: other protocols fall off the chain unredirected.', zh: '只看 TCP：其他协议走到 chain 末尾，不被重定向。' },
      target: {
        en: 'REDIRECT in nat OUTPUT: the destination becomes 127.0.0.1:{to} (::1 in IPv6); Envoy reads the original with SO_ORIGINAL_DST.',
        zh: 'nat OUTPUT 中的 REDIRECT：目的地址变为 127.0.0.1:{to}（IPv6 为 ::1），Envoy 用 SO_ORIGINAL_DST 取回原目的地址。',
      },
    },
    why: {
      en: 'Envoy listens on one port for all outbound traffic and routes each connection by its original destination.',
      zh: 'Envoy 用一个端口接收所有出站流量，再按原目的地址路由每条连接。',
    },
    scenarios: [
      {
        claim: 'app-external-hits-9',
        text: { en: 'The application’s connection to 93.184.216.34:80 lands on 127.0.0.1:{to}.', zh: '应用连接 93.184.216.34:80，落到 127.0.0.1:{to}。' },
      },
      {
        claim: 'kubevirt-redirect',
        text: {
          en: 'With -k, connections arriving from a VM interface are sent here from PREROUTING and land on the Pod IP:{to}.',
          zh: '配置 -k 时，从虚拟机接口进入的连接在 PREROUTING 被送到这里，落到 Pod IP:{to}。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'udp-falls-through-redirect',
        text: { en: 'A UDP datagram that reaches ⑨ is not redirected: it falls off this chain.', zh: '走到 ⑨ 的 UDP 包不会被重定向：它走到这条 chain 的末尾。' },
      },
    ],
    versions: [
      {
        text: {
          en: '1.8 put `-p tcp --dport 53 -j REDIRECT --to-ports 15053` before it for DNS capture.',
          zh: '1.8 为 DNS 捕获在它之前加了 `-p tcp --dport 53 -j REDIRECT --to-ports 15053`。',
        },
      },
    ],
  },
} satisfies Record<string, RoleText>
