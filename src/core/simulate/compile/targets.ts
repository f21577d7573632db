import type { Family, Target } from '../../model/ruleset.ts'
import { parseAddr, parseCidr4w, type Words } from '../addr.ts'
import type { CompiledChain, CompiledTarget, NatSpec } from './compiled.ts'
import { canonicalOption, parseMarkMask, parsePortRange, parseUint } from './decode.ts'
import { rejectType } from './reject-types.ts'

/** Targets that only annotate or log and let the packet continue to the next rule (XT_CONTINUE). */
const CONTINUE_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'TRACE',
  'AUDIT',
  'CLASSIFY',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'TCPMSS',
  'CHECKSUM',
  'SECMARK',
  'CONNSECMARK',
  'SET',
  'LED',
  'IDLETIMER',
  'RATEEST',
  'TEE',
  'ECN',
  'NFACCT',
])

function opt(t: Target, ...names: string[]): string[] | null {
  const o = t.options.find((x) => names.includes(canonicalOption(x.name)))
  return o ? o.args : null
}

function has(t: Target, name: string): boolean {
  return t.options.some((o) => o.name === name)
}

function text(t: Target): string {
  return [t.name, ...t.options.map((o) => [o.name, ...o.args].join(' '))].join(' ')
}

/** `addr[-addr][:port[-port]]`, `[v6]:port`; either part may be missing. */
function parseNatRange(spec: string, family: Family): { addrs: { from: Words; to: Words } | null; ports: { from: number; to: number } | null } | null {
  let addrPart = spec
  let portPart = ''
  if (family === 6) {
    const m = /^\[([^\]]*)\](?::(.*))?$/.exec(spec)
    if (m) {
      addrPart = m[1] ?? ''
      portPart = m[2] ?? ''
    } else if (spec.startsWith(':')) {
      addrPart = ''
      portPart = spec.slice(1)
    }
  } else {
    const colon = spec.indexOf(':')
    if (colon >= 0) {
      addrPart = spec.slice(0, colon)
      portPart = spec.slice(colon + 1)
    }
  }
  let addrs: { from: Words; to: Words } | null = null
  if (addrPart !== '') {
    const dash = family === 4 ? addrPart.indexOf('-') : addrPart.indexOf('-')
    const a = parseAddr(dash < 0 ? addrPart : addrPart.slice(0, dash))
    const b = dash < 0 ? a : parseAddr(addrPart.slice(dash + 1))
    if (!a || !b || a.family !== family || b.family !== family) return null
    addrs = { from: a.w, to: b.w }
  }
  let ports: { from: number; to: number } | null = null
  if (portPart !== '') {
    ports = parsePortRange(portPart)
    if (!ports) return null
  }
  return { addrs, ports }
}

/** MARK/CONNMARK value/mask pairs: new = (old & ~mask) ^ value. */
function markOp(t: Target): { value: number; mask: number } | null {
  const x = opt(t, '--set-xmark')
  if (x) {
    const m = parseMarkMask(x[0] ?? '')
    return m ? { value: m.value, mask: m.mask } : null
  }
  const s = opt(t, '--set-mark')
  if (s) {
    const m = parseMarkMask(s[0] ?? '')
    return m ? { value: m.value, mask: m.hasMask ? (m.mask | m.value) >>> 0 : 0xffffffff } : null
  }
  const and = opt(t, '--and-mark')
  if (and) {
    const v = parseUint(and[0] ?? '')
    return v === null ? null : { value: 0, mask: ~v >>> 0 }
  }
  const or = opt(t, '--or-mark')
  if (or) {
    const v = parseUint(or[0] ?? '')
    return v === null ? null : { value: v, mask: v }
  }
  const xor = opt(t, '--xor-mark')
  if (xor) {
    const v = parseUint(xor[0] ?? '')
    return v === null ? null : { value: v, mask: 0 }
  }
  return null
}

export interface TargetContext {
  family: Family
  /** A user chain of the same table, or null. */
  chain(name: string): CompiledChain | null
}

