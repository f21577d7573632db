import { formatEndpoint, isLoopbackWords, isUnspecified, sameWords, type Words } from '../addr.ts'
import type { CompiledChain, CompiledRuleset } from '../compile/compiled.ts'
import { icmpErrorName, rejectType } from '../compile/reject-types.ts'
import type { Route } from './netns.ts'
import type { Conn } from './conn.ts'
import { applyManip, bind, confirm, conntrackIn, natBinding } from './conntrack.ts'
import {
  CT_INVALID,
  CT_NEW,
  CT_UNKNOWN,
  CT_RELATED,
  HOOK_INPUT,
  HOOK_NAMES,
  HOOK_OUTPUT,
  HOOK_POSTROUTING,
  HOOK_PREROUTING,
  IFACE_ETH0,
  IFACE_LO,
  IFACE_NAMES,
  PROTO_ICMP,
  PROTO_ICMPV6,
  PROTO_TCP,
  TCP_ACK,
  TCP_RST,
  type HookState,
  type Pkt,
  type Sock,
} from './packet.ts'
import { KERNEL_OWNER, lookupFor } from './sockets.ts'
import { ACCEPT, STOP, walkTable, type WalkOut } from './walk.ts'

/**
 * A packet's path through the pod: locally generated packets through OUTPUT and POSTROUTING (then back in
 * through lo, or out to the remote side), arriving packets through PREROUTING, routing and INPUT. Tables run in
 * hook-priority order: raw, (conntrack), mangle, nat, filter, security; nat only while the connection's NAT of
 * that type is undecided.
 */
export type Delivery =
  | { kind: 'socket'; netns: 'pod' | 'remote'; sock: Sock; pkt: Pkt }
  | { kind: 'no-socket'; netns: 'pod' | 'remote'; pkt: Pkt }
  /**
   * `sending`: dropped in OUTPUT/POSTROUTING, inside the sender's own system call: UDP's sendto fails with `errno`
   * (EPERM for a rule's DROP, the routing error for a failed reroute).
   */
  | { kind: 'dropped'; by: string; sending?: boolean; errno?: string }
  | { kind: 'rejected'; by: string; with: string; reply: Delivery | null; sending?: boolean }
  | { kind: 'stopped' }
  | { kind: 'error'; error: string }

const RAW = 0
const MANGLE = 1
const NAT = 2
const FILTER = 3
const SECURITY = 4

/** The few (hook, in, out) combinations a pod sees, allocated once. */
const OUTPUT_VIA: readonly HookState[] = [
  { hook: HOOK_OUTPUT, inIf: 0, outIf: 0 },
  { hook: HOOK_OUTPUT, inIf: 0, outIf: IFACE_LO },
  { hook: HOOK_OUTPUT, inIf: 0, outIf: IFACE_ETH0 },
]
const POSTROUTING_VIA: readonly HookState[] = [
  { hook: HOOK_POSTROUTING, inIf: 0, outIf: 0 },
  { hook: HOOK_POSTROUTING, inIf: 0, outIf: IFACE_LO },
  { hook: HOOK_POSTROUTING, inIf: 0, outIf: IFACE_ETH0 },
]
const PREROUTING_FROM: readonly HookState[] = [
  { hook: HOOK_PREROUTING, inIf: 0, outIf: 0 },
  { hook: HOOK_PREROUTING, inIf: IFACE_LO, outIf: 0 },
  { hook: HOOK_PREROUTING, inIf: IFACE_ETH0, outIf: 0 },
]
const INPUT_FROM: readonly HookState[] = [
  { hook: HOOK_INPUT, inIf: 0, outIf: 0 },
  { hook: HOOK_INPUT, inIf: IFACE_LO, outIf: 0 },
  { hook: HOOK_INPUT, inIf: IFACE_ETH0, outIf: 0 },
]

/** One hook's built-in chains by table (raw, mangle, nat, filter, security), null where the table has none. */
type HookChains = readonly (CompiledChain | null)[]

