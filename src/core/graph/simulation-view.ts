import type { Family, Ruleset } from '../model/ruleset.ts'
import { followLegs, presetsFor, type PresetSet } from '../simulate/presets.ts'
import { compileSimulation, simulateCompiled, type CompiledSimulation } from '../simulate/simulate.ts'
import type { ConnectionResult, PacketSpec, RuleAction, TraceStep, Verdict } from '../simulate/types.ts'
import { verdictWords } from '../simulate/verdict-words.ts'
import type { SharePacket } from '../share/share-state.ts'
import { printRuleBody } from './rule-text.ts'
import type { Bilingual, ClauseView, PresetView, SimulationView, TraceStepView } from './views.ts'

/** The simulator compiled for one input, with the presets that fit it. Built once per input in the worker. */
export interface SimulationContext {
  sim: CompiledSimulation
  presets: PresetSet
  family: Family
  rulesets: Partial<Record<Family, Ruleset>>
}

export function simulationContext(rulesets: Partial<Record<Family, Ruleset>>, family: Family): SimulationContext {
  const sim = compileSimulation(rulesets).value
  return { sim, presets: presetsFor(rulesets, { family }), family, rulesets }
}

function toSharePacket(p: PacketSpec): SharePacket {
  const out: SharePacket = { direction: p.direction, proto: p.proto ?? 'tcp', dport: p.dport }
  const src = p.src ?? p.srcAddr
  if (src) out.src = src
  if (p.dst) out.dst = p.dst
  if (p.sport !== undefined) out.sport = p.sport
  if (p.uid !== undefined) out.uid = p.uid
  if (p.gid !== undefined) out.gid = p.gid
  return out
}

export function presetViews(ctx: SimulationContext): PresetView[] {
  return ctx.presets.presets.map((p) => ({ id: p.id, title: p.name, packet: toSharePacket(p.packets[0] as PacketSpec) }))
}

function packetSpec(p: SharePacket): PacketSpec {
  const spec: PacketSpec = { name: 'your packet', direction: p.direction, proto: p.proto, dport: p.dport, leg: 1 }
  if (p.src) spec.src = p.src
  if (p.dst) spec.dst = p.dst
  if (p.sport !== undefined) spec.sport = p.sport
  if (p.uid !== undefined) spec.uid = p.uid
  if (p.gid !== undefined) spec.gid = p.gid
  return spec
}

/** A packet of the user's, followed by the connections Envoy or the agent open next, as the presets do. */
function legsFrom(ctx: SimulationContext, first: PacketSpec): ConnectionResult[] {
  return followLegs(ctx.sim, first, { istio: ctx.presets.istio, facts: ctx.presets.facts, family: ctx.family }).map((leg) => leg.result)
}

export function hitKey(h: { table: string; chain: string; index: number }): string {
  return `${h.table}:${h.chain}:${h.index}`
}

/** Runs a preset or a packet and returns what the trace panel and the graph overlay show. */
export function simulateScenario(ctx: SimulationContext, scenario: { kind: 'preset'; id: string } | { kind: 'packet'; packet: SharePacket }): SimulationView | null {
  let results: ConnectionResult[]
  if (scenario.kind === 'preset') {
    const preset = ctx.presets.presets.find((p) => p.id === scenario.id)
    if (!preset) return null
    results = simulateCompiled(ctx.sim, preset.packets, { family: ctx.family }).value.results
  } else results = legsFrom(ctx, packetSpec(scenario.packet))
  if (results.length === 0) return null
  const hits: Record<string, number> = {}
  const steps: TraceStepView[] = []
  const notes = new Map<string, Bilingual>()
  results.forEach((r, leg) => {
    for (const h of r.hits) hits[hitKey(h)] = (hits[hitKey(h)] ?? 0) + h.pkts
    const first = r.packets[0]
    if (first) for (const step of first.steps) steps.push(stepView(ctx, step, leg))
    for (const n of r.notes) notes.set(n.code + n.en, { en: n.en, zh: n.zh })
  })
  if (results.some((r) => r.packets.length > 1)) {
    notes.set('later-packets', {
      en: 'Steps show the first packet of each connection; the replies and the rest of the exchange are counted in the hits (nat sees only the first packet).',
      zh: '步骤只列出每个连接的第一个包；应答及其余包计入命中次数（nat 表只处理第一个包）。',
    })
  }
  const lead = results[0] as ConnectionResult
  return {
    verdict: { en: verdictWords(lead.verdict, 'en'), zh: verdictWords(lead.verdict, 'zh') },
    legs: results.map((r, i) => ({
      title: { en: `Leg ${i + 1}`, zh: `第 ${i + 1} 段` },
      packet: packetLine(r),
      verdict: { en: verdictWords(r.verdict, 'en'), zh: verdictWords(r.verdict, 'zh') },
    })),
    steps,
    reached: results.map((r) => reachedOf(r.verdict)).filter((x): x is string => x !== null),
    hits,
    notes: [...notes.values()],
  }
}

