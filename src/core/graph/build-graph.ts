import type { Chain, ExtensionOption, Rule, Ruleset, TableName } from '../model/ruleset.ts'
import { printRuleBody } from './rule-text.ts'
import {
  chainNodeId,
  rowKey,
  type ChainGraph,
  type ChainNode,
  type GraphEdge,
  type GraphNode,
  type Hook,
  type HookNode,
  type Lane,
  type RuleRow,
  type TerminalNode,
  type TerminalRole,
} from './chain-graph.ts'
import { endNodeId, HOOK_TABLES, hookNodeId, LANES, stageNodeId } from './hooks.ts'

/** What the user chose to see; the worker builds only that, so a 10,000-chain dump never reaches React. */
export interface GraphViewOptions {
  /** Which path to draw: both, or only the arriving or the leaving one. */
  focus?: 'all' | 'arriving' | 'leaving'
  /** Chain node ids drawn with all their rows and whatever they jump to, even in a big dump. */
  expanded?: readonly string[]
  /** Rows (`table:chain:index`) that must be drawn, with their chains: the trace path and the selection. */
  reveal?: readonly string[]
}

/** Per-rule facts from other stages (role recognition), keyed by `table:chain:index`. */
export interface RuleAnnotation {
  badge?: number
  role?: string
}

/** Above either size the view collapses: React Flow stays fast up to a few hundred DOM-heavy nodes, not thousands. */
export const BIG_GRAPH = { chains: 60, rules: 1200 } as const
export const COLLAPSED_LIMITS = { userChains: 20, rowsShown: 12, rowsExpanded: 400 } as const

const PORT_ROLES: Record<string, TerminalRole> = {
  '15001': 'envoy-outbound',
  '15006': 'envoy-inbound',
  '15053': 'dns-proxy',
  '15008': 'tunnel',
}

