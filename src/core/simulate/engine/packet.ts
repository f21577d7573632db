import type { Words } from '../addr.ts'
import type { PacketKind } from '../types.ts'

/**
 * The simulator's view of one packet (an sk_buff): header fields that rules read, plus the metadata netfilter
 * carries with it (mark, conntrack, owning socket). NAT and MARK targets rewrite it; address words themselves are
 * values shared between packets, tuples and sockets, so code replaces an address and never writes into one.
 */
export const IFACE_NONE = 0
export const IFACE_LO = 1
export const IFACE_ETH0 = 2
export type Iface = 0 | 1 | 2

export const IFACE_NAMES = ['', 'lo', 'eth0'] as const

export const PROTO_ICMP = 1
export const PROTO_TCP = 6
export const PROTO_UDP = 17
export const PROTO_ICMPV6 = 58

export const TCP_FIN = 0x01
export const TCP_SYN = 0x02
export const TCP_RST = 0x04
export const TCP_PSH = 0x08
export const TCP_ACK = 0x10
export const TCP_URG = 0x20

/** Who created the packet, as the owner match sees it (skb->sk and its file's credentials). */
export interface Owner {
  /** 'file': a process socket with credentials; 'kernel': a kernel socket without a file (RST/ICMP replies). */
  kind: 'file' | 'kernel'
  uid: number
  gid: number
  groups: readonly number[]
}

export type CtDir = 0 | 1

/** Conntrack state bits as the state/conntrack matches test them. */
export const CT_INVALID = 1
export const CT_ESTABLISHED = 2
export const CT_RELATED = 4
export const CT_NEW = 8
export const CT_UNTRACKED = 16
/** INVALID or NEW: decided by the peer's random initial sequence number (see tcpValid). */
export const CT_UNKNOWN = 256
export const CT_SNAT = 64
export const CT_DNAT = 128

export interface Tuple {
  src: Words
  sport: number
  dst: Words
  dport: number
}

/** A conntrack entry of the pod's table. */
export interface Ct {
  id: number
  zone: number
  proto: number
  orig: Tuple
  reply: Tuple
  seenReply: boolean
  confirmed: boolean
  /** NAT manip of each type decided (a real binding or the null binding). */
  dstInit: boolean
  srcInit: boolean
  dnat: { addr: Words; port: number } | null
  snat: { addr: Words; port: number } | null
  mark: number
  assured: boolean
  /** TCP conntrack state (TCP_CONNTRACK_*), for the validity of the next segment. */
  tcpState: number
  /** Picked up mid-stream: conntrack marks both directions IP_CT_TCP_FLAG_BE_LIBERAL (no window checks). */
  liberal: boolean
}

export interface Sock {
  id: number
  netns: 'pod' | 'remote'
  proto: number
  /** Bound address; null is the wildcard (0.0.0.0 / ::). */
  localAddr: Words | null
  localPort: number
  remoteAddr: Words | null
  remotePort: number
  state: 'listen' | 'bound' | 'syn-sent' | 'syn-recv' | 'established' | 'closed'
  transparent: boolean
  owner: Owner
  /** For request and accepted sockets: the listener they came from. */
  listener: Sock | null
  /** The port of the listener the socket belongs to (listen_port in the oracle's report). */
  listenPort: number
}

export interface Pkt {
  family: 4 | 6
  kind: PacketKind
  proto: number
  src: Words
  dst: Words
  sport: number
  dport: number
  tcpFlags: number
  /** TCP options present (kinds), for `--tcp-option`. */
  tcpOptions: readonly number[]
  icmpType: number
  icmpCode: number
  len: number
  mark: number
  owner: Owner | null
  ct: Ct | null
  /**
   * With state CT_UNKNOWN: the entry the packet keeps if conntrack accepts it (NEW); if not, it has none (INVALID).
   * Matches evaluate both and are undecidable only when the two differ.
   */
  ctMaybe: Ct | null
  ctDir: CtDir
  /** ctinfo RELATED (ICMP errors and REJECT's RST carry the conntrack of the packet they answer). */
  ctRelated: boolean
  /** The conntrack state bits of this packet (CT_* below), fixed when conntrack saw it. */
  ctState: number
  untracked: boolean
  /** Zone from a CT target in raw, applied when conntrack looks the packet up. */
  tmplZone: number
  /** Whether a CT/NOTRACK target already attached a template (the first one wins). */
  tmplSet: boolean
  /** A socket assigned by TPROXY. */
  sk: Sock | null
  /** For ICMP errors: the packet it reports on (its protocol and addresses as sent). */
  icmpInner: (Tuple & { proto: number }) | null
  tos: number
  ttl: number
  /** The packet's current route delivers it locally (icmp_send picks its source address by this). */
  rtLocal: boolean
}

export const HOOK_PREROUTING = 0
export const HOOK_INPUT = 1
export const HOOK_FORWARD = 2
export const HOOK_OUTPUT = 3
export const HOOK_POSTROUTING = 4
export type Hook = 0 | 1 | 2 | 3 | 4
export const HOOK_NAMES = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'] as const

/** What a chain traversal knows besides the packet: the hook and the in/out devices netfilter passed. */
export interface HookState {
  hook: Hook
  inIf: Iface
  outIf: Iface
}
