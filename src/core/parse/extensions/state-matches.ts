import { conntrackAddress } from '../canonical/address.ts'
import { hex, isDigits, parseUnsigned, parseValueMask, probabilityText } from '../canonical/numbers.ts'
import { parsePortRange } from '../canonical/ports.ts'
import { protocolNumber, wellKnownId } from '../tables/names.ts'
import { fail, has, ok, option, single, type ExtensionSpec, type OptionSpec } from './types.ts'

/**
 * Matches on packet and connection state: mark, connmark, owner, socket, conntrack, state, addrtype, statistic,
 * comment. Flag-list arguments (`RELATED,ESTABLISHED`) are case-insensitive and printed in the kernel's bit order.
 */

/** `0x539` or `0x539/0xfff`: the mask is left out when it is all ones, as iptables-save does. */
export function markText(value: number, mask: number): string {
  return mask === 0xffffffff ? hex(value) : `${hex(value)}/${hex(mask)}`
}

/** `0x539` or `0x539/0xfff` with a mask that is not all ones: iptables-save's own form. */
export function isCanonicalMark(arg: string): boolean {
  return /^0x(?:0|[1-9a-f][0-9a-f]{0,7})(?:\/0x(?:0|[1-9a-f][0-9a-f]{0,7}))?$/.test(arg) && !arg.endsWith('/0xffffffff')
}

function markOption(): OptionSpec {
  return {
    names: ['--mark'],
    arity: 1,
    negatable: true,
    quick: isCanonicalMark,
    read(args, negated) {
      const m = parseValueMask(args[0] ?? '')
      return m ? ok(option('--mark', [markText(m.value, m.mask)], negated)) : fail(`--mark: "${args[0] ?? ''}" is not value[/mask]`)
    },
  }
}

const mark: ExtensionSpec = { name: 'mark', kind: 'match', order: ['--mark'], options: [markOption()] }
const connmark: ExtensionSpec = { name: 'connmark', kind: 'match', order: ['--mark'], options: [markOption()] }

/** A uid/gid argument: a number, a range `a-b`, or a name (only `root` is the same on every host). */
function ownerId(name: string): OptionSpec {
  return {
    names: [name],
    arity: 1,
    negatable: true,
    quick: (arg) => /^(?:0|[1-9][0-9]{0,9})$/.test(arg) && Number(arg) <= 0xffffffff,
    read(args, negated) {
      const text = args[0] ?? ''
      const dash = text.indexOf('-')
      if (dash > 0 && isDigits(text.slice(0, dash)) && isDigits(text.slice(dash + 1))) {
        const a = Number(text.slice(0, dash))
        const b = Number(text.slice(dash + 1))
        if (a > b || b > 0xffffffff) return fail(`${name}: "${text}" is not a valid id range`)
        return ok(option(name, [a === b ? String(a) : `${a}-${b}`], negated))
      }
      if (isDigits(text)) {
        const n = Number(text)
        return n <= 0xffffffff ? ok(option(name, [String(n)], negated)) : fail(`${name}: "${text}" is out of range`)
      }
      const id = wellKnownId(text)
      if (id !== null) return ok(option(name, [String(id)], negated))
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*\$?$/.test(text)) return fail(`${name}: "${text}" is not a user/group id or name`)
      return {
        options: [option(name, [text], negated)],
        warning: `${name} ${text}: a name is resolved on the host that loads the rules; kept as written`,
      }
    },
  }
}

const owner: ExtensionSpec = {
  name: 'owner',
  kind: 'match',
  order: ['--socket-exists', '--uid-owner', '--gid-owner', '--suppl-groups'],
  options: [
    ownerId('--uid-owner'),
    ownerId('--gid-owner'),
    { names: ['--socket-exists'], arity: 0, negatable: true },
    { names: ['--suppl-groups'], arity: 0 },
  ],
  finish(options) {
    if (has(options, '--suppl-groups') && !has(options, '--gid-owner')) {
      return { options, error: 'owner: --suppl-groups needs --gid-owner' }
    }
    return { options }
  },
}

