import { formatEndpoint, isLoopbackWords, isUnspecified, parseAddr, sameWords, type Words } from '../addr.ts'
import type { ClientReport, NormalizedPacket } from '../types.ts'
import { Conn } from './conn.ts'
import { originalDst } from './conntrack.ts'
import type { Counters } from './counters.ts'
import { basePacket, icmpError, icmpFor, resetFor, sendFromPod, sendFromRemote, type Delivery } from './journey.ts'
import type { Kernel } from './kernel.ts'
import { PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Owner, type Pkt, type Sock } from './packet.ts'
import { newSock, ROOT_OWNER } from './sockets.ts'

/**
 * One connection of the oracle's exchange model, in the order the kernel sees its packets.
 * TCP: the client's SYN, the server's SYN-ACK, the client's ACK (the server accepts), the client's RST (close with
 * SO_LINGER 0); a refused attempt is SYN and the answering RST; a dropped SYN is counted once.
 * UDP: one datagram and the listener's one reply from the address it was sent to.
 */
const SYN_OPTIONS = [2, 4, 8, 1, 3]
const ACK_OPTIONS = [1, 8]

export interface Exchange {
  conn: Conn
  client: ClientReport
  /** The inbound client reached the remote side's own address: nothing crossed the pod. */
  remoteLocal: boolean
  refused: boolean
  /** The SYN-ACK was lost and nothing ended the request socket: it would be sent again 1 s after the first. */
  synackLost: boolean
}

