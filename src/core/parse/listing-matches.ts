import { tcpFlagText } from './extensions/port-matches.ts'
import type { ListingCursor } from './listing-cursor.ts'
import type { DraftOption } from './rule-draft.ts'

/**
 * Match fragments of `iptables -L` text turned back into the options that printed them (libxt_*.c print
 * functions, iptables 1.8; every form below was checked against the kernel oracle's `iptables -L [-n]`).
 * Each decoder consumes its words from the cursor and returns the module and options, or null without consuming
 * when the text is not its fragment.
 */
export interface DecodedMatch {
  module: string
  options: DraftOption[]
}

type Opt = (name: string, args: string[], negated?: boolean) => DraftOption

/** `spt:22`, `spts:1024:65535`, `dpt:!53`, `dpts:!1:1023` → `[!] --sport|--dport X[:Y]`. */
function portItem(word: string, opt: Opt): DraftOption | null {
  const m = /^(spts?|dpts?):(!?)(.+)$/.exec(word)
  if (!m) return null
  const name = (m[1] as string).startsWith('s') ? '--sport' : '--dport'
  return opt(name, [m[3] as string], m[2] === '!')
}

function flagsArg(text: string): string {
  if (/^0x[0-9a-fA-F]+$/.test(text)) return tcpFlagText(parseInt(text, 16) & 0x3f)
  return text
}

function decodePorts(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const proto = c.peek()
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp' && proto !== 'dccp' && proto !== 'udplite') return null
  c.next()
  const options: DraftOption[] = []
  for (;;) {
    const w = c.peek()
    const port = portItem(w, opt)
    if (port) {
      c.next()
      options.push(port)
      continue
    }
    const option = /^option=(!?)(\d+)$/.exec(w)
    if (option && proto === 'tcp') {
      c.next()
      options.push(opt('--tcp-option', [option[2] as string], option[1] === '!'))
      continue
    }
    const flags = /^flags:(!?)([^/]+)\/(.+)$/.exec(w)
    if (flags && proto === 'tcp') {
      c.next()
      options.push(opt('--tcp-flags', [flagsArg(flags[2] as string), flagsArg(flags[3] as string)], flags[1] === '!'))
      continue
    }
    break
  }
  return { module: proto, options }
}

/** `icmp echo-request`, `icmp !echo-reply`, `icmptype 3 code 3`, `icmp !type 0`, and the ipv6-icmp forms. */
function decodeIcmp(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const head = c.peek()
  const v6 = head.startsWith('ipv6-icmp')
  if (head !== 'icmp' && head !== 'icmptype' && head !== 'ipv6-icmp' && head !== 'ipv6-icmptype') return null
  const name = v6 ? '--icmpv6-type' : '--icmp-type'
  const module = v6 ? 'icmp6' : 'icmp'
  c.next()
  let negated = false
  let typeText: string
  if (head.endsWith('type')) {
    typeText = c.next()?.text ?? ''
  } else {
    const w = c.next()?.text ?? ''
    negated = w.startsWith('!')
    const body = negated ? w.slice(1) : w
    if (body === 'type') typeText = c.next()?.text ?? ''
    else return { module, options: [opt(name, [body], negated)] }
  }
  if (c.peek() === 'code') {
    c.next()
    typeText += `/${c.next()?.text ?? ''}`
  }
  return { module, options: [opt(name, [typeText], negated)] }
}

/** `multiport dports 80,443`, `multiport sports  !22` → `[!] --dports|--sports|--ports LIST`. */
function decodeMultiport(c: ListingCursor, opt: Opt): DecodedMatch | null {
  if (c.peek() !== 'multiport') return null
  const kind = c.peek(1)
  if (kind !== 'sports' && kind !== 'dports' && kind !== 'ports') return null
  c.next()
  c.next()
  let negated = c.accept('!')
  let list = c.next()?.text ?? ''
  if (list.startsWith('!')) {
    negated = true
    list = list.slice(1)
  }
  return { module: 'multiport', options: [opt(`--${kind}`, [list], negated)] }
}

/** Consecutive owner items (`owner UID match 1337 owner GID match 1337`, `! owner socket exists`) → one owner match. */
function decodeOwner(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const options: DraftOption[] = []
  for (;;) {
    const negated = c.peek() === '!'
    const o = c.peek(negated ? 1 : 0)
    if (o === 'incl.' && c.peek(1) === 'suppl.' && c.peek(2) === 'groups') {
      c.next()
      c.next()
      c.next()
      options.push(opt('--suppl-groups', []))
      continue
    }
    if (o !== 'owner') break
    const what = c.peek(negated ? 2 : 1)
    let name: string
    if (what === 'UID' || what === 'GID') name = what === 'UID' ? '--uid-owner' : '--gid-owner'
    else if (what === 'socket' && c.peek(negated ? 3 : 2) === 'exists') name = '--socket-exists'
    else break
    if (options.some((x) => x.name === name)) break
    if (negated) c.next()
    c.next()
    c.next()
    if (name === '--socket-exists') {
      c.next()
      options.push(opt(name, [], negated))
      continue
    }
    c.accept('match')
    options.push(opt(name, [c.next()?.text ?? ''], negated))
  }
  return options.length ? { module: 'owner', options } : null
}