/** Hits of every preset: counters and which presets reach each rule. */
export function runAllPresets(ctx: SimulationContext): { hits: Record<string, number>; by: Record<string, string[]>; presets: number } {
  const hits: Record<string, number> = {}
  const by: Record<string, string[]> = {}
  for (const preset of ctx.presets.presets) {
    for (const r of simulateCompiled(ctx.sim, preset.packets, { family: ctx.family, trace: false }).value.results) {
      for (const h of r.hits) {
        const key = hitKey(h)
        hits[key] = (hits[key] ?? 0) + h.pkts
        const list = by[key] ?? []
        if (!list.includes(preset.id)) list.push(preset.id)
        by[key] = list
      }
    }
  }
  return { hits, by, presets: ctx.presets.presets.length }
}

function ep(a: string | null, p: number): string {
  return a && a.includes(':') ? `[${a}]:${p}` : `${a ?? 'pod'}:${p}`
}

function packetLine(r: ConnectionResult): string {
  const s = r.spec
  const who = s.direction === 'outbound' ? `, uid ${s.uid} gid ${s.gid}` : ''
  return `${s.proto} ${ep(s.src, s.sport)} → ${ep(s.dst, s.dport)}${who}`
}

function reachedOf(v: Verdict): string | null {
  switch (v.kind) {
    case 'redirect':
    case 'tproxy':
      return String(v.port)
    case 'dnat':
      return `${v.address}:${v.port}`
    case 'delivered':
      return v.role === 'app' ? 'app' : String(v.port)
    case 'left-pod':
      return 'leaves-pod'
    default:
      return null
  }
}

/** A rule's clauses as iptables-save writes them: `-o lo`, `! -d 127.0.0.1/32`, `-m owner --uid-owner 1337`. */
function clausesOf(text: string): string[] {
  const words = text.split(' ')
  const out: string[] = []
  let current: string[] = []
  let module = ''
  const flush = () => {
    if (current.length) out.push(current.join(' '))
    current = []
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    if (w === '-j' || w === '-g') break
    if (w === '-m') {
      flush()
      module = words[i + 1] ?? ''
      current = [w, module]
      i++
      continue
    }
    const startsOption = w === '!' || (w.startsWith('-') && !/^-\d/.test(w))
    if (startsOption && current.length > 0 && !(current[current.length - 1] === '!')) {
      const inModule = current[0] === '-m' && w.startsWith('--') && current.length === 2
      if (!inModule) {
        flush()
        if (w.startsWith('--') && module) current = ['-m', module]
      }
    }
    if (!w.startsWith('--') && w.startsWith('-') && w !== '!') module = ''
    current.push(w)
  }
  flush()
  return out.filter((c) => !/^-m (tcp|udp)$/.test(c))
}

function ruleText(ctx: SimulationContext, table: string, chain: string, index: number): string | null {
  const rule = ctx.rulesets[ctx.family]?.tables.find((t) => t.name === table)?.chains.find((c) => c.name === chain)?.rules[index - 1]
  return rule ? printRuleBody(rule) : null
}

function clauseViews(ctx: SimulationContext, step: Extract<TraceStep, { kind: 'rule' }>): ClauseView[] {
  const text = ruleText(ctx, step.table, step.chain, step.index)
  if (!text) return []
  const clauses = clausesOf(text)
  const failing = step.clause?.clause.trim()
  let at = -1
  if (failing) {
    at = clauses.findIndex((c) => c === failing || c.endsWith(failing) || failing.endsWith(c))
    if (at < 0) {
      // Not found among the written clauses (an implicit check): show it on its own.
      return [...clauses.map((c) => ({ text: c, holds: true })), { text: failing, holds: step.result === 'undecidable' ? null : false }]
    }
  }
  return clauses.map((c, i) => {
    if (step.result === 'matched' || at < 0 || i < at) return { text: c, holds: true }
    if (i === at) return { text: c, holds: step.result === 'undecidable' ? null : false }
    return { text: c, holds: null }
  })
}

