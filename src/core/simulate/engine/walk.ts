import { addrKey } from '../addr.ts'
import { NO, UNDECIDED, type Clause, type CompiledChain, type CompiledRule, type CompiledTable, type NatSpec, type StandIn } from '../compile/compiled.ts'
import type { ClauseReport, RuleAction } from '../types.ts'
import type { Conn } from './conn.ts'
import { CT_NEW, CT_UNKNOWN, CT_UNTRACKED, HOOK_NAMES, PROTO_TCP, type HookState, type Pkt } from './packet.ts'
import { lookupBound, lookupEstablished } from './sockets.ts'
import { UNKNOWN_REASON } from './conntrack.ts'

/** The verdict of one table's traversal at one hook. */
export const ACCEPT = 1
export const DROP = 0
export const STOP = 2

export interface WalkOut {
  verdict: 0 | 1 | 2
  /** A NAT target matched; the nat hook makes the binding and records the rule's step. */
  nat: { spec: NatSpec; rule: CompiledRule; text: string } | null
  reject: { with: string; rule: CompiledRule } | null
  /** `filter INPUT #3` or `filter INPUT policy` when the verdict is DROP. */
  by: string
}

/** Hard bound on rule evaluations of one traversal; only a jump loop (refused by the kernel) can reach it. */
const MAX_EVALUATIONS = 1_000_000

const mergedCache = new WeakMap<CompiledChain, Map<string, CompiledRule[]>>()

/** The rules of a chain this packet can match, in chain order (all of them for a chain without an index). */
function candidates(chain: CompiledChain, p: Pkt): CompiledRule[] {
  const idx = chain.index
  if (idx === null) return chain.rules
  const dstKey = addrKey(p.dst)
  const exact = idx.byDst.get(dstKey)
  const port = p.proto === 6 || p.proto === 17 ? idx.byDport.get(p.dport) : undefined
  if (!exact && !port) return idx.generic
  let cache = mergedCache.get(chain)
  if (!cache) {
    cache = new Map()
    mergedCache.set(chain, cache)
  }
  const key = `${exact ? dstKey : ''}|${port ? p.dport : ''}`
  let merged = cache.get(key)
  if (!merged) {
    merged = [...idx.generic, ...(exact ?? []), ...(port ?? [])].toSorted((a, b) => a.index - b.index)
    cache.set(key, merged)
  }
  return merged
}

function report(c: Clause, p: Pkt, h: HookState, conn: Conn): ClauseReport {
  const r: ClauseReport = { clause: c.text, module: c.module, option: c.option, negated: c.negated, expected: c.expected, actual: c.actual(p, h, conn) }
  if (c.reason !== undefined) r.reason = c.reason
  return r
}

/**
 * Runs one table's built-in chain for a packet, as ipt_do_table does: first match, -j pushes a return point, -g
 * does not, RETURN or the end of a user chain goes back, the end (or RETURN) of the built-in chain applies its
 * policy. Counters and the trace are recorded on `conn`. A rule that cannot be decided stops the traversal.
 */
/** The common results, shared: a traversal that ends in ACCEPT without NAT, or stops, allocates nothing. */
const ACCEPTED: WalkOut = Object.freeze({ verdict: ACCEPT, nat: null, reject: null, by: '' }) as WalkOut
const STOPPED: WalkOut = Object.freeze({ verdict: STOP, nat: null, reject: null, by: '' }) as WalkOut

function dropped(by: string, reject: WalkOut['reject'] = null): WalkOut {
  return { verdict: DROP, nat: null, reject, by }
}

/**
 * The return points of -j, shared by every traversal: one traversal runs at a time, and a nested one (none does
 * today) would start above the current top and leave it as it found it. `top` is the first free slot.
 */
const returnChains: CompiledChain[] = []
const returnRules: CompiledRule[][] = []
const returnPos: number[] = []
let top = 0

export function walkTable(conn: Conn, start: CompiledChain | null, p: Pkt, h: HookState): WalkOut {
  if (start === null) return ACCEPTED
  const base = top
  try {
    return walk(conn, start, p, h, base)
  } finally {
    top = base
  }
}

