import type { RoleText } from './text-types.ts'

const DNS_WHY = {
  en: 'With DNS capture (ISTIO_META_DNS_CAPTURE=true), pilot-agent answers the application’s DNS queries on {dns}. It knows the mesh’s Services and ServiceEntries, so names resolve even without a real DNS record, and it forwards everything else upstream.',
  zh: '开启 DNS 捕获（ISTIO_META_DNS_CAPTURE=true）后，pilot-agent 在 {dns} 应答应用的 DNS 查询。它知道网格中的 Service 和 ServiceEntry，没有真实 DNS 记录的名字也能解析，其他查询再转发给上游。',
}

const ZONES_WHY = {
  en: 'The application’s query to the DNS server and the agent’s own query to the same server can carry the same addresses and ports. In one conntrack zone the two UDP flows can collide (UDP conntrack races); zone 1 holds agent ↔ upstream, zone 2 applications ↔ agent.',
  zh: '应用发给 DNS 服务器的查询和 agent 自己发给同一服务器的查询，地址和端口可能完全相同。放在同一个 conntrack zone 里，两条 UDP 流可能冲突（UDP conntrack 竞争）；zone 1 放 agent ↔ 上游，zone 2 放应用 ↔ agent。',
}

const ZONE_VERSIONS = [
  {
    text: {
      en: 'Owner zones from 1.11 (PR #33572; opt-in in 1.10.3+, #33767); the reply zone from 1.20 (`-s` server, PR #46937); in built-in raw OUTPUT/PREROUTING until 1.22, in raw ISTIO_OUTPUT 1.23–1.24, in ISTIO_OUTPUT_DNS / ISTIO_INBOUND from 1.25 (PR #53998).',
      zh: 'owner 的 zone 规则 1.11 起（PR #33572；1.10.3+ 可选开启，#33767）；回复的 zone 规则 1.20 起（匹配 `-s` 服务器，PR #46937）；1.22 及之前位于内置的 raw OUTPUT/PREROUTING，1.23–1.24 位于 raw ISTIO_OUTPUT，1.25 起位于 ISTIO_OUTPUT_DNS / ISTIO_INBOUND（PR #53998）。',
    },
  },
]

