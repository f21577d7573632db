import type { TableName } from '../model/ruleset.ts'
import type { Hook, Lane, StageRole, TerminalRole } from './chain-graph.ts'

/** Tables in the order a packet meets them at each hook (netfilter priorities: raw, mangle, nat DNAT, filter, security, nat SNAT). */
export const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'security', 'nat'],
  FORWARD: ['mangle', 'filter', 'security'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter', 'security'],
  POSTROUTING: ['mangle', 'nat'],
}

export type LaneStep = { kind: 'stage'; role: StageRole } | { kind: 'hook'; hook: Hook } | { kind: 'end'; role: Extract<TerminalRole, 'app' | 'leaves-pod'> }

/**
 * The two paths of a pod's own traffic, plus forwarding for hosts that route (kube-proxy nodes):
 * arriving: network → PREROUTING → routing → INPUT → the local process;
 * leaving: the local process → OUTPUT → routing → POSTROUTING → out of the pod.
 */
export const LANES: Readonly<Record<Lane, readonly LaneStep[]>> = {
  arriving: [
    { kind: 'stage', role: 'from-network' },
    { kind: 'hook', hook: 'PREROUTING' },
    { kind: 'stage', role: 'routing' },
    { kind: 'hook', hook: 'INPUT' },
    { kind: 'end', role: 'app' },
  ],
  leaving: [
    { kind: 'stage', role: 'local-process' },
    { kind: 'hook', hook: 'OUTPUT' },
    { kind: 'stage', role: 'routing' },
    { kind: 'hook', hook: 'POSTROUTING' },
    { kind: 'end', role: 'leaves-pod' },
  ],
  forwarded: [{ kind: 'hook', hook: 'FORWARD' }],
}

export function hookNodeId(hook: Hook): string {
  return `hook-${hook}`
}

export function stageNodeId(lane: Lane, role: StageRole): string {
  return `stage-${lane}-${role}`
}

export function endNodeId(role: 'app' | 'leaves-pod'): string {
  return `terminal-${role}`
}
