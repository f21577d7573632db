import type { RoleText } from './text-types.ts'

const GID_WHY = {
  en: 'Envoy can run with uid 0 and gid {id}: the injection template does so for TPROXY mode and for proxies that need NET_BIND_SERVICE or privileges. istio-iptables therefore emits the owner triple twice, once per proxy uid (②③④) and once per proxy gid (⑤⑥⑦), “to run Envoy under either uid 1337 or gid 1337, or both” (istio/istio#30306).',
  zh: 'Envoy 可能以 uid 0、gid {id} 运行：注入模板在 TPROXY 模式、需要 NET_BIND_SERVICE 或特权的 proxy 中就是这样设置的。因此 istio-iptables 把 owner 规则组生成两遍：每个 proxy uid 一组（②③④），每个 proxy gid 一组（⑤⑥⑦），目的是“to run Envoy under either uid 1337 or gid 1337, or both”（istio/istio#30306）。',
}

const UNREACHABLE = {
  en: 'With the default single proxy uid, no connection reaches it: ③ RETURNs every lo connection not sent by uid {uid}, and ② or ④ take the rest. Checked with uids 1337, 1000 and 0 × gids 1337 and 1000 × an external host, the Pod IP and 127.0.0.1, over TCP and UDP.',
  zh: '在默认只有一个 proxy uid 的配置下，没有连接能走到这里：③ 放行所有不是 uid {uid} 发出的 lo 连接，其余由 ② 或 ④ 处理。已用 uid 1337、1000、0 × gid 1337、1000 × 外部地址、Pod IP、127.0.0.1，TCP 与 UDP 逐一验证。',
}