const socket: ExtensionSpec = {
  name: 'socket',
  kind: 'match',
  order: ['--transparent', '--nowildcard', '--restore-skmark'],
  options: [
    { names: ['--transparent'], arity: 0 },
    { names: ['--nowildcard'], arity: 0 },
    { names: ['--restore-skmark'], arity: 0 },
  ],
}

/** A comma list of flag names in bit order; unknown names make it invalid. */
function flagList(name: string, all: readonly string[]): OptionSpec['read'] {
  return (args, negated) => {
    const text = args[0] ?? ''
    const seen = new Set<string>()
    for (const part of text.split(',')) {
      const p = part.toUpperCase()
      if (!all.includes(p)) return fail(`${name}: unknown value "${part}" (${all.join(', ')})`)
      seen.add(p)
    }
    return ok(option(name, [all.filter((s) => seen.has(s)).join(',')], negated))
  }
}

export const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'] as const
export const STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'] as const
const CT_STATUS = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'] as const

/** conntrack keeps the address as given: bare for a host, `/len` for a prefix (see conntrackAddress). */
function ctAddress(name: string): OptionSpec {
  return {
    names: [name],
    arity: 1,
    negatable: true,
    read(args, negated, ctx) {
      const r = conntrackAddress(args[0] ?? '', ctx.family)
      if (r.kind === 'error') return fail(`${name}: ${r.message}`)
      if (r.kind === 'name') return { options: [option(name, [r.text], negated)], warning: `${name} ${r.text}: host name kept as written` }
      return ok(option(name, [r.text], negated))
    },
  }
}

function ctPort(name: string): OptionSpec {
  return {
    names: [name],
    arity: 1,
    negatable: true,
    read(args, negated) {
      const r = parsePortRange(args[0] ?? '', null)
      if (!r.ok) return fail(`${name}: ${r.message}`)
      return ok(option(name, [r.from === r.to ? String(r.from) : `${r.from}:${r.to}`], negated))
    },
  }
}

const conntrack: ExtensionSpec = {
  name: 'conntrack',
  kind: 'match',
  order: [
    '--ctstate', '--ctproto', '--ctorigsrc', '--ctorigdst', '--ctreplsrc', '--ctrepldst', '--ctorigsrcport',
    '--ctorigdstport', '--ctreplsrcport', '--ctrepldstport', '--ctstatus', '--ctexpire', '--ctdir',
  ],
  options: [
    { names: ['--ctstate'], arity: 1, negatable: true, read: flagList('--ctstate', CT_STATES) },
    {
      names: ['--ctproto'],
      arity: 1,
      negatable: true,
      read: single('--ctproto', 'a protocol', (a) => {
        const n = protocolNumber(a)
        return n === null || n === 0 ? null : String(n)
      }),
    },
    ctAddress('--ctorigsrc'),
    ctAddress('--ctorigdst'),
    ctAddress('--ctreplsrc'),
    ctAddress('--ctrepldst'),
    ctPort('--ctorigsrcport'),
    ctPort('--ctorigdstport'),
    ctPort('--ctreplsrcport'),
    ctPort('--ctrepldstport'),
    { names: ['--ctstatus'], arity: 1, negatable: true, read: flagList('--ctstatus', CT_STATUS) },
    {
      names: ['--ctexpire'],
      arity: 1,
      negatable: true,
      read: single('--ctexpire', 'seconds[:seconds]', (a) => {
        const [lo, hi] = a.split(':')
        const from = parseUnsigned(lo ?? '')
        const to = hi === undefined ? from : parseUnsigned(hi)
        if (from === null || to === null || from > to) return null
        return from === to ? String(from) : `${from}:${to}`
      }),
    },
    {
      names: ['--ctdir'],
      arity: 1,
      read: single('--ctdir', 'ORIGINAL or REPLY', (a) => {
        const u = a.toUpperCase()
        return u === 'ORIGINAL' || u === 'REPLY' ? u : null
      }),
    },
  ],
}

