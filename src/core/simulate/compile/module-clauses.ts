import type { Family, ModuleMatch } from '../../model/ruleset.ts'
import { clause, optionText, undecidable } from './clause.ts'
import { NO, YES, type Clause } from './compiled.ts'
import { compileConntrack, compileHelper, compileMark } from './conntrack-clauses.ts'
import {
  compileAddrtype,
  compileHeaderField,
  compileIprange,
  compileLimit,
  compileMac,
  compilePhysdev,
  compileSocket,
  compileStatistic,
} from './misc-clauses.ts'
import { compileOwner } from './owner-clauses.ts'
import { compileIcmp, compileMultiport, compileTcpUdp } from './port-clauses.ts'

export interface ModuleContext {
  family: Family
  /** The rule's `-p` value (lower case) when not negated, for options written without `-m` (`-p tcp --dport 53`). */
  ruleProto: string | null
  /** A fresh id for per-connection state of stateful clauses. */
  nextStateId(): number
}

/** Matches that only apply to protocols the simulated exchanges never carry (their `-p` clause fails first). */
const FOREIGN_PROTOCOL = new Set(['esp', 'ah', 'sctp', 'dccp', 'udplite', 'gre', 'mh', 'l2tp'])
/** IPv6 extension-header matches: the simulated packets carry none, and these matches are false without one. */
const ABSENT_HEADER = new Set(['frag', 'hbh', 'dst', 'rt'])

function moduleHead(m: ModuleMatch, why: string): Clause {
  const text = m.verbatim ?? `-m ${m.module}${m.options.map((o) => ' ' + optionText('', o.name, o.negated, o.args)).join('')}`
  return undecidable({ text, module: m.module, option: m.options[0]?.name ?? '', negated: false, expected: m.options.map((o) => o.args.join(' ')).join(' ') }, why)
}

/** Clauses of one `-m module …` entry, in the order the kernel tests them. */
export function compileModule(m: ModuleMatch, ctx: ModuleContext): Clause[] {
  if (m.verbatim !== undefined) return [moduleHead(m, 'this match was read from a listing the parser could not map to options')]
  let module = m.module.toLowerCase()
  if (module === '' || m.implicit) module = m.module === '' ? (ctx.ruleProto ?? '') : module
  if (module === 'icmpv6' || module === 'ipv6-icmp') module = 'icmp6'
  switch (module) {
    case 'tcp':
    case 'udp':
      return m.options.map((o) => compileTcpUdp(module as 'tcp' | 'udp', o))
    case 'icmp':
    case 'icmp6':
      return m.options.map((o) => compileIcmp(module as 'icmp' | 'icmp6', o))
    case 'multiport':
      return m.options.map((o) => compileMultiport(o))
    case 'owner':
      return compileOwner(m)
    case 'mark':
    case 'connmark':
      return compileMark(m)
    case 'conntrack':
    case 'state':
      return compileConntrack(m)
    case 'helper':
      return compileHelper(m)
    case 'comment':
    case 'nfacct':
      return [clause({ text: `-m ${module}${m.options.map((o) => ' ' + optionText('', o.name, false, o.args)).join('')}`, module, option: '', negated: false, expected: '' }, () => YES, () => '')]
    case 'addrtype':
      return compileAddrtype(m)
    case 'statistic':
      return compileStatistic(m, ctx.nextStateId())
    case 'limit':
      return compileLimit(m, ctx.nextStateId())
    case 'iprange':
      return compileIprange(m)
    case 'physdev':
      return compilePhysdev(m)
    case 'socket':
      return compileSocket(m, ctx.nextStateId())
    case 'mac':
      return compileMac(m)
    case 'ttl':
    case 'hl':
    case 'tos':
    case 'dscp':
    case 'length':
    case 'pkttype':
    case 'ecn':
    case 'realm':
    case 'devgroup':
    case 'ipvs':
    case 'policy':
      return compileHeaderField({ ...m, module })
  }
  if (FOREIGN_PROTOCOL.has(module)) {
    return [clause({ text: `-m ${module}`, module, option: '', negated: false, expected: module }, () => NO, () => 'a tcp/udp/icmp packet')]
  }
  if (ABSENT_HEADER.has(module)) {
    return [clause({ text: `-m ${module}`, module, option: '', negated: false, expected: `an IPv6 ${module} header` }, () => NO, () => 'no extension headers')]
  }
  if (module === '') return [moduleHead(m, 'port options without a protocol (`-p tcp`/`-p udp`)')]
  return [moduleHead(m, `the ${module} match depends on state the simulator does not model (sets, payload, time, rates)`)]
}
