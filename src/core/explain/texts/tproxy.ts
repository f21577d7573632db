import type { RoleText } from './text-types.ts'

const TPROXY_WHY = {
  en: 'In TPROXY mode inbound connections keep their original destination and source: mangle ISTIO_TPROXY hands them to Envoy’s listener {in} without NAT, and the mark {mark} plus the policy route (`ip rule fwmark {mark} lookup 133`, `local default dev lo table 133`) deliver them locally.',
  zh: 'TPROXY 模式下入站连接保留原目的地址和源地址：mangle ISTIO_TPROXY 不做 NAT，直接把它们交给 Envoy 的 listener {in}，再由 mark {mark} 和策略路由（`ip rule fwmark {mark} lookup 133`、`local default dev lo table 133`）送到本机。',
}

const TPROXY_VERSIONS = [
  {
    text: {
      en: 'IPv4 only until 1.12, which gave IPv6 the same rules (PR #34274, #35359). Routes are set with `ip` during generation up to 1.11, with netlink after the rules from 1.12 (PR #35360).',
      zh: '1.12 之前只有 IPv4；1.12 起 IPv6 也有同样的规则（PR #34274、#35359）。1.11 及之前在生成时用 `ip` 命令设置路由，1.12 起在规则之后用 netlink 设置（PR #35360）。',
    },
  },
]

