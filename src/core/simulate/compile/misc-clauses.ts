import type { ExtensionOption, ModuleMatch } from '../../model/ruleset.ts'
import { formatAddr, parseAddr, type Words } from '../addr.ts'
import { IFACE_ETH0, IFACE_LO, type HookState, type Pkt } from '../engine/packet.ts'
import { clause, dstText, optionText, srcText, undecidable, type ClauseHead } from './clause.ts'
import { NO, UNDECIDED, YES, type Clause, type MatchEnv } from './compiled.ts'
import { parseMarkMask, parsePortRange, parseRate, parseUint } from './decode.ts'

/** XT_ADDRTYPE_* = 1 << RTN_* */
export const ADDRTYPE_BITS: Record<string, number> = {
  UNSPEC: 1 << 0,
  UNICAST: 1 << 1,
  LOCAL: 1 << 2,
  BROADCAST: 1 << 3,
  ANYCAST: 1 << 4,
  MULTICAST: 1 << 5,
  BLACKHOLE: 1 << 6,
  UNREACHABLE: 1 << 7,
  PROHIBIT: 1 << 8,
  THROW: 1 << 9,
  NAT: 1 << 10,
  XRESOLVE: 1 << 11,
}

export function addrTypeNames(bits: number): string {
  return Object.entries(ADDRTYPE_BITS)
    .filter(([, b]) => bits & b)
    .map(([n]) => n)
    .join(',')
}

function head(module: string, o: ExtensionOption): ClauseHead {
  return { text: optionText(module, o.name, o.negated, o.args), module, option: o.name, negated: o.negated, expected: o.args.join(' ') }
}

export function compileAddrtype(m: ModuleMatch): Clause[] {
  const limitIn = m.options.some((o) => o.name === '--limit-iface-in')
  const limitOut = m.options.some((o) => o.name === '--limit-iface-out')
  const out: Clause[] = []
  for (const o of m.options) {
    if (o.name === '--limit-iface-in' || o.name === '--limit-iface-out') continue
    const h = head('addrtype', o)
    if (o.name !== '--src-type' && o.name !== '--dst-type') {
      out.push(undecidable(h, `addrtype option ${o.name} is not simulated`))
      continue
    }
    let want = 0
    let bad = false
    for (const t of (o.args[0] ?? '').split(',')) {
      const b = ADDRTYPE_BITS[t.toUpperCase()]
      if (b === undefined) bad = true
      else want |= b
    }
    if (bad) {
      out.push(undecidable(h, `unknown address type in "${o.args[0] ?? ''}"`))
      continue
    }
    const src = o.name === '--src-type'
    const inv = o.negated
    const dev = (h2: HookState) => (limitIn ? h2.inIf : limitOut ? h2.outIf : null)
    const typeOf = (p: Pkt, h2: HookState, env: MatchEnv) => env.addrType(src ? p.src : p.dst, dev(h2))
    out.push(
      clause(
        h,
        (p, h2, env) => (((typeOf(p, h2, env) & want) !== 0) !== inv ? YES : NO),
        (p, h2, env) => `${src ? srcText(p) : dstText(p)} is ${addrTypeNames(typeOf(p, h2, env))}`,
      ),
    )
  }
  return out
}

/** FNV-style mix of the connection hash and the clause id: the deterministic stand-in for get_random_u32(). */
function mix(a: number, b: number): number {
  let h = (a ^ 0x811c9dc5) >>> 0
  h = Math.imul(h ^ b, 0x01000193) >>> 0
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d) >>> 0
  h ^= h >>> 12
  return h >>> 0
}

