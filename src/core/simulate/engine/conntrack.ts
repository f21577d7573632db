import { formatEndpoint, sameWords, type Words } from '../addr.ts'
import type { NatSpec } from '../compile/compiled.ts'
import type { Conn } from './conn.ts'
import { CT_ESTABLISHED, CT_INVALID, CT_NEW, CT_UNKNOWN, HOOK_OUTPUT, PROTO_TCP, TCP_ACK, TCP_RST, TCP_SYN, type Ct, type HookState, type Pkt, type Sock, type Tuple } from './packet.ts'

/**
 * The pod's conntrack: lookup by (zone, tuple) in both directions, new entries confirmed when their first packet
 * survives POSTROUTING or INPUT, NAT bindings (one per manip type, the null binding when no rule NATs) and
 * their application to every later packet.
 */
function tupleEq(t: Tuple, src: Readonly<Words>, sport: number, dst: Readonly<Words>, dport: number): boolean {
  return t.sport === sport && t.dport === dport && sameWords(t.src, src) && sameWords(t.dst, dst)
}

// TCP conntrack states and the kernel's transition table (nf_conntrack_proto_tcp.c), for the flag sets the
// simulated exchanges carry: SYN, SYN-ACK, ACK, RST (a RST with ACK is the RST set).
const sSS = 1
const sSR = 2
const sES = 3
const sCL = 8
const sIV = 10
const sIG = 11
const SYN_SET = 0
const SYNACK_SET = 1
const ACK_SET = 3
const RST_SET = 4
// [direction][flag set][state]; states NONE sSS sSR sES FIN_WAIT CLOSE_WAIT LAST_ACK TIME_WAIT sCL SYN_SENT2
const TCP_TABLE: readonly (readonly (readonly number[])[])[] = [
  [
    [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, 9],
    [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
    [],
    [sES, sIV, sES, sES, 5, 5, 7, 7, sCL, sIV],
    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  ],
  [
    [sIV, 9, sIV, sIV, sIV, sIV, sIV, sSS, sIV, 9],
    [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    [],
    [sIV, sIG, sSR, sES, 5, 5, 7, 7, sCL, sIG],
    [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  ],
]

function flagSet(flags: number): number {
  if (flags & TCP_RST) return RST_SET
  if (flags & TCP_SYN) return flags & TCP_ACK ? SYNACK_SET : SYN_SET
  return ACK_SET
}

const TCP_INVALID = 0
const TCP_ACCEPT = 1
/** The window check depends on the peer's random initial sequence number. */
const TCP_UNKNOWN = 2

/**
 * nf_conntrack_tcp_packet for an entry that exists: the state table, then tcp_in_window reduced to what the
 * simulated exchanges can reach. While the reply direction was never seen its td_end is 0, so a segment of the
 * original direction that carries an ACK (the state table lets only a RST through) is compared with 0 as a
 * sequence number: "ACK is over upper bound" (INVALID) or "ignored ACK under lower bound" (accepted as NEW)
 * depending on the top bit of the peer's random ISN — undecidable. An entry picked up mid-stream is liberal.
 */
function tcpValid(ct: Ct, dir: 0 | 1, flags: number): number {
  const next = (TCP_TABLE[dir] as (readonly number[])[])[flagSet(flags)]?.[ct.tcpState] ?? sIV
  if (next === sIV) return TCP_INVALID
  if (next === sIG) return TCP_ACCEPT
  if (dir === 0 && !ct.seenReply && flags & TCP_ACK && !ct.liberal) return TCP_UNKNOWN
  if (dir === 0 && ct.tcpState === sSR && next === sES) ct.assured = true
  ct.tcpState = next
  return TCP_ACCEPT
}

export const UNKNOWN_REASON =
  'conntrack classifies this segment INVALID or NEW depending on the peer\'s random initial sequence number (the reply direction was never seen by its entry)'

/** Looks the packet up in the pod's conntrack; true when the connection cannot be decided from here on. */
export function conntrackIn(conn: Conn, p: Pkt): boolean {
  if (!conn.c.conntrack) return false
  if (p.ct !== null || p.untracked || p.ctMaybe !== null) return false
  const zone = p.tmplZone
  // nf_conntrack_in takes the template off the packet: one it finds INVALID leaves with no conntrack at all, and
  // when it loops back through lo it is looked up again (in zone 0, unless raw PREROUTING attaches a template).
  p.tmplZone = 0
  p.tmplSet = false
  for (const e of conn.cts) {
    if (e.zone !== zone || e.proto !== p.proto) continue
    const dir = tupleEq(e.orig, p.src, p.sport, p.dst, p.dport) ? 0 : tupleEq(e.reply, p.src, p.sport, p.dst, p.dport) ? 1 : -1
    if (dir < 0) continue
    const valid = e.proto === PROTO_TCP ? tcpValid(e, dir as 0 | 1, p.tcpFlags) : TCP_ACCEPT
    if (valid === TCP_INVALID) {
      p.ctState = CT_INVALID
      return false
    }
    if (valid === TCP_UNKNOWN) {
      // Accepted, the packet would be NATed like its connection; invalid, it would not.
      if (e.dnat !== null || e.snat !== null) {
        conn.stop = { kind: 'undecidable', reason: UNKNOWN_REASON }
        return true
      }
      p.ctState = CT_UNKNOWN
      p.ctMaybe = e
      p.ctDir = dir as 0 | 1
      return false
    }
    p.ct = e
    p.ctDir = dir as 0 | 1
    p.ctState = dir === 1 || e.seenReply ? CT_ESTABLISHED : CT_NEW
    if (dir === 1) e.seenReply = true
    return false
  }
  // tcp_new(): only a SYN or (loose pick-up) a plain segment opens an entry; a lone RST or SYN-ACK is invalid.
  if (p.proto === PROTO_TCP && (p.tcpFlags & TCP_RST || (p.tcpFlags & TCP_SYN && p.tcpFlags & TCP_ACK))) {
    p.ctState = CT_INVALID
    return false
  }
  if (p.proto !== PROTO_TCP && p.proto !== 17) {
    p.ctState = CT_INVALID
    return false
  }
  const orig: Tuple = { src: p.src, sport: p.sport, dst: p.dst, dport: p.dport }
  p.ct = {
    id: ++conn.ctSeq,
    zone,
    proto: p.proto,
    orig,
    reply: { src: p.dst, sport: p.dport, dst: p.src, dport: p.sport },
    seenReply: false,
    confirmed: false,
    dstInit: false,
    srcInit: false,
    dnat: null,
    snat: null,
    mark: 0,
    assured: false,
    // A SYN opens SYN_SENT; a segment picked up mid-stream is taken as ESTABLISHED.
    tcpState: p.tcpFlags & TCP_SYN ? sSS : sES,
    liberal: (p.tcpFlags & TCP_SYN) === 0,
  }
  p.ctDir = 0
  p.ctState = CT_NEW
  return false
}

export function confirm(conn: Conn, p: Pkt): void {
  const ct = p.ct
  if (ct === null || p.untracked || ct.confirmed) return
  ct.confirmed = true
  conn.cts.push(ct)
}

function inRange(v: number, r: { from: number; to: number } | null): boolean {
  return r !== null && v >= r.from && v <= r.to
}

export type Binding = { addr: Words; port: number } | { undecidable: string }

/**
 * The new address and port a NAT target chooses for the first packet (nf_nat_setup_info). A destination port
 * range keeps the original port when it is inside, else takes its first port; an address range or a source port
 * range outside the original port is a hashed or random choice the simulator does not reproduce.
 */
export function natBinding(conn: Conn, p: Pkt, h: HookState, spec: NatSpec): Binding {
  const net = conn.net
  switch (spec.kind) {
    case 'redirect': {
      const addr = h.hook === HOOK_OUTPUT ? net.loopbackAddr : net.primaryAddress(h.inIf)
      const port = spec.ports === null ? p.dport : inRange(p.dport, spec.ports) ? p.dport : spec.ports.from
      return { addr, port }
    }
    case 'dnat': {
      if (spec.addrs && !sameWords(spec.addrs.from, spec.addrs.to)) return { undecidable: 'DNAT to an address range picks by a hash the simulator does not reproduce' }
      const addr = spec.addrs ? spec.addrs.from : p.dst
      const port = spec.ports === null ? p.dport : inRange(p.dport, spec.ports) ? p.dport : spec.ports.from
      return { addr, port }
    }
    case 'snat':
    case 'masquerade': {
      let addr: Words
      if (spec.kind === 'snat') {
        if (spec.addrs && !sameWords(spec.addrs.from, spec.addrs.to)) return { undecidable: 'SNAT to an address range picks by a hash the simulator does not reproduce' }
        addr = spec.addrs ? spec.addrs.from : p.src
      } else addr = net.masqueradeSource(p.dst, h.outIf)
      if (spec.ports !== null && !inRange(p.sport, spec.ports)) {
        if (spec.ports.from !== spec.ports.to) return { undecidable: 'a source port range is chosen at random by the kernel' }
        return { addr, port: spec.ports.from }
      }
      return { addr, port: p.sport }
    }
    case 'netmap': {
      const dst = h.hook === HOOK_OUTPUT || h.hook === 0
      const base = dst ? p.dst : p.src
      const addr: Words = [0, 1, 2, 3].map((i) => ((base[i] as number) & ~(spec.mask[i] as number)) | ((spec.net[i] as number) & (spec.mask[i] as number))) as Words
      return { addr: addr.map((x) => x >>> 0) as Words, port: dst ? p.dport : p.sport }
    }
  }
}

/** Records a binding on the entry: the manip type is decided, and the reply tuple follows the new address. */
export function bind(ct: Ct, manip: 'dst' | 'src', b: { addr: Words; port: number } | null): void {
  if (manip === 'dst') {
    ct.dstInit = true
    if (b && !(sameWords(b.addr, ct.orig.dst) && b.port === ct.orig.dport)) ct.dnat = b
  } else {
    ct.srcInit = true
    if (b && !(sameWords(b.addr, ct.orig.src) && b.port === ct.orig.sport)) ct.snat = b
  }
  // Without a binding the reply tuple is the inverted original, which it already is (see conntrackIn).
  if (ct.dnat === null && ct.snat === null) return
  ct.reply = {
    src: ct.dnat ? ct.dnat.addr : ct.orig.dst,
    sport: ct.dnat ? ct.dnat.port : ct.orig.dport,
    dst: ct.snat ? ct.snat.addr : ct.orig.src,
    dport: ct.snat ? ct.snat.port : ct.orig.sport,
  }
}

/**
 * nf_nat_packet at a hook of manip type `manip`: original-direction packets get the binding of that type,
 * reply-direction packets the inverse of the other type. ICMP errors translate their addresses only.
 */
export function applyManip(p: Pkt, manip: 'dst' | 'src'): boolean {
  const ct = p.ct
  if (ct === null || p.untracked) return false
  const reply = p.ctDir === 1
  const portsToo = !p.ctRelated || p.proto === PROTO_TCP || p.proto === 17
  if (manip === 'dst') {
    if (!reply && ct.dnat) return set(p, 'dst', ct.dnat.addr, ct.dnat.port, portsToo)
    if (reply && ct.snat) return set(p, 'dst', ct.orig.src, ct.orig.sport, portsToo)
  } else {
    if (!reply && ct.snat) return set(p, 'src', ct.snat.addr, ct.snat.port, portsToo)
    if (reply && ct.dnat) return set(p, 'src', ct.orig.dst, ct.orig.dport, portsToo)
  }
  return false
}

function set(p: Pkt, field: 'src' | 'dst', addr: Readonly<Words>, port: number, ports: boolean): boolean {
  const cur = field === 'src' ? p.src : p.dst
  const curPort = field === 'src' ? p.sport : p.dport
  const changed = !sameWords(cur, addr) || (ports && curPort !== port)
  if (field === 'src') {
    p.src = addr as Words
    if (ports) p.sport = port
  } else {
    p.dst = addr as Words
    if (ports) p.dport = port
  }
  return changed
}

/** SO_ORIGINAL_DST: the entry of the default zone whose tuple is the socket's, then that entry's original destination. */
export function originalDst(conn: Conn, s: Sock): string | null {
  if (!conn.c.conntrack || s.localAddr === null || s.remoteAddr === null) return null
  for (const e of conn.cts) {
    if (e.zone !== 0 || e.proto !== s.proto) continue
    if (tupleEq(e.reply, s.localAddr, s.localPort, s.remoteAddr, s.remotePort) || tupleEq(e.orig, s.localAddr, s.localPort, s.remoteAddr, s.remotePort)) {
      return formatEndpoint(conn.net.family, e.orig.dst, e.orig.dport)
    }
  }
  return null
}