export function runExchange(k: Kernel, spec: NormalizedPacket, counters: Counters, trace: boolean, reporting: boolean, maxSteps: number): Exchange {
  const c = k.c
  const fam = spec.family
  const net = k.net
  const remote = k.remote
  net.reset()
  remote.reset()
  const podAddr = k.podAddr
  const gw = k.gateway
  const proto = spec.proto === 'tcp' ? PROTO_TCP : PROTO_UDP
  // The namespaces as the oracle builds them for this packet: its listeners, plus the dport and any extra ports.
  const { pod: podSocks, remote: remoteSocks } = k.openListeners(proto, spec.dport, spec.listen)
  const conn = new Conn(c, spec, net, remote, counters, podSocks, remoteSocks, trace, reporting, maxSteps)
  const client: ClientReport = { netns: spec.direction === 'outbound' ? 'pod' : 'remote', proto: spec.proto, result: 'error' }
  const ex: Exchange = { conn, client, remoteLocal: false, refused: false, synackLost: false }
  const src = spec.src !== null ? (parseAddr(spec.src)?.w ?? null) : null
  let dst = parseAddr(spec.dst)?.w ?? ([0, 0, 0, 0] as Words)
  if (spec.direction === 'outbound' && src && !(isLoopbackWords(fam, src) || sameWords(src, podAddr) || isUnspecified(src))) net.loExtra.push(src)
  if (spec.direction === 'inbound') {
    if (src && !sameWords(src, gw)) remote.loExtra.push(src)
    if (!net.inSubnet(dst)) remote.extraRoute = dst
  }

  // The client's socket: credentials fixed before socket(), bound to (src, sport).
  const owner: Owner = spec.direction === 'outbound' ? { kind: 'file', uid: spec.uid, gid: spec.gid, groups: spec.groups } : ROOT_OWNER
  // Only listeners are open yet: the port is taken when one of them has it.
  const taken = hasPort(spec.direction === 'outbound' ? podSocks : remoteSocks, spec.sport)
  if (spec.direction === 'outbound' && spec.uid !== 0 && spec.sport > 0 && spec.sport < 1024) return fail(ex, 'PermissionError: [Errno 13] Permission denied')
  if (spec.sport > 0 && taken) return fail(ex, 'OSError: [Errno 98] Address already in use')
  if (isUnspecified(dst)) dst = net.loopbackAddr
  let from: Words
  if (spec.direction === 'outbound') {
    const rt = net.routeOutput(dst, 0)
    if (rt.type === 'broadcast' || rt.type === 'multicast') {
      conn.stop = { kind: 'undecidable', reason: `connections to ${rt.type} addresses are not simulated` }
      return ex
    }
    from = src ?? net.sourceFor(dst, rt)
    if (!net.sourceValid(from, rt.dev)) {
      client.local = formatEndpoint(fam, from, spec.sport)
      return fail(ex, 'EINVAL')
    }
  } else {
    from = src ?? gw
    if (fam === 6 && isLoopbackWords(6, from)) return fail(ex, 'the oracle cannot add the loopback address to the remote side (ip: address already assigned)')
    if (fam === 4 && isLoopbackWords(4, from) && !remote.isOwn(dst)) {
      client.local = formatEndpoint(fam, from, spec.sport)
      return fail(ex, 'EINVAL')
    }
  }
  const sock = newSock(++conn.sockSeq, {
    netns: client.netns,
    proto,
    state: proto === PROTO_TCP ? 'syn-sent' : 'bound',
    localAddr: proto === PROTO_TCP ? from : src ? src : null,
    localPort: spec.sport,
    remoteAddr: proto === PROTO_TCP ? dst : null,
    remotePort: proto === PROTO_TCP ? spec.dport : 0,
    owner,
  })
  ;(client.netns === 'pod' ? conn.podSocks : conn.remoteSocks).push(sock)
  if (conn.reporting) client.local = proto === PROTO_TCP ? formatEndpoint(fam, from, spec.sport) : formatEndpoint(fam, src ?? [0, 0, 0, 0], spec.sport)

  if (spec.direction === 'inbound' && remote.isOwn(dst)) {
    // The remote side's own address (127.0.0.1, the gateway): it connects to itself, the pod sees nothing.
    ex.remoteLocal = true
    const l = conn.remoteSocks.find((s) => s.localPort === spec.dport && s !== sock)
    if (!l) {
      client.result = proto === PROTO_TCP ? 'refused' : 'sent'
      if (proto === PROTO_UDP) client.reply_from = null
      return ex
    }
    const local = formatEndpoint(fam, dst, spec.dport)
    const peer = formatEndpoint(fam, from, spec.sport)
    if (proto === PROTO_TCP) {
      client.result = 'connected'
      client.peer = local
      if (conn.reporting) conn.received.push({ netns: 'remote', proto: 'tcp', listen_port: spec.dport, local, peer, original_dst: null })
    } else {
      client.result = 'sent'
      client.reply_from = local
      if (conn.reporting) conn.received.push({ netns: 'remote', proto: 'udp', listen_port: spec.dport, local, peer, header_dst: local, payload: spec.payload })
    }
    return ex
  }
  const first = basePacket(conn, proto === PROTO_TCP ? 'syn' : 'datagram', proto, from, spec.sport, dst, spec.dport)
  first.owner = spec.direction === 'outbound' ? owner : null
  if (proto === PROTO_TCP) {
    first.tcpFlags = TCP_SYN
    first.tcpOptions = SYN_OPTIONS
    first.len = fam === 4 ? 60 : 80
    tcp(ex, sock, first)
  } else {
    first.len = (fam === 4 ? 28 : 48) + utf8Length(spec.payload)
    udp(ex, sock, first)
  }
  return ex
}

function hasPort(socks: readonly Sock[], port: number): boolean {
  for (let i = 0; i < socks.length; i++) if ((socks[i] as Sock).localPort === port) return true
  return false
}

function fail(ex: Exchange, error: string): Exchange {
  ex.client.result = 'error'
  ex.client.error = error
  if (ex.conn.spec.proto === 'udp') delete ex.client.reply_from
  return ex
}

function send(conn: Conn, from: 'pod' | 'remote', p: Pkt): Delivery {
  conn.packets++
  const d = from === 'pod' ? sendFromPod(conn, p) : sendFromRemote(conn, p)
  if (conn.tracing) conn.endPacket(fate(conn, d))
  return d
}

function fate(conn: Conn, d: Delivery): string {
  switch (d.kind) {
    case 'socket':
      return `${d.netns} socket :${d.sock.localPort} (${d.sock.state === 'listen' ? 'listener' : d.sock.state})`
    case 'no-socket':
      return `${d.netns}: no socket for ${formatEndpoint(conn.net.family, d.pkt.dst, d.pkt.dport)}`
    case 'dropped':
      return `dropped by ${d.by}`
    case 'rejected':
      return `rejected by ${d.by} (${d.with})`
    case 'stopped':
      return conn.stop ? conn.stop.reason : 'stopped'
    case 'error':
      return `not sent: ${d.error}`
  }
}