/** Builds the drawn graph of one family's ruleset. */
export function buildChainGraph(
  ruleset: Ruleset,
  options: GraphViewOptions = {},
  annotations: ReadonlyMap<string, RuleAnnotation> = new Map(),
): ChainGraph {
  const focus = options.focus ?? 'all'
  const expanded = new Set(options.expanded ?? [])
  const revealRows = new Set(options.reveal ?? [])
  const revealChains = new Set([...revealRows].map((k) => k.split(':', 2).join(':')))
  const chains = new Map<string, { table: TableName; chain: Chain }>()
  let totalRules = 0
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      chains.set(chainNodeId(table.name, chain.name), { table: table.name, chain })
      totalRules += chain.rules.length
    }
  }
  const big = chains.size > BIG_GRAPH.chains || totalRules > BIG_GRAPH.rules

  // The spine: hooks that have chains, in lane order.
  const lanes: Lane[] = focus === 'all' ? ['arriving', 'leaving', 'forwarded'] : [focus]
  const hookChains = (hook: Hook) =>
    HOOK_TABLES[hook].map((t) => chainNodeId(t, hook)).filter((id) => {
      const c = chains.get(id)
      return c && (hook !== 'FORWARD' || c.chain.rules.length > 0)
    })
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const drawn = new Set<string>()
  const hookOf = new Map<string, string>()
  const laneEnds = new Map<Lane, { first?: string; last?: string }>()
  let postroutingId: string | null = null
  let arrivingRouting: string | null = null
  for (const lane of lanes) {
    let previous: string | null = null
    const ends: { first?: string; last?: string } = {}
    for (const step of LANES[lane]) {
      let id: string
      if (step.kind === 'hook') {
        const members = hookChains(step.hook)
        if (members.length === 0) continue
        id = hookNodeId(step.hook)
        const hookNode: HookNode = { kind: 'hook', id, hook: step.hook, lane, chains: members }
        nodes.push(hookNode)
        for (const m of members) {
          hookOf.set(m, id)
          drawn.add(m)
        }
        if (step.hook === 'POSTROUTING') postroutingId = id
      } else if (step.kind === 'stage') {
        id = stageNodeId(lane, step.role)
        nodes.push({ kind: 'stage', id, role: step.role, lane })
        if (lane === 'arriving' && step.role === 'routing') arrivingRouting = id
      } else {
        id = endNodeId(step.role)
        nodes.push({ kind: 'terminal', id, role: step.role, port: '' })
      }
      if (previous) edges.push({ id: `path:${previous}->${id}`, source: previous, target: id, kind: 'path' })
      ends.first ??= id
      ends.last = id
      previous = id
    }
    laneEnds.set(lane, ends)
  }
  const forward = laneEnds.get('forwarded')
  if (forward?.first) {
    if (arrivingRouting) edges.push({ id: `path:${arrivingRouting}->${forward.first}`, source: arrivingRouting, target: forward.first, kind: 'path' })
    if (postroutingId) edges.push({ id: `path:${forward.first}->${postroutingId}`, source: forward.first, target: postroutingId, kind: 'path' })
  }

  // Which rows each chain shows depends only on its size and on what the user asked for.
  const rowsOf = new Map<string, number[]>()
  const shown = (id: string): number[] => {
    let rows = rowsOf.get(id)
    if (!rows) {
      const c = chains.get(id)
      rows = c ? shownRows(c.chain, c.table, big, expanded.has(id), revealRows) : []
      rowsOf.set(id, rows)
    }
    return rows
  }
  // User chains: breadth-first from the hooks along drawn rows only, so a collapsed view keeps the chains nearest
  // the packet's entry and never draws a chain whose caller's row is folded away.
  const queue = [...drawn]
  const userOrder: string[] = []
  const seen = new Set(queue)
  while (queue.length) {
    const id = queue.shift() as string
    const c = chains.get(id)
    if (!c) continue
    for (const index of shown(id)) {
      const rule = c.chain.rules[index - 1]
      const t = rule?.target && chainNodeId(c.table, rule.target.name)
      if (t && chains.has(t) && !seen.has(t)) {
        seen.add(t)
        userOrder.push(t)
        queue.push(t)
      }
    }
  }
  if (focus === 'all') {
    for (const id of chains.keys()) if (!seen.has(id) && !chains.get(id)?.chain.builtin) userOrder.push(id)
  }
  let budget: number = COLLAPSED_LIMITS.userChains
  for (const id of userOrder) {
    const mustShow = expanded.has(id) || revealChains.has(id)
    if (!big || mustShow || budget > 0) {
      drawn.add(id)
      if (!mustShow) budget--
    }
  }
  // Chains the user expanded show what they jump to as well.
  for (const id of expanded) {
    const c = chains.get(id)
    if (!c) continue
    drawn.add(id)
    for (const index of shown(id)) {
      const rule = c.chain.rules[index - 1]
      const t = rule?.target && chainNodeId(c.table, rule.target.name)
      if (t && chains.has(t)) drawn.add(t)
    }
  }

  const terminals = new Map<string, TerminalNode>()
  let hiddenRows = 0
  for (const id of drawn) {
    const c = chains.get(id)
    if (!c) continue
    const { table, chain } = c
    const rows = shown(id)
    hiddenRows += chain.rules.length - rows.length
    const node: ChainNode = {
      kind: 'chain',
      id,
      table,
      chain: chain.name,
      builtin: chain.builtin,
      policy: chain.policy,
      rows: [],
      totalRows: chain.rules.length,
      hiddenTargets: 0,
    }
    const parent = hookOf.get(id)
    if (parent) node.parent = parent
    if (chain.counters) node.policyCounters = { packets: chain.counters.packets, bytes: chain.counters.bytes }
    let last = 0
    for (const index of rows) {
      const rule = chain.rules[index - 1] as Rule
      const row = toRow(rule, index, annotations.get(rowKey(table, chain.name, index)))
      if (index - last > 1) row.gapBefore = index - last - 1
      last = index
      const target = rule.target
      const targetId = target ? chainNodeId(table, target.name) : null
      if (targetId && chains.has(targetId)) {
        if (drawn.has(targetId)) {
          row.to = targetId
          edges.push({ id: `${id}:${index}`, source: id, sourceRow: index, target: targetId, kind: target?.kind === 'goto' ? 'goto' : 'jump' })
        } else {
          row.hiddenTarget = targetId
          node.hiddenTargets++
        }
      } else {
        const terminal = terminalFor(table, rule)
        if (terminal) {
          const existing = terminals.get(terminal.id) ?? terminal
          terminals.set(terminal.id, existing)
          row.to = existing.id
          edges.push({ id: `${id}:${index}`, source: id, sourceRow: index, target: existing.id, kind: 'terminal' })
        }
      }
      node.rows.push(row)
    }
    nodes.push(node)
  }
  nodes.push(...terminals.values())
  const drawnChains = [...drawn].filter((id) => chains.has(id)).length
  return {
    family: ruleset.family,
    nodes,
    edges,
    hidden: { chains: chains.size - drawnChains, rows: hiddenRows },
    totals: { chains: chains.size, rules: totalRules },
    collapsed: big,
  }
}

