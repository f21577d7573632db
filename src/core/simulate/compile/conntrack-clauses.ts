import type { ExtensionOption, ModuleMatch } from '../../model/ruleset.ts'
import { formatAddr, formatEndpoint, inCidr, parseCidr4w } from '../addr.ts'
import {
  CT_DNAT,
  CT_ESTABLISHED,
  CT_INVALID,
  CT_NEW,
  CT_RELATED,
  CT_SNAT,
  CT_UNKNOWN,
  CT_UNTRACKED,
  type Ct,
  type Pkt,
  type Tuple,
} from '../engine/packet.ts'
import { clause, optionText, protoName, undecidable, type ClauseHead } from './clause.ts'
import { NO, UNDECIDED, YES, type Clause, type Tri } from './compiled.ts'
import { parseMarkMask, parsePortRange, protoNumber } from './decode.ts'

const STATE_BITS: Record<string, number> = {
  INVALID: CT_INVALID,
  ESTABLISHED: CT_ESTABLISHED,
  RELATED: CT_RELATED,
  NEW: CT_NEW,
  UNTRACKED: CT_UNTRACKED,
  SNAT: CT_SNAT,
  DNAT: CT_DNAT,
}

export function stateNames(bits: number): string {
  return Object.entries(STATE_BITS)
    .filter(([, b]) => bits & b)
    .map(([n]) => n)
    .join(',') || 'none'
}

/** A packet conntrack may have found INVALID (no entry) or NEW (its entry): decided only when both agree. */
function either(invalid: Tri, accepted: Tri): Tri {
  return invalid === accepted ? invalid : UNDECIDED
}

function head(module: string, o: ExtensionOption): ClauseHead {
  return { text: optionText(module, o.name, o.negated, o.args), module, option: o.name, negated: o.negated, expected: o.args.join(' ') }
}

function parseStates(text: string, allowVirtual: boolean): number | null {
  let bits = 0
  for (const s of text.split(',')) {
    const b = STATE_BITS[s.toUpperCase()]
    if (b === undefined || (!allowVirtual && (b === CT_SNAT || b === CT_DNAT))) return null
    bits |= b
  }
  return bits
}

/** The state bits xt_conntrack tests: the packet's ctinfo plus the virtual SNAT/DNAT states of its entry. */
function conntrackBits(p: Pkt): number {
  let bits = p.ctState
  const ct = p.ct
  if (ct !== null && !p.untracked) {
    if (ct.snat) bits |= CT_SNAT
    if (ct.dnat) bits |= CT_DNAT
  }
  return bits
}

/** `-m state --state` and `-m conntrack --ctstate …` and the conntrack tuple options. */
export function compileConntrack(m: ModuleMatch): Clause[] {
  const isState = m.module === 'state'
  const hasState = m.options.some((o) => o.name === '--ctstate' || o.name === '--state')
  const out: Clause[] = []
  for (const o of m.options) {
    const h = head(m.module, o)
    const inv = o.negated
    const arg = o.args[0] ?? ''
    if (o.name === '--ctstate' || o.name === '--state') {
      const want = parseStates(arg, !isState)
      if (want === null) {
        out.push(undecidable(h, `unknown state in "${arg}"`))
        continue
      }
      const bitsOf = isState ? (p: Pkt) => p.ctState : conntrackBits
      const test = (bits: number) => (((bits & want) !== 0) !== inv ? YES : NO)
      out.push(
        clause(
          h,
          (p: Pkt) => (p.ctState & CT_UNKNOWN ? (p.ctMaybe === null ? UNDECIDED : either(test(CT_INVALID), test(CT_NEW))) : test(bitsOf(p))),
          (p: Pkt) => (p.ctState & CT_UNKNOWN ? 'INVALID or NEW (decided by the peer\'s random initial sequence number)' : stateNames(bitsOf(p))),
        ),
      )
      continue
    }
    // Without an entry xt_conntrack answers "matched" only when a state option is present (and already passed).
    const noCt = hasState ? YES : NO
    const withCt = (f: (ct: Ct, p: Pkt) => boolean) => (p: Pkt) => {
      if (p.ctState & CT_UNKNOWN) return p.ctMaybe === null ? UNDECIDED : either(noCt, f(p.ctMaybe, p) !== inv ? YES : NO)
      const ct = p.ct
      if (ct === null || p.untracked) return noCt
      return f(ct, p) !== inv ? YES : NO
    }
    switch (o.name) {
      case '--ctproto': {
        const n = protoNumber(arg)
        if (n === null) out.push(undecidable(h, `unknown protocol "${arg}"`))
        else out.push(clause(h, withCt((ct) => ct.proto === n), (p) => (p.ct ? protoName(p.ct.proto) : 'no conntrack entry')))
        break
      }
      case '--ctorigsrc':
      case '--ctorigdst':
      case '--ctreplsrc':
      case '--ctrepldst': {
        const c = parseCidr4w(arg)
        if (!c) {
          out.push(undecidable(h, `"${arg}" is not an address`))
          break
        }
        const pick = tuplePick(o.name)
        out.push(
          clause(h, withCt((ct) => inCidr(c, pick(ct).addr)), (p) => (p.ct ? formatAddr(p.family, pick(p.ct).addr) : 'no conntrack entry')),
        )
        break
      }
      case '--ctorigsrcport':
      case '--ctorigdstport':
      case '--ctreplsrcport':
      case '--ctrepldstport': {
        const r = parsePortRange(arg)
        if (!r) {
          out.push(undecidable(h, `"${arg}" is not a port`))
          break
        }
        const pick = tuplePick(o.name.replace(/port$/, ''))
        out.push(
          clause(
            h,
            withCt((ct) => pick(ct).port >= r.from && pick(ct).port <= r.to),
            (p) => (p.ct ? String(pick(p.ct).port) : 'no conntrack entry'),
          ),
        )
        break
      }
      case '--ctdir': {
        const want = arg.toUpperCase() === 'REPLY' ? 1 : 0
        out.push(clause(h, withCt((_ct, p) => p.ctDir === want), (p) => (p.ctDir ? 'REPLY' : 'ORIGINAL')))
        break
      }
      case '--ctstatus': {
        const names = arg.toUpperCase().split(',')
        const test = (ct: Ct): boolean =>
          names.some(
            (n) =>
              (n === 'SEEN_REPLY' && ct.seenReply) ||
              (n === 'ASSURED' && ct.assured) ||
              (n === 'CONFIRMED' && ct.confirmed) ||
              (n === 'NONE' && !ct.seenReply && !ct.assured && !ct.confirmed),
          )
        if (names.some((n) => !['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'].includes(n))) out.push(undecidable(h, `unknown status in "${arg}"`))
        else out.push(clause(h, withCt(test), (p) => (p.ct ? ctStatusText(p.ct) : 'no conntrack entry')))
        break
      }
      default:
        out.push(undecidable(h, `conntrack option ${o.name} is not simulated (it depends on timers)`))
    }
  }
  return out
}

