import { evaluate, seconds, type Figure } from '../figure.ts'
import type { GarbageResult } from '../node/task-garbage.ts'
import { runTask } from '../run-task.ts'
import { median } from '../stats.ts'
import { runs, type BenchContext } from './context.ts'

/** Hostile pastes: the slowest of several 1 MB garbage kinds must still come back with diagnostics within a second. */
export function garbageFigure(ctx: BenchContext): Figure {
  ctx.log('parse 1 MB garbage pastes')
  const results = runTask<GarbageResult[]>(ctx.runner, 'garbage', runs(ctx, 5)).result
  const timed = results.map((r) => ({ ...r, ms: median(r.runs) })).toSorted((a, b) => b.ms - a.ms)
  const worst = timed[0]
  return evaluate({
    id: 'parse-garbage',
    label: 'parse 1 MB garbage, slowest kind',
    value: worst ? worst.ms : null,
    unit: 'ms',
    shown: worst ? `${seconds(worst.ms)} (${worst.kind})` : 'not measured',
    goal: { kind: 'at-most', value: 1000, shown: '≤ 1 s' },
    peer: null,
    notes: [`${timed.length} deterministic 1 MB pastes, median of each: ${timed.map((r) => `${r.kind} ${seconds(r.ms)} (${r.diagnostics.toLocaleString('en-US')} diagnostics)`).join('; ')}`],
    detail: { results },
  })
}