const state: ExtensionSpec = {
  name: 'state',
  kind: 'match',
  order: ['--state'],
  options: [{ names: ['--state'], arity: 1, negatable: true, read: flagList('--state', STATES) }],
}

export const ADDRESS_TYPES = [
  'UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW',
  'NAT', 'XRESOLVE',
] as const

const addrtype: ExtensionSpec = {
  name: 'addrtype',
  kind: 'match',
  order: ['--src-type', '--dst-type', '--limit-iface-in', '--limit-iface-out'],
  options: [
    { names: ['--src-type'], arity: 1, negatable: true, read: flagList('--src-type', ADDRESS_TYPES) },
    { names: ['--dst-type'], arity: 1, negatable: true, read: flagList('--dst-type', ADDRESS_TYPES) },
    { names: ['--limit-iface-in'], arity: 0 },
    { names: ['--limit-iface-out'], arity: 0 },
  ],
  finish(options) {
    if (has(options, '--limit-iface-in') && has(options, '--limit-iface-out')) {
      return { options, error: 'addrtype: --limit-iface-in and --limit-iface-out exclude each other' }
    }
    return { options }
  },
}

const probabilityCache = new Map<string, string | null>()

const statistic: ExtensionSpec = {
  name: 'statistic',
  kind: 'match',
  order: ['--mode', '--probability', '--every', '--packet'],
  options: [
    {
      names: ['--mode'],
      arity: 1,
      read: single('--mode', 'random or nth', (a) => (a === 'random' || a === 'nth' ? a : null)),
    },
    {
      names: ['--probability'],
      arity: 1,
      negatable: true,
      read(args, negated) {
        const text = args[0] ?? ''
        let v = probabilityCache.get(text)
        if (v === undefined) {
          v = /^[0-9]*\.?[0-9]+(e-?[0-9]+)?$/i.test(text) ? probabilityText(Number(text)) : null
          if (probabilityCache.size < 4096) probabilityCache.set(text, v)
        }
        return v === null ? fail(`--probability: "${text}" is not a number between 0 and 1`) : ok(option('--probability', [v], negated))
      },
    },
    {
      names: ['--every'],
      arity: 1,
      negatable: true,
      read: single('--every', 'a positive number', (a) => {
        const n = parseUnsigned(a)
        return n === null || n === 0 ? null : String(n)
      }),
    },
    {
      names: ['--packet'],
      arity: 1,
      read: single('--packet', 'a number', (a) => {
        const n = parseUnsigned(a)
        return n === null ? null : String(n)
      }),
    },
  ],
  finish(options) {
    const mode = options.find((o) => o.name === '--mode')?.args[0]
    if (!mode) return { options, error: 'statistic needs --mode random or --mode nth' }
    if (mode === 'random' && !has(options, '--probability')) return { options, error: 'statistic --mode random needs --probability' }
    if (mode === 'nth' && !(has(options, '--every') && has(options, '--packet'))) {
      return { options, error: 'statistic --mode nth needs --every and --packet' }
    }
    return { options }
  },
}

const comment: ExtensionSpec = {
  name: 'comment',
  kind: 'match',
  order: ['--comment'],
  quoted: ['--comment'],
  options: [
    {
      names: ['--comment'],
      arity: 1,
      quoted: true,
      quick: (arg) => arg.length <= 85,
      read(args) {
        const text = args[0] ?? ''
        if (text.length > 85 && utf8Length(text) > 255) return fail('--comment: longer than 255 bytes')
        return ok(option('--comment', [text]))
      },
    },
  ],
}

/** UTF-8 length without allocating (the kernel limit is in bytes; a UTF-16 unit is at most 3 bytes). */
function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3
  }
  return n
}

export const STATE_MATCHES: readonly ExtensionSpec[] = [mark, connmark, owner, socket, conntrack, state, addrtype, statistic, comment]