/**
 * Runs one table; turns its verdict into a delivery when the packet does not go on. Callers look their hook's
 * chains up once: most tables are absent, and each absent one is then a single array read.
 */
function table(conn: Conn, chains: HookChains, t: number, p: Pkt, h: HookState): Delivery | null {
  const chain = chains[t] as CompiledChain | null
  if (chain === null) return null
  return verdictOf(conn, walkTable(conn, chain, p, h), p, h)
}

function verdictOf(conn: Conn, w: WalkOut, p: Pkt, h: HookState): Delivery | null {
  if (w.verdict === ACCEPT) return null
  if (w.verdict === STOP) return { kind: 'stopped' }
  if (w.reject) {
    const reply = reject(conn, p, h, w.reject.with)
    if (conn.reporting) conn.drops.push({ by: w.by, packet: p.kind, reject: w.reject.with })
    return { kind: 'rejected', by: w.by, with: w.reject.with, reply, sending: h.hook === HOOK_OUTPUT || h.hook === HOOK_POSTROUTING }
  }
  if (conn.reporting) conn.drops.push({ by: w.by, packet: p.kind })
  return { kind: 'dropped', by: w.by, sending: h.hook === HOOK_OUTPUT || h.hook === HOOK_POSTROUTING }
}

/** The nat table at one hook: consulted only while this manip type is undecided for the connection. */
function nat(conn: Conn, p: Pkt, h: HookState, manip: 'dst' | 'src'): Delivery | null {
  const c: CompiledRuleset = conn.c
  if (!c.nat) return null
  const ct = p.ct
  if (ct === null || p.untracked) return null
  if (p.ctRelated && (p.proto === PROTO_ICMP || p.proto === PROTO_ICMPV6)) {
    applyManip(p, manip)
    return null
  }
  const init = manip === 'dst' ? ct.dstInit : ct.srcInit
  if (init && !conn.tracing) {
    // The common case: an established connection, NAT decided; only apply it.
    applyManip(p, manip)
    return null
  }
  const hookName = HOOK_NAMES[h.hook]
  if (!init && p.ctState & (CT_NEW | CT_RELATED)) {
    const w = walkTable(conn, (c.hooks[h.hook] as (CompiledChain | null)[])[NAT] as CompiledChain | null, p, h)
    if (w.verdict !== ACCEPT) return verdictOf(conn, w, p, h)
    if (w.nat) {
      const b = natBinding(conn, p, h, w.nat.spec)
      const r = w.nat.rule
      if ('undecidable' in b) {
        conn.stop = { kind: 'undecidable', reason: `nat ${r.chain} #${r.index}: ${b.undecidable}` }
        conn.step({ kind: 'rule', table: 'nat', chain: r.chain, index: r.index, result: 'undecidable', clause: { clause: w.nat.text, module: '-j', option: w.nat.spec.kind, negated: false, expected: w.nat.text, actual: '?', reason: b.undecidable } })
        return { kind: 'stopped' }
      }
      if (conn.reporting) {
        const fam = conn.net.family
        const from = manip === 'dst' ? formatEndpoint(fam, p.dst, p.dport) : formatEndpoint(fam, p.src, p.sport)
        const to = formatEndpoint(fam, b.addr, b.port)
        conn.step({ kind: 'rule', table: 'nat', chain: r.chain, index: r.index, result: 'matched', action: { kind: 'rewrite', target: w.nat.text, from, to } })
        if (p.kind === 'syn' || p.kind === 'datagram') {
          conn.nat.push({ kind: w.nat.spec.kind, hook: hookName, rule: `nat ${r.chain} #${r.index}`, from, to, port: b.port, address: conn.addr(b.addr) })
        }
      }
      bind(ct, manip, b)
    } else bind(ct, manip, null)
  } else if (conn.tracing && c.tables.nat?.chains.get(hookName)?.exists) {
    conn.event('nat-skipped', `nat ${hookName} is not consulted: this connection's ${manip === 'dst' ? 'destination' : 'source'} NAT was decided by its first packet`, `不查 nat ${hookName}：这条连接的${manip === 'dst' ? '目的' : '源'}地址 NAT 已由它的第一个包决定`, hookName, 'nat')
  }
  applyManip(p, manip)
  return null
}