function walk(conn: Conn, start: CompiledChain, p: Pkt, h: HookState, base: number): WalkOut {
  const table = start.table
  const tracing = conn.tracing
  const counters = conn.counters
  let chain = start
  let rules = candidates(chain, p)
  let pos = 0
  if (tracing && rules.length < chain.rules.length) skipped(conn, table, chain, rules.length)
  let evaluations = 0
  let cycleVisits: Set<number> | null = null
  for (;;) {
    if (pos >= rules.length) {
      // End of chain: a user chain returns to its caller; with nothing to return to, the built-in policy applies.
      if (top > base && chain !== start) {
        const caller = returnChains[--top] as CompiledChain
        if (tracing) conn.step({ kind: 'return', table, chain: chain.name, to: caller.name })
        chain = caller
        rules = returnRules[top] as CompiledRule[]
        pos = returnPos[top] as number
        continue
      }
      return policy(conn, table, start, p)
    }
    const rule = rules[pos++] as CompiledRule
    if (++evaluations > MAX_EVALUATIONS) return stopLoop(conn, table, chain)
    // Clauses in order; the first that is false decides. A stateful clause is not run after an undecided one.
    const clauses = rule.clauses
    let failed = -1
    let undecided = -1
    for (let i = 0; i < clauses.length; i++) {
      const cl = clauses[i] as Clause
      if (undecided >= 0 && cl.stateful) break
      const r = cl.test(p, h, conn)
      if (r === NO) {
        failed = i
        break
      }
      if (r === UNDECIDED && undecided < 0) undecided = i
    }
    // A deterministic stand-in that was evaluated is reported whether or not the rule matched.
    const det = rule.deterministic !== null && conn.reporting && (failed < 0 || failed >= rule.deterministicAt) ? deterministicNote(conn, rule.deterministic) : undefined
    if (failed >= 0) {
      if (tracing) conn.step({ kind: 'rule', table, chain: chain.name, index: rule.index, result: 'not-matched', clause: report(clauses[failed] as Clause, p, h, conn), ...(det ? { deterministic: det } : {}) })
      continue
    }
    if (undecided >= 0) {
      const cl = clauses[undecided] as Clause
      const reason = cl.reason ?? `${cl.text}: ${p.ctState & CT_UNKNOWN ? UNKNOWN_REASON : 'the simulator cannot decide this for the packet'}`
      conn.stop = { kind: 'undecidable', reason: `${table} ${chain.name} #${rule.index}: ${reason}` }
      if (tracing) conn.step({ kind: 'rule', table, chain: chain.name, index: rule.index, result: 'undecidable', clause: report(cl, p, h, conn) })
      return STOPPED
    }
    counters.rule(rule.id, p.len)
    const t = rule.target
    let action: RuleAction
    switch (t.kind) {
      case 'none':
        if (!tracing) continue
        action = { kind: 'continue', target: '' }
        break
      case 'continue':
        if (!tracing) continue
        action = { kind: 'continue', target: t.name }
        break
      case 'mark': {
        const before = p.mark
        p.mark = ((p.mark & ~t.mask) ^ t.value) >>> 0
        if (!tracing) continue
        action = { kind: 'continue', target: 'MARK', effect: `mark 0x${before.toString(16)} → 0x${p.mark.toString(16)}` }
        break
      }
      case 'connmark': {
        const ct = p.ct
        if (p.ctState & CT_UNKNOWN && !connmarkNoop(t, p)) {
          conn.stop = { kind: 'undecidable', reason: `${table} ${chain.name} #${rule.index}: ${UNKNOWN_REASON}` }
          if (tracing) conn.step({ kind: 'rule', table, chain: chain.name, index: rule.index, result: 'undecidable', clause: { clause: t.text, module: '-j', option: 'CONNMARK', negated: false, expected: t.text, actual: '?', reason: UNKNOWN_REASON } })
          return STOPPED
        }
        if (ct === null || p.untracked) {
          if (!tracing) continue
          action = { kind: 'continue', target: 'CONNMARK', effect: 'no conntrack entry: nothing to do' }
          break
        }
        if (t.mode === 'set') ct.mark = ((ct.mark & ~t.mask) ^ t.value) >>> 0
        else if (t.mode === 'save') ct.mark = ((ct.mark & ~t.ctmask) ^ (p.mark & t.nfmask)) >>> 0
        else p.mark = ((p.mark & ~t.nfmask) ^ (ct.mark & t.ctmask)) >>> 0
        if (!tracing) continue
        action = { kind: 'continue', target: 'CONNMARK', effect: `${t.mode}: packet mark 0x${p.mark.toString(16)}, connection mark 0x${ct.mark.toString(16)}` }
        break
      }
      case 'ct': {
        if (p.ctState & CT_UNKNOWN) {
          // Accepted, the packet keeps its entry and CT does nothing; found invalid, CT attaches its template.
          conn.stop = { kind: 'undecidable', reason: `${table} ${chain.name} #${rule.index}: ${UNKNOWN_REASON}` }
          return STOPPED
        }
        if (p.ct !== null || p.untracked || p.tmplSet) {
          if (!tracing) continue
          action = { kind: 'continue', target: 'CT', effect: 'the packet already has a conntrack template or entry: no effect' }
          break
        }
        p.tmplSet = true
        if (t.notrack) {
          p.untracked = true
          p.ctState = CT_UNTRACKED
        } else {
          // The template is attached as the packet's conntrack with ctinfo NEW until conntrack replaces it.
          p.ctState = CT_NEW
          if (t.zone !== null) p.tmplZone = t.zone
        }
        if (!tracing) continue
        action = { kind: 'continue', target: 'CT', effect: t.notrack ? 'notrack: conntrack will ignore this packet' : `conntrack zone ${p.tmplZone}` }
        break
      }
      case 'accept':
        if (tracing) record(conn, table, chain, rule, { kind: 'verdict', verdict: 'ACCEPT' }, det)
        return ACCEPTED
      case 'drop':
        if (tracing) record(conn, table, chain, rule, { kind: 'verdict', verdict: 'DROP' }, det)
        return dropped(`${table} ${chain.name} #${rule.index}`)
      case 'queue':
        if (tracing) record(conn, table, chain, rule, { kind: 'verdict', verdict: 'QUEUE' }, det)
        if (t.bypass) return ACCEPTED
        return dropped(`${table} ${chain.name} #${rule.index} (queue without a listener)`)
      case 'reject':
        if (tracing) record(conn, table, chain, rule, { kind: 'reject', with: t.with }, det)
        return dropped(`${table} ${chain.name} #${rule.index}`, { with: t.with, rule })
      case 'nat':
        // The binding itself is made by the nat hook (it knows the hook and devices); the rule ends the table.
        return { verdict: ACCEPT, nat: { spec: t.spec, rule, text: t.text }, reject: null, by: '' }
      case 'tproxy': {
        const r = tproxy(conn, p, h, t.port, t.addr, t.markValue, t.markMask)
        if (tracing) record(conn, table, chain, rule, { kind: 'tproxy', port: r.port, mark: `0x${p.mark.toString(16)}`, socket: r.socket, verdict: r.ok ? 'ACCEPT' : 'DROP' }, det)
        if (r.ok) {
          if (conn.reporting) conn.nat.push({ kind: 'tproxy', hook: HOOK_NAMES[h.hook], rule: `${table} ${chain.name} #${rule.index}`, from: '', to: r.socket ?? '', port: r.port, address: '' })
          return ACCEPTED
        }
        return dropped(`${table} ${chain.name} #${rule.index} (TPROXY found no transparent socket)`)
      }
      case 'return': {
        if (tracing) record(conn, table, chain, rule, { kind: 'return' }, det)
        if (top === base || chain === start) return policy(conn, table, start, p)
        chain = returnChains[--top] as CompiledChain
        rules = returnRules[top] as CompiledRule[]
        pos = returnPos[top] as number
        continue
      }
      case 'jump': {
        const next = t.chain
        if (next.inCycle) {
          cycleVisits ??= new Set()
          if (cycleVisits.has(next.id)) {
            if (tracing) record(conn, table, chain, rule, { kind: 'loop', chain: next.name }, det)
            return stopLoop(conn, table, next)
          }
          cycleVisits.add(next.id)
        }
        if (tracing) record(conn, table, chain, rule, t.goto ? { kind: 'goto', chain: next.name } : { kind: 'jump', chain: next.name }, det)
        if (!t.goto) {
          returnChains[top] = chain
          returnRules[top] = rules
          returnPos[top] = pos
          top++
        }
        chain = next
        rules = candidates(chain, p)
        pos = 0
        if (tracing && rules.length < chain.rules.length) skipped(conn, table, chain, rules.length)
        continue
      }
      case 'undecidable':
        conn.stop = { kind: 'undecidable', reason: `${table} ${chain.name} #${rule.index}: ${t.reason}` }
        if (tracing) conn.step({ kind: 'rule', table, chain: chain.name, index: rule.index, result: 'undecidable', clause: { clause: `-j ${t.name}`, module: '-j', option: t.name, negated: false, expected: t.name, actual: '?', reason: t.reason } })
        return STOPPED
    }
    if (tracing) record(conn, table, chain, rule, action, det)
  }
}

