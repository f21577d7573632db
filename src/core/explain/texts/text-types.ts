import type { Bi } from '../types.ts'

/**
 * Which clause of a rule a curated note explains. A rule's clauses are mapped to these keys by kind, so one note
 * serves every spelling and variant of the rule (with or without `-p tcp ! --dport 53`, IPv4 or IPv6).
 */
export type ClauseKey =
  | 'proto'
  | 'src'
  | 'dst'
  | 'not-dst'
  | 'in'
  | 'out'
  | 'dport'
  | 'sport'
  | 'owner'
  | 'mark'
  | 'connmark'
  | 'ctstate'
  | 'target'

/** A statement, optionally backed by a kernel-checked claim (src/core/explain/evidence/claims.ts). */
export interface Cited {
  text: Bi
  claim?: string
  /** Only for rules in one of these tables, or whose destination port is one of these (the 15090 note on the 15090 exclusion). */
  when?: { ports?: readonly string[]; tables?: readonly string[]; proto?: string }
}

/**
 * The curated explanation of one role. Text may hold placeholders filled from the rule and the ruleset: {uid} {gid}
 * {id} (the rule's owner id), {port} (its destination port), {cidr} (its -d/-s address), {lb} (the loopback CIDR),
 * {iface}, {to} (its REDIRECT/TPROXY port), {out} {in} {tunnel} {dns} (Envoy's and the agent's ports), {mark}.
 */
export interface RoleText {
  title: Bi
  summary: Bi
  notes?: Partial<Record<ClauseKey, Bi>>
  why: Bi
  /** Traffic that reaches the rule. Each one cites a claim. */
  scenarios: (Cited & { claim: string })[]
  pitfalls: Cited[]
  versions: Cited[]
}