export function compileStatistic(m: ModuleMatch, stateId: number): Clause[] {
  const opt = (n: string) => m.options.find((o) => o.name === n)
  const mode = opt('--mode')?.args[0]
  const inv = m.options.some((o) => o.negated)
  const h: ClauseHead = {
    text: `-m statistic ${m.options.map((o) => optionText('', o.name, o.negated, o.args)).join(' ')}`,
    module: 'statistic',
    option: '--mode',
    negated: inv,
    expected: m.options.map((o) => [o.name, ...o.args].join(' ')).join(' '),
  }
  if (mode === 'random') {
    const prob = Number(opt('--probability')?.args[0] ?? 'NaN')
    if (!(prob >= 0 && prob <= 1)) return [undecidable(h, 'unreadable --probability')]
    const threshold = Math.round(0x80000000 * prob)
    return [
      clause(
        h,
        (_p, _h, env) => (((mix(env.connHash, stateId) & 0x7fffffff) < threshold) !== inv ? YES : NO),
        (_p, _h, env) => `draw ${((mix(env.connHash, stateId) & 0x7fffffff) / 0x80000000).toFixed(4)}`,
        {
          deterministic: {
            en: `statistic --mode random is random in the kernel; the simulator draws a fixed number from the connection's addresses and ports instead (probability ${prob})`,
            zh: `statistic --mode random 在内核中是随机的；模拟器改用由连接的地址和端口算出的固定数（概率 ${prob}）`,
          },
        },
      ),
    ]
  }
  if (mode === 'nth') {
    const every = parseUint(opt('--every')?.args[0] ?? '')
    const start = parseUint(opt('--packet')?.args[0] ?? '0')
    if (every === null || every === 0 || start === null || start > every - 1) return [undecidable(h, 'unreadable --every/--packet')]
    // libxt_statistic stores every-1 and starts the counter at every-1-packet; the match fires when it wraps to 0.
    const last = every - 1
    const first = last - start
    return [
      clause(
        h,
        (_p, _h, env) => {
          const count = env.state.get(stateId) ?? first
          const next = count === last ? 0 : count + 1
          env.state.set(stateId, next)
          return (next === 0) !== inv ? YES : NO
        },
        (_p, _h, env) => `counter ${env.state.get(stateId) ?? first}`,
        { stateful: true },
      ),
    ]
  }
  return [undecidable(h, `statistic mode "${mode ?? ''}" is not simulated`)]
}

/** `-m limit`: a fresh bucket holds `burst` credits; an exchange lasts milliseconds, so only those are certain. */
export function compileLimit(m: ModuleMatch, stateId: number): Clause[] {
  const rateText = m.options.find((o) => o.name === '--limit')?.args[0] ?? '3/hour'
  const burst = parseUint(m.options.find((o) => o.name === '--limit-burst')?.args[0] ?? '5')
  const inv = m.options.some((o) => o.negated)
  const h: ClauseHead = { text: `-m limit ${m.options.map((o) => optionText('', o.name, o.negated, o.args)).join(' ')}`, module: 'limit', option: '--limit', negated: inv, expected: rateText }
  if (parseRate(rateText) === null || burst === null) return [undecidable(h, 'unreadable --limit/--limit-burst')]
  return [
    clause(
      h,
      (_p, _h, env) => {
        const used = env.state.get(stateId) ?? 0
        if (used >= burst) return UNDECIDED
        env.state.set(stateId, used + 1)
        return inv ? NO : YES
      },
      (_p, _h, env) => `${burst - (env.state.get(stateId) ?? 0)} credits left`,
      { stateful: true, deterministic: { en: `the first ${burst} packets of a connection always fit the limit bucket`, zh: `一条连接的前 ${burst} 个包总在 limit 令牌桶之内` } },
    ),
  ]
}