/** TPROXY mode: mangle ISTIO_INBOUND, ISTIO_DIVERT, ISTIO_TPROXY, the marks and CONNMARK. */
export const TPROXY = {
  'istio-tproxy-divert-established': {
    title: { en: 'Established inbound connections: to ISTIO_DIVERT', zh: '已建立的入站连接：交给 ISTIO_DIVERT' },
    summary: {
      en: 'Packets of inbound TCP connections that conntrack already knows{port_suffix} jump to ISTIO_DIVERT, which marks them {mark} and accepts them.',
      zh: 'conntrack 已知的入站 TCP 连接{port_suffix}的后续包跳转到 ISTIO_DIVERT，由它打上 mark {mark} 并放行。',
    },
    notes: {
      ctstate: { en: 'RELATED or ESTABLISHED: not the first packet.', zh: 'RELATED 或 ESTABLISHED：不是第一个包。' },
      target: { en: 'ISTIO_DIVERT: MARK {mark}, then ACCEPT.', zh: 'ISTIO_DIVERT：MARK {mark}，然后 ACCEPT。' },
    },
    why: {
      en: 'Only a connection’s first packet needs TPROXY to find Envoy’s socket; later packets need just the mark, so the policy route delivers them to the same local socket.',
      zh: '只有连接的第一个包需要 TPROXY 去找到 Envoy 的 socket；后续的包只要带上 mark，策略路由就会把它们送到同一个本地 socket。',
    },
    scenarios: [
      {
        claim: 'tproxy-inbound',
        text: {
          en: 'A remote connection to 8080: its first packet goes to ISTIO_TPROXY, its later packets come here.',
          zh: '远端连接 8080：第一个包走 ISTIO_TPROXY，后续的包走这里。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'tproxy-inbound',
        text: { en: 'mangle sees every packet of a connection, unlike nat: its counters count packets.', zh: '与 nat 不同，mangle 能看到连接的每个包：它的计数器统计的是包数。' },
      },
    ],
    versions: TPROXY_VERSIONS,
  },

  'istio-tproxy-capture': {
    title: { en: 'New inbound connections: to ISTIO_TPROXY', zh: '新的入站连接：交给 ISTIO_TPROXY' },
    summary: {
      en: 'New inbound TCP connections{port_suffix} jump to ISTIO_TPROXY, which hands them to Envoy’s inbound listener {in} without changing their destination.',
      zh: '新的入站 TCP 连接{port_suffix}跳转到 ISTIO_TPROXY，由它在不改变目的地址的情况下交给 Envoy 的入站 listener {in}。',
    },
    notes: { target: { en: 'ISTIO_TPROXY: TPROXY to {in} with mark {mark}.', zh: 'ISTIO_TPROXY：TPROXY 到 {in}，打上 mark {mark}。' } },
    why: TPROXY_WHY,
    scenarios: [
      {
        claim: 'tproxy-inbound',
        text: { en: 'A remote connection to 8080 lands on Envoy’s {in} with its local address still :8080.', zh: '远端连接 8080，落到 Envoy 的 {in}，其本地地址仍是 :8080。' },
      },
    ],
    pitfalls: [
      {
        claim: 'tproxy-tunnel-port-captured',
        text: {
          en: 'The tunnel port is not excluded here: a connection to 15008 is TPROXYed to {in} like any other port.',
          zh: '这里没有排除隧道端口：发往 15008 的连接和其他端口一样被 TPROXY 到 {in}。',
        },
      },
    ],
    versions: TPROXY_VERSIONS,
  },

  'istio-divert-mark': {
    title: { en: 'ISTIO_DIVERT: mark {mark}', zh: 'ISTIO_DIVERT：打上 mark {mark}' },
    summary: { en: 'Packets get mark {mark}, the mark the policy route sends to the local stack.', zh: '包被打上 mark {mark}，策略路由据此把它送到本机协议栈。' },
    why: TPROXY_WHY,
    scenarios: [{ claim: 'tproxy-inbound', text: { en: 'The later packets of an inbound connection pass here.', zh: '入站连接的后续包经过这里。' } }],
    pitfalls: [],
    versions: TPROXY_VERSIONS,
  },

  'istio-divert-accept': {
    title: { en: 'ISTIO_DIVERT: accept', zh: 'ISTIO_DIVERT：放行' },
    summary: { en: 'Marked packets are accepted by the mangle table at once; the rest of ISTIO_INBOUND is skipped.', zh: '带 mark 的包立即被 mangle 表放行，跳过 ISTIO_INBOUND 的其余规则。' },
    notes: { target: { en: 'ACCEPT: the mangle table is done with the packet.', zh: 'ACCEPT：mangle 表对这个包处理完毕。' } },
    why: TPROXY_WHY,
    scenarios: [{ claim: 'tproxy-inbound', text: { en: 'The later packets of an inbound connection stop here.', zh: '入站连接的后续包停在这里。' } }],
    pitfalls: [],
    versions: TPROXY_VERSIONS,
  },

  'istio-tproxy-target': {
    title: { en: 'ISTIO_TPROXY: hand the connection to Envoy', zh: 'ISTIO_TPROXY：把连接交给 Envoy' },
    summary: {
      en: 'TCP not addressed to {lb} is handed to the local socket on {to} (Envoy’s inbound listener) with its destination unchanged, and gets mark {mark}.',
      zh: '目的地址不是 {lb} 的 TCP 被交给本机 {to} 端口的 socket（Envoy 的入站 listener），目的地址不变，并打上 mark {mark}。',
    },
    notes: {
      'not-dst': { en: 'Not {lb}: connections already redirected to localhost are left alone.', zh: '不是 {lb}：已被重定向到 localhost 的连接不处理。' },
      target: { en: 'TPROXY: no NAT; Envoy sees the original destination as its local address.', zh: 'TPROXY：不做 NAT；Envoy 看到的本地地址就是原目的地址。' },
    },
    why: TPROXY_WHY,
    scenarios: [
      {
        claim: 'tproxy-inbound',
        text: { en: 'A remote connection to 8080 lands on {to} with local address 10.10.13.113:8080.', zh: '远端连接 8080，落到 {to}，本地地址为 10.10.13.113:8080。' },
      },
      {
        claim: 'tproxy-proxy-own-pod-ip',
        text: {
          en: 'Envoy (uid 0, gid 1337) calling its own Pod IP is captured here when its SYN loops back in over lo, because mangle OUTPUT marked it 1338.',
          zh: 'Envoy（uid 0、gid 1337）访问自己的 Pod IP：SYN 经 lo 回环进来时在这里被拦截，因为 mangle OUTPUT 已给它打上 1338。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'TPROXY needs the policy route (`ip rule fwmark {mark} lookup 133`); the rules alone do not deliver the packets. istio-iptables sets the route outside the rules file.',
          zh: 'TPROXY 离不开策略路由（`ip rule fwmark {mark} lookup 133`），只有规则并不能把包送到本机。istio-iptables 在规则文件之外设置路由。',
        },
      },
    ],
    versions: [
      { text: { en: '`--on-port` is the inbound capture port since 1.9 (PR #28457); 1.5–1.8 used the outbound port.', zh: '1.9 起 `--on-port` 为入站拦截端口（PR #28457）；1.5–1.8 用的是出站端口。' } },
      ...TPROXY_VERSIONS,
    ],
  },

  'istio-tproxy-connmark-save': {
    title: { en: 'Save the mark on the connection', zh: '把 mark 保存到连接上' },
    summary: { en: 'Arriving TCP packets carrying mark {mark} copy it into their connection’s mark (CONNMARK --save-mark).', zh: '带 mark {mark} 的进入 TCP 包把它保存为所属连接的 connmark（CONNMARK --save-mark）。' },
    notes: {
      mark: { en: 'Mark {mark}: set by TPROXY or ISTIO_DIVERT.', zh: 'mark {mark}：由 TPROXY 或 ISTIO_DIVERT 设置。' },
      target: { en: 'CONNMARK --save-mark: the connection remembers the mark.', zh: 'CONNMARK --save-mark：连接记住这个 mark。' },
    },
    why: {
      en: 'Envoy’s replies on a TPROXYed connection must be routed back through the local stack too; the connection mark lets mangle OUTPUT restore the packet mark on them.',
      zh: 'Envoy 在 TPROXY 连接上发出的回包也要经本机协议栈路由；有了 connmark，mangle OUTPUT 就能把 mark 恢复到这些包上。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.9 (PR #28457).', zh: '1.9 起（PR #28457）。' } }],
  },

  'istio-tproxy-connmark-restore': {
    title: { en: 'Restore the mark from the connection', zh: '从连接恢复 mark' },
    summary: { en: 'Locally sent TCP on a connection marked {mark} gets the mark back on the packet (CONNMARK --restore-mark).', zh: '本机在 connmark 为 {mark} 的连接上发出的 TCP 包，重新带上该 mark（CONNMARK --restore-mark）。' },
    notes: {
      connmark: { en: 'Connection mark {mark}: saved in mangle PREROUTING.', zh: 'connmark {mark}：在 mangle PREROUTING 中保存。' },
    },
    why: {
      en: 'With the mark restored, the policy route keeps replies of TPROXYed connections on the local path.',
      zh: '恢复 mark 后，策略路由让 TPROXY 连接的回包保持在本机路径上。',
    },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.9 (PR #28457).', zh: '1.9 起（PR #28457）。' } }],
  },

  'istio-tproxy-inbound-mark-return': {
    title: { en: 'Already marked: leave ISTIO_INBOUND', zh: '已带 mark：离开 ISTIO_INBOUND' },
    summary: { en: 'Packets that already carry mark {mark} leave ISTIO_INBOUND: they have been handled.', zh: '已带 mark {mark} 的包离开 ISTIO_INBOUND：它们已经处理过了。' },
    notes: { mark: { en: 'Mark {mark}: set by TPROXY/ISTIO_DIVERT or restored from the connection.', zh: 'mark {mark}：由 TPROXY/ISTIO_DIVERT 设置，或从连接恢复。' } },
    why: { en: 'It keeps packets from being diverted twice.', zh: '避免同一个包被处理两次。' },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Inserted as the first rule of mangle ISTIO_INBOUND since 1.9 (PR #28457).', zh: '1.9 起作为 mangle ISTIO_INBOUND 的第一条规则插入（PR #28457）。' } }],
  },

  'istio-tproxy-inbound-passthrough-127.0.0.6': {
    title: { en: 'Envoy’s passthrough from 127.0.0.6 is not captured', zh: 'Envoy 以 127.0.0.6 透传的连接不拦截' },
    summary: {
      en: 'TCP arriving on lo from 127.0.0.6 (::6) leaves ISTIO_INBOUND: it is Envoy forwarding an inbound request to the application, the TPROXY counterpart of ①.',
      zh: '从 lo 进入、源地址为 127.0.0.6（::6）的 TCP 离开 ISTIO_INBOUND：这是 Envoy 把入站请求转给应用，对应 TPROXY 模式下的 ①。',
    },
    notes: { src: { en: '127.0.0.6: Envoy’s inbound passthrough source.', zh: '127.0.0.6：Envoy 入站透传的源地址。' }, in: { en: 'lo: sent inside the Pod.', zh: 'lo：Pod 内部发出。' } },
    why: {
      en: 'Envoy’s forwarding connection to the application loops back in over lo and carries mark 1338; without this rule ISTIO_TPROXY would capture it again.',
      zh: 'Envoy 转发给应用的连接经 lo 回环进来，并带着 mark 1338；没有这条规则，ISTIO_TPROXY 会再次拦截它。',
    },
    scenarios: [
      {
        claim: 'tproxy-passthrough',
        text: {
          en: 'Envoy (uid 0, gid 1337) connecting from 127.0.0.6 to the Pod IP on 8080 is marked 1338 in mangle OUTPUT, returns here on the way in, and reaches the application.',
          zh: 'Envoy（uid 0、gid 1337）以 127.0.0.6 连接 Pod IP 的 8080：在 mangle OUTPUT 被打上 1338，进入时在此 RETURN，到达应用。',
        },
      },
    ],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.11 (PR #31165); ::6 since 1.12 (PR #35359).', zh: '1.11 起（PR #31165）；::6 从 1.12 起（PR #35359）。' } }],
  },

  'istio-tproxy-inbound-loopback-return': {
    title: { en: 'Loopback traffic without mark 1338 is not captured', zh: '不带 1338 的 loopback 流量不拦截' },
    summary: {
      en: 'TCP arriving on lo without mark {mark_out} leaves ISTIO_INBOUND: only the proxy’s own loopback connections are captured again.',
      zh: '从 lo 进入、不带 mark {mark_out} 的 TCP 离开 ISTIO_INBOUND：只有 proxy 自己的 loopback 连接才会被再次拦截。',
    },
    notes: {
      in: { en: 'lo: sent inside the Pod.', zh: 'lo：Pod 内部发出。' },
      mark: { en: 'Not mark {mark_out}: not sent by the proxy to a Pod address.', zh: '不带 mark {mark_out}：不是 proxy 发往 Pod 地址的。' },
    },
    why: {
      en: 'The TPROXY counterpart of ③: the application’s calls to itself stay local.',
      zh: '对应 TPROXY 模式下的 ③：应用对自己的调用留在本地。',
    },
    scenarios: [
      {
        claim: 'tproxy-app-loopback-returns',
        text: {
          en: 'The application calling 127.0.0.1:8080 or its Pod IP returns here on the way in and reaches itself directly.',
          zh: '应用访问 127.0.0.1:8080 或自己的 Pod IP：进入时在此 RETURN，直接到达。',
        },
      },
    ],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.11 (PR #31165).', zh: '1.11 起（PR #31165）。' } }],
  },

  'istio-tproxy-output-mark-return': {
    title: { en: 'Marked loopback replies are left alone', zh: '带 mark 的 loopback 回包不处理' },
    summary: { en: 'TCP leaving through lo with mark {mark} leaves mangle OUTPUT before the 1338 marking.', zh: '经 lo 发出、带 mark {mark} 的 TCP 在打 1338 之前离开 mangle OUTPUT。' },
    notes: { mark: { en: 'Mark {mark}: a TPROXYed connection.', zh: 'mark {mark}：TPROXY 的连接。' } },
    why: { en: 'Packets of TPROXYed connections already carry the right mark; they must not be re-marked 1338.', zh: 'TPROXY 连接的包已带着正确的 mark，不能再被改成 1338。' },
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.11 (PR #31165).', zh: '1.11 起（PR #31165）。' } }],
  },

  'istio-tproxy-output-mark-1338': {
    title: { en: 'Mark the proxy’s loopback connections 1338', zh: '给 proxy 的 loopback 连接打上 1338' },
    summary: {
      en: 'TCP from {kind} {id} leaving through lo to a Pod address other than {lb} gets mark {to_mark}, so ISTIO_INBOUND can tell it apart on the way in.',
      zh: '{kind} {id} 经 lo 发往本 Pod 地址（{lb} 除外）的 TCP 被打上 mark {to_mark}，进入时 ISTIO_INBOUND 就能把它区分出来。',
    },
    notes: {
      'not-dst': { en: 'Not {lb}.', zh: '不是 {lb}。' },
      out: { en: 'lo: to this Pod.', zh: 'lo：发往本 Pod。' },
      owner: { en: '{kind} {id}: the proxy.', zh: '{kind} {id}：proxy。' },
      target: { en: 'MARK {to_mark}, then continue.', zh: 'MARK {to_mark}，然后继续。' },
    },
    why: {
      en: 'On the way back in over lo, ISTIO_INBOUND RETURNs loopback traffic without 1338; the proxy’s marked connections go on to TPROXY (the hairpin), except the 127.0.0.6 passthrough.',
      zh: '经 lo 回环进入时，ISTIO_INBOUND 对不带 1338 的 loopback 流量 RETURN；proxy 带 mark 的连接继续走 TPROXY（hairpin），127.0.0.6 的透传除外。',
    },
    scenarios: [
      {
        claim: 'tproxy-proxy-own-pod-ip',
        text: { en: 'Envoy (uid 0, gid 1337) calling its own Pod IP is marked here and captured by ISTIO_TPROXY on the way in.', zh: 'Envoy（uid 0、gid 1337）访问自己的 Pod IP：在这里被打上 mark，进入时被 ISTIO_TPROXY 拦截。' },
      },
      {
        claim: 'tproxy-passthrough',
        text: { en: 'Its passthrough connection from 127.0.0.6 is marked too, and returned in ISTIO_INBOUND by the 127.0.0.6 rule.', zh: '它以 127.0.0.6 发起的透传连接同样被打上 mark，进入时由 ISTIO_INBOUND 的 127.0.0.6 规则 RETURN。' },
      },
    ],
    pitfalls: [],
    versions: [{ text: { en: 'Since 1.11 (PR #31165).', zh: '1.11 起（PR #31165）。' } }],
  },

  'istio-tproxy-output-local-mark': {
    title: { en: 'Mark localhost-sourced traffic (1.6–1.8)', zh: '给源自 localhost 的流量打 mark（1.6–1.8）' },
    summary: {
      en: 'TCP sent from 127.0.0.1 to any other address gets mark {to_mark}: the early TPROXY mode’s way to route Envoy’s replies locally.',
      zh: '从 127.0.0.1 发往其他地址的 TCP 被打上 mark {to_mark}：早期 TPROXY 模式用它让 Envoy 的回包走本机路由。',
    },
    why: TPROXY_WHY,
    scenarios: [],
    pitfalls: [],
    versions: [{ text: { en: '1.6–1.8 only (PR #23446); 1.9 replaced it with CONNMARK save/restore (PR #28457).', zh: '仅 1.6–1.8（PR #23446）；1.9 改用 CONNMARK save/restore（PR #28457）。' } }],
  },
} satisfies Record<string, RoleText>