/** A packet the pod sends: OUTPUT, (reroute), POSTROUTING, then lo or eth0. */
export function sendFromPod(conn: Conn, p: Pkt): Delivery {
  const net = conn.net
  const rt0 = net.routeOutput(p.dst, p.mark)
  if (conn.tracing) conn.beginPacket(p, 'pod', `OUT=${IFACE_NAMES[rt0.dev]}`)
  if (rt0.type === 'broadcast' || rt0.type === 'multicast') {
    conn.stop = { kind: 'undecidable', reason: `${rt0.type} destinations are not simulated` }
    return { kind: 'stopped' }
  }
  if (!net.sourceValid(p.src, rt0.dev)) return { kind: 'error', error: 'EINVAL' }
  p.rtLocal = rt0.type === 'local'
  if (rt0.policy) notePolicyRoute(conn, rt0.policy.fwmark, rt0.policy.table)
  const h = OUTPUT_VIA[rt0.dev] as HookState
  if (conn.tracing) conn.event('hook', `OUTPUT: the route chose ${IFACE_NAMES[rt0.dev]} before any rule ran; every OUTPUT chain sees -o ${IFACE_NAMES[rt0.dev]}`, `OUTPUT：任何规则执行之前路由已选定 ${IFACE_NAMES[rt0.dev]}；每个 OUTPUT chain 看到的都是 -o ${IFACE_NAMES[rt0.dev]}`, 'OUTPUT')
  const output = conn.c.hooks[HOOK_OUTPUT] as HookChains
  let d = table(conn, output, RAW, p, h)
  if (d) return d
  if (conntrackIn(conn, p)) return { kind: 'stopped' }
  // Only two places reroute a locally generated packet, right after their table: mangle when it changed the mark
  // (ipt_mangle_out, nft route chains) and nat when the connection is DNATed (nf_nat_ipv4_local_fn). A mark set in
  // raw or filter takes effect only if one of them reroutes. Later OUTPUT chains still see the first route's -o.
  let rt = rt0
  const mark0 = p.mark
  d = table(conn, output, MANGLE, p, h)
  if (d) return d
  if (p.mark !== mark0) {
    const r = reroute(conn, p)
    if ('kind' in r) return r
    rt = r.route
  }
  const dst0 = p.dst
  d = nat(conn, p, h, 'dst')
  if (d) return d
  if (p.dst !== dst0 && !sameWords(dst0, p.dst)) {
    const r = reroute(conn, p)
    if ('kind' in r) return r
    rt = r.route
  }
  d = table(conn, output, FILTER, p, h) ?? table(conn, output, SECURITY, p, h)
  if (d) return d
  const h2 = POSTROUTING_VIA[rt.dev] as HookState
  if (conn.tracing) conn.event('hook', `POSTROUTING: leaving through ${IFACE_NAMES[rt.dev]}`, `POSTROUTING：从 ${IFACE_NAMES[rt.dev]} 离开`, 'POSTROUTING')
  d = table(conn, conn.c.hooks[HOOK_POSTROUTING] as HookChains, MANGLE, p, h2) ?? nat(conn, p, h2, 'src')
  if (d) return d
  if (!p.ctRelated) confirm(conn, p)
  if (rt.dev === IFACE_LO) {
    if (conn.tracing) conn.event('transmit', 'looped back through lo into the pod', '经 lo 环回，重新进入 pod', 'POSTROUTING')
    return loopIn(conn, p)
  }
  if (conn.tracing) conn.event('transmit', 'sent out through eth0 to the remote side', '经 eth0 发往远端', 'POSTROUTING')
  return toRemote(conn, p)
}