/** ISTIO_OUTPUT rules ⑤ to ⑨: the gid triple, localhost, and the capture. */
export const OUTPUT_5_9 = {
  'istio-output-proxy-gid-loopback-redirect': {
    title: { en: '⑤ Like ②, for the proxy gid', zh: '⑤ 与 ② 相同，按 proxy gid' },
    summary: {
      en: 'Connections from gid {id} over lo to an address of this Pod other than {lb} jump to ISTIO_IN_REDIRECT, as ② does for the proxy uid.',
      zh: 'gid {id} 经 lo 访问本 Pod 地址（{lb} 除外）的连接跳转到 ISTIO_IN_REDIRECT，与 ② 对 proxy uid 的处理相同。',
    },
    notes: {
      out: { en: 'lo: the destination is one of this Pod’s addresses.', zh: 'lo：目的地址是本 Pod 的地址。' },
      'not-dst': { en: 'Not {lb}: localhost is left alone.', zh: '不是 {lb}：localhost 不处理。' },
      dport: { en: 'Not the tunnel port {tunnel} (1.18+).', zh: '不是隧道端口 {tunnel}（1.18+）。' },
      owner: { en: 'gid {id}: the proxy’s group.', zh: 'gid {id}：proxy 所在的组。' },
      target: { en: 'ISTIO_IN_REDIRECT: REDIRECT to Envoy’s inbound listener {in}.', zh: 'ISTIO_IN_REDIRECT：REDIRECT 到 Envoy 的入站 listener {in}。' },
    },
    why: GID_WHY,
    scenarios: [
      { claim: 'default-never-hits-5-6-8', text: UNREACHABLE },
      {
        claim: 'loopback-include-gid-hits-5',
        text: {
          en: 'It is reached when ③ is absent: with a loopback range in -i, a process with uid 0 and gid {id} calling the Pod IP jumps here and lands on {in}.',
          zh: '当 ③ 不存在时才会命中：-i 中有 loopback 网段时，uid 0、gid {id} 的进程访问 Pod IP，在此跳转并落到 {in}。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'tproxy-proxy-own-pod-ip',
        text: {
          en: 'In TPROXY mode Envoy runs as uid 0, gid 1337, yet its call to its own Pod IP stops at ③. The capture happens in mangle instead: OUTPUT marks it 1338 and ISTIO_TPROXY takes it when it loops back in.',
          zh: 'TPROXY 模式下 Envoy 以 uid 0、gid 1337 运行，但它访问自己 Pod IP 的连接停在 ③。拦截改在 mangle 中完成：OUTPUT 给它打上 1338，回环进来时由 ISTIO_TPROXY 接管。',
        },
      },
      {
        claim: 'default-never-hits-5-6-8',
        text: {
          en: '“Rules 5 and 6 look useless” (discuss.istio.io/t/17698): with one proxy uid, they are.',
          zh: '“规则 5 和 6 看起来没用”（discuss.istio.io/t/17698）：只有一个 proxy uid 时确实如此。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Before 1.18 the gid rule had no protocol or port test, even with DNS capture; since 1.18 `-p tcp ! --dport {tunnel}` (PR #43414).',
          zh: '1.18 之前 gid 规则不限协议和端口，开启 DNS 捕获时也一样；1.18 起带 `-p tcp ! --dport {tunnel}`（PR #43414）。',
        },
      },
    ],
  },

  'istio-output-non-proxy-gid-loopback-return': {
    title: { en: '⑥ Like ③, for the proxy gid', zh: '⑥ 与 ③ 相同，按 proxy gid' },
    summary: {
      en: 'Connections over lo from any process whose gid is not {id} leave ISTIO_OUTPUT, as ③ does for uids.',
      zh: 'gid 不是 {id} 的进程经 lo 发出的连接离开 ISTIO_OUTPUT，与 ③ 对 uid 的处理相同。',
    },
    notes: {
      out: { en: 'lo: the destination is an address of this Pod.', zh: 'lo：目的地址是本 Pod 的地址。' },
      owner: { en: 'Not gid {id}: anything outside the proxy’s group.', zh: '不是 gid {id}：proxy 组以外的进程。' },
      proto: { en: 'With DNS capture: TCP only.', zh: '开启 DNS 捕获时只看 TCP。' },
      dport: { en: 'With DNS capture: not port 53.', zh: '开启 DNS 捕获时不含 53 端口。' },
      target: { en: 'RETURN: leave ISTIO_OUTPUT.', zh: 'RETURN：离开 ISTIO_OUTPUT。' },
    },
    why: GID_WHY,
    scenarios: [{ claim: 'default-never-hits-5-6-8', text: UNREACHABLE }],
    pitfalls: [
      {
        claim: 'default-never-hits-5-6-8',
        text: {
          en: 'By rule order it only sees lo connections that ③ let pass, i.e. those of the proxy uid, and ④ has taken them already. The kernel check agrees for the default sidecar.',
          zh: '按规则顺序，它只能看到 ③ 放过的 lo 连接，也就是 proxy uid 的连接，而这些已被 ④ 处理。对默认 sidecar 的内核验证结果一致。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Omitted, like ③, when an include range (-i) contains a loopback address (1.7+, PR #24143).',
          zh: '与 ③ 一样，当 include 网段（-i）含 loopback 地址时不生成（1.7+，PR #24143）。',
        },
      },
    ],
  },

  'istio-output-proxy-gid-return': {
    title: { en: '⑦ Traffic of the proxy group is not captured', zh: '⑦ proxy 组的流量不拦截' },
    summary: {
      en: 'Everything else a process with gid {id} sends leaves ISTIO_OUTPUT, whatever its uid.',
      zh: 'gid 为 {id} 的进程发出的其余流量全部离开 ISTIO_OUTPUT，无论其 uid 是什么。',
    },
    notes: {
      owner: { en: 'gid {id}: the proxy’s group. No protocol or interface test.', zh: 'gid {id}：proxy 所在的组。不限协议和接口。' },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: GID_WHY,
    scenarios: [
      {
        claim: 'gid-only-proxy-hits-7',
        text: {
          en: 'A process with uid 1000 or 0 and gid {id} connecting to 93.184.216.34:80 stops here and reaches it directly.',
          zh: 'uid 为 1000 或 0、gid 为 {id} 的进程连接 93.184.216.34:80：在此 RETURN，直接到达。',
        },
      },
      {
        claim: 'tproxy-proxy-upstream-hits-7',
        text: {
          en: 'In TPROXY mode Envoy runs as uid 0, gid 1337: its upstream connections stop here, not at ④.',
          zh: 'TPROXY 模式下 Envoy 以 uid 0、gid 1337 运行：它连上游的连接停在这里，而不是 ④。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'gid-only-proxy-hits-7',
        text: {
          en: 'Any process whose gid is {id} bypasses Envoy, whatever its uid (istio/istio#6557, #6576).',
          zh: 'gid 为 {id} 的任何进程都会绕过 Envoy，无论 uid 是什么（istio/istio#6557、#6576）。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'The gid list (-g) defaults to the uid list; 1.5–1.7 copied the whole PROXY_UID string, “,0” included, so gid 0 was exempt too (fixed in 1.8, PR #26081).',
          zh: 'gid 列表（-g）默认与 uid 列表相同；1.5–1.7 会整串复制 PROXY_UID（连同“,0”），所以 gid 0 也被放行（1.8 修复，PR #26081）。',
        },
      },
    ],
  },

  'istio-output-localhost-return': {
    title: { en: '⑧ localhost is not captured', zh: '⑧ localhost 不拦截' },
    summary: {
      en: 'Connections to {lb} that got past the owner rules leave ISTIO_OUTPUT.',
      zh: '通过了前面 owner 规则、发往 {lb} 的连接离开 ISTIO_OUTPUT。',
    },
    notes: {
      dst: {
        en: '{lb}: localhost (ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR since 1.21; ::1/128 in IPv6).',
        zh: '{lb}：localhost（1.21 起由 ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR 决定；IPv6 为 ::1/128）。',
      },
      target: { en: 'RETURN: no redirect.', zh: 'RETURN：不重定向。' },
    },
    why: {
      en: 'Istio’s comment: “Skip redirection for Envoy-aware applications and container-to-container traffic both of which explicitly use localhost”.',
      zh: 'Istio 注释：“Skip redirection for Envoy-aware applications and container-to-container traffic both of which explicitly use localhost”。',
    },
    scenarios: [
      {
        claim: 'default-never-hits-5-6-8',
        text: {
          en: 'In the default sidecar (no DNS capture) no connection reaches it: 127.0.0.1 is always routed through lo, so ③ or ④ decide first. Checked with uids 1337, 1000 and 0 × gids 1337 and 1000 × an external host, the Pod IP and 127.0.0.1, over TCP and UDP.',
          zh: '默认 sidecar（未开启 DNS 捕获）中没有连接能走到这里：127.0.0.1 总是经 lo 路由，③ 或 ④ 先作出决定。已用 uid 1337、1000、0 × gid 1337、1000 × 外部地址、Pod IP、127.0.0.1，TCP 与 UDP 逐一验证。',
        },
      },
      {
        claim: 'dns-capture-udp-localhost-hits-8',
        text: {
          en: 'With DNS capture (1.25+), ③ and ⑥ cover only TCP other than port 53, so an application’s UDP datagram to 127.0.0.1 passes them, passes the DNS chain, and stops here.',
          zh: '开启 DNS 捕获时（1.25+），③ 和 ⑥ 只覆盖 53 以外的 TCP，因此应用发往 127.0.0.1 的 UDP 包会越过它们和 DNS chain，停在这里。',
        },
      },
      {
        claim: 'loopback-include-localhost-hits-8',
        text: {
          en: 'With a loopback range in -i, ③ is not generated, and the application’s call to 127.0.0.1 stops here.',
          zh: '-i 中有 loopback 网段时不生成 ③，应用访问 127.0.0.1 的连接停在这里。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'app-to-localhost-hits-3',
        text: {
          en: 'Jimmy Song’s and Tetrate’s tables send app → 127.0.0.1 to rule 8; the kernel stops it at ③.',
          zh: '宋净超和 Tetrate 的文章把“应用 → 127.0.0.1”归到规则 8，内核实际停在 ③。',
        },
      },
      {
        claim: 'proxy-to-localhost-hits-4',
        text: {
          en: 'Tetrate’s “Type 5” sends Envoy’s localhost traffic to rule 8; the kernel stops it at ④.',
          zh: 'Tetrate 的“Type 5”说 Envoy 的 localhost 流量命中规则 8，内核实际停在 ④。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Configurable since 1.21 (ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR, PR #48045). The DNS jump (1.25+) and owner-group rules (1.14+) come before it; the exclude CIDRs (-x) and include ports (-q) after it.',
          zh: '1.21 起可配置（ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR，PR #48045）。DNS 跳转（1.25+）和 owner-group 规则（1.14+）在它之前；exclude 网段（-x）和 include 端口（-q）在它之后。',
        },
      },
    ],
  },

  'istio-output-redirect': {
    title: { en: '⑨ Everything else goes to Envoy', zh: '⑨ 其余流量交给 Envoy' },
    summary: {
      en: 'All traffic still in ISTIO_OUTPUT jumps to ISTIO_REDIRECT, which sends TCP to Envoy’s outbound listener {out}.',
      zh: '仍留在 ISTIO_OUTPUT 中的流量全部跳转到 ISTIO_REDIRECT，由它把 TCP 重定向到 Envoy 的出站 listener {out}。',
    },
    notes: {
      target: {
        en: 'ISTIO_REDIRECT: `-p tcp -j REDIRECT --to-ports {out}`; the destination becomes 127.0.0.1:{out}, Envoy recovers the original with SO_ORIGINAL_DST.',
        zh: 'ISTIO_REDIRECT：`-p tcp -j REDIRECT --to-ports {out}`，目的地址变为 127.0.0.1:{out}，Envoy 用 SO_ORIGINAL_DST 取回原目的地址。',
      },
    },
    why: {
      en: 'This is the outbound capture itself: the application’s connections go to Envoy, which routes them (mTLS, retries, policy) to the real destination.',
      zh: '这就是出站拦截本身：应用的连接交给 Envoy，由 Envoy 路由到真实目的地（mTLS、重试、策略）。',
    },
    scenarios: [
      {
        claim: 'app-external-hits-9',
        text: {
          en: 'The application (uid 1000) connecting to 93.184.216.34:80 jumps here and lands on 127.0.0.1:{out}.',
          zh: '应用（uid 1000）连接 93.184.216.34:80：在此跳转，落到 127.0.0.1:{out}。',
        },
      },
      {
        claim: 'udp-falls-through-redirect',
        text: {
          en: 'From 1.25 UDP reaches this rule too, but ISTIO_REDIRECT matches only TCP: a UDP datagram leaves unredirected.',
          zh: '从 1.25 起 UDP 也会走到这条规则，但 ISTIO_REDIRECT 只匹配 TCP：UDP 包不会被重定向。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: '“Rule 9” is a role, not a line number: outbound port excludes (-o) come before ①, DNS and owner-group rules before ⑧, exclude CIDRs and include ports after it.',
          zh: '“规则 9”是一个角色，不是行号：出站端口排除（-o）排在 ① 之前，DNS 和 owner-group 规则在 ⑧ 之前，exclude 网段和 include 端口在 ⑧ 之后。',
        },
      },
      {
        claim: 'no-rule-9-no-capture',
        text: {
          en: 'With an empty include list (-i "") istio-iptables emits no ⑨, and application traffic leaves without Envoy.',
          zh: 'include 列表为空（-i ""）时 istio-iptables 不生成 ⑨，应用流量不经 Envoy 直接出去。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Emitted only for -i \'*\'. A CIDR list gives one `-d CIDR -j ISTIO_REDIRECT` per range instead; before 1.23 that list ended with `-j RETURN` (PR #51352).',
          zh: '只在 -i \'*\' 时生成。网段列表则改为每个网段一条 `-d CIDR -j ISTIO_REDIRECT`；1.23 之前列表末尾还有一条 `-j RETURN`（PR #51352）。',
        },
      },
      {
        text: {
          en: 'Up to 1.24 nat OUTPUT jumped to ISTIO_OUTPUT for TCP only; from 1.25 for every protocol (PR #53998).',
          zh: '1.24 及之前 nat OUTPUT 只把 TCP 送进 ISTIO_OUTPUT；1.25 起所有协议都进入（PR #53998）。',
        },
      },
    ],
  },

  'istio-output-include-cidr': {
    title: { en: '⑨ Traffic to {cidr} goes to Envoy', zh: '⑨ 发往 {cidr} 的流量交给 Envoy' },
    summary: {
      en: 'Connections to {cidr} jump to ISTIO_REDIRECT (Envoy’s outbound listener {out}); only the include ranges (-i) are captured.',
      zh: '发往 {cidr} 的连接跳转到 ISTIO_REDIRECT（Envoy 的出站 listener {out}）；只有 include 网段（-i）内的流量被拦截。',
    },
    notes: {
      dst: { en: '{cidr}: one of the ranges in -i / ISTIO_SERVICE_CIDR.', zh: '{cidr}：-i / ISTIO_SERVICE_CIDR 中的一个网段。' },
      target: { en: 'ISTIO_REDIRECT: REDIRECT TCP to {out}.', zh: 'ISTIO_REDIRECT：把 TCP REDIRECT 到 {out}。' },
    },
    why: {
      en: 'The include list narrows capture to the mesh’s service ranges; traffic to anything else leaves without Envoy.',
      zh: 'include 列表把拦截范围缩小到网格的服务网段；发往其他地址的流量不经 Envoy。',
    },
    scenarios: [
      {
        claim: 'include-cidr-redirects',
        text: {
          en: 'The application connecting to 10.96.0.10:80 (inside -i 10.96.0.0/12) jumps here and lands on {out}.',
          zh: '应用连接 10.96.0.10:80（在 -i 10.96.0.0/12 内）：在此跳转，落到 {out}。',
        },
      },
      {
        claim: 'outside-include-cidr-leaves',
        text: {
          en: 'A connection to 93.184.216.34:80, outside the ranges, matches no rule and leaves unredirected.',
          zh: '连接 93.184.216.34:80（不在网段内）不匹配任何规则，不被重定向。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'loopback-include-cidr-redirects',
        text: {
          en: 'A loopback range here (e.g. 127.1.2.3/32) is captured too, and its presence removes ③ and ⑥.',
          zh: '这里的 loopback 网段（如 127.1.2.3/32）同样会被拦截，而且它的存在会让 ③ 和 ⑥ 不生成。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Before 1.23 the list ended with `-A ISTIO_OUTPUT -j RETURN` (PR #51352). From 1.16 the CIDR is printed as written, host bits kept (PR #41332).',
          zh: '1.23 之前列表末尾有 `-A ISTIO_OUTPUT -j RETURN`（PR #51352）。1.16 起网段按原样输出，保留主机位（PR #41332）。',
        },
      },
    ],
  },
} satisfies Record<string, RoleText>
