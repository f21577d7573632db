import type { TableName } from '../../model/ruleset.ts'
import { formatAddr, type Words } from '../addr.ts'
import type { CompiledRuleset, MatchEnv } from '../compile/compiled.ts'
import type { EventCode, NormalizedPacket, PacketKind, PacketTrace, ReceivedBy, TraceStep } from '../types.ts'
import type { Counters } from './counters.ts'
import type { PodNet, RemoteNet } from './netns.ts'
import { IFACE_ETH0, IFACE_LO, PROTO_TCP, TCP_ACK, TCP_RST, TCP_SYN, type Ct, type HookState, type Pkt, type Sock } from './packet.ts'
import { lookupSocket } from './sockets.ts'

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
 * sockets, the trace being recorded, and the facts the verdict is derived from.
 */
export class Conn {
  readonly c: CompiledRuleset
  readonly spec: NormalizedPacket
  readonly net: PodNet
  readonly remote: RemoteNet
  readonly counters: Counters
  readonly cts: Ct[] = []
  ctSeq = 0
  sockSeq = 0
  readonly podSocks: Sock[] = []
  readonly remoteSocks: Sock[] = []
  readonly env: MatchEnv
  /** Null when not tracing. */
  readonly trace: PacketTrace[] | null
  private steps: TraceStep[] | null = null
  private stepCount = 0
  private readonly maxSteps: number
  capped = false
  stop: { kind: 'undecidable' | 'loop'; reason: string } | null = null
  readonly nat: NatEvent[] = []
  readonly drops: DropEvent[] = []
  readonly received: ReceivedBy[] = []
  readonly policyRouted: Set<string> = new Set()
  readonly deterministic: Set<string> = new Set()
  /** The kind of the packet currently travelling (for drop reports). */
  current: PacketKind = 'syn'

  constructor(c: CompiledRuleset, spec: NormalizedPacket, net: PodNet, remote: RemoteNet, counters: Counters, trace: boolean, maxSteps: number) {
    this.c = c
    this.spec = spec
    this.net = net
    this.remote = remote
    this.counters = counters
    this.trace = trace ? [] : null
    this.maxSteps = maxSteps
    let h = 0x811c9dc5
    const key = `${spec.src ?? ''}|${spec.dst}|${spec.sport}|${spec.dport}|${spec.proto}|${spec.direction}`
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
    this.env = {
      addrType: (w, dev) => net.addrType(w, dev),
      socketFor: (p: Pkt, hs: HookState) => lookupSocket(this.podSocks, p, hs.inIf === IFACE_LO || hs.inIf === IFACE_ETH0),
      state: new Map(),
      connHash: h,
    }
  }

  get tracing(): boolean {
    return this.trace !== null
  }

  /** Starts the trace of a new packet of the exchange. */
  beginPacket(p: Pkt, from: 'pod' | 'remote', dir: string): void {
    this.current = p.kind
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
        this.steps.push({ kind: 'event', code: 'cap', detail: `trace capped at ${this.maxSteps} steps; counters and the outcome still cover the whole exchange` })
      }
      return
    }
    this.stepCount++
    this.steps.push(s)
  }

  event(code: EventCode, detail: string, hook?: string, table?: TableName): void {
    if (!this.steps) return
    const s: TraceStep = { kind: 'event', code, detail }
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