/** The chain index skipped rules that cannot match; a trace says so instead of listing each of them. */
function skipped(conn: Conn, table: CompiledTable['name'], chain: CompiledChain, kept: number): void {
  const n = chain.rules.length - kept
  conn.event('skipped', `${n} of ${chain.rules.length} rules of ${chain.name} need another destination address or port and are not shown; the kernel tests them and they do not match`, `${chain.name} 的 ${chain.rules.length} 条规则中有 ${n} 条要求别的目的地址或端口，未列出；内核会逐条检查，它们都不匹配`, undefined, table)
}

function deterministicNote(conn: Conn, note: StandIn): string {
  if (!conn.deterministic.includes(note)) conn.deterministic.push(note)
  return note.en
}

function record(conn: Conn, table: CompiledTable['name'], chain: CompiledChain, rule: CompiledRule, action: RuleAction, det: string | undefined): void {
  if (!conn.tracing) return
  conn.step({ kind: 'rule', table, chain: chain.name, index: rule.index, result: 'matched', action, ...(det ? { deterministic: det } : {}) })
}

function policy(conn: Conn, table: CompiledTable['name'], start: CompiledChain, p: Pkt): WalkOut {
  conn.counters.policy(start.id, p.len)
  if (conn.tracing) conn.step({ kind: 'policy', table, chain: start.name, policy: start.policy })
  return start.policy === 'DROP' ? dropped(`${table} ${start.name} policy`) : ACCEPTED
}

