import type { ListingCursor } from './listing-cursor.ts'
import type { DraftOption } from './rule-draft.ts'

/**
 * Target fragments of `iptables -L` text (`redir ports 15001`, `TPROXY redirect 0.0.0.0:15006 mark 0x539/0xffffffff`,
 * `MARK set 0x539`, `CONNMARK save mask 0xff`, `LOG flags 0 level 4 prefix "x"`) back into target options.
 * `decodeTarget` consumes what belongs to the target named in the row and returns its options, or null when the
 * text at the cursor is not a fragment of that target.
 */
type Opt = (name: string, args: string[], negated?: boolean) => DraftOption

export interface DecodedTarget {
  options: DraftOption[]
  /** The listing shows some targets under another name (NOTRACK is listed in the CT column). */
  rename?: string
}

const LOG_FLAGS: readonly [number, string][] = [
  [1, '--log-tcp-sequence'],
  [2, '--log-tcp-options'],
  [4, '--log-ip-options'],
  [8, '--log-uid'],
  [0x20, '--log-macdecode'],
]
/** `iptables -L` prints syslog's short names (`warn`, `err`), which --log-level itself does not accept. */
const LISTING_LOG_LEVELS: readonly string[] = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug']

const LOG_FLAG_WORDS: Readonly<Record<string, string>> = {
  'tcp-sequence': '--log-tcp-sequence',
  'tcp-options': '--log-tcp-options',
  'ip-options': '--log-ip-options',
  uid: '--log-uid',
  macdecode: '--log-macdecode',
}

function markChange(c: ListingCursor, opt: Opt): DraftOption | null {
  const op = c.peek()
  if (op !== 'set' && op !== 'and' && op !== 'or' && op !== 'xor' && op !== 'xset') return null
  c.next()
  const value = c.next()?.text ?? ''
  switch (op) {
    case 'set':
      return opt('--set-xmark', [`${value}/0xffffffff`])
    case 'xset':
      return opt('--set-xmark', [value])
    default:
      return opt(`--${op}-mark`, [value])
  }
}

/** Words that end a target's own text: the flags NAT targets print after their range. */
function natFlags(c: ListingCursor, opt: Opt, out: DraftOption[]): void {
  for (;;) {
    const w = c.peek()
    if (w !== 'random' && w !== 'random-fully' && w !== 'persistent') return
    c.next()
    out.push(opt(`--${w}`, []))
  }
}

export function decodeTarget(target: string, c: ListingCursor, opt: Opt): DecodedTarget | null {
  const w = c.peek()
  switch (target) {
    case 'REDIRECT': {
      const out: DraftOption[] = []
      if (w === 'redir' && c.peek(1) === 'ports') {
        c.next()
        c.next()
        out.push(opt('--to-ports', [c.next()?.text ?? '']))
      }
      natFlags(c, opt, out)
      return out.length ? { options: out } : null
    }
    case 'MASQUERADE': {
      const out: DraftOption[] = []
      if (w === 'masq' && c.peek(1) === 'ports:') {
        c.next()
        c.next()
        out.push(opt('--to-ports', [c.next()?.text ?? '']))
      }
      natFlags(c, opt, out)
      return out.length ? { options: out } : null
    }
    case 'DNAT':
    case 'SNAT': {
      const out: DraftOption[] = []
      while (c.peek().startsWith('to:')) {
        out.push(opt(target === 'DNAT' ? '--to-destination' : '--to-source', [(c.next()?.text ?? '').slice(3)]))
      }
      natFlags(c, opt, out)
      return out.length ? { options: out } : null
    }
    case 'TPROXY': {
      if (w !== 'TPROXY' || c.peek(1) !== 'redirect') return null
      c.next()
      c.next()
      const where = c.next()?.text ?? ''
      const colon = where.lastIndexOf(':')
      const out = [opt('--on-port', [where.slice(colon + 1)]), opt('--on-ip', [where.slice(0, colon)])]
      if (c.accept('mark')) out.push(opt('--tproxy-mark', [c.next()?.text ?? '']))
      return { options: out }
    }
    case 'MARK': {
      if (w !== 'MARK') return null
      c.next()
      const change = markChange(c, opt)
      return change ? { options: [change] } : { options: [] }
    }
    case 'CONNMARK': {
      if (w !== 'CONNMARK') return null
      c.next()
      const mode = c.peek()
      if (mode === 'save' || mode === 'restore') {
        c.next()
        const out = [opt(mode === 'save' ? '--save-mark' : '--restore-mark', [])]
        for (;;) {
          const m = c.peek()
          if (m !== 'mask' && m !== 'nfmask' && m !== 'ctmask') break
          c.next()
          const v = (c.next()?.text ?? '').replace(/^~/, '')
          out.push(opt(m === 'mask' ? '--mask' : `--${m}`, [v]))
        }
        return { options: out }
      }
      const change = markChange(c, opt)
      return change ? { options: [change] } : { options: [] }
    }
    case 'CT': {
      if (w === 'NOTRACK') {
        c.next()
        return { options: [], rename: 'NOTRACK' }
      }
      if (w !== 'CT') return null
      c.next()
      const out: DraftOption[] = []
      for (;;) {
        const k = c.peek()
        if (k === 'notrack') {
          c.next()
          out.push(opt('--notrack', []))
        } else if (['helper', 'timeout', 'ctevents', 'expevents', 'zone', 'zone-orig', 'zone-reply'].includes(k)) {
          c.next()
          out.push(opt(`--${k}`, [c.next()?.text ?? '']))
        } else break
      }
      return { options: out }
    }
    case 'REJECT':
      if (w !== 'reject-with') return null
      c.next()
      return { options: [opt('--reject-with', [c.next()?.text ?? ''])] }
    case 'LOG': {
      if (w !== 'LOG') return null
      c.next()
      const out: DraftOption[] = []
      if (c.accept('flags')) {
        const flags = Number(c.next()?.text ?? '0')
        for (const [bit, name] of LOG_FLAGS) if (flags & bit) out.push(opt(name, []))
      }
      if (c.accept('level')) {
        const level = c.next()?.text ?? ''
        const n = LISTING_LOG_LEVELS.indexOf(level)
        out.push(opt('--log-level', [n >= 0 ? String(n) : level]))
      }
      for (;;) {
        const f = LOG_FLAG_WORDS[c.peek()]
        if (!f) break
        c.next()
        out.push(opt(f, []))
      }
      if (c.accept('prefix')) out.push(opt('--log-prefix', [c.nextMaybeQuoted()?.text ?? '']))
      return { options: out }
    }
    case 'NFLOG': {
      const out: DraftOption[] = []
      for (;;) {
        const k = c.peek()
        if (!/^nflog-(?:prefix|group|size|range|threshold)$/.test(k)) break
        c.next()
        out.push(opt(`--${k}`, [(k === 'nflog-prefix' ? c.nextMaybeQuoted() : c.next())?.text ?? '']))
      }
      return out.length ? { options: out } : null
    }
    case 'CHECKSUM':
      if (w !== 'CHECKSUM' || c.peek(1) !== 'fill') return null
      c.next()
      c.next()
      return { options: [opt('--checksum-fill', [])] }
    case 'TCPMSS':
      if (w !== 'TCPMSS') return null
      c.next()
      if (c.accept('clamp')) {
        c.accept('to')
        c.accept('PMTU')
        return { options: [opt('--clamp-mss-to-pmtu', [])] }
      }
      if (c.accept('set')) return { options: [opt('--set-mss', [c.next()?.text ?? ''])] }
      return { options: [] }
    default:
      return null
  }
}
