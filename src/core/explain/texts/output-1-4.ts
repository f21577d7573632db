import type { RoleText } from './text-types.ts'

/** ISTIO_OUTPUT rules ① to ④: the 127.0.0.6 passthrough and the uid triple. */
export const OUTPUT_1_4 = {
  'istio-output-passthrough-127.0.0.6': {
    title: { en: '① Envoy’s inbound passthrough to the app', zh: '① Envoy 把入站请求透传给应用' },
    summary: {
      en: 'Connections sent over lo from 127.0.0.6 (::6 in IPv6) leave ISTIO_OUTPUT unchanged: this is Envoy handing an inbound request to the application.',
      zh: '源地址为 127.0.0.6（IPv6 为 ::6）、经 lo 发出的连接原样离开 ISTIO_OUTPUT：这是 Envoy 把入站请求交给应用。',
    },
    notes: {
      out: { en: 'lo: the destination is an address of this Pod.', zh: 'lo：目的地址是本 Pod 自己的地址。' },
      src: {
        en: '127.0.0.6 (::6) is the address Envoy binds as the source when it forwards an inbound request. Nothing else in the Pod uses it.',
        zh: '127.0.0.6（::6）是 Envoy 转发入站请求时绑定的源地址，Pod 里别的进程不会用它。',
      },
      target: {
        en: 'RETURN: leave ISTIO_OUTPUT; nat OUTPUT’s policy (ACCEPT) lets the connection reach the application as it is.',
        zh: 'RETURN：离开 ISTIO_OUTPUT，回到 nat OUTPUT，按默认策略 ACCEPT 原样到达应用。',
      },
    },
    why: {
      en: 'Inbound requests end at Envoy’s inbound listener ({in}). Envoy then opens a second connection, as uid {uid}, to the application at the Pod IP, over lo. That connection would match ② and be sent back to {in}, in a loop. Envoy binds it to 127.0.0.6, and this rule lets it through before ② is reached. Istio’s code comment: “127.0.0.6/::6 is bind connect from inbound passthrough cluster”.',
      zh: '入站请求先到 Envoy 的入站 listener（{in}）。随后 Envoy 以 uid {uid} 经 lo 向 Pod IP 上的应用发起第二条连接。这条连接会命中 ②，被送回 {in}，形成循环。Envoy 把它的源地址绑定为 127.0.0.6，本规则在 ② 之前放行它。Istio 源码注释：“127.0.0.6/::6 is bind connect from inbound passthrough cluster”。',
    },
    scenarios: [
      {
        claim: 'passthrough-hits-1',
        text: {
          en: 'Envoy (uid {uid}) connecting from 127.0.0.6 to the Pod IP on port 8080 stops here and reaches the application on 8080. The same holds for ::6 in IPv6.',
          zh: 'Envoy（uid {uid}）以 127.0.0.6 为源地址连接 Pod IP 的 8080 端口：在此 RETURN，直接到达 8080 上的应用。IPv6 的 ::6 同样如此。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'Applications see 127.0.0.6 as the client address of inbound requests (istio/istio#29603).',
          zh: '应用看到的入站请求客户端地址是 127.0.0.6（istio/istio#29603）。',
        },
      },
      {
        claim: 'proxy-to-own-pod-ip-hits-2',
        text: {
          en: 'Without this rule the passthrough would loop: a proxy connection to the Pod IP from any other source matches ② and lands on Envoy’s inbound listener again.',
          zh: '没有这条规则，透传就会循环：proxy 以其他源地址连接 Pod IP 时命中 ②，又回到 Envoy 的入站 listener。',
        },
      },
    ],
    versions: [
      { text: { en: 'Added in Istio 1.3 (PR #15906, “Infloop13”).', zh: 'Istio 1.3 加入（PR #15906，“Infloop13”）。' } },
      {
        claim: 'proxy-to-localhost-hits-4',
        text: {
          en: 'From 1.10 every inbound request reaches the application this way (PILOT_ENABLE_INBOUND_PASSTHROUGH, issue #29940; istio.io blog “Upcoming networking changes in Istio 1.10”). Before 1.10, requests to declared ports were forwarded to 127.0.0.1; that connection stops at ④, not here.',
          zh: '从 1.10 起，所有入站请求都经这条路到达应用（PILOT_ENABLE_INBOUND_PASSTHROUGH，issue #29940；istio.io 博客“Upcoming networking changes in Istio 1.10”）。1.10 之前，发往已声明端口的请求被转发到 127.0.0.1，这条连接停在 ④，而不是这里。',
        },
      },
      {
        text: {
          en: 'TPROXY mode adds the same exception to mangle ISTIO_INBOUND (`-s 127.0.0.6/32 -i lo -j RETURN`, 1.11+, PR #31165; ::6 from 1.12, PR #35359).',
          zh: 'TPROXY 模式在 mangle ISTIO_INBOUND 中也有同样的例外（`-s 127.0.0.6/32 -i lo -j RETURN`，1.11 起，PR #31165；::6 从 1.12 起，PR #35359）。',
        },
      },
    ],
  },

  'istio-output-proxy-uid-loopback-redirect': {
    title: { en: '② The proxy calling its own Pod goes through the inbound listener', zh: '② proxy 访问本 Pod：重新经过入站 listener' },
    summary: {
      en: 'Connections from uid {id} over lo to an address of this Pod other than {lb} jump to ISTIO_IN_REDIRECT, Envoy’s inbound listener {in}.',
      zh: 'uid {id} 经 lo 访问本 Pod 地址（{lb} 除外）的连接跳转到 ISTIO_IN_REDIRECT，即 Envoy 的入站 listener {in}。',
    },
    notes: {
      out: { en: 'lo: the destination is one of this Pod’s addresses (the Pod IP or a loopback address).', zh: 'lo：目的地址是本 Pod 的地址（Pod IP 或 loopback 地址）。' },
      'not-dst': {
        en: 'Not {lb}: localhost is left to ④. Any other loopback address, such as 127.0.1.1, is caught here (istio/istio#47211).',
        zh: '不是 {lb}：localhost 留给 ④。其他 loopback 地址（如 127.0.1.1）会在这里被拦截（istio/istio#47211）。',
      },
      proto: { en: 'TCP only: REDIRECT to Envoy makes sense for TCP.', zh: '只看 TCP：只有 TCP 才需要 REDIRECT 给 Envoy。' },
      dport: {
        en: 'Not the tunnel port {tunnel} (HBONE), and with DNS capture not 53: those connections must not loop into {in}.',
        zh: '不是隧道端口 {tunnel}（HBONE）；开启 DNS 捕获时也不是 53：这些连接不能绕回 {in}。',
      },
      owner: { en: 'uid {id}: the proxy, i.e. Envoy and pilot-agent.', zh: 'uid {id}：proxy，即 Envoy 和 pilot-agent。' },
      target: {
        en: 'ISTIO_IN_REDIRECT: REDIRECT to {in}; the destination becomes 127.0.0.1:{in}.',
        zh: 'ISTIO_IN_REDIRECT：REDIRECT 到 {in}，目的地址变为 127.0.0.1:{in}。',
      },
    },
    why: {
      en: 'When an application calls its own Service, Envoy’s outbound side may pick this very Pod as the endpoint and connect to the Pod IP. This rule turns that connection into an inbound one, so the server side applies the same policy and telemetry as for any other client. Istio’s comment: “Redirect app calls back to itself via Envoy when using the service VIP” (see also istio/istio#37890).',
      zh: '应用调用自己所属的 Service 时，Envoy 的出站侧可能正好选中本 Pod 作为 endpoint，去连接 Pod IP。本规则把这条连接转成入站连接，服务端像对待其他客户端一样执行策略、记录遥测。Istio 注释：“Redirect app calls back to itself via Envoy when using the service VIP”（另见 istio/istio#37890）。',
    },
    scenarios: [
      {
        claim: 'proxy-to-own-pod-ip-hits-2',
        text: {
          en: 'Envoy (uid {uid}) connecting to the Pod IP on 8080 jumps here and lands on Envoy’s inbound listener {in} (the second leg of an app → own Service call).',
          zh: 'Envoy（uid {uid}）连接 Pod IP 的 8080 端口：在此跳转，落到 Envoy 的入站 listener {in}（应用调用自己 Service 时的第二段）。',
        },
      },
      {
        claim: 'first-proxy-uid-redirected',
        text: {
          en: 'With several proxy uids (-u 3,4), the first uid’s connection to the Pod IP is redirected here as well.',
          zh: '有多个 proxy uid（-u 3,4）时，第一个 uid 访问 Pod IP 的连接同样在此被重定向。',
        },
      },
    ],
    pitfalls: [
      {
        text: {
          en: 'It is often read as “the inbound rule”. It only sees connections the proxy itself opens; traffic from other Pods enters through PREROUTING and ISTIO_INBOUND.',
          zh: '常被误读为“入站规则”。它只处理 proxy 自己发起的连接；来自其他 Pod 的流量走 PREROUTING 和 ISTIO_INBOUND。',
        },
      },
      {
        claim: 'app-to-own-pod-ip-hits-3',
        text: {
          en: 'The application calling its own Pod IP never gets here: ③ RETURNs it first, and it bypasses Envoy. Only the Service VIP path is meshed (istio/istio#40058).',
          zh: '应用直接访问自己的 Pod IP 到不了这里：③ 先把它 RETURN，绕过 Envoy。只有经 Service VIP 的调用才进网格（istio/istio#40058）。',
        },
      },
      {
        claim: 'second-proxy-uid-shadowed',
        text: {
          en: 'With several proxy uids (-u 3,4), only the first uid’s ② works: the first uid’s ③ RETURNs the other uids’ lo connections before their ② is reached.',
          zh: '有多个 proxy uid（-u 3,4）时，只有第一个 uid 的 ② 生效：第一个 uid 的 ③ 先把其他 uid 的 lo 连接 RETURN 了，它们自己的 ② 走不到。',
        },
      },
      {
        claim: 'proxy-to-own-pod-dns-port-hits-4',
        text: {
          en: 'With DNS capture, the proxy’s TCP to port 53 of its own Pod skips this rule and stops at ④.',
          zh: '开启 DNS 捕获时，proxy 访问本 Pod 53 端口的 TCP 连接跳过本规则，停在 ④。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: '`-p tcp ! --dport {tunnel}` since 1.18 (PR #43414); with DNS capture `-m multiport ! --dports 53,{tunnel}`. From 1.9 to 1.17, DNS capture added `-p tcp ! --dport 53`.',
          zh: '1.18 起带 `-p tcp ! --dport {tunnel}`（PR #43414）；开启 DNS 捕获时为 `-m multiport ! --dports 53,{tunnel}`。1.9 到 1.17 开启 DNS 捕获时是 `-p tcp ! --dport 53`。',
        },
      },
      {
        text: {
          en: 'The 127.0.0.1/32 exception is configurable since 1.21 (ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR, PR #48045); IPv6 uses ::1/128.',
          zh: '1.21 起 127.0.0.1/32 这个例外可配置（ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR，PR #48045）；IPv6 用 ::1/128。',
        },
      },
    ],
  },

  'istio-output-non-proxy-uid-loopback-return': {
    title: { en: '③ The application talking to its own Pod stays local', zh: '③ 应用访问本 Pod：留在本地' },
    summary: {
      en: 'Connections over lo from any process but uid {id} leave ISTIO_OUTPUT: an application calling its own Pod IP or 127.0.0.1 is not redirected.',
      zh: '除 uid {id} 以外的进程经 lo 发出的连接离开 ISTIO_OUTPUT：应用访问自己的 Pod IP 或 127.0.0.1 都不被重定向。',
    },
    notes: {
      out: { en: 'lo: the destination is an address of this Pod, 127.0.0.1 included.', zh: 'lo：目的地址是本 Pod 的地址，包括 127.0.0.1。' },
      owner: { en: 'Not uid {id}: anything but the proxy.', zh: '不是 uid {id}：proxy 以外的进程。' },
      proto: { en: 'With DNS capture: TCP only, so UDP continues to the DNS rules.', zh: '开启 DNS 捕获时只看 TCP，UDP 继续交给 DNS 规则。' },
      dport: { en: 'With DNS capture: not port 53, so TCP DNS continues to the DNS rules.', zh: '开启 DNS 捕获时不含 53 端口，TCP DNS 继续交给 DNS 规则。' },
      target: { en: 'RETURN: leave ISTIO_OUTPUT; the connection goes straight to its destination.', zh: 'RETURN：离开 ISTIO_OUTPUT，连接直达目的地。' },
    },
    why: {
      en: 'Calls inside the Pod (an application to itself, or to another container over localhost) need no proxy. Istio’s comment: “Do not redirect app calls back to itself via Envoy when using the endpoint address, e.g. appN => appN by lo”.',
      zh: 'Pod 内部的调用（应用调自己，或经 localhost 调其他容器）不需要 proxy。Istio 注释：“Do not redirect app calls back to itself via Envoy when using the endpoint address, e.g. appN => appN by lo”。',
    },
    scenarios: [
      {
        claim: 'app-to-own-pod-ip-hits-3',
        text: {
          en: 'The application (uid 1000) calling the Pod IP on 8080 stops here and reaches itself directly, without Envoy.',
          zh: '应用（uid 1000）访问 Pod IP 的 8080 端口：在此 RETURN，不经 Envoy 直接到达。',
        },
      },
      {
        claim: 'app-to-localhost-hits-3',
        text: {
          en: 'The application calling 127.0.0.1:8080 stops here, not at ⑧. Jimmy Song’s and Tetrate’s tables send app → 127.0.0.1 to rule 8; the kernel stops it at ③.',
          zh: '应用访问 127.0.0.1:8080：停在这里，而不是 ⑧。宋净超和 Tetrate 的文章把“应用 → 127.0.0.1”归到规则 8，内核实际停在 ③。',
        },
      },
      {
        claim: 'gid-only-proxy-on-lo-hits-3',
        text: {
          en: 'A process with uid 0 and gid {gid} (how Envoy runs in TPROXY mode) calling the Pod over lo also stops here, before ⑤ and ⑥.',
          zh: 'uid 0、gid {gid} 的进程（TPROXY 模式下 Envoy 的身份）经 lo 访问本 Pod，同样停在这里，走不到 ⑤ 和 ⑥。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'app-to-own-pod-ip-hits-3',
        text: {
          en: 'Calls to the Pod’s own IP bypass the mesh: no mTLS, policy or telemetry for them (istio/istio#40058, #12551).',
          zh: '访问自己 Pod IP 的调用绕过网格：没有 mTLS、策略和遥测（istio/istio#40058、#12551）。',
        },
      },
      {
        claim: 'loopback-include-localhost-hits-8',
        text: {
          en: 'A loopback address in the include ranges (-i) removes this rule (PR #24143). Then ⑧ decides for 127.0.0.1.',
          zh: '如果 include 网段（-i）里有 loopback 地址，本规则不会生成（PR #24143），127.0.0.1 由 ⑧ 处理。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'Added in 1.5 (PR #19308); before, an application’s call to its own Pod IP went through Envoy.',
          zh: '1.5 加入（PR #19308）；此前应用访问自己的 Pod IP 会经过 Envoy。',
        },
      },
      {
        text: {
          en: 'With DNS capture (1.9+) it reads `-o lo -p tcp ! --dport 53 -m owner ! --uid-owner {id}`.',
          zh: '开启 DNS 捕获时（1.9+）写作 `-o lo -p tcp ! --dport 53 -m owner ! --uid-owner {id}`。',
        },
      },
    ],
  },

  'istio-output-proxy-uid-return': {
    title: { en: '④ The proxy’s own traffic is not captured', zh: '④ proxy 自己的流量不拦截' },
    summary: {
      en: 'Everything else uid {id} sends leaves ISTIO_OUTPUT: Envoy’s upstream connections, pilot-agent’s calls to istiod, the proxy’s localhost traffic.',
      zh: 'uid {id} 发出的其余流量全部离开 ISTIO_OUTPUT：Envoy 连上游、pilot-agent 连 istiod、proxy 的 localhost 流量。',
    },
    notes: {
      owner: {
        en: 'uid {id}: the istio-proxy container runs Envoy and pilot-agent as this uid. No protocol or interface test: everything from it matches.',
        zh: 'uid {id}：istio-proxy 容器里的 Envoy 和 pilot-agent 都以它运行。不限协议和接口，它发出的一切都匹配。',
      },
      target: { en: 'RETURN: no redirect; the connection goes to its real destination.', zh: 'RETURN：不重定向，连接去往真实目的地。' },
    },
    why: {
      en: 'Envoy’s own outbound connections must not be captured again, or each request would loop back into {out}. Istio’s comment calls it “Avoid infinite loops”; unlike the rules before it, it has no protocol test.',
      zh: 'Envoy 自己发出的连接不能再被拦截，否则每个请求都会绕回 {out}。Istio 注释称之为“Avoid infinite loops”；与前面的规则不同，它不限协议。',
    },
    scenarios: [
      {
        claim: 'proxy-upstream-hits-4',
        text: {
          en: 'Envoy (uid {uid}) connecting to 93.184.216.34:80 stops here and reaches the remote host directly.',
          zh: 'Envoy（uid {uid}）连接 93.184.216.34:80：在此 RETURN，直接到达远端。',
        },
      },
      {
        claim: 'agent-to-istiod-hits-4',
        text: {
          en: 'pilot-agent calling istiod on 15012 stops here directly. Tetrate’s “Type 6” routes it rule 9 → 15001 → rule 4; the kernel stops a uid {uid} connection to istiod:15012 at ④, without Envoy. (pilot-agent runs as uid 1337 in the sidecar.)',
          zh: 'pilot-agent 访问 istiod 的 15012 端口：直接停在这里。Tetrate 的“Type 6”写成规则 9 → 15001 → 规则 4；内核中 uid {uid} 到 istiod:15012 的连接直接停在 ④，不经 Envoy。（sidecar 中 pilot-agent 以 uid 1337 运行。）',
        },
      },
      {
        claim: 'proxy-to-localhost-hits-4',
        text: {
          en: 'The proxy’s localhost traffic (e.g. to Envoy’s admin port 15000) stops here. Tetrate’s “Type 5” puts it at rule 8; the kernel stops a uid {uid} connection to 127.0.0.1 at ④.',
          zh: 'proxy 的 localhost 流量（如访问 Envoy 管理端口 15000）停在这里。Tetrate 的“Type 5”说它命中规则 8；内核中 uid {uid} 到 127.0.0.1 的连接停在 ④。',
        },
      },
      {
        claim: 'app-as-1337-bypasses',
        text: {
          en: 'An application running as uid {uid} also stops here and reaches its destination without Envoy.',
          zh: '以 uid {uid} 运行的应用同样停在这里，不经 Envoy 直达目的地。',
        },
      },
    ],
    pitfalls: [
      {
        claim: 'app-as-1337-bypasses',
        text: {
          en: 'Never run an application as uid 1337: its traffic silently bypasses the sidecar (istio/istio.io#9462).',
          zh: '不要让应用以 uid 1337 运行：它的流量会悄无声息地绕过 sidecar（istio/istio.io#9462）。',
        },
      },
    ],
    versions: [
      {
        text: {
          en: 'uid 1337 is the default (-u); on a VM it is the istio-proxy user’s uid, e.g. 997.',
          zh: '默认 uid 是 1337（-u）；虚拟机上是 istio-proxy 用户的 uid，例如 997。',
        },
      },
      {
        text: {
          en: '1.5–1.7: an unset PROXY_UID became “<uid>,0”, so root’s traffic was exempt as well; 1.8 dropped the “,0” (PR #26081).',
          zh: '1.5–1.7：未设置 PROXY_UID 时取值为“<uid>,0”，root 的流量也被放行；1.8 去掉了“,0”（PR #26081）。',
        },
      },
    ],
  },
} satisfies Record<string, RoleText>