function stopLoop(conn: Conn, table: CompiledTable['name'], chain: CompiledChain): WalkOut {
  conn.stop = { kind: 'loop', reason: `${table} ${chain.name}: loop detected; the kernel refuses a ruleset whose chains jump in a circle at load time` }
  conn.event('loop', conn.stop.reason, `${table} ${chain.name}：检测到循环；chain 之间成环跳转的规则集在加载时就会被内核拒绝`, undefined, table)
  return STOPPED
}

/** xt_TPROXY: an established socket for the packet, else a listener on (on-ip or the incoming device's address, on-port). */
function tproxy(conn: Conn, p: Pkt, h: HookState, port: number, addr: Pkt['dst'] | null, markValue: number, markMask: number): { ok: boolean; port: number; socket: string | null } {
  const lport = port || p.dport
  let sk = p.proto === PROTO_TCP ? lookupEstablished(conn.podSocks, p.proto, p.dst, p.dport, p.src, p.sport) : null
  if (!sk) sk = lookupBound(conn.podSocks, p.proto, addr ?? conn.net.primaryAddress(h.inIf), lport)
  if (!sk || !sk.transparent) return { ok: false, port: lport, socket: sk ? `${sk.state} socket :${sk.localPort} (not transparent)` : null }
  p.mark = ((p.mark & ~markMask) ^ markValue) >>> 0
  p.sk = sk
  return { ok: true, port: lport, socket: `${sk.state === 'listen' ? 'listener' : sk.state} :${sk.localPort}` }
}

/** Whether CONNMARK changes nothing even if conntrack accepted the packet (and so gave it its entry). */
function connmarkNoop(t: Extract<CompiledRule['target'], { kind: 'connmark' }>, p: Pkt): boolean {
  const ct = p.ctMaybe
  if (ct === null) return false
  if (t.mode === 'set') return ((ct.mark & ~t.mask) ^ t.value) >>> 0 === ct.mark
  if (t.mode === 'save') return ((ct.mark & ~t.ctmask) ^ (p.mark & t.nfmask)) >>> 0 === ct.mark
  return ((p.mark & ~t.nfmask) ^ (ct.mark & t.ctmask)) >>> 0 === p.mark
}
