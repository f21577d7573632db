import type { ListenerRole, Verdict } from './types.ts'

/**
 * A verdict in words, English and Chinese. The Chinese keeps netfilter and Istio terms in English (iptables, chain,
 * Envoy, uid, REDIRECT, TPROXY, conntrack, listener), as the Kiali UI does.
 */
export type Language = 'en' | 'zh'

const ROLE: Record<ListenerRole, Record<Language, string>> = {
  'envoy-outbound': { en: "Envoy's outbound listener", zh: 'Envoy 的 outbound listener' },
  'envoy-inbound': { en: "Envoy's inbound listener", zh: 'Envoy 的 inbound listener' },
  'dns-proxy': { en: "the istio-agent's DNS proxy", zh: 'istio-agent 的 DNS proxy' },
  hbone: { en: 'the HBONE tunnel listener', zh: 'HBONE tunnel listener' },
  'envoy-prometheus': { en: "Envoy's Prometheus stats listener", zh: 'Envoy 的 Prometheus 指标 listener' },
  'pilot-agent': { en: "pilot-agent's status listener", zh: 'pilot-agent 的状态 listener' },
  'envoy-health': { en: "Envoy's health-check listener", zh: 'Envoy 的健康检查 listener' },
  ssh: { en: 'sshd', zh: 'sshd' },
  app: { en: 'the app', zh: '应用' },
  remote: { en: 'the remote side', zh: '远端' },
  other: { en: 'a listener in the pod', zh: 'Pod 内的一个 listener' },
}

export function roleWords(role: ListenerRole, lang: Language): string {
  return ROLE[role][lang]
}

function ep(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

type Words<K extends Verdict['kind']> = Record<Language, (v: Extract<Verdict, { kind: K }>) => string>

/** Every verdict kind has both languages: the type makes a missing one a compile error, a unit test checks the text. */
export const VERDICT_WORDS: { [K in Verdict['kind']]: Words<K> } = {
  redirect: {
    en: (v) =>
      `REDIRECT to ${ep(v.address, v.port)}: ${roleWords(v.role, 'en')}; the original destination ${v.originalDst} is kept for SO_ORIGINAL_DST`,
    zh: (v) => `REDIRECT 到 ${ep(v.address, v.port)}：${roleWords(v.role, 'zh')}；原始目的地址 ${v.originalDst} 保留在 conntrack 中，供 SO_ORIGINAL_DST 读取`,
  },
  tproxy: {
    en: (v) => `TPROXY to port ${v.port}: ${roleWords(v.role, 'en')} accepts it at the original address ${v.originalDst}; nothing is rewritten, the mark routes it locally`,
    zh: (v) => `TPROXY 到 ${v.port} 端口：${roleWords(v.role, 'zh')} 以原始地址 ${v.originalDst} 接收；地址不改写，靠 mark 走本地路由`,
  },
  dnat: {
    en: (v) => `DNAT to ${ep(v.address, v.port)} (${roleWords(v.role, 'en')}); the original destination was ${v.originalDst}`,
    zh: (v) => `DNAT 到 ${ep(v.address, v.port)}（${roleWords(v.role, 'zh')}）；原始目的地址为 ${v.originalDst}`,
  },
  delivered: {
    en: (v) => `Delivered to ${roleWords(v.role, 'en')} at ${ep(v.address, v.port)}, not through Envoy`,
    zh: (v) => `直接交给 ${ep(v.address, v.port)} 上的${roleWords(v.role, 'zh')}，不经过 Envoy`,
  },
  'left-pod': {
    en: (v) => `Not captured: it leaves the pod through eth0 and reaches ${ep(v.address, v.port)} directly`,
    zh: (v) => `未被拦截：经 eth0 离开 Pod，直接到达 ${ep(v.address, v.port)}`,
  },
  dropped: {
    en: (v) => `Dropped by ${v.by}`,
    zh: (v) => `被 ${v.by} 丢弃（DROP）`,
  },
  rejected: {
    en: (v) => `Rejected by ${v.by} (${v.with})`,
    zh: (v) => `被 ${v.by} 拒绝（REJECT，${v.with}）`,
  },
  refused: {
    en: (v) => `Connection refused: nothing listens on ${ep(v.address, v.port)}`,
    zh: (v) => `连接被拒绝：${ep(v.address, v.port)} 上没有 listener`,
  },
  unanswered: {
    en: (v) => `No answer from ${ep(v.address, v.port)}`,
    zh: (v) => `${ep(v.address, v.port)} 没有应答`,
  },
  'remote-local': {
    en: (v) => `${ep(v.address, v.port)} is the remote side's own address: the connection never reaches the pod`,
    zh: (v) => `${ep(v.address, v.port)} 是远端自己的地址：连接根本不会到达 Pod`,
  },
  'client-error': {
    en: (v) => `The client cannot send it: ${v.error}`,
    zh: (v) => `客户端无法发出：${v.error}`,
  },
  undecidable: {
    en: (v) => `The simulator cannot decide what the kernel does next, so the path stops there: ${v.reason}`,
    zh: (v) => `模拟器无法判定内核接下来的行为，路径在此停止：${v.reason}`,
  },
  loop: {
    en: (v) => `Loop detected (${v.chain}); the kernel refuses such rules at load time`,
    zh: (v) => `检测到 chain 循环（${v.chain}）；内核在加载时就会拒绝这样的规则`,
  },
}

export function verdictWords(v: Verdict, lang: Language): string {
  const words = VERDICT_WORDS[v.kind] as Words<typeof v.kind>
  return (words[lang] as (x: Verdict) => string)(v)
}
