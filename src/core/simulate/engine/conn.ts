import type { TableName } from '../../model/ruleset.ts'
import { formatAddr, type Words } from '../addr.ts'
import type { CompiledRuleset, MatchEnv, StandIn } from '../compile/compiled.ts'
import type { EventCode, NormalizedPacket, PacketKind, PacketTrace, ReceivedBy, TraceStep } from '../types.ts'
import type { Counters } from './counters.ts'
import type { PodNet, RemoteNet } from './netns.ts'
import { PROTO_TCP, TCP_ACK, TCP_RST, TCP_SYN, type Ct, type HookState, type Iface, type Pkt, type Sock } from './packet.ts'
import { lookupSocket } from './sockets.ts'

const NOTHING: readonly never[] = Object.freeze([])

/** What happened to the first packet's NAT, TPROXY or drop, for the verdict. */
export interface NatEvent {
  kind: 'redirect' | 'dnat' | 'snat' | 'masquerade' | 'netmap' | 'tproxy'
  hook: string
  rule: string
  from: string
  to: string
  port: number
  address: string
}

export interface DropEvent {
  by: string
  packet: PacketKind
  reject?: string
}

/**
 * Everything one connection (one oracle packet spec) carries while it is simulated: the pod's conntrack table and
 * sockets, the trace being recorded, and the facts the verdict is derived from. It is also the match environment
 * clauses consult (address types, sockets, per-connection state of stateful matches).
 */
export class Conn implements MatchEnv {
  readonly c: CompiledRuleset
  readonly spec: NormalizedPacket
  readonly net: PodNet
  readonly remote: RemoteNet
  readonly counters: Counters
  readonly cts: Ct[] = []
  ctSeq = 0
  sockSeq = 0
  /** Packets of the exchange sent so far (each crosses the hooks on its path once). */
  packets = 0
  /** How many REJECT replies are being sent inside one another. */
  replyDepth = 0
  /** The pod's sockets: the listeners shared by every connection of a batch, then this connection's own. */
  readonly podSocks: Sock[]
  readonly remoteSocks: Sock[]
  /** Null when not tracing. */
  readonly trace: PacketTrace[] | null
  readonly tracing: boolean
  /** Build the per-connection report (listeners, verdict facts); off for counting-only batches. */
  readonly reporting: boolean
  private steps: TraceStep[] | null = null
  private stepCount = 0
  private readonly maxSteps: number
  capped = false
  stop: { kind: 'undecidable' | 'loop'; reason: string } | null = null
  // What the report is built from; a counting-only connection shares empty lists nothing is ever added to.
  readonly nat: NatEvent[]
  readonly drops: DropEvent[]
  readonly received: ReceivedBy[]
  /** Policy routes that decided a delivery, and deterministic stand-ins used (few, deduplicated). */
  readonly policyRouted: string[]
  readonly deterministic: StandIn[]
  private stateMap: Map<number, number> | null = null
  private hash = -1

  constructor(
    c: CompiledRuleset,
    spec: NormalizedPacket,
    net: PodNet,
    remote: RemoteNet,
    counters: Counters,
    podSocks: Sock[],
    remoteSocks: Sock[],
    trace: boolean,
    reporting: boolean,
    maxSteps: number,
  ) {
    this.c = c
    this.spec = spec
    this.net = net
    this.remote = remote
    this.counters = counters
    this.podSocks = podSocks
    this.remoteSocks = remoteSocks
    this.trace = trace ? [] : null
    this.tracing = trace
    this.reporting = reporting || trace
    this.maxSteps = maxSteps
    if (this.reporting) {
      this.nat = []
      this.drops = []
      this.received = []
      this.policyRouted = []
      this.deterministic = []
    } else {
      this.nat = NOTHING as unknown as NatEvent[]
      this.drops = NOTHING as unknown as DropEvent[]
      this.received = NOTHING as unknown as ReceivedBy[]
      this.policyRouted = NOTHING as unknown as string[]
      this.deterministic = NOTHING as unknown as StandIn[]
    }
  }

  addrType(w: Readonly<Words>, dev: Iface | null): number {
    return this.net.addrType(w, dev)
  }

  socketFor(p: Pkt, h: HookState): Sock | null {
    return lookupSocket(this.podSocks, p, h.inIf !== 0)
  }

  get state(): Map<number, number> {
    this.stateMap ??= new Map()
    return this.stateMap
  }

  /** A number fixed by the connection's addresses and ports (the deterministic stand-in for randomness). */
  get connHash(): number {
    if (this.hash < 0) {
      const s = this.spec
      const key = `${s.src ?? ''}|${s.dst}|${s.sport}|${s.dport}|${s.proto}|${s.direction}`
      let h = 0x811c9dc5
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
      this.hash = h
    }
    return this.hash
  }

  /** Starts the trace of a new packet of the exchange. */
  beginPacket(p: Pkt, from: 'pod' | 'remote', dir: string): void {
    if (!this.trace) return
    this.steps = []
    this.trace.push({ kind: p.kind, from, header: describe(p, dir), steps: this.steps, fate: '' })
  }

  endPacket(fate: string): void {
    if (!this.trace) return
    const last = this.trace[this.trace.length - 1]
    if (last) last.fate = fate
  }

  step(s: TraceStep): void {
    if (!this.steps) return
    if (this.stepCount >= this.maxSteps) {
      if (!this.capped) {
        this.capped = true
        this.steps.push({ kind: 'event', code: 'cap', detail: `trace capped at ${this.maxSteps} steps; counters and the outcome still cover the whole exchange`, zh: `路径追踪在 ${this.maxSteps} 步处截断；计数和结果仍覆盖整个交换过程` })
      }
      return
    }
    this.stepCount++
    this.steps.push(s)
  }

  event(code: EventCode, detail: string, zh: string, hook?: string, table?: TableName): void {
    if (!this.steps) return
    const s: TraceStep = { kind: 'event', code, detail, zh }
    if (hook !== undefined) s.hook = hook
    if (table !== undefined) s.table = table
    this.step(s)
  }

  addr(w: Readonly<Words>): string {
    return formatAddr(this.net.family, w)
  }
}

const FLAG_NAMES: [number, string][] = [
  [TCP_SYN, 'SYN'],
  [TCP_ACK, 'ACK'],
  [TCP_RST, 'RST'],
]

/** `OUT=eth0 SRC=… DST=… LEN=60 SPORT=… DPORT=… SYN`, as xtables-monitor prints a packet. */
export function describe(p: Pkt, dir: string): string {
  const src = formatAddr(p.family, p.src)
  const dst = formatAddr(p.family, p.dst)
  const proto = p.proto === PROTO_TCP ? 'TCP' : p.proto === 17 ? 'UDP' : p.proto === 1 || p.proto === 58 ? 'ICMP' : String(p.proto)
  const ports = p.proto === PROTO_TCP || p.proto === 17 ? ` SPORT=${p.sport} DPORT=${p.dport}` : ` TYPE=${p.icmpType} CODE=${p.icmpCode}`
  const flags = p.proto === PROTO_TCP ? FLAG_NAMES.filter(([b]) => p.tcpFlags & b).map(([, n]) => ' ' + n).join('') : ''
  const mark = p.mark ? ` MARK=0x${p.mark.toString(16)}` : ''
  return `${dir} SRC=${src} DST=${dst} LEN=${p.len} PROTO=${proto}${ports}${flags}${mark}`
}
