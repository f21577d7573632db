import type { TableName } from '../model/ruleset.ts'

/**
 * What a permalink restores: the input, the language and the place the user was looking at. Theme and layout are
 * personal and stay out. Independent of the simulator's and parser's own types, because links outlive them.
 */
export interface ShareState {
  input: ShareInput
  language: 'en' | 'zh'
  /** Which family was drawn when the input has both. */
  family?: 4 | 6
  /** The Istio profile chosen in the header (when the input is a configuration). */
  profile?: string
  /** Configuration values changed in the form, by field name. */
  overrides?: Record<string, string>
  /** The example the input came from, so the picker shows it again. */
  exampleId?: string
  rule?: ShareRuleRef
  scenario?: ShareScenario
  /** 0-based index into the trace's steps. */
  step?: number
}

export type ShareInput =
  /** The editor text verbatim. */
  | { kind: 'text'; text: string }
  /** The configuration only (KEY=VALUE lines or an istio-iptables argument string); rules are generated from it. */
  | { kind: 'config'; text: string }
  /** A generated example, by its parameters rather than its megabytes. */
  | { kind: 'generated'; generator: 'kube-proxy'; services: number; seed: number }

export interface ShareRuleRef {
  table: TableName
  chain: string
  /** 1-based position in the chain. */
  index: number
}

export type ShareScenario = { kind: 'preset'; id: string } | { kind: 'packet'; packet: SharePacket }

/** A packet in the kernel oracle's JSON vocabulary (direction, proto, src, dst, sport, dport, uid, gid). */
export interface SharePacket {
  direction: 'outbound' | 'inbound'
  proto: 'tcp' | 'udp'
  src?: string
  dst?: string
  sport?: number
  dport: number
  uid?: number
  gid?: number
  /** Interface the packet arrives on (inbound) or is routed out of (outbound), when the user fixed it. */
  iface?: string
}