function reply(conn: Conn, kind: Pkt['kind'], from: Sock | null, src: Readonly<Words>, sport: number, dst: Readonly<Words>, dport: number): Pkt {
  const p = basePacket(conn, kind, from ? from.proto : PROTO_TCP, src, sport, dst, dport)
  p.owner = from && from.netns === 'pod' ? from.owner : null
  return p
}

/** The receiving stack's answer to a TCP segment no socket takes (tcp_v4_send_reset), unless it is a RST itself. */
function answerWithReset(conn: Conn, d: Delivery & { kind: 'no-socket' | 'socket' }): Delivery | null {
  if (d.pkt.tcpFlags & TCP_RST) return null
  const r = resetFor(conn, d.pkt, false)
  if (d.netns === 'remote') r.owner = null
  return send(conn, d.netns, r)
}

function tcp(ex: Exchange, client: Sock, syn: Pkt): void {
  const conn = ex.conn
  const fam = conn.net.family
  const side = client.netns
  const d1 = send(conn, side, syn)
  if (d1.kind === 'stopped') return
  if (d1.kind === 'error') {
    fail(ex, d1.error)
    return
  }
  if (d1.kind === 'rejected') {
    concludeReject(ex, d1, client)
    return
  }
  if (d1.kind === 'dropped') {
    ex.client.result = 'timeout'
    return
  }
  if (d1.kind === 'no-socket' || (d1.kind === 'socket' && d1.sock.state !== 'listen')) {
    if (d1.kind === 'socket' && d1.sock.state !== 'listen') {
      conn.stop = { kind: 'undecidable', reason: 'the SYN reached a connected socket (a simultaneous open), which is not simulated' }
      return
    }
    const r = answerWithReset(conn, d1)
    if (conn.stop) return
    if (r !== null && r.kind === 'socket' && r.sock === client) {
      ex.client.result = 'refused'
      ex.refused = true
    } else ex.client.result = 'timeout'
    return
  }
  // A listener got the SYN: a request socket answers with SYN-ACK from the address the SYN reached.
  const l = d1.sock
  const p1 = d1.pkt
  const req = newSock(++conn.sockSeq, {
    netns: l.netns,
    proto: PROTO_TCP,
    state: 'syn-recv',
    localAddr: p1.dst,
    localPort: p1.dport,
    remoteAddr: p1.src,
    remotePort: p1.sport,
    transparent: l.transparent,
    owner: l.owner,
    listener: l,
    listenPort: l.localPort,
  })
  ;(l.netns === 'pod' ? conn.podSocks : conn.remoteSocks).push(req)
  const synack = reply(conn, 'syn-ack', l, p1.dst, p1.dport, p1.src, p1.sport)
  synack.tcpFlags = TCP_SYN | TCP_ACK
  synack.tcpOptions = SYN_OPTIONS
  synack.len = fam === 4 ? 60 : 80
  const d2 = send(conn, l.netns, synack)
  if (conn.stop) return
  if (!(d2.kind === 'socket' && d2.sock === client)) {
    ex.client.result = 'timeout'
    let answer: Delivery | null = null
    if (d2.kind === 'rejected') answer = d2.reply
    else if (d2.kind === 'no-socket' || (d2.kind === 'socket' && d2.sock.state === 'listen')) answer = answerWithReset(conn, d2)
    if (conn.stop) return
    // Unless an answer ends the request socket, it sends the SYN-ACK again 1 s after the first. The client gives
    // up at 0.8 s and the counters are read soon after: a slow run can count that second SYN-ACK (noted).
    ex.synackLost = !endsRequest(fam, answer, req)
    return
  }
  client.state = 'established'
  ex.client.result = 'connected'
  if (conn.reporting) ex.client.peer = formatEndpoint(fam, client.remoteAddr as Words, client.remotePort)
  const ack = reply(conn, 'ack', client, client.localAddr as Words, client.localPort, client.remoteAddr as Words, client.remotePort)
  ack.tcpFlags = TCP_ACK
  ack.tcpOptions = ACK_OPTIONS
  ack.len = fam === 4 ? 52 : 72
  if (client.netns === 'remote') ack.owner = null
  const d3 = send(conn, side, ack)
  if (conn.stop) return
  if (d3.kind === 'socket' && d3.sock === req) {
    req.state = 'established'
    if (conn.reporting) accepted(conn, req)
  } else if (d3.kind === 'no-socket' || (d3.kind === 'socket' && d3.sock.state === 'listen')) {
    const r = answerWithReset(conn, d3)
    if (conn.stop) return
    if (r !== null && r.kind === 'socket' && r.sock === client) {
      fail(ex, 'ECONNRESET')
      return
    }
  } else if (d3.kind === 'rejected' && d3.reply?.kind === 'socket' && d3.reply.sock === client) {
    answeredHandshake(ex, client, req, d3.reply.pkt)
    return
  }
  const rst = reply(conn, 'rst', client, client.localAddr as Words, client.localPort, client.remoteAddr as Words, client.remotePort)
  rst.tcpFlags = TCP_RST | TCP_ACK
  rst.tcpOptions = ACK_OPTIONS
  rst.len = fam === 4 ? 52 : 72
  if (client.netns === 'remote') rst.owner = null
  send(conn, side, rst)
}