/** ip_route_me_harder: a new route for the packet's current destination and mark; a loopback source off lo fails. */
function reroute(conn: Conn, p: Pkt): { route: Route } | Delivery {
  const rt = conn.net.routeOutput(p.dst, p.mark)
  if (conn.tracing) conn.event('reroute', `rerouted after the mark or destination changed: now leaves through ${IFACE_NAMES[rt.dev]}`, `mark 或目的地址改变后重新路由：现在从 ${IFACE_NAMES[rt.dev]} 离开`, 'OUTPUT')
  if (rt.policy) notePolicyRoute(conn, rt.policy.fwmark, rt.policy.table)
  if (!conn.net.sourceValid(p.src, rt.dev)) {
    const by = 'reroute (a loopback source cannot leave through eth0)'
    if (conn.reporting) conn.drops.push({ by, packet: p.kind })
    return { kind: 'dropped', by, sending: true, errno: 'EINVAL' }
  }
  p.rtLocal = rt.type === 'local'
  return { route: rt }
}

function notePolicyRoute(conn: Conn, mark: number, tableId: number): void {
  if (!conn.reporting) return
  const r = `fwmark 0x${mark.toString(16)} lookup ${tableId}`
  if (!conn.policyRouted.includes(r)) conn.policyRouted.push(r)
  if (conn.tracing) conn.event('policy-route', `policy routing: mark 0x${mark.toString(16)} → table ${tableId} (local default dev lo): delivered locally`, `策略路由：mark 0x${mark.toString(16)} → 路由表 ${tableId}（local default dev lo）：交付本机`)
}

/** A packet that left through lo: PREROUTING and INPUT again, with its conntrack entry and route kept. */
function loopIn(conn: Conn, p: Pkt): Delivery {
  const h = PREROUTING_FROM[IFACE_LO] as HookState
  if (conn.tracing) conn.event('hook', 'PREROUTING: the packet comes back in through lo', 'PREROUTING：数据包经 lo 重新进入', 'PREROUTING')
  const prerouting = conn.c.hooks[HOOK_PREROUTING] as HookChains
  let d = table(conn, prerouting, RAW, p, h)
  if (d) return d
  if (conntrackIn(conn, p)) return { kind: 'stopped' }
  d = table(conn, prerouting, MANGLE, p, h) ?? nat(conn, p, h, 'dst')
  if (d) return d
  return input(conn, p, IFACE_LO)
}

function input(conn: Conn, p: Pkt, inIf: HookState['inIf']): Delivery {
  const h = INPUT_FROM[inIf] as HookState
  if (conn.tracing) conn.event('hook', 'INPUT: delivered locally', 'INPUT：交付本机', 'INPUT')
  const chains = conn.c.hooks[HOOK_INPUT] as HookChains
  const d = table(conn, chains, MANGLE, p, h) ?? table(conn, chains, FILTER, p, h) ?? table(conn, chains, SECURITY, p, h) ?? nat(conn, p, h, 'src')
  if (d) return d
  if (!p.ctRelated) confirm(conn, p)
  const sock = p.sk ?? socketFor(conn.podSocks, p)
  if (sock) return { kind: 'socket', netns: 'pod', sock, pkt: p }
  return { kind: 'no-socket', netns: 'pod', pkt: p }
}

/** The socket a delivered packet reaches; an ICMP error reaches the socket that sent the packet it reports on. */
function socketFor(socks: readonly Sock[], p: Pkt): Sock | null {
  const inner = p.icmpInner
  if (inner === null) return lookupFor(socks, p)
  return socks.find((s) => s.proto === inner.proto && s.localPort === inner.sport && s.state !== 'listen') ?? null
}

