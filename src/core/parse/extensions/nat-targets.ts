import type { Family } from '../../model/ruleset.ts'
import { canonicalHostAddress } from '../canonical/address.ts'
import { parsePort } from '../canonical/ports.ts'
import { fail, has, isCanonicalPort, ok, option, type ExtensionSpec, type OptionSpec } from './types.ts'

/** REDIRECT, MASQUERADE, DNAT and SNAT: port ranges `a-b`, address ranges, `[v6]:port`. */

const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp'])

/** `15001` or `15001-15002` (a range of one port prints as that port). */
export function parseNatPorts(text: string): string | null {
  const dash = text.indexOf('-')
  const a = parsePort(dash < 0 ? text : text.slice(0, dash), null)
  const b = dash < 0 ? a : parsePort(text.slice(dash + 1), null)
  if (a === null || b === null || a > b) return null
  return a === b ? String(a) : `${a}-${b}`
}

function toPorts(names: readonly string[]): OptionSpec {
  return {
    names,
    arity: 1,
    quick: isCanonicalPort,
    read(args) {
      const p = parseNatPorts(args[0] ?? '')
      return p === null ? fail(`--to-ports: "${args[0] ?? ''}" is not a port or port range`) : ok(option('--to-ports', [p]))
    },
  }
}

function needsPortProtocol(optionName: string) {
  return (options: ReturnType<typeof option>[], ctx: { protocol: string }) => {
    if (has(options, optionName) && !PORT_PROTOCOLS.has(ctx.protocol)) {
      return { options, error: `${optionName} needs -p tcp, udp, sctp or dccp` }
    }
    return { options }
  }
}

const redirect: ExtensionSpec = {
  name: 'REDIRECT',
  kind: 'target',
  order: ['--to-ports', '--random'],
  options: [toPorts(['--to-ports', '--to-port']), { names: ['--random'], arity: 0 }],
  finish: needsPortProtocol('--to-ports'),
}

const masquerade: ExtensionSpec = {
  name: 'MASQUERADE',
  kind: 'target',
  order: ['--to-ports', '--random', '--random-fully'],
  options: [toPorts(['--to-ports', '--to-port']), { names: ['--random'], arity: 0 }, { names: ['--random-fully'], arity: 0 }],
  finish: needsPortProtocol('--to-ports'),
}

/**
 * `ip[-ip][:port[-port]]`, `:port`, or for IPv6 `[ip[-ip]]:port` / `ip[-ip]`, as DNAT/SNAT read them; returned in
 * the form iptables-save prints (collapsed one-element ranges, canonical addresses). Null when malformed.
 */
export function parseNatRange(text: string, family: Family): { text: string; hasPorts: boolean } | null {
  let addrPart = text
  let portPart: string | null = null
  if (family === 6) {
    if (text.startsWith('[')) {
      const close = text.indexOf(']')
      if (close < 0) return null
      addrPart = text.slice(1, close)
      const rest = text.slice(close + 1)
      if (rest !== '') {
        if (!rest.startsWith(':')) return null
        portPart = rest.slice(1)
      }
    }
  } else {
    const colon = text.indexOf(':')
    if (colon >= 0) {
      addrPart = text.slice(0, colon)
      portPart = text.slice(colon + 1)
    }
  }
  let addrs = ''
  if (addrPart !== '') {
    const dash = addrPart.indexOf('-')
    const a = canonicalHostAddress(dash < 0 ? addrPart : addrPart.slice(0, dash), family)
    const b = dash < 0 ? a : canonicalHostAddress(addrPart.slice(dash + 1), family)
    if (a === null || b === null) return null
    addrs = a === b ? a : `${a}-${b}`
  }
  let ports = ''
  if (portPart !== null) {
    const p = parseNatPorts(portPart)
    if (p === null) return null
    ports = p
  }
  if (addrs === '' && ports === '') return null
  if (ports === '') return { text: addrs, hasPorts: false }
  return { text: family === 6 && addrs !== '' ? `[${addrs}]:${ports}` : `${addrs}:${ports}`, hasPorts: true }
}

/** `10.244.1.5:8080` or `10.244.1.5`: a single v4 address, a single port, as iptables-save prints DNAT/SNAT. */
function isCanonicalV4Target(arg: string): boolean {
  const m = /^((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})(?::([0-9]{1,5}))?$/.exec(arg)
  return m !== null && (m[2] === undefined || isCanonicalPort(m[2]))
}

function natRange(canonical: string, names: readonly string[]): OptionSpec {
  return {
    names,
    arity: 1,
    quick: (arg, ctx) => ctx.family === 4 && isCanonicalV4Target(arg) && (!arg.includes(':') || PORT_PROTOCOLS.has(ctx.protocol)),
    read(args, _negated, ctx) {
      const r = parseNatRange(args[0] ?? '', ctx.family)
      if (!r) return fail(`${canonical}: "${args[0] ?? ''}" is not an address[-address][:port[-port]]`)
      if (r.hasPorts && !PORT_PROTOCOLS.has(ctx.protocol)) return fail(`${canonical}: a port needs -p tcp, udp, sctp or dccp`)
      return ok(option(canonical, [r.text]))
    },
  }
}

const dnat: ExtensionSpec = {
  name: 'DNAT',
  kind: 'target',
  order: ['--to-destination', '--random', '--random-fully', '--persistent'],
  options: [
    natRange('--to-destination', ['--to-destination', '--to']),
    { names: ['--random'], arity: 0 },
    { names: ['--random-fully'], arity: 0 },
    { names: ['--persistent'], arity: 0 },
  ],
  finish(options) {
    return has(options, '--to-destination') ? { options } : { options, error: 'DNAT needs --to-destination' }
  },
}

const snat: ExtensionSpec = {
  name: 'SNAT',
  kind: 'target',
  order: ['--to-source', '--random', '--random-fully', '--persistent'],
  options: [
    natRange('--to-source', ['--to-source', '--to']),
    { names: ['--random'], arity: 0 },
    { names: ['--random-fully'], arity: 0 },
    { names: ['--persistent'], arity: 0 },
  ],
  finish(options) {
    return has(options, '--to-source') ? { options } : { options, error: 'SNAT needs --to-source' }
  },
}

export const NAT_TARGETS: readonly ExtensionSpec[] = [redirect, masquerade, dnat, snat]