function ctStatusText(ct: Ct): string {
  const s = [ct.seenReply && 'SEEN_REPLY', ct.assured && 'ASSURED', ct.confirmed && 'CONFIRMED'].filter(Boolean)
  return s.join(',') || 'NONE'
}

function tuplePick(name: string): (ct: Ct) => { addr: Tuple['src']; port: number } {
  switch (name) {
    case '--ctorigsrc':
      return (ct) => ({ addr: ct.orig.src, port: ct.orig.sport })
    case '--ctorigdst':
      return (ct) => ({ addr: ct.orig.dst, port: ct.orig.dport })
    case '--ctreplsrc':
      return (ct) => ({ addr: ct.reply.src, port: ct.reply.sport })
    default:
      return (ct) => ({ addr: ct.reply.dst, port: ct.reply.dport })
  }
}

/** `-m mark --mark v[/m]` and `-m connmark --mark v[/m]`. */
export function compileMark(m: ModuleMatch): Clause[] {
  return m.options.map((o) => {
    const h = head(m.module, o)
    const mm = parseMarkMask(o.args[0] ?? '')
    if (o.name !== '--mark' || !mm) return undecidable(h, `unreadable ${m.module} option ${optionText('', o.name, false, o.args)}`)
    const { value, mask } = mm
    const inv = o.negated
    if (m.module === 'mark') {
      return clause(h, (p: Pkt) => ((((p.mark & mask) >>> 0) === value) !== inv ? YES : NO), (p: Pkt) => `0x${p.mark.toString(16)}`)
    }
    // connmark without a conntrack entry never matches, negated or not.
    return clause(
      h,
      (p: Pkt) => {
        if (p.ctState & CT_UNKNOWN) return p.ctMaybe === null ? UNDECIDED : either(NO, (((p.ctMaybe.mark & mask) >>> 0) === value) !== inv ? YES : NO)
        return p.ct === null || p.untracked ? NO : (((p.ct.mark & mask) >>> 0) === value) !== inv ? YES : NO
      },
      (p: Pkt) => (p.ct ? `ctmark 0x${p.ct.mark.toString(16)}` : 'no conntrack entry'),
    )
  })
}

/** `-m helper`: the simulated connections never have a helper; the match is its negation flag. */
export function compileHelper(m: ModuleMatch): Clause[] {
  return m.options.map((o) => clause(head('helper', o), () => (o.negated ? YES : NO), () => 'no helper'))
}

export function formatTuple(family: 4 | 6, t: Tuple): string {
  return `${formatEndpoint(family, t.src, t.sport)} -> ${formatEndpoint(family, t.dst, t.dport)}`
}