export function compileTarget(t: Target | null, ctx: TargetContext): CompiledTarget {
  if (t === null) return { kind: 'none' }
  if (t.verbatim !== undefined) return { kind: 'undecidable', name: t.name, reason: 'this target was read from a listing the parser could not map to options' }
  const user = ctx.chain(t.name)
  if (user) return { kind: 'jump', chain: user, goto: t.kind === 'goto' }
  const bad = (reason: string): CompiledTarget => ({ kind: 'undecidable', name: t.name, reason })
  switch (t.name) {
    case 'ACCEPT':
      return { kind: 'accept' }
    case 'DROP':
      return { kind: 'drop' }
    case 'RETURN':
      return { kind: 'return' }
    case 'QUEUE':
      return { kind: 'queue', bypass: false }
    case 'NFQUEUE':
      return { kind: 'queue', bypass: has(t, '--queue-bypass') }
    case 'MARK': {
      const m = markOp(t)
      return m ? { kind: 'mark', ...m, text: text(t) } : bad('unreadable MARK options')
    }
    case 'CONNMARK': {
      const save = has(t, '--save-mark')
      const restore = has(t, '--restore-mark')
      if (save || restore) {
        const both = opt(t, '--mask')
        const nf = opt(t, '--nfmask') ?? both
        const ct = opt(t, '--ctmask') ?? both
        const nfmask = nf ? parseUint(nf[0] ?? '') : 0xffffffff
        const ctmask = ct ? parseUint(ct[0] ?? '') : 0xffffffff
        if (nfmask === null || ctmask === null) return bad('unreadable CONNMARK masks')
        return { kind: 'connmark', mode: save ? 'save' : 'restore', value: 0, mask: 0, nfmask, ctmask, text: text(t) }
      }
      const m = markOp(t)
      return m ? { kind: 'connmark', mode: 'set', value: m.value, mask: m.mask, nfmask: 0, ctmask: 0, text: text(t) } : bad('unreadable CONNMARK options')
    }
    case 'CT': {
      if (has(t, '--notrack')) return { kind: 'ct', zone: null, notrack: true, text: text(t) }
      if (has(t, '--zone-orig') || has(t, '--zone-reply')) return bad('directional conntrack zones are not simulated')
      const z = opt(t, '--zone')
      if (z) {
        const n = parseUint(z[0] ?? '')
        return n === null || n > 65535 ? bad('"mark" zones are not simulated') : { kind: 'ct', zone: n, notrack: false, text: text(t) }
      }
      return { kind: 'ct', zone: null, notrack: false, text: text(t) }
    }
    case 'NOTRACK':
      return { kind: 'ct', zone: null, notrack: true, text: text(t) }
    case 'REDIRECT': {
      const p = opt(t, '--to-ports')
      const ports = p ? parsePortRange(p[0] ?? '') : null
      if (p && !ports) return bad('unreadable --to-ports')
      return nat({ kind: 'redirect', ports }, t)
    }
    case 'DNAT':
    case 'SNAT': {
      const spec = opt(t, t.name === 'DNAT' ? '--to-destination' : '--to-source')
      if (!spec) return bad(`${t.name} without ${t.name === 'DNAT' ? '--to-destination' : '--to-source'}`)
      if (t.options.filter((o) => o.name === (t.name === 'DNAT' ? '--to-destination' : '--to-source')).length > 1) return bad('several NAT ranges are not simulated')
      const r = parseNatRange(spec[0] ?? '', ctx.family)
      if (!r) return bad(`unreadable range "${spec[0] ?? ''}"`)
      return nat(t.name === 'DNAT' ? { kind: 'dnat', ...r } : { kind: 'snat', ...r }, t)
    }
    case 'MASQUERADE': {
      const p = opt(t, '--to-ports')
      const ports = p ? parsePortRange(p[0] ?? '') : null
      if (p && !ports) return bad('unreadable --to-ports')
      return nat({ kind: 'masquerade', ports }, t)
    }
    case 'NETMAP': {
      const to = opt(t, '--to')
      const c = to ? parseCidr4w(to[0] ?? '') : null
      return c ? nat({ kind: 'netmap', net: c.net, mask: c.mask }, t) : bad('unreadable NETMAP --to')
    }
    case 'TPROXY': {
      const port = parseUint(opt(t, '--on-port')?.[0] ?? '0')
      const ipText = opt(t, '--on-ip')?.[0]
      const ip = ipText ? parseAddr(ipText) : null
      const mark = opt(t, '--tproxy-mark')?.[0]
      const mm = mark ? parseMarkMask(mark) : { value: 0, mask: 0, hasMask: true }
      if (port === null || port > 65535 || (ipText && !ip) || !mm) return bad('unreadable TPROXY options')
      const addr = ip && !(ip.w[0] === 0 && ip.w[1] === 0 && ip.w[2] === 0 && ip.w[3] === 0) ? ip.w : null
      return { kind: 'tproxy', port, addr, markValue: mm.value, markMask: mm.mask, text: text(t) }
    }
    case 'REJECT': {
      const how = opt(t, '--reject-with')?.[0]
      // A rules file read without its family gets IPv4's default spelled out; ip6tables' default is port-unreach.
      if (how === undefined || (how === 'icmp-port-unreachable' && ctx.family === 6)) {
        return { kind: 'reject', with: ctx.family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable' }
      }
      if (how !== 'tcp-reset' && rejectType(how, ctx.family) === undefined) return bad(`--reject-with ${how} is not an IPv${ctx.family} reject type`)
      return { kind: 'reject', with: how }
    }
  }
  if (CONTINUE_TARGETS.has(t.name)) return { kind: 'continue', name: t.name }
  return bad(`the ${t.name} target is not simulated`)
}

function nat(spec: NatSpec, t: Target): CompiledTarget {
  return { kind: 'nat', spec, text: text(t) }
}