/** A packet arriving from the remote side on eth0. */
export function fromRemote(conn: Conn, p: Pkt): Delivery {
  const net = conn.net
  if (net.family === 6 && (isLoopbackWords(6, p.src) || isLoopbackWords(6, p.dst))) {
    if (conn.reporting) conn.drops.push({ by: 'ip6_rcv (loopback address on eth0)', packet: p.kind })
    return { kind: 'dropped', by: 'ip6_rcv (loopback address on eth0)' }
  }
  const h = PREROUTING_FROM[IFACE_ETH0] as HookState
  if (conn.tracing) conn.event('hook', 'PREROUTING: arrived on eth0', 'PREROUTING：从 eth0 到达', 'PREROUTING')
  const prerouting = conn.c.hooks[HOOK_PREROUTING] as HookChains
  let d = table(conn, prerouting, RAW, p, h)
  if (d) return d
  if (conntrackIn(conn, p)) return { kind: 'stopped' }
  d = table(conn, prerouting, MANGLE, p, h) ?? nat(conn, p, h, 'dst')
  if (d) return d
  if (net.family === 4 && (net.isLocal(p.src) || isUnspecified(p.src))) {
    if (conn.reporting) conn.drops.push({ by: 'routing (martian source)', packet: p.kind })
    return { kind: 'dropped', by: 'routing (martian source)' }
  }
  const r = net.routeInput(p.dst, p.mark)
  if (!r.local) {
    if (conn.tracing) conn.event('route', `routing: ${conn.addr(p.dst)} is not an address of the pod and forwarding is off: dropped`, `路由：${conn.addr(p.dst)} 不是 pod 的地址，且未开启转发：丢弃`)
    if (conn.reporting) conn.drops.push({ by: 'routing (not local, forwarding off)', packet: p.kind })
    return { kind: 'dropped', by: 'routing (not local, forwarding off)' }
  }
  if (r.policy) notePolicyRoute(conn, r.policy.fwmark, r.policy.table)
  p.rtLocal = true
  return input(conn, p, IFACE_ETH0)
}

function toRemote(conn: Conn, p: Pkt): Delivery {
  // ip6_rcv_core and ip_route_input_slow (route_localnet off): a loopback address on eth0 is martian.
  const fam = conn.net.family
  if (isLoopbackWords(fam, p.src) || isLoopbackWords(fam, p.dst) || (fam === 4 && ((p.src[3] as number) >>> 24 === 0 || (p.dst[3] as number) >>> 24 === 0))) {
    if (conn.reporting) conn.drops.push({ by: 'the remote side (martian address on eth0)', packet: p.kind })
    return { kind: 'dropped', by: 'the remote side (martian address on eth0)' }
  }
  const sock = socketFor(conn.remoteSocks, p)
  if (sock) return { kind: 'socket', netns: 'remote', sock, pkt: p }
  return { kind: 'no-socket', netns: 'remote', pkt: p }
}

/** A packet the remote side sends towards the pod. */
export function sendFromRemote(conn: Conn, p: Pkt): Delivery {
  conn.beginPacket(p, 'remote', 'IN=eth0')
  if (!conn.remote.canReach(p.dst)) {
    if (conn.reporting) conn.drops.push({ by: `the remote side (no route to ${conn.addr(p.dst)})`, packet: p.kind })
    return { kind: 'dropped', by: `the remote side (no route to ${conn.addr(p.dst)})` }
  }
  return fromRemote(conn, p)
}

/** What a client socket concludes from an ICMP error (the oracle's `refused` or an errno name). */
export function icmpError(family: 4 | 6, type: number, code: number): string {
  return icmpErrorName(family, type, code)
}

/** REJECT: a TCP reset (nf_send_reset) or an ICMP error (nf_send_unreach) back to the packet's source. */
function reject(conn: Conn, p: Pkt, h: HookState, how: string): Delivery | null {
  // Replies to replies would never end: the kernel sends no RST for a RST and no ICMP error about an ICMP error.
  // A REJECT the kernel would refuse to load (outside INPUT/FORWARD/OUTPUT) could still loop; the depth bounds it.
  if (conn.replyDepth >= 4) {
    conn.stop = { kind: 'undecidable', reason: 'REJECT answers its own replies (a REJECT outside INPUT, FORWARD and OUTPUT, which iptables refuses to load)' }
    return { kind: 'stopped' }
  }
  conn.replyDepth++
  try {
    return rejectReply(conn, p, h, how)
  } finally {
    conn.replyDepth--
  }
}

