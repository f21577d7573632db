import { formatAddr } from '../addr.ts'
import type { HookState, Pkt } from '../engine/packet.ts'
import { IFACE_NAMES, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP } from '../engine/packet.ts'
import { UNDECIDED, type Clause, type MatchEnv, type Tri } from './compiled.ts'

/** Builders shared by the clause compilers. */
export interface ClauseHead {
  text: string
  module: string
  option: string
  negated: boolean
  expected: string
}

export function clause(
  head: ClauseHead,
  test: (p: Pkt, h: HookState, env: MatchEnv) => Tri,
  actual: (p: Pkt, h: HookState, env: MatchEnv) => string,
  extra?: Partial<Pick<Clause, 'stateful' | 'deterministic'>>,
): Clause {
  const c: Clause = { text: head.text, module: head.module, option: head.option, negated: head.negated, expected: head.expected, test, actual }
  if (extra?.stateful) c.stateful = true
  if (extra?.deterministic !== undefined) c.deterministic = extra.deterministic
  return c
}

const ALWAYS_UNDECIDED = (): Tri => UNDECIDED
const UNKNOWN = (): string => '?'

/** A clause the simulator cannot decide for any packet, with the reason. */
export function undecidable(head: ClauseHead, reason: string): Clause {
  return { text: head.text, module: head.module, option: head.option, negated: head.negated, expected: head.expected, test: ALWAYS_UNDECIDED, actual: UNKNOWN, reason }
}

export function optionText(module: string, option: string, negated: boolean, args: readonly string[]): string {
  const body = [option, ...args].join(' ').trim()
  const m = module && module !== '-' ? `-m ${module} ` : ''
  return `${m}${negated ? '! ' : ''}${body}`
}

export function protoName(n: number): string {
  switch (n) {
    case PROTO_TCP:
      return 'tcp'
    case PROTO_UDP:
      return 'udp'
    case PROTO_ICMP:
      return 'icmp'
    case PROTO_ICMPV6:
      return 'ipv6-icmp'
    default:
      return String(n)
  }
}

export function ifaceName(i: number): string {
  return IFACE_NAMES[i] || '(none)'
}

export function srcText(p: Pkt): string {
  return formatAddr(p.family, p.src)
}

export function dstText(p: Pkt): string {
  return formatAddr(p.family, p.dst)
}

export function hasPorts(p: Pkt): boolean {
  return p.proto === PROTO_TCP || p.proto === PROTO_UDP
}
