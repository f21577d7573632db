import { sameWords, type Words } from '../addr.ts'
import { PROTO_TCP, type Owner, type Pkt, type Sock } from './packet.ts'

/** Socket tables of the two namespaces and the lookups the stack, TPROXY and xt_socket do. */
export const ROOT_OWNER: Owner = { kind: 'file', uid: 0, gid: 0, groups: [0] }
export const KERNEL_OWNER: Owner = { kind: 'kernel', uid: 0, gid: 0, groups: [] }

export function newSock(id: number, init: Partial<Sock> & Pick<Sock, 'netns' | 'proto' | 'state' | 'localPort'>): Sock {
  return {
    id,
    netns: init.netns,
    proto: init.proto,
    localAddr: init.localAddr ?? null,
    localPort: init.localPort,
    remoteAddr: init.remoteAddr ?? null,
    remotePort: init.remotePort ?? 0,
    state: init.state,
    transparent: init.transparent ?? false,
    owner: init.owner ?? ROOT_OWNER,
    listener: init.listener ?? null,
    listenPort: init.listenPort ?? init.localPort,
  }
}

/** A connected TCP socket (SYN_SENT, request, established) whose four-tuple is the packet's, seen from the receiver. */
export function lookupEstablished(socks: readonly Sock[], proto: number, laddr: Readonly<Words>, lport: number, raddr: Readonly<Words>, rport: number): Sock | null {
  for (const s of socks) {
    // Ports first: they rule out listeners and other connections with one comparison.
    if (s.localPort !== lport || s.remotePort !== rport || s.proto !== proto) continue
    if (s.state !== 'syn-sent' && s.state !== 'syn-recv' && s.state !== 'established') continue
    if (s.localAddr === null || s.remoteAddr === null) continue
    if (sameWords(s.localAddr, laddr) && sameWords(s.remoteAddr, raddr)) return s
  }
  return null
}

/** A TCP listener or a bound UDP socket for (addr, port); a specific bind wins over the wildcard, as compute_score does. */
export function lookupBound(socks: readonly Sock[], proto: number, addr: Readonly<Words>, port: number): Sock | null {
  let wildcard: Sock | null = null
  for (const s of socks) {
    if (s.proto !== proto || s.localPort !== port) continue
    if (proto === PROTO_TCP ? s.state !== 'listen' : s.state !== 'bound') continue
    if (s.localAddr !== null && sameWords(s.localAddr, addr)) return s
    if (s.localAddr === null && wildcard === null) wildcard = s
  }
  return wildcard
}

/** The socket a packet arriving at (dst, dport) from (src, sport) reaches. */
export function lookupFor(socks: readonly Sock[], p: Pkt): Sock | null {
  if (p.proto === PROTO_TCP) return lookupEstablished(socks, p.proto, p.dst, p.dport, p.src, p.sport) ?? lookupBound(socks, p.proto, p.dst, p.dport)
  return lookupBound(socks, p.proto, p.dst, p.dport)
}

/**
 * xt_socket's lookup (nf_sk_lookup_slow): the packet's tuple, except that a reply of an SNAT'ed connection is looked
 * up with the original source. Only meaningful on the receiving side (PREROUTING/INPUT).
 */
export function lookupSocket(socks: readonly Sock[], p: Pkt, receiving: boolean): Sock | null {
  if (!receiving) return null
  if (p.proto !== PROTO_TCP && p.proto !== 17) return null
  let dst: Readonly<Words> = p.dst
  let dport = p.dport
  const ct = p.ct
  if (ct && p.ctDir === 1 && !p.ctRelated && ct.snat) {
    dst = ct.orig.src
    dport = ct.orig.sport
  }
  if (p.proto === PROTO_TCP) return lookupEstablished(socks, p.proto, dst, dport, p.src, p.sport) ?? lookupBound(socks, p.proto, dst, dport)
  return lookupBound(socks, p.proto, dst, dport)
}
