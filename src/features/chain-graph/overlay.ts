import type { AppState } from '../../store/app-state.ts'
import type { TraceStepView } from '../../core/graph/views.ts'
import type { ChainGraph } from '../../core/graph/chain-graph.ts'
import { chainNodeId } from '../../core/graph/chain-graph.ts'

/**
 * Selectors that paint the simulation and the selection over the drawn graph. Each returns a primitive so nodes
 * re-render only when their own part changes.
 */
export function currentStep(s: AppState): TraceStepView | null {
  return s.simulation?.steps[s.step] ?? null
}

/** `index:result` for every trace step so far in this chain, the current one marked with `*`. */
export function traceMarks(s: AppState, table: string, chain: string): string {
  const steps = s.simulation?.steps
  if (!steps) return ''
  const out: string[] = []
  for (let i = 0; i <= s.step && i < steps.length; i++) {
    const step = steps[i] as TraceStepView
    if (step.table !== table || step.chain !== chain) continue
    out.push(`${step.index ?? 0}:${step.result}${i === s.step ? '*' : ''}`)
  }
  return out.join(' ')
}

export function parseTraceMarks(marks: string): Map<number, { result: string; current: boolean }> {
  const map = new Map<number, { result: string; current: boolean }>()
  for (const part of marks.split(' ')) {
    if (!part) continue
    const [index, rest = ''] = part.split(':')
    const current = rest.endsWith('*')
    map.set(Number(index), { result: current ? rest.slice(0, -1) : rest, current })
  }
  return map
}

/** Hits of the given rows, comma-joined. */
export function hitMarks(s: AppState, table: string, chain: string, indexes: readonly number[]): string {
  const prefix = `${table}:${chain}:`
  return indexes.map((i) => s.hits[prefix + i] ?? 0).join(',')
}

export function maxHits(s: AppState): number {
  let max = 0
  for (const v of Object.values(s.hits)) if (v > max) max = v
  return max
}

/** Edge ids crossed by the trace up to the current step: a matched row that jumps lights its edge. */
export function pathEdges(graph: ChainGraph | undefined, s: AppState): Set<string> {
  const out = new Set<string>()
  const steps = s.simulation?.steps
  if (!graph || !steps) return out
  for (let i = 0; i <= s.step && i < steps.length; i++) {
    const step = steps[i] as TraceStepView
    if (step.result === 'matched' && step.index !== null && step.table && step.chain) out.add(`${chainNodeId(step.table, step.chain)}:${step.index}`)
  }
  return out
}

/** The node a step is drawn in, for the camera to follow; events (routing, delivery) keep the camera where it is. */
export function stepNodeId(step: TraceStepView | null): string | null {
  return step?.table && step.chain ? chainNodeId(step.table, step.chain) : null
}
