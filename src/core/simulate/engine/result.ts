import { formatEndpoint, parseAddr } from '../addr.ts'
import { roleOfPort } from '../roles.ts'
import type { ConntrackView, Note, ReceivedBy, Verdict } from '../types.ts'
import type { Exchange } from './exchange.ts'

/** The oracle's one-line `outcome`, word for word, so the two compare directly. */
export function outcomeLine(ex: Exchange): string {
  const { client } = ex
  const received = ex.conn.received
  const parts: string[] = []
  for (const x of received) {
    let s = `${x.netns} ${x.proto} listener :${x.listen_port} got it (local ${x.local}, peer ${x.peer}`
    if (x.original_dst && x.original_dst !== x.local) s += `, SO_ORIGINAL_DST ${x.original_dst}`
    parts.push(s + ')')
  }
  if (ex.conn.spec.proto === 'tcp') {
    if (client.result === 'connected') {
      if (!received.length) parts.push('client connected but no listener reported an accept')
    } else if (client.result === 'refused') parts.push('connection refused (RST)')
    else if (client.result === 'timeout') parts.push('no answer within the connect timeout (SYN dropped or unanswered)')
    else parts.push(`client error: ${client.error ?? ''}`)
  } else if (client.result === 'sent') {
    parts.push(client.reply_from ? `client got the reply from ${client.reply_from}` : 'client got no reply')
    if (!received.length) parts.push('no listener received the datagram')
  } else parts.push(`client error: ${client.error ?? ''}`)
  return parts.join('; ')
}

function hostOf(endpoint: string): string {
  const m = /^\[(.*)\]:\d+$/.exec(endpoint)
  if (m) return m[1] as string
  return endpoint.slice(0, endpoint.lastIndexOf(':'))
}

/** The connection's fate as one structured value. */
export function verdictOf(ex: Exchange, appPorts: ReadonlySet<number>): Verdict {
  const conn = ex.conn
  if (conn.stop) return conn.stop.kind === 'loop' ? { kind: 'loop', chain: conn.stop.reason } : { kind: 'undecidable', reason: conn.stop.reason }
  if (ex.client.result === 'error') return { kind: 'client-error', error: ex.client.error ?? '' }
  const first: ReceivedBy | undefined = conn.received[0]
  const dstNat = conn.nat.find((n) => n.kind === 'redirect' || n.kind === 'dnat' || n.kind === 'netmap' || n.kind === 'tproxy')
  const spec = conn.spec
  const requested = formatEndpoint(spec.family, parseAddr(spec.dst)?.w ?? [0, 0, 0, 0], spec.dport)
  if (ex.remoteLocal && first) return { kind: 'remote-local', address: hostOf(first.local), port: first.listen_port }
  if (first) {
    const role = roleOfPort(first.netns, first.listen_port, appPorts)
    const address = hostOf(first.local)
    if (dstNat && dstNat.kind === 'tproxy' && first.netns === 'pod') return { kind: 'tproxy', address, port: first.listen_port, role, originalDst: first.original_dst ?? first.local }
    if (dstNat && dstNat.kind === 'redirect') return { kind: 'redirect', address, port: first.listen_port, role, originalDst: dstNat.from, hook: dstNat.hook === 'OUTPUT' ? 'OUTPUT' : 'PREROUTING' }
    if (dstNat && (dstNat.kind === 'dnat' || dstNat.kind === 'netmap')) return { kind: 'dnat', address, port: first.listen_port, role, originalDst: dstNat.from, netns: first.netns }
    if (first.netns === 'remote') return { kind: 'left-pod', address, port: first.listen_port }
    return { kind: 'delivered', address, port: first.listen_port, role }
  }
  const drop = conn.drops[0]
  if (drop?.reject) return { kind: 'rejected', by: drop.by, with: drop.reject }
  if (drop) return { kind: 'dropped', by: `${drop.by} (${drop.packet})` }
  if (ex.refused) return { kind: 'refused', address: hostOf(requested), port: spec.dport }
  return { kind: 'unanswered', address: hostOf(requested), port: spec.dport }
}

function protoName(n: number): string {
  return n === 6 ? 'tcp' : n === 17 ? 'udp' : String(n)
}

export function conntrackView(ex: Exchange): ConntrackView[] {
  const fam = ex.conn.net.family
  return ex.conn.cts
    .map((e) => {
      const v: ConntrackView = {
        proto: protoName(e.proto),
        orig: `${formatEndpoint(fam, e.orig.src, e.orig.sport)} -> ${formatEndpoint(fam, e.orig.dst, e.orig.dport)}`,
        reply: `${formatEndpoint(fam, e.reply.src, e.reply.sport)} -> ${formatEndpoint(fam, e.reply.dst, e.reply.dport)}`,
      }
      if (e.zone) v.zone = e.zone
      if (e.mark) v.mark = e.mark
      const nat: string[] = []
      if (e.dnat) nat.push(`DNAT ${formatEndpoint(fam, e.orig.dst, e.orig.dport)} -> ${formatEndpoint(fam, e.dnat.addr, e.dnat.port)}`)
      if (e.snat) nat.push(`SNAT ${formatEndpoint(fam, e.orig.src, e.orig.sport)} -> ${formatEndpoint(fam, e.snat.addr, e.snat.port)}`)
      if (nat.length) v.nat = nat
      return v
    })
    .toSorted((a, b) => (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : a.orig < b.orig ? -1 : a.orig > b.orig ? 1 : 0))
}

export function notesOf(ex: Exchange): Note[] {
  const conn = ex.conn
  const notes: Note[] = []
  for (const r of conn.policyRouted) {
    notes.push({
      code: 'policy-routing',
      en: `Policy routing decided delivery: ip rule ${r} with "local default dev lo" (what istio-iptables installs with TPROXY).`,
      zh: `由 policy routing 决定本地投递：ip rule ${r}，该表含 "local default dev lo"（istio-iptables 在 TPROXY 模式下安装）。`,
    })
  }
  for (const d of conn.deterministic) notes.push({ code: 'deterministic', en: d.en, zh: `确定性替代：${d.zh}` })
  if (conn.capped) notes.push({ code: 'trace-capped', en: 'The trace was capped; counters and the outcome cover the whole exchange.', zh: 'trace 已截断；计数器和结果仍覆盖整个交换过程。' })
  if (ex.synackLost) {
    notes.push({
      code: 'timing',
      en: 'The SYN-ACK never reached the client. The server sends it again about 1 s after the first; the client gives up at 0.8 s and the counters are read just after, so on a slow run the kernel also counts that second SYN-ACK (not simulated).',
      zh: 'SYN-ACK 未到达客户端。服务器约 1 秒后会重传 SYN-ACK；客户端 0.8 秒放弃，计数器随即读取，运行较慢时内核也会计入这次重传（未模拟）。',
    })
  }
  if (conn.spec.sport === 0) {
    notes.push({ code: 'ephemeral-port', en: 'sport 0: the kernel would pick a random ephemeral port; the simulator uses 0 as given.', zh: 'sport 0：内核会随机选择临时端口；模拟器按给定的 0 处理。' })
  }
  return notes
}