function rejectReply(conn: Conn, p: Pkt, h: HookState, how: string): Delivery | null {
  if (how === 'tcp-reset') {
    if (p.proto !== PROTO_TCP || p.tcpFlags & TCP_RST) return null
    return sendFromPod(conn, resetFor(conn, p, true))
  }
  if (p.icmpInner !== null) return null
  const icmp = rejectType(how, conn.net.family) ?? rejectType(conn.net.family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable', conn.net.family)
  const [type, code] = icmp as [number, number, string]
  void h
  return sendFromPod(conn, icmpFor(conn, p, type, code))
}

/** A RST answering `p` (REJECT's, carrying p's conntrack as RELATED; or the stack's for a closed port). */
export function resetFor(conn: Conn, p: Pkt, related: boolean): Pkt {
  const v6 = conn.net.family === 6
  const r = basePacket(conn, 'reset', PROTO_TCP, p.dst, p.dport, p.src, p.sport)
  r.tcpFlags = p.tcpFlags & TCP_ACK ? TCP_RST : TCP_RST | TCP_ACK
  r.len = v6 ? 60 : 40
  r.owner = related ? null : KERNEL_OWNER
  if (related) attachRelated(r, p)
  return r
}

/** An ICMP error about `p`, from the address the kernel picks (the packet's destination when it was local). */
export function icmpFor(conn: Conn, p: Pkt, type: number, code: number): Pkt {
  const v6 = conn.net.family === 6
  const r = basePacket(conn, 'icmp', v6 ? PROTO_ICMPV6 : PROTO_ICMP, p.rtLocal ? p.dst : conn.net.sourceFor(p.src, conn.net.routeOutput(p.src, 0)), 0, p.src, 0)
  r.icmpType = type
  r.icmpCode = code
  r.len = v6 ? 48 + Math.min(p.len, 1280 - 48) : 28 + Math.min(p.len, 576 - 28)
  r.tos = v6 ? 0 : 0xc0
  r.owner = KERNEL_OWNER
  r.icmpInner = { proto: p.proto, src: p.src, sport: p.sport, dst: p.dst, dport: p.dport }
  attachRelated(r, p)
  return r
}

function attachRelated(r: Pkt, p: Pkt): void {
  if (p.untracked) {
    r.untracked = true
    return
  }
  if (p.ct === null) {
    // The error is RELATED when its cause was accepted by conntrack, INVALID when not.
    if (p.ctState & CT_UNKNOWN) r.ctState = CT_UNKNOWN
    else r.ctState = CT_INVALID
    return
  }
  r.ct = p.ct
  r.ctDir = p.ctDir === 0 ? 1 : 0
  r.ctRelated = true
  r.ctState = CT_RELATED
}

/** Read only, like every options list a packet carries: packets share them. */
const NO_OPTIONS: readonly number[] = Object.freeze([])

export function basePacket(conn: Conn, kind: Pkt['kind'], proto: number, src: Readonly<Words>, sport: number, dst: Readonly<Words>, dport: number): Pkt {
  return {
    family: conn.net.family,
    kind,
    proto,
    src: src as Words,
    dst: dst as Words,
    sport,
    dport,
    tcpFlags: 0,
    tcpOptions: NO_OPTIONS,
    icmpType: 0,
    icmpCode: 0,
    len: 0,
    mark: 0,
    owner: null,
    ct: null,
    ctMaybe: null,
    ctDir: 0,
    ctRelated: false,
    // Before conntrack has seen it (raw tables) a packet has no entry: INVALID, NEW once a CT target attaches a template.
    ctState: CT_INVALID,
    untracked: false,
    tmplZone: 0,
    tmplSet: false,
    sk: null,
    icmpInner: null,
    tos: 0,
    ttl: 64,
    rtLocal: false,
  }
}
