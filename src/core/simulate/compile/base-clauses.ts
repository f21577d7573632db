import type { BaseMatch, Family } from '../../model/ruleset.ts'
import { formatAddr, inCidr, parseCidr4w } from '../addr.ts'
import { IFACE_NAMES, type HookState, type Pkt } from '../engine/packet.ts'
import { clause, dstText, ifaceName, protoName, srcText, undecidable, type ClauseHead } from './clause.ts'
import { NO, YES, type Clause } from './compiled.ts'
import { protoNumber } from './decode.ts'

/** The ipt_entry part of a rule: `-s -d -i -o -p -f`, decided as ip_packet_match does. */
export function compileBase(m: BaseMatch, family: Family): Clause {
  const head: ClauseHead = {
    text: `${m.negated ? '! ' : ''}${m.option}${m.value ? ' ' + m.value : ''}`,
    module: m.option,
    option: m.option,
    negated: m.negated,
    expected: m.value,
  }
  const inv = m.negated
  switch (m.option) {
    case '-s':
    case '-d': {
      const c = parseCidr4w(m.value)
      if (!c) return undecidable(head, `"${m.value}" is not an address the simulator can read (host names are not resolved)`)
      if (c.family !== family) return undecidable(head, `an IPv${c.family} address in an IPv${family} ruleset`)
      head.expected = `${formatAddr(c.family, c.net)}/${c.prefix}`
      if (m.option === '-s') return clause(head, (p) => (inCidr(c, p.src) !== inv ? YES : NO), (p) => srcText(p))
      return clause(head, (p) => (inCidr(c, p.dst) !== inv ? YES : NO), (p) => dstText(p))
    }
    case '-i':
    case '-o': {
      const matchOf = ifaceMatcher(m.value)
      const table = IFACE_NAMES.map((n) => matchOf(n) !== inv)
      if (m.option === '-i') return clause(head, (_p, h: HookState) => (table[h.inIf] ? YES : NO), (_p, h) => ifaceName(h.inIf))
      return clause(head, (_p, h: HookState) => (table[h.outIf] ? YES : NO), (_p, h) => ifaceName(h.outIf))
    }
    case '-p': {
      const n = protoNumber(m.value)
      if (n === null) return undecidable(head, `unknown protocol "${m.value}"`)
      if (n === 0) return clause(head, () => YES, (p: Pkt) => protoName(p.proto))
      return clause(head, (p: Pkt) => ((p.proto === n) !== inv ? YES : NO), (p: Pkt) => protoName(p.proto))
    }
    case '-f':
      // The simulated exchanges never fragment (no payload beyond a few bytes).
      return clause(head, () => (inv ? YES : NO), () => 'not a fragment')
  }
  return undecidable(head, `unknown option ${String(m.option)}`)
}

/** iptables interface names: exact, or a prefix when the name ends in `+` (`+` alone matches any, even none). */
function ifaceMatcher(pattern: string): (name: string) => boolean {
  if (pattern.endsWith('+')) {
    const prefix = pattern.slice(0, -1)
    return (name) => name.startsWith(prefix)
  }
  return (name) => name === pattern
}