/** `mark match [!] 0x539[/0xff]`, `connmark match  [!] 0x539`. */
function decodeMark(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const head = c.peek()
  if ((head !== 'mark' && head !== 'connmark') || c.peek(1) !== 'match') return null
  c.next()
  c.next()
  let negated = c.accept('!')
  let value = c.next()?.text ?? ''
  if (value.startsWith('!')) {
    negated = true
    value = value.slice(1)
  }
  return { module: head, options: [opt('--mark', [value], negated)] }
}

const CT_ITEMS: Readonly<Record<string, string>> = {
  ctstate: '--ctstate', ctproto: '--ctproto', ctorigsrc: '--ctorigsrc', ctorigdst: '--ctorigdst', ctreplsrc: '--ctreplsrc',
  ctrepldst: '--ctrepldst', ctorigsrcport: '--ctorigsrcport', ctorigdstport: '--ctorigdstport',
  ctreplsrcport: '--ctreplsrcport', ctrepldstport: '--ctrepldstport', ctstatus: '--ctstatus', ctexpire: '--ctexpire',
  ctdir: '--ctdir',
}

/** Consecutive conntrack items (`! ctstate NEW ctdir REPLY`) → one conntrack match; `state X` → the state match. */
function decodeConntrack(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const negated0 = c.peek() === '!'
  if (c.peek(negated0 ? 1 : 0) === 'state') {
    if (negated0) c.next()
    c.next()
    return { module: 'state', options: [opt('--state', [c.next()?.text ?? ''], negated0)] }
  }
  const options: DraftOption[] = []
  for (;;) {
    const negated = c.peek() === '!'
    const name = CT_ITEMS[c.peek(negated ? 1 : 0)]
    if (!name || options.some((o) => o.name === name)) break
    if (negated) c.next()
    c.next()
    let value = c.next()?.text ?? ''
    let neg = negated
    if (value.startsWith('!')) {
      neg = true
      value = value.slice(1)
    }
    options.push(opt(name, [value], neg))
  }
  return options.length ? { module: 'conntrack', options } : null
}

/** `ADDRTYPE match src-type UNICAST dst-type !LOCAL limit-in`. */
function decodeAddrtype(c: ListingCursor, opt: Opt): DecodedMatch | null {
  if (c.peek() !== 'ADDRTYPE' || c.peek(1) !== 'match') return null
  c.next()
  c.next()
  const options: DraftOption[] = []
  for (;;) {
    const w = c.peek()
    if (w === 'src-type' || w === 'dst-type') {
      c.next()
      let v = c.next()?.text ?? ''
      const negated = v.startsWith('!')
      if (negated) v = v.slice(1)
      options.push(opt(`--${w}`, [v], negated))
    } else if (w === 'limit-in' || w === 'limit-out') {
      c.next()
      options.push(opt(w === 'limit-in' ? '--limit-iface-in' : '--limit-iface-out', []))
    } else break
  }
  return { module: 'addrtype', options }
}

/** `socket`, `socket --transparent --nowildcard`. */
function decodeSocket(c: ListingCursor, opt: Opt): DecodedMatch | null {
  if (c.peek() !== 'socket') return null
  c.next()
  const options: DraftOption[] = []
  for (;;) {
    const w = c.peek()
    if (w !== '--transparent' && w !== '--nowildcard' && w !== '--restore-skmark') break
    c.next()
    options.push(opt(w, []))
  }
  return { module: 'socket', options }
}

/** `statistic mode random [!] probability P`, `statistic mode nth [!] every N [packet P]` (packet 0 is not printed). */
function decodeStatistic(c: ListingCursor, opt: Opt): DecodedMatch | null {
  if (c.peek() !== 'statistic' || c.peek(1) !== 'mode') return null
  c.next()
  c.next()
  const mode = c.next()?.text ?? ''
  const options = [opt('--mode', [mode])]
  const negated = c.accept('!')
  if (mode === 'random' && c.accept('probability')) options.push(opt('--probability', [c.next()?.text ?? ''], negated))
  if (mode === 'nth' && c.accept('every')) {
    options.push(opt('--every', [c.next()?.text ?? ''], negated))
    options.push(opt('--packet', [c.accept('packet') ? (c.next()?.text ?? '0') : '0']))
  }
  return { module: 'statistic', options }
}

function decodeComment(c: ListingCursor, opt: Opt): DecodedMatch | null {
  const w = c.comment()
  return w ? { module: 'comment', options: [opt('--comment', [w.text])] } : null
}

export const MATCH_DECODERS: readonly ((c: ListingCursor, opt: Opt) => DecodedMatch | null)[] = [
  decodeComment,
  decodePorts,
  decodeIcmp,
  decodeMultiport,
  decodeOwner,
  decodeMark,
  decodeConntrack,
  decodeAddrtype,
  decodeSocket,
  decodeStatistic,
]
