import type { ExtensionOption, Rule, Ruleset, TableName } from '../model/ruleset.ts'
import { printRuleBody } from './rule-text.ts'
import { chainNodeId, type ChainGraph, type ChainNode, type GraphEdge, type TerminalNode, type TerminalRole } from './chain-graph.ts'

const PORT_ROLES: Record<string, TerminalRole> = {
  '15001': 'envoy-outbound',
  '15006': 'envoy-inbound',
  '15053': 'dns-proxy',
  '15008': 'tunnel',
}

/** Builds the chain graph of one family's ruleset. */
export function buildChainGraph(ruleset: Ruleset): ChainGraph {
  const nodes: ChainGraph['nodes'] = []
  const edges: GraphEdge[] = []
  const terminals = new Map<string, TerminalNode>()
  for (const table of ruleset.tables) {
    const names = new Set(table.chains.map((c) => c.name))
    for (const chain of table.chains) {
      const id = chainNodeId(table.name, chain.name)
      const node: ChainNode = {
        kind: 'chain',
        id,
        table: table.name,
        chain: chain.name,
        builtin: chain.builtin,
        policy: chain.policy,
        rows: [],
      }
      chain.rules.forEach((rule, i) => {
        const index = i + 1
        const row: ChainNode['rows'][number] = { index, text: printRuleBody(rule), target: rule.target?.name ?? null }
        if (rule.counters) {
          row.packets = rule.counters.packets
          row.bytes = rule.counters.bytes
        }
        const target = rule.target
        if (target && names.has(target.name)) {
          row.to = chainNodeId(table.name, target.name)
          edges.push({ id: `${id}:${index}`, source: id, sourceRow: index, target: row.to, kind: target.kind })
        } else {
          const terminal = terminalFor(table.name, rule)
          if (terminal) {
            const existing = terminals.get(terminal.id) ?? terminal
            terminals.set(terminal.id, existing)
            row.to = existing.id
            edges.push({ id: `${id}:${index}`, source: id, sourceRow: index, target: existing.id, kind: 'terminal' })
          }
        }
        node.rows.push(row)
      })
      nodes.push(node)
    }
  }
  nodes.push(...terminals.values())
  return { family: ruleset.family, nodes, edges }
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
  return { kind: 'terminal', id: `terminal-${t.name.toLowerCase()}-${port}`, role, port, table }
}