function actionWords(a: RuleAction | undefined): Bilingual {
  if (!a) return { en: 'continue', zh: '继续' }
  switch (a.kind) {
    case 'jump':
      return { en: `jump to ${a.chain}`, zh: `跳转到 ${a.chain}` }
    case 'goto':
      return { en: `go to ${a.chain} (no return here)`, zh: `goto ${a.chain}（不会返回这里）` }
    case 'return':
      return { en: 'RETURN to the calling chain', zh: 'RETURN 回到调用它的 chain' }
    case 'verdict':
      return { en: `${a.verdict}: the chain walk ends here`, zh: `${a.verdict}：在此结束本表的匹配` }
    case 'continue':
      return { en: `${a.target}${a.effect ? ` (${a.effect})` : ''}, then the next rule`, zh: `${a.target}${a.effect ? `（${a.effect}）` : ''}，然后继续下一条` }
    case 'rewrite':
      return { en: `${a.target}: ${a.from} → ${a.to}`, zh: `${a.target}：${a.from} → ${a.to}` }
    case 'tproxy':
      return { en: `TPROXY to port ${a.port}, mark ${a.mark}${a.socket ? `, socket ${a.socket}` : ''}: ${a.verdict}`, zh: `TPROXY 到端口 ${a.port}，mark ${a.mark}${a.socket ? `，socket ${a.socket}` : ''}：${a.verdict}` }
    case 'reject':
      return { en: `REJECT with ${a.with}`, zh: `REJECT（${a.with}）` }
    case 'loop':
      return { en: `loop through ${a.chain}`, zh: `在 ${a.chain} 中循环` }
  }
}

const EVENT_ZH: Record<string, string> = {
  hook: '进入 hook',
  conntrack: 'conntrack',
  'nat-skipped': '跳过 nat 表（不是连接的第一个包）',
  route: '路由',
  reroute: '重新路由',
  'policy-route': '策略路由',
  deliver: '交付给 socket',
  'no-socket': '没有监听的 socket',
  drop: '丢弃',
  loop: '循环',
  cap: '步数上限',
  transmit: '发出',
  nat: 'NAT',
  undecidable: '无法判断',
  skipped: '略过',
}

function stepView(ctx: SimulationContext, step: TraceStep, leg: number): TraceStepView {
  switch (step.kind) {
    case 'rule': {
      const clauses = clauseViews(ctx, step)
      let action: Bilingual
      if (step.result === 'matched') action = actionWords(step.action)
      else if (step.result === 'undecidable') {
        const why = step.clause?.reason ?? step.clause?.clause ?? ''
        action = { en: `cannot be decided: ${why}`, zh: `无法判断：${why}` }
      } else {
        const c = step.clause
        action = c ? { en: `${c.clause} needs ${c.expected}, the packet has ${c.actual}`, zh: `${c.clause} 要求 ${c.expected}，数据包是 ${c.actual}` } : { en: 'next rule', zh: '下一条' }
      }
      return { leg, table: step.table, chain: step.chain, index: step.index, result: step.result, clauses, action }
    }
    case 'policy':
      return { leg, table: step.table, chain: step.chain, index: null, result: 'policy', clauses: [], action: { en: `end of the built-in chain: policy ${step.policy}`, zh: `内置 chain 结束：默认策略 ${step.policy}` } }
    case 'return':
      return {
        leg,
        table: step.table,
        chain: step.chain,
        index: null,
        result: 'end-of-chain',
        clauses: [],
        action: step.to ? { en: `back to ${step.to}`, zh: `返回 ${step.to}` } : { en: 'back to the built-in chain’s policy', zh: '返回内置 chain 的默认策略' },
      }
    case 'event':
      return {
        leg,
        table: step.table ?? null,
        chain: null,
        index: null,
        result: 'event',
        clauses: [],
        action: { en: `${step.code}: ${step.detail}`, zh: `${EVENT_ZH[step.code] ?? step.code}：${step.zh}` },
      }
  }
}
