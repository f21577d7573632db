import { parseUnsigned } from '../canonical/numbers.ts'
import { parsePortList, parsePortRange, portRangeText } from '../canonical/ports.ts'
import { ICMP_NAMES, ICMPV6_NAMES, icmpByName, type IcmpName } from '../tables/icmp-types.ts'
import { fail, isCanonicalPort, ok, option, type ExtensionSpec, type OptionSpec, type ReadContext } from './types.ts'

/** `--sport`/`--dport` of tcp, udp and sctp: a port or range; the full range 0:65535 matches anything and is dropped. */
function portOption(names: readonly string[], proto: string): OptionSpec {
  const name = names[0] as string
  return {
    names,
    arity: 1,
    negatable: true,
    quick: isCanonicalPort,
    read(args, negated) {
      const r = parsePortRange(args[0] ?? '', proto)
      if (!r.ok) return fail(`${name}: ${r.message}`)
      if (r.from === 0 && r.to === 65535) return ok()
      return ok(option(name, [portRangeText(r.from, r.to)], negated))
    },
  }
}

const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'] as const

/** A `--tcp-flags` list (`SYN,ACK`, `ALL`, `NONE`) as a bit set, or null for an unknown flag. */
export function tcpFlagBits(text: string): number | null {
  let bits = 0
  for (const part of text.split(',')) {
    const p = part.toUpperCase()
    if (p === 'ALL') bits |= 0x3f
    else if (p === 'NONE') continue
    else {
      const i = (TCP_FLAGS as readonly string[]).indexOf(p)
      if (i < 0) return null
      bits |= 1 << i
    }
  }
  return bits
}

export function tcpFlagText(bits: number): string {
  if (bits === 0) return 'NONE'
  return TCP_FLAGS.filter((_, i) => bits & (1 << i)).join(',')
}

const tcp: ExtensionSpec = {
  name: 'tcp',
  kind: 'match',
  order: ['--sport', '--dport', '--tcp-option', '--tcp-flags'],
  options: [
    portOption(['--sport', '--source-port'], 'tcp'),
    portOption(['--dport', '--destination-port'], 'tcp'),
    {
      names: ['--tcp-flags'],
      arity: 2,
      negatable: true,
      read(args, negated) {
        const mask = tcpFlagBits(args[0] ?? '')
        const comp = tcpFlagBits(args[1] ?? '')
        if (mask === null || comp === null) return fail(`--tcp-flags: unknown flag in "${args.join(' ')}" (FIN SYN RST PSH ACK URG ALL NONE)`)
        return ok(option('--tcp-flags', [tcpFlagText(mask), tcpFlagText(comp)], negated))
      },
    },
    {
      // iptables stores --syn as the flags test it abbreviates.
      names: ['--syn'],
      arity: 0,
      negatable: true,
      read: (_args, negated) => ok(option('--tcp-flags', ['FIN,SYN,RST,ACK', 'SYN'], negated)),
    },
    {
      names: ['--tcp-option'],
      arity: 1,
      negatable: true,
      read(args, negated) {
        const n = parseUnsigned(args[0] ?? '', 255)
        return n === null ? fail(`--tcp-option: "${args[0] ?? ''}" is not an option number (0–255)`) : ok(option('--tcp-option', [String(n)], negated))
      },
    },
  ],
}

const udp: ExtensionSpec = {
  name: 'udp',
  kind: 'match',
  order: ['--sport', '--dport'],
  options: [portOption(['--sport', '--source-port'], 'udp'), portOption(['--dport', '--destination-port'], 'udp')],
}

const sctp: ExtensionSpec = {
  name: 'sctp',
  kind: 'match',
  order: ['--sport', '--dport', '--chunk-types'],
  options: [portOption(['--sport', '--source-port'], 'sctp'), portOption(['--dport', '--destination-port'], 'sctp')],
}

const MULTIPORT_PROTOCOLS = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp'])

function portListOption(names: readonly string[]): OptionSpec {
  const name = names[0] as string
  return {
    names,
    arity: 1,
    negatable: true,
    read(args, negated, ctx) {
      const r = parsePortList(args[0] ?? '', ctx.protocol)
      return r.ok ? ok(option(name, [r.text], negated)) : fail(`${name}: ${r.message}`)
    },
  }
}

const multiport: ExtensionSpec = {
  name: 'multiport',
  kind: 'match',
  order: ['--sports', '--dports', '--ports'],
  options: [
    portListOption(['--sports', '--source-ports', '--sport', '--source-port']),
    portListOption(['--dports', '--destination-ports', '--dport', '--destination-port']),
    portListOption(['--ports', '--port']),
  ],
  finish(options, ctx) {
    if (!MULTIPORT_PROTOCOLS.has(ctx.protocol)) {
      return { options, error: 'multiport needs -p tcp, udp, udplite, sctp or dccp' }
    }
    if (options.length > 1) return { options, error: 'multiport takes only one of --sports, --dports, --ports' }
    return { options }
  },
}

function icmpTypeRead(names: readonly IcmpName[], optName: string, allowAny: boolean): OptionSpec['read'] {
  return (args, negated) => {
    const text = args[0] ?? ''
    let type: number | null = null
    let code: number | null = null
    const slash = text.indexOf('/')
    if (/^[0-9]/.test(text)) {
      type = parseUnsigned(slash < 0 ? text : text.slice(0, slash), 255)
      if (slash >= 0) code = parseUnsigned(text.slice(slash + 1), 255)
      if (type === null || (slash >= 0 && code === null)) return fail(`${optName}: "${text}" is not a type[/code] (0–255)`)
    } else {
      const n = icmpByName(names, text)
      if (!n) return fail(`${optName}: unknown or ambiguous type "${text}"`)
      if (n.type === 0xff && allowAny) return ok(option(optName, ['any'], negated))
      type = n.type
      if (n.codeMin === n.codeMax) code = n.codeMin
    }
    if (type === 0xff && code === null && allowAny) return ok(option(optName, ['any'], negated))
    return ok(option(optName, [code === null ? String(type) : `${type}/${code}`], negated))
  }
}

const icmp: ExtensionSpec = {
  name: 'icmp',
  kind: 'match',
  order: ['--icmp-type'],
  options: [{ names: ['--icmp-type'], arity: 1, negatable: true, read: icmpTypeRead(ICMP_NAMES, '--icmp-type', true) }],
}

const icmp6: ExtensionSpec = {
  name: 'icmp6',
  kind: 'match',
  order: ['--icmpv6-type'],
  options: [{ names: ['--icmpv6-type'], arity: 1, negatable: true, read: icmpTypeRead(ICMPV6_NAMES, '--icmpv6-type', false) }],
}

export const PORT_MATCHES: readonly ExtensionSpec[] = [tcp, udp, sctp, multiport, icmp, icmp6]

/** The match `-p PROTO` loads when an option no loaded match knows is met (`-p tcp --dport 80` → `-m tcp`). */
export function implicitMatchFor(protocol: string, ctx: Pick<ReadContext, 'family'>): string | null {
  switch (protocol) {
    case 'tcp':
    case 'udp':
    case 'sctp':
      return protocol
    case 'icmp':
      return ctx.family === 4 ? 'icmp' : null
    case 'ipv6-icmp':
      return ctx.family === 6 ? 'icmp6' : null
    default:
      return null
  }
}