function cmpWords(a: Readonly<Words>, b: Readonly<Words>): number {
  for (let i = 0; i < 4; i++) {
    const x = a[i] as number
    const y = b[i] as number
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

export function compileIprange(m: ModuleMatch): Clause[] {
  return m.options.map((o) => {
    const h = head('iprange', o)
    const [a, b] = (o.args[0] ?? '').split('-')
    const from = parseAddr(a ?? '')
    const to = parseAddr(b ?? a ?? '')
    if (!from || !to || (o.name !== '--src-range' && o.name !== '--dst-range')) return undecidable(h, `unreadable iprange option ${o.name}`)
    const src = o.name === '--src-range'
    const inv = o.negated
    return clause(
      h,
      (p) => {
        const w = src ? p.src : p.dst
        return (cmpWords(w, from.w) >= 0 && cmpWords(w, to.w) <= 0) !== inv ? YES : NO
      },
      (p) => (src ? srcText(p) : dstText(p)),
    )
  })
}

/** The pod has no bridge: every physdev option is false unless negated (xt_physdev without bridge info). */
export function compilePhysdev(m: ModuleMatch): Clause[] {
  return m.options.map((o) => clause(head('physdev', o), () => (o.negated ? YES : NO), () => 'not bridged'))
}

export function compileSocket(m: ModuleMatch, stateId: number): Clause[] {
  const has = (n: string) => m.options.some((o) => o.name === n)
  const transparentOnly = has('--transparent')
  const nowildcard = has('--nowildcard')
  const restore = has('--restore-skmark')
  const h: ClauseHead = {
    text: `-m socket${m.options.map((o) => ' ' + o.name).join('')}`,
    module: 'socket',
    option: m.options[0]?.name ?? '',
    negated: false,
    expected: 'a socket for this packet',
  }
  void stateId
  return [
    clause(
      h,
      (p, h2, env) => {
        const sk = env.socketFor(p, h2)
        if (!sk) return NO
        const full = sk.state !== 'syn-recv'
        const wildcard = !nowildcard && full && sk.localAddr === null
        const transparent = transparentOnly ? sk.transparent : true
        if (restore && !wildcard && transparent && full) p.mark = 0
        return wildcard || !transparent ? NO : YES
      },
      (p, h2, env) => {
        const sk = env.socketFor(p, h2)
        if (!sk) return 'no socket'
        return `${sk.state} socket on ${sk.localAddr ? formatAddr(p.family, sk.localAddr) : '*'}:${sk.localPort}${sk.transparent ? ' (transparent)' : ''}`
      },
      { stateful: restore },
    ),
  ]
}

const MAC_REMOTE = '02:6b:6f:00:00:02'

/** The source MAC of a received packet: the remote veth end's, or zeros on lo. */
function macOf(h: HookState): string {
  return h.inIf === IFACE_ETH0 ? MAC_REMOTE : h.inIf === IFACE_LO ? '00:00:00:00:00:00' : ''
}

export function compileMac(m: ModuleMatch): Clause[] {
  return m.options.map((o) => {
    const want = (o.args[0] ?? '').toLowerCase()
    const inv = o.negated
    return clause(head('mac', o), (_p, h) => ((macOf(h) === want) !== inv ? YES : NO), (_p, h) => macOf(h) || 'no source MAC')
  })
}

/** Header fields the simulated exchange fixes: TTL/hop limit 64, TOS 0 (0xc0 for ICMP errors), unicast. */
export function compileHeaderField(m: ModuleMatch): Clause[] {
  return m.options.map((o) => {
    const h = head(m.module, o)
    const inv = o.negated
    const arg = o.args[0] ?? ''
    const cmp = (v: (p: Pkt) => number, test: (x: number) => boolean): Clause =>
      clause(h, (p) => (test(v(p)) !== inv ? YES : NO), (p) => String(v(p)))
    const n = parseUint(arg)
    switch (`${m.module} ${o.name}`) {
      case 'ttl --ttl-eq':
      case 'hl --hl-eq':
        return n === null ? undecidable(h, 'unreadable value') : cmp((p) => p.ttl, (x) => x === n)
      case 'ttl --ttl-gt':
      case 'hl --hl-gt':
        return n === null ? undecidable(h, 'unreadable value') : cmp((p) => p.ttl, (x) => x > n)
      case 'ttl --ttl-lt':
      case 'hl --hl-lt':
        return n === null ? undecidable(h, 'unreadable value') : cmp((p) => p.ttl, (x) => x < n)
      case 'tos --tos': {
        const mm = parseMarkMask(arg)
        if (!mm) return undecidable(h, 'TOS names are not simulated')
        const mask = mm.hasMask ? mm.mask & 0xff : 0xff
        return cmp((p) => p.tos & mask, (x) => x === mm.value)
      }
      case 'dscp --dscp':
        return n === null ? undecidable(h, 'unreadable value') : cmp((p) => p.tos >> 2, (x) => x === n)
      case 'length --length': {
        const r = parsePortRange(arg)
        return r ? cmp((p) => p.len, (x) => x >= r.from && x <= r.to) : undecidable(h, 'unreadable length')
      }
      case 'pkttype --pkt-type':
        return clause(h, () => ((arg === 'unicast' || arg === 'host') !== inv ? YES : NO), () => 'unicast')
      case 'ecn --ecn-ip-ect':
        return n === null ? undecidable(h, 'unreadable value') : cmp(() => 0, (x) => x === n)
      case 'ecn --ecn-tcp-cwr':
      case 'ecn --ecn-tcp-ece':
        return clause(h, () => (inv ? YES : NO), () => 'no ECN flags')
      case 'realm --realm':
        return clause(h, () => ((parseMarkMask(arg)?.value === 0) !== inv ? YES : NO), () => '0')
      case 'devgroup --src-group':
      case 'devgroup --dst-group':
        return clause(h, () => ((parseMarkMask(arg)?.value === 0) !== inv ? YES : NO), () => 'group 0')
      case 'ipvs --ipvs':
        return clause(h, () => (inv ? YES : NO), () => 'not IPVS')
      case 'policy --dir':
        return clause(h, () => YES, () => arg)
      case 'policy --pol':
        return clause(h, () => ((arg === 'none') !== inv ? YES : NO), () => 'no IPsec policy')
      default:
        return undecidable(h, `${m.module} option ${o.name} is not simulated`)
    }
  })
}