/**
 * The handshake's ACK was answered with an error the client takes while its connect() is still being reported
 * (the answer comes back within the same softirq, before the woken process asks SO_ERROR). A RST resets the
 * socket (ECONNRESET). An ICMP error on an established socket is only a soft error, which SO_ERROR still
 * reports; connect() fails with it, the socket stays established, and close() sends a FIN — which completes the
 * listener's handshake.
 */
function answeredHandshake(ex: Exchange, client: Sock, req: Sock, answer: Pkt): void {
  const conn = ex.conn
  const fam = conn.net.family
  if (answer.proto === PROTO_TCP) {
    fail(ex, 'ECONNRESET')
    return
  }
  const e = icmpError(fam, answer.icmpType, answer.icmpCode)
  if (e === 'refused') {
    ex.client.result = 'refused'
    ex.refused = true
  } else fail(ex, e)
  const fin = reply(conn, 'fin', client, client.localAddr as Words, client.localPort, client.remoteAddr as Words, client.remotePort)
  fin.tcpFlags = TCP_FIN | TCP_ACK
  fin.tcpOptions = ACK_OPTIONS
  fin.len = fam === 4 ? 52 : 72
  if (client.netns === 'remote') fin.owner = null
  const d = send(conn, client.netns, fin)
  if (conn.stop) return
  if (d.kind === 'socket' && d.sock === req) {
    req.state = 'established'
    if (conn.reporting) accepted(conn, req)
    // The accepted socket acknowledges the FIN with a delayed ACK (40 ms or more): whether the kernel's counters
    // include it when the oracle reads them is a race (recorded both ways).
    conn.stop = { kind: 'undecidable', reason: 'the accepted socket acknowledges the FIN with a delayed ACK, which races the moment the counters are read' }
  } else if (d.kind === 'no-socket' || (d.kind === 'socket' && d.sock.state === 'listen')) answerWithReset(conn, d)
}

/** A RST, or an ICMP error tcp_req_err aborts on (IPv4 net/host unreachable; IPv6 fatal codes), reached the request socket. */
function endsRequest(family: 4 | 6, answer: Delivery | null, req: Sock): boolean {
  if (answer === null || answer.kind !== 'socket' || answer.sock !== req) return false
  const p = answer.pkt
  if (p.proto === PROTO_TCP) return (p.tcpFlags & TCP_RST) !== 0
  return family === 4 ? p.icmpType === 3 && (p.icmpCode === 0 || p.icmpCode === 1) : p.icmpType === 1 && [1, 4, 5, 6].includes(p.icmpCode)
}

