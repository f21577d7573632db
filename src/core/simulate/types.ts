import type { Family, TableName } from '../model/ruleset.ts'

/**
 * The public shapes of the packet simulator. Everything here is plain data (structured-clone friendly), so the
 * app's worker can send it across. The packet spec is the kernel oracle's (`../shared/tools/kernel-oracle`), so one
 * packets file drives both the oracle and the simulator.
 */
export type Direction = 'inbound' | 'outbound'
export type Proto = 'tcp' | 'udp'

export interface PacketSpec {
  name?: string
  /** `outbound`: a process in the pod connects to dst:dport. `inbound`: a process on the remote side connects to the pod. */
  direction: Direction
  proto?: Proto
  /** Outbound: the address the client binds (e.g. 127.0.0.6). Inbound: the remote source address. */
  src?: string
  srcAddr?: string
  dst?: string
  /** Default: sportBase + position in the batch (the oracle's 40001 + i); 0 lets the kernel pick. */
  sport?: number
  dport: number
  /** Credentials of an outbound client's socket (default 0; gid defaults to uid). Ignored for inbound. */
  uid?: number
  gid?: number
  groups?: number[]
  /** Extra listener ports for this packet (pod and remote). */
  listen?: number[]
  payload?: string
  /** Which request this packet is a leg of, and its position (presets; not read by the oracle). */
  leg?: number
  [extra: string]: unknown
}

/** A packet spec with the oracle's defaults applied. */
export interface NormalizedPacket {
  name: string
  direction: Direction
  proto: Proto
  src: string | null
  dst: string
  sport: number
  dport: number
  uid: number
  gid: number
  groups: number[]
  listen: number[]
  payload: string
  family: Family
}

export interface FamilyFacts {
  /** The pod's address on eth0 and its prefix length. */
  address: string
  prefix: number
  /** The remote side (the pod's default gateway). */
  gateway: string
}

/** `ip rule add fwmark <fwmark>/<mask> lookup <table>` + `ip route add local default dev lo table <table>`. */
export interface PolicyRoute {
  fwmark: number
  mask: number
  table: number
}

/** What the simulated pod looks like: the oracle's namespace pair, configurable. */
export interface PodFacts {
  v4: FamilyFacts
  v6: FamilyFacts
  /** Policy routing installed in the pod (istio-iptables adds one with TPROXY rulesets). */
  policyRoutes: PolicyRoute[]
  /** Extra pod listener ports (the oracle's `--listen`). */
  listen: number[]
  /** nft (default, as the oracle) or legacy: decides which built-in chains exist and so which policies count. */
  backend: 'nft' | 'legacy'
  /** Source port of packet #1 when a spec has none (the oracle's `--sport-base`). */
  sportBase: number
}

export interface SimulateOptions {
  /** Record per-packet traces (default true). Counting-only runs should use `countBatch`. */
  trace?: boolean
  /** Cap on trace steps per connection; the trace then ends with a note (default 4000). */
  maxSteps?: number
  /** Family of packets whose addresses do not say (inbound without src/dst); default 4, or 6 for an IPv6-only input. */
  family?: Family
}

/** One rule whose packet counter the kernel would increase, as the oracle reports it. */
export interface Hit {
  table: TableName
  chain: string
  /** 1-based position within the chain. */
  index: number
  pkts: number
  bytes: number
}

export interface PolicyHit {
  table: TableName
  chain: string
  policy: 'ACCEPT' | 'DROP'
  pkts: number
  bytes: number
}

/** A listener that got the connection or datagram, as the oracle's `received_by`. */
export interface ReceivedBy {
  netns: 'pod' | 'remote'
  proto: Proto
  listen_port: number
  /** The address the socket was reached at (after NAT; the original address for TPROXY). */
  local: string
  peer: string
  /** SO_ORIGINAL_DST (TCP): null when the namespace has no conntrack entry for it. */
  original_dst?: string | null
  /** UDP: the destination in the IP header as delivered. */
  header_dst?: string
  payload?: string
}

export interface ClientReport {
  netns: 'pod' | 'remote'
  proto: Proto
  result: 'connected' | 'refused' | 'timeout' | 'sent' | 'error'
  local?: string
  peer?: string
  reply_from?: string | null
  error?: string
}

/** Why a clause of a rule failed (or could not be decided), as data. */
export interface ClauseReport {
  /** The clause as written, e.g. `! --dport 53`, `-o lo`, `-m owner --uid-owner 1337`. */
  clause: string
  /** `-p`, `-s`, … for base options; the module name (`tcp`, `owner`) otherwise. */
  module: string
  option: string
  negated: boolean
  /** What the clause asks for, e.g. `53`, `lo`, `1337`. */
  expected: string
  /** What the packet has, e.g. `15008`, `eth0`, `uid 1000`. */
  actual: string
  /** Set for undecidable clauses: why the simulator cannot decide. */
  reason?: string
}