/** DNS capture: redirects to the agent and conntrack zones. */
export const DNS = {
  'istio-dns-tcp-redirect': {
    title: { en: 'TCP DNS goes to the agent', zh: 'TCP DNS 交给 agent' },
    summary: {
      en: 'TCP connections to port 53 of the DNS server{cidr_suffix} are redirected to the agent’s DNS proxy on {to}.',
      zh: '发往 DNS 服务器{cidr_suffix}的 53 端口的 TCP 连接被 REDIRECT 到 agent 的 DNS 代理 {to}。',
    },
    notes: {
      dport: { en: 'Port 53: DNS.', zh: '53 端口：DNS。' },
      dst: { en: '{cidr}: a nameserver from the Pod’s resolv.conf.', zh: '{cidr}：Pod 的 resolv.conf 中的 nameserver。' },
      target: { en: 'REDIRECT to {to}: the destination becomes 127.0.0.1:{to}.', zh: 'REDIRECT 到 {to}：目的地址变为 127.0.0.1:{to}。' },
    },
    why: DNS_WHY,
    scenarios: [
      {
        claim: 'dns-tcp-redirect',
        text: { en: 'With nameserver 10.10.10.6 (the kernel check’s Pod), the application’s TCP query to 10.10.10.6:53 lands on the agent’s {to}.', zh: 'nameserver 为 10.10.10.6 时（内核检查所用的 Pod），应用发往 10.10.10.6:53 的 TCP 查询落到 agent 的 {to}。' },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'Only queries to the resolv.conf servers are captured (unless --capture-all-dns); a query to another resolver goes out as usual.',
          zh: '只捕获发往 resolv.conf 中服务器的查询（除非 --capture-all-dns）；发往其他解析器的查询照常发出。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: '1.8: one rule in ISTIO_REDIRECT; 1.9–1.24: per server in ISTIO_OUTPUT; 1.25+: in ISTIO_OUTPUT_DNS (PR #53998). --capture-all-dns (1.11+, PR #32416) drops the server address.',
          zh: '1.8：ISTIO_REDIRECT 中一条规则；1.9–1.24：ISTIO_OUTPUT 中每个服务器一条；1.25+：位于 ISTIO_OUTPUT_DNS（PR #53998）。--capture-all-dns（1.11+，PR #32416）不再限定服务器地址。',
        },
      },
    ],
  },

  'istio-dns-udp-redirect': {
    title: { en: 'UDP DNS goes to the agent', zh: 'UDP DNS 交给 agent' },
    summary: {
      en: 'UDP queries to port 53 of the DNS server{cidr_suffix} are redirected to the agent’s DNS proxy on {to}.',
      zh: '发往 DNS 服务器{cidr_suffix}的 53 端口的 UDP 查询被 REDIRECT 到 agent 的 DNS 代理 {to}。',
    },
    notes: {
      dport: { en: 'Port 53: DNS.', zh: '53 端口：DNS。' },
      dst: { en: '{cidr}: a nameserver from the Pod’s resolv.conf.', zh: '{cidr}：Pod 的 resolv.conf 中的 nameserver。' },
      target: { en: 'REDIRECT to {to}; the reply comes back from the server’s address, so the application notices nothing.', zh: 'REDIRECT 到 {to}；回复看起来来自原服务器地址，应用察觉不到。' },
    },
    why: DNS_WHY,
    scenarios: [
      {
        claim: 'dns-udp-redirect-latest',
        text: {
          en: 'With nameserver 10.10.10.6 (the kernel check’s Pod), the application’s UDP query to 10.10.10.6:53 is answered by the agent on {to}; its conntrack entry is in zone 2.',
          zh: 'nameserver 为 10.10.10.6 时（内核检查所用的 Pod），应用发往 10.10.10.6:53 的 UDP 查询由 agent 在 {to} 应答；它的 conntrack 记录在 zone 2。',
        },
      },
      {
        claim: 'dns-udp-redirect-1.9',
        text: {
          en: 'In 1.9 the rule sits in nat OUTPUT itself: the application’s UDP query never enters ISTIO_OUTPUT and lands on {to}.',
          zh: '1.9 中这条规则直接位于 nat OUTPUT：应用的 UDP 查询根本不进 ISTIO_OUTPUT，落到 {to}。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'Written `--to-port` (singular) by istio-iptables; iptables-save prints `--to-ports`.',
          zh: 'istio-iptables 写的是 `--to-port`（单数），iptables-save 打印为 `--to-ports`。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: '1.9–1.22 in nat OUTPUT; 1.23–1.24 in ISTIO_OUTPUT (PR #50915); 1.25+ in ISTIO_OUTPUT_DNS (PR #53998). 1.6 sent UDP/53 to 15013; 1.7–1.8 used DNAT to 127.0.0.1 plus SNAT.',
          zh: '1.9–1.22 位于 nat OUTPUT；1.23–1.24 位于 ISTIO_OUTPUT（PR #50915）；1.25+ 位于 ISTIO_OUTPUT_DNS（PR #53998）。1.6 把 UDP/53 送到 15013；1.7–1.8 用 DNAT 到 127.0.0.1 加 SNAT。',
        },
      },
    ],
  },

  'istio-dns-udp-proxy-return': {
    title: { en: 'The proxy’s own DNS queries go upstream', zh: 'proxy 自己的 DNS 查询发往上游' },
    summary: {
      en: 'UDP queries to port 53 from {kind} {id} (the proxy) are not redirected: the agent’s upstream queries reach the real DNS server.',
      zh: '来自 {kind} {id}（proxy）的 53 端口 UDP 查询不被重定向：agent 向上游的查询到达真实 DNS 服务器。',
    },
    notes: {
      owner: { en: '{kind} {id}: the proxy.', zh: '{kind} {id}：proxy。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'The agent forwards queries it cannot answer to the real server; those must not loop back to itself.',
      zh: 'agent 无法应答的查询会转发给真实服务器，这些查询不能又绕回 agent 自己。',
    },
    scenarios: [
      {
        claim: 'dns-udp-proxy-returns-1.9',
        text: { en: 'On the 1.9 VM the proxy’s (uid {uid}) query to 10.10.10.6:53 stops here and reaches the server.', zh: '在 1.9 虚拟机上，proxy（uid {uid}）发往 10.10.10.6:53 的查询在此 RETURN，到达服务器。' },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'From 1.25 these rules are gone: ④ and ⑦ already RETURN the proxy’s traffic before the DNS chain.',
          zh: '1.25 起这些规则不再存在：④ 和 ⑦ 在进入 DNS chain 之前就已放行 proxy 的流量。',
        },
      },
    ],
    versions: [{ text: { en: '1.7–1.22 in nat OUTPUT; 1.23–1.24 in ISTIO_OUTPUT.', zh: '1.7–1.22 位于 nat OUTPUT；1.23–1.24 位于 ISTIO_OUTPUT。' } }],
  },

  'istio-dns-udp-owner-group-exclude': {
    title: { en: 'DNS of the group {id} is not captured', zh: '组 {id} 的 DNS 不捕获' },
    summary: {
      en: 'UDP DNS queries from gid {id}, an excluded owner group, are not redirected.',
      zh: '来自 gid {id}（被排除的 owner group）的 UDP DNS 查询不被重定向。',
    },
    notes: { owner: { en: 'gid {id}: in ISTIO_OUTBOUND_OWNER_GROUPS_EXCLUDE.', zh: 'gid {id}：在 ISTIO_OUTBOUND_OWNER_GROUPS_EXCLUDE 中。' } },
    why: { en: 'Owner-group filters apply to DNS capture too (1.14–1.24).', zh: 'owner-group 过滤同样作用于 DNS 捕获（1.14–1.24）。' },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: '1.14 (PR #37057) to 1.24.', zh: '1.14（PR #37057）至 1.24。' } }],
  },

  'istio-dns-udp-owner-group-include': {
    title: { en: 'DNS of unlisted groups is not captured', zh: '未列出组的 DNS 不捕获' },
    summary: {
      en: 'UDP DNS queries from processes in none of the owner groups to capture are not redirected.',
      zh: '不属于任何要拦截的 owner group 的进程发出的 UDP DNS 查询不被重定向。',
    },
    notes: { owner: { en: 'Not in any listed group.', zh: '不属于任何列出的组。' } },
    why: { en: 'Owner-group filters apply to DNS capture too (1.14–1.24).', zh: 'owner-group 过滤同样作用于 DNS 捕获（1.14–1.24）。' },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: '1.14 (PR #37057) to 1.24.', zh: '1.14（PR #37057）至 1.24。' } }],
  },

  'istio-dns-udp-dnat': {
    title: { en: 'UDP DNS goes to the local DNS listener (1.7–1.8)', zh: 'UDP DNS 交给本地 DNS 监听（1.7–1.8）' },
    summary: {
      en: 'UDP queries to port 53 get their destination rewritten to {dest}, the early DNS capture’s listener.',
      zh: '发往 53 端口的 UDP 查询，目的地址被改写为 {dest}，即早期 DNS 捕获的监听地址。',
    },
    why: DNS_WHY,
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: '1.7 and 1.8 only (PR #24919, #25035); 1.9 replaced it with a per-server REDIRECT.', zh: '仅 1.7 和 1.8（PR #24919、#25035）；1.9 改为按服务器 REDIRECT。' } }],
  },

  'istio-dns-udp-snat': {
    title: { en: 'DNS answers leave from 127.0.0.1 (1.7–1.8)', zh: 'DNS 回复以 127.0.0.1 发出（1.7–1.8）' },
    summary: {
      en: 'UDP sent to port {port} gets its source rewritten to {dest}, pairing with the DNAT in nat OUTPUT.',
      zh: '发往 {port} 端口的 UDP 源地址被改写为 {dest}，与 nat OUTPUT 中的 DNAT 配对。',
    },
    why: {
      en: 'It pairs with the DNAT in nat OUTPUT: datagrams sent to the local DNS listener also get {dest} as their source.',
      zh: '它与 nat OUTPUT 中的 DNAT 配对：发往本地 DNS 监听的数据包，源地址也改为 {dest}。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: '1.7 and 1.8 only.', zh: '仅 1.7 和 1.8。' } }],
  },

  'istio-dns-raw-output-jump': {
    title: { en: 'Locally sent DNS gets its conntrack zone', zh: '本机发出的 DNS 设置 conntrack zone' },
    summary: {
      en: 'Locally sent packets go through the raw-table DNS chain, which puts DNS flows into conntrack zones 1 and 2.',
      zh: '本机发出的包经过 raw 表的 DNS chain，它把 DNS 流量分到 conntrack zone 1 和 2。',
    },
    notes: { target: { en: 'The raw DNS chain: CT --zone rules.', zh: 'raw 表的 DNS chain：CT --zone 规则。' } },
    why: ZONES_WHY,
    scenarios: [
      {
        claim: 'dns-udp-redirect-latest',
        text: { en: 'The application’s UDP query passes here before nat sees it.', zh: '应用的 UDP 查询在 nat 之前先经过这里。' },
      },
    ],
    pitfalls: [
      {
        text: { en: 'The raw table runs before conntrack: a zone must be chosen before the first lookup.', zh: 'raw 表在 conntrack 之前执行：zone 必须在第一次查找前确定。' },
      },
    ],
    versions: ZONE_VERSIONS,
  },

  'istio-dns-raw-inbound-jump': {
    title: { en: 'Arriving DNS replies get their conntrack zone', zh: '进入的 DNS 回复设置 conntrack zone' },
    summary: {
      en: 'Arriving packets go through the raw-table ISTIO_INBOUND, which puts DNS servers’ replies into conntrack zone 1.',
      zh: '进入的包经过 raw 表的 ISTIO_INBOUND，它把 DNS 服务器的回复放进 conntrack zone 1。',
    },
    notes: { target: { en: 'raw ISTIO_INBOUND: the reply zone rule.', zh: 'raw ISTIO_INBOUND：回复的 zone 规则。' } },
    why: ZONES_WHY,
    scenarios: [
      {
        claim: 'dns-proxy-query-zone-1',
        text: { en: 'The server’s reply to the agent’s query passes here.', zh: '服务器对 agent 查询的回复经过这里。' },
      },
    ],
    pitfalls: [],
    versions: ZONE_VERSIONS,
  },

  'istio-dns-ct-zone-proxy-query': {
    title: { en: 'The agent’s DNS queries: conntrack zone {zone}', zh: 'agent 的 DNS 查询：conntrack zone {zone}' },
    summary: {
      en: 'UDP queries to port 53 from {kind} {id} (the proxy) are tracked in conntrack zone {zone}.',
      zh: '{kind} {id}（proxy）发往 53 端口的 UDP 查询在 conntrack zone {zone} 中跟踪。',
    },
    notes: { owner: { en: '{kind} {id}: the proxy.', zh: '{kind} {id}：proxy。' } },
    why: ZONES_WHY,
    scenarios: [
      {
        claim: 'dns-proxy-query-zone-1',
        text: { en: 'With nameserver 10.10.10.6, the proxy’s (uid {uid}) query to 10.10.10.6:53 is tracked in zone 1 and reaches the server.', zh: 'nameserver 为 10.10.10.6 时，proxy（uid {uid}）发往 10.10.10.6:53 的查询在 zone 1 中跟踪，到达服务器。' },
      },
    ],
    pitfalls: [],
    versions: ZONE_VERSIONS,
  },

  'istio-dns-ct-zone-proxy-reply': {
    title: { en: 'The agent’s DNS answers: conntrack zone {zone}', zh: 'agent 的 DNS 回答：conntrack zone {zone}' },
    summary: {
      en: 'UDP sent from port {sport} by {kind} {id} (the agent’s answers to applications) is tracked in conntrack zone {zone}.',
      zh: '{kind} {id} 从 {sport} 端口发出的 UDP（agent 给应用的回答）在 conntrack zone {zone} 中跟踪。',
    },
    notes: { owner: { en: '{kind} {id}: the proxy.', zh: '{kind} {id}：proxy。' } },
    why: ZONES_WHY,
    scenarios: [],
    pitfalls: [],
    versions: ZONE_VERSIONS,
  },

  'istio-dns-ct-zone-app-query': {
    title: { en: 'Applications’ DNS queries: conntrack zone {zone}', zh: '应用的 DNS 查询：conntrack zone {zone}' },
    summary: {
      en: 'UDP queries to port 53 of the DNS server{cidr_suffix} are tracked in conntrack zone {zone}, the applications ↔ agent zone.',
      zh: '发往 DNS 服务器{cidr_suffix}的 53 端口的 UDP 查询在 conntrack zone {zone}（应用 ↔ agent）中跟踪。',
    },
    notes: { dst: { en: '{cidr}: a resolv.conf nameserver.', zh: '{cidr}：resolv.conf 中的 nameserver。' } },
    why: ZONES_WHY,
    scenarios: [
      {
        claim: 'dns-udp-redirect-latest',
        text: { en: 'With nameserver 10.10.10.6, the application’s query to 10.10.10.6:53 gets zone 2 here, then nat redirects it to the agent.', zh: 'nameserver 为 10.10.10.6 时，应用发往 10.10.10.6:53 的查询在这里得到 zone 2，随后 nat 把它重定向给 agent。' },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'The proxy’s own queries match it too, but the owner rules before it set zone 1 first, and a later CT rule does not change the zone.',
          zh: 'proxy 自己的查询也会匹配它，但前面的 owner 规则已先设了 zone 1，后面的 CT 规则不会再改。',
        },
        claim: 'dns-proxy-query-zone-1',
      },
    ],
    versions: ZONE_VERSIONS,
  },

  'istio-dns-ct-zone-server-reply': {
    title: { en: 'DNS servers’ replies: conntrack zone {zone}', zh: 'DNS 服务器的回复：conntrack zone {zone}' },
    summary: {
      en: 'UDP arriving from port 53 of the DNS server{cidr_suffix} is tracked in conntrack zone {zone}, with the agent’s upstream queries.',
      zh: '来自 DNS 服务器{cidr_suffix}的 53 端口的 UDP 在 conntrack zone {zone} 中跟踪，与 agent 的上游查询在同一 zone。',
    },
    notes: { src: { en: '{cidr}: a resolv.conf nameserver.', zh: '{cidr}：resolv.conf 中的 nameserver。' } },
    why: ZONES_WHY,
    scenarios: [
      {
        claim: 'dns-proxy-query-zone-1',
        text: { en: 'The server’s reply to the agent matches here, in the zone of the agent’s query.', zh: '服务器给 agent 的回复在这里匹配，与 agent 查询处于同一 zone。' },
      },
    ],
    pitfalls: [],
    versions: [
      {
        text: {
          en: 'Before 1.20 it matched `-d <server>`; since 1.20 `-s <server>` (PR #46937).',
          zh: '1.20 之前匹配的是 `-d <server>`；1.20 起改为 `-s <server>`（PR #46937）。',
        },
      },
      ...ZONE_VERSIONS,
    ],
  },
} satisfies Record<string, RoleText>