function accepted(conn: Conn, req: Sock): void {
  const fam = conn.net.family
  {
    const local = formatEndpoint(fam, req.localAddr as Words, req.localPort)
    const peer = formatEndpoint(fam, req.remoteAddr as Words, req.remotePort)
    conn.received.push({
      netns: req.netns,
      proto: 'tcp',
      listen_port: req.listenPort,
      local,
      peer,
      original_dst: req.netns === 'pod' ? originalDst(conn, req) : null,
    })
  }
}

/**
 * The SYN was rejected. A RST refuses the connection. An ICMP error comes back while connect() still holds the
 * socket (TcpExtLockDroppedIcmps): IPv4 still fails the connect with the error's errno, IPv6 keeps only a soft
 * error and the client waits for its SYN retransmission (the kernel oracle shows both).
 */
function concludeReject(ex: Exchange, d: Delivery & { kind: 'rejected' }, client: Sock): void {
  const r = d.reply
  if (r && r.kind === 'socket' && r.sock === client) {
    if (r.pkt.proto === PROTO_TCP) {
      ex.client.result = 'refused'
      ex.refused = true
    } else if (ex.conn.net.family === 6) {
      ex.client.result = 'timeout'
    } else {
      const e = icmpError(ex.conn.net.family, r.pkt.icmpType, r.pkt.icmpCode)
      if (e === 'refused') {
        ex.client.result = 'refused'
        ex.refused = true
      } else fail(ex, e)
    }
    return
  }
  ex.client.result = 'timeout'
}

function udp(ex: Exchange, client: Sock, dg: Pkt): void {
  const conn = ex.conn
  const fam = conn.net.family
  ex.client.result = 'sent'
  ex.client.reply_from = null
  const d1 = send(conn, client.netns, dg)
  if (d1.kind === 'stopped') return
  if (d1.kind === 'error') {
    fail(ex, d1.error)
    return
  }
  // A verdict against the datagram while sendto() is still running reaches the application as EPERM.
  if ((d1.kind === 'dropped' || d1.kind === 'rejected') && d1.sending && client.netns === 'pod') {
    fail(ex, (d1.kind === 'dropped' && d1.errno) || 'EPERM')
    return
  }
  if (d1.kind === 'no-socket') {
    send(conn, d1.netns, icmpFor(conn, d1.pkt, fam === 4 ? 3 : 1, fam === 4 ? 3 : 4))
    return
  }
  if (d1.kind !== 'socket') return
  const s = d1.sock
  const p1 = d1.pkt
  if (s === client) return
  if (conn.reporting) {
    conn.received.push({
      netns: s.netns,
      proto: 'udp',
      listen_port: s.listenPort,
      local: formatEndpoint(fam, p1.dst, s.listenPort),
      peer: formatEndpoint(fam, p1.src, p1.sport),
      header_dst: formatEndpoint(fam, p1.dst, p1.dport),
      payload: conn.spec.payload,
    })
  }
  const r = reply(conn, 'reply', s, p1.dst, s.localPort, p1.src, p1.sport)
  // The listener's reply is `reply from <netns> udp/<port>`: ASCII, so its length is counted without building it.
  r.len = (fam === 4 ? 28 : 48) + 'reply from '.length + s.netns.length + ' udp/'.length + decimalDigits(s.listenPort)
  const d2 = send(conn, s.netns, r)
  if (conn.stop) return
  if (d2.kind === 'socket' && d2.sock === client) ex.client.reply_from = conn.reporting ? formatEndpoint(fam, d2.pkt.src, d2.pkt.sport) : ''
  else if (d2.kind === 'no-socket') send(conn, d2.netns, icmpFor(conn, d2.pkt, fam === 4 ? 3 : 1, fam === 4 ? 3 : 4))
  else if (d2.kind === 'socket') {
    // The reply reached another listener, which answers too: the two would echo until the oracle stops listening.
    conn.stop = { kind: 'undecidable', reason: `the reply reached the ${d2.netns} listener :${d2.sock.localPort}, and listeners answer every datagram: they would echo each other for as long as the oracle waits` }
  }
}

function decimalDigits(n: number): number {
  let d = 1
  while (n >= 10) {
    n = Math.floor(n / 10)
    d++
  }
  return d
}

/** UTF-8 bytes of a string; a lone surrogate counts as the 3 bytes of its code point. */
function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