/** 1-based indexes of the rows to draw. */
function shownRows(chain: Chain, table: TableName, big: boolean, expanded: boolean, reveal: ReadonlySet<string>): number[] {
  const n = chain.rules.length
  const limit = expanded ? COLLAPSED_LIMITS.rowsExpanded : COLLAPSED_LIMITS.rowsShown
  if (!big || n <= limit + 4) return Array.from({ length: Math.min(n, COLLAPSED_LIMITS.rowsExpanded * 5) }, (_, i) => i + 1)
  const out = new Set<number>()
  for (let i = 1; i <= limit; i++) out.add(i)
  for (const key of reveal) {
    const [t, c, i] = key.split(':')
    if (t === table && c === chain.name) out.add(Number(i))
  }
  return [...out].filter((i) => i >= 1 && i <= n).toSorted((a, b) => a - b)
}

/** A card row shows about 60 characters; laying out kilobytes of hidden text (kube-proxy comments) costs frames. */
const ROW_TEXT_LIMIT = 160

function clip(text: string): string {
  return text.length > ROW_TEXT_LIMIT ? `${text.slice(0, ROW_TEXT_LIMIT - 1)}…` : text
}

function toRow(rule: Rule, index: number, annotation: RuleAnnotation | undefined): RuleRow {
  const row: RuleRow = { index, text: clip(printRuleBody(rule)), target: rule.target?.name ?? null }
  if (rule.counters) {
    row.packets = rule.counters.packets
    row.bytes = rule.counters.bytes
    if ((rule.counters as { approximate?: boolean }).approximate) row.approximate = true
  }
  if (annotation?.badge) row.badge = annotation.badge
  if (annotation?.role) row.role = annotation.role
  if (rule.span) row.line = rule.span.line
  if (rule.notes?.length) row.notes = rule.notes
  return row
}

function optionArg(options: readonly ExtensionOption[], ...names: string[]): string | undefined {
  return options.find((o) => names.includes(o.name))?.args[0]
}

function terminalFor(table: TableName, rule: Rule): TerminalNode | null {
  const t = rule.target
  if (!t) return null
  let port: string | undefined
  let fallback: TerminalRole
  if (t.name === 'REDIRECT') {
    port = optionArg(t.options, '--to-ports', '--to-port')
    fallback = 'redirect'
  } else if (t.name === 'TPROXY') {
    port = optionArg(t.options, '--on-port')
    fallback = 'tproxy'
  } else if (t.name === 'DNAT') {
    port = optionArg(t.options, '--to-destination')
    fallback = 'dnat'
  } else return null
  if (!port) return null
  const role = PORT_ROLES[port] ?? fallback
  const key = role === fallback ? `${t.name.toLowerCase()}-${port}` : role
  return { kind: 'terminal', id: `terminal-${key}`.replace(/[^A-Za-z0-9_.:-]/g, '_'), role, port, table }
}