export type RuleAction =
  | { kind: 'jump'; chain: string }
  | { kind: 'goto'; chain: string }
  | { kind: 'return' }
  | { kind: 'verdict'; verdict: 'ACCEPT' | 'DROP' | 'QUEUE' }
  | { kind: 'continue'; target: string; effect?: string }
  | { kind: 'rewrite'; target: string; from: string; to: string }
  | { kind: 'tproxy'; port: number; mark: string; socket: string | null; verdict: 'ACCEPT' | 'DROP' }
  | { kind: 'reject'; with: string }
  | { kind: 'loop'; chain: string }

/** One step of a packet's path. */
export type TraceStep =
  | {
      kind: 'rule'
      table: TableName
      chain: string
      index: number
      result: 'matched' | 'not-matched' | 'undecidable'
      /** The first failing clause (not-matched) or the first undecidable clause. */
      clause?: ClauseReport
      action?: RuleAction
      /** Set when a clause was decided by a documented deterministic choice (statistic, limit). */
      deterministic?: string
    }
  | { kind: 'policy'; table: TableName; chain: string; policy: 'ACCEPT' | 'DROP' }
  | { kind: 'return'; table: TableName; chain: string; to: string | null }
  | { kind: 'event'; code: EventCode; table?: TableName; hook?: string; detail: string; /** The detail in Chinese, for the UI. */ zh: string }

export type EventCode =
  | 'hook'
  | 'conntrack'
  | 'nat-skipped'
  | 'route'
  | 'reroute'
  | 'policy-route'
  | 'deliver'
  | 'no-socket'
  | 'drop'
  | 'loop'
  | 'cap'
  | 'transmit'
  | 'nat'
  | 'undecidable'
  | 'skipped'

export type PacketKind = 'syn' | 'syn-ack' | 'ack' | 'fin' | 'rst' | 'datagram' | 'reply' | 'reset' | 'icmp'

export interface PacketTrace {
  kind: PacketKind
  /** Who sent it: the pod (client or server socket, or the kernel) or the remote side. */
  from: 'pod' | 'remote'
  /** Header as it left its sender, in xtables-monitor style: `OUT=eth0 SRC=… DST=… SPORT=… DPORT=… SYN`. */
  header: string
  steps: TraceStep[]
  /** What became of it. */
  fate: string
}

export type ListenerRole =
  | 'envoy-outbound'
  | 'envoy-inbound'
  | 'dns-proxy'
  | 'hbone'
  | 'envoy-prometheus'
  | 'pilot-agent'
  | 'envoy-health'
  | 'ssh'
  | 'app'
  | 'remote'
  | 'other'

/** The connection's fate in one structured value (wording in verdict-words.ts). */
export type Verdict =
  | { kind: 'redirect'; address: string; port: number; role: ListenerRole; originalDst: string; hook: 'OUTPUT' | 'PREROUTING' }
  | { kind: 'tproxy'; address: string; port: number; role: ListenerRole; originalDst: string }
  | { kind: 'dnat'; address: string; port: number; role: ListenerRole; originalDst: string; netns: 'pod' | 'remote' }
  | { kind: 'delivered'; address: string; port: number; role: ListenerRole }
  | { kind: 'left-pod'; address: string; port: number }
  | { kind: 'dropped'; by: string }
  | { kind: 'rejected'; by: string; with: string }
  | { kind: 'refused'; address: string; port: number }
  | { kind: 'unanswered'; address: string; port: number }
  | { kind: 'remote-local'; address: string; port: number }
  | { kind: 'client-error'; error: string }
  | { kind: 'undecidable'; reason: string }
  | { kind: 'loop'; chain: string }

export interface ConntrackView {
  proto: string
  orig: string
  reply: string
  zone?: number
  mark?: number
  nat?: string[]
}

export interface Note {
  code: string
  en: string
  zh: string
}

/** One connection (one oracle packet spec): its exchange, counters and outcome. */
export interface ConnectionResult {
  /** 1-based position in the batch, as the oracle's `index`. */
  index: number
  name: string
  family: Family
  spec: NormalizedPacket
  hits: Hit[]
  policies: PolicyHit[]
  received_by: ReceivedBy[]
  client: ClientReport
  outcome: string
  verdict: Verdict
  /** Every packet of the exchange (SYN, SYN-ACK, ACK, RST; or datagram and reply), in order. Empty when not traced. */
  packets: PacketTrace[]
  conntrack: ConntrackView[]
  /** True when some rule could not be decided; the path stops there. */
  undecidable: boolean
  notes: Note[]
}

export interface SimulationResult {
  results: ConnectionResult[]
  /** Counters accumulated over the whole batch, per family: what `iptables-save -c` would show after these connections. */
  totals: Partial<Record<Family, { hits: Hit[]; policies: PolicyHit[] }>>
  /** The pod facts used, with policy routing made explicit. */
  facts: PodFacts
}
