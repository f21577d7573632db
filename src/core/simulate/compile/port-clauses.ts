import type { ExtensionOption } from '../../model/ruleset.ts'
import { PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP, type Pkt } from '../engine/packet.ts'
import { clause, hasPorts, optionText, undecidable, type ClauseHead } from './clause.ts'
import { NO, YES, type Clause } from './compiled.ts'
import { canonicalOption, parsePortList, parsePortRange, parseTcpFlags, parseUint, tcpFlagsText } from './decode.ts'

/** tcp, udp, multiport and icmp matches: one clause per option. */
function head(module: string, o: ExtensionOption, expected: string): ClauseHead {
  return { text: optionText(module, o.name, o.negated, o.args), module, option: canonicalOption(o.name), negated: o.negated, expected }
}

function portClause(module: string, o: ExtensionOption, proto: number, field: 'sport' | 'dport'): Clause {
  const arg = o.args[0] ?? ''
  const r = parsePortRange(arg)
  const h = head(module, o, arg)
  if (!r) return undecidable(h, `"${arg}" is not a port or port range (service names are not resolved)`)
  const inv = o.negated
  const { from, to } = r
  return clause(
    h,
    (p: Pkt) => {
      if (p.proto !== proto) return NO
      const v = p[field]
      return (v >= from && v <= to) !== inv ? YES : NO
    },
    (p: Pkt) => (p.proto === proto ? String(p[field]) : 'no port (not ' + module + ')'),
  )
}

export function compileTcpUdp(module: 'tcp' | 'udp', o: ExtensionOption): Clause {
  const proto = module === 'tcp' ? PROTO_TCP : PROTO_UDP
  const name = canonicalOption(o.name)
  if (name === '--sport' || name === '--dport') return portClause(module, o, proto, name === '--sport' ? 'sport' : 'dport')
  if (module === 'tcp' && (name === '--tcp-flags' || name === '--syn')) {
    const mask = name === '--syn' ? 0x17 : parseTcpFlags(o.args[0] ?? '')
    const comp = name === '--syn' ? 0x02 : parseTcpFlags(o.args[1] ?? '')
    const h = head(module, o, name === '--syn' ? 'SYN,RST,ACK,FIN SYN' : o.args.join(' '))
    if (mask === null || comp === null) return undecidable(h, `unreadable flags "${o.args.join(' ')}"`)
    const inv = o.negated
    return clause(
      h,
      (p: Pkt) => (p.proto !== PROTO_TCP ? NO : ((p.tcpFlags & mask) === comp) !== inv ? YES : NO),
      (p: Pkt) => (p.proto === PROTO_TCP ? tcpFlagsText(p.tcpFlags) : 'not tcp'),
    )
  }
  if (module === 'tcp' && name === '--tcp-option') {
    const kind = parseUint(o.args[0] ?? '')
    const h = head(module, o, o.args[0] ?? '')
    if (kind === null) return undecidable(h, `unreadable option number "${o.args[0] ?? ''}"`)
    const inv = o.negated
    return clause(
      h,
      (p: Pkt) => (p.proto !== PROTO_TCP ? NO : p.tcpOptions.includes(kind) !== inv ? YES : NO),
      (p: Pkt) => `options ${p.tcpOptions.join(',') || 'none'}`,
    )
  }
  return undecidable(head(module, o, o.args.join(' ')), `${module} option ${o.name} is not simulated`)
}

export function compileMultiport(o: ExtensionOption): Clause {
  const name = canonicalOption(o.name)
  const arg = o.args[0] ?? ''
  const h = head('multiport', o, arg)
  const list = parsePortList(arg)
  if (!list) return undecidable(h, `"${arg}" is not a port list (service names are not resolved)`)
  const inList = (v: number): boolean => list.some((r) => v >= r.from && v <= r.to)
  const inv = o.negated
  let test: (p: Pkt) => boolean
  let actual: (p: Pkt) => string
  if (name === '--dports') {
    test = (p) => inList(p.dport)
    actual = (p) => String(p.dport)
  } else if (name === '--sports') {
    test = (p) => inList(p.sport)
    actual = (p) => String(p.sport)
  } else if (name === '--ports') {
    test = (p) => inList(p.sport) || inList(p.dport)
    actual = (p) => `${p.sport} → ${p.dport}`
  } else return undecidable(h, `multiport option ${o.name} is not simulated`)
  return clause(
    h,
    (p: Pkt) => (!hasPorts(p) ? NO : test(p) !== inv ? YES : NO),
    (p: Pkt) => (hasPorts(p) ? actual(p) : 'no ports'),
  )
}

const ICMP_NAMES: Record<string, [number, number]> = {
  any: [255, 0],
  'echo-reply': [0, -1],
  pong: [0, -1],
  'destination-unreachable': [3, -1],
  'network-unreachable': [3, 0],
  'host-unreachable': [3, 1],
  'protocol-unreachable': [3, 2],
  'port-unreachable': [3, 3],
  'fragmentation-needed': [3, 4],
  'network-prohibited': [3, 9],
  'host-prohibited': [3, 10],
  'communication-prohibited': [3, 13],
  'source-quench': [4, -1],
  redirect: [5, -1],
  'echo-request': [8, -1],
  ping: [8, -1],
  'time-exceeded': [11, -1],
  'ttl-exceeded': [11, 0],
  'parameter-problem': [12, -1],
}

const ICMPV6_NAMES: Record<string, [number, number]> = {
  'destination-unreachable': [1, -1],
  'no-route': [1, 0],
  'communication-prohibited': [1, 1],
  'address-unreachable': [1, 3],
  'port-unreachable': [1, 4],
  'packet-too-big': [2, -1],
  'time-exceeded': [3, -1],
  'parameter-problem': [4, -1],
  'echo-request': [128, -1],
  ping: [128, -1],
  'echo-reply': [129, -1],
  pong: [129, -1],
}

export function compileIcmp(module: 'icmp' | 'icmp6', o: ExtensionOption): Clause {
  const arg = o.args[0] ?? ''
  const h = head(module, o, arg)
  const v6 = module === 'icmp6'
  let type: number
  let code: number
  const named = (v6 ? ICMPV6_NAMES : ICMP_NAMES)[arg.toLowerCase()]
  if (named) [type, code] = named
  else {
    const m = /^(\d+)(?:\/(\d+))?$/.exec(arg)
    if (!m) return undecidable(h, `unknown ICMP type "${arg}"`)
    type = Number(m[1])
    code = m[2] === undefined ? -1 : Number(m[2])
  }
  const proto = v6 ? PROTO_ICMPV6 : PROTO_ICMP
  const inv = o.negated
  return clause(
    h,
    (p: Pkt) => {
      if (p.proto !== proto) return NO
      const ok = type === 255 || (p.icmpType === type && (code < 0 || p.icmpCode === code))
      return ok !== inv ? YES : NO
    },
    (p: Pkt) => (p.proto === proto ? `${p.icmpType}/${p.icmpCode}` : 'not icmp'),
  )
}
