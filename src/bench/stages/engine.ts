import { join } from 'node:path'
import { compact, evaluate, fixed, seconds, type Figure } from '../figure.ts'
import type { AnnotateResult } from '../node/task-annotate.ts'
import type { GenerateResult } from '../node/task-generate.ts'
import type { MemoryResult } from '../node/task-memory.ts'
import type { SimulateResult } from '../node/task-simulate.ts'
import { EXAMPLES_DIR } from '../repo.ts'
import { peakHeapFromTrace, runTask } from '../run-task.ts'
import { median } from '../stats.ts'
import { input, runs, type BenchContext } from './context.ts'

/** Figure 3: packets per second through the simulated kernel, counters only (`countBatch`), as a batch runs. */
export function simulateFigure(ctx: BenchContext, kind: 'sidecar' | 'kube-proxy'): Figure {
  const path = kind === 'sidecar' ? join(EXAMPLES_DIR, 'k8s-latest-sidecar.txt') : input(ctx, 10_000).path
  const connections = kind === 'sidecar' ? 20_000 : 10_000
  ctx.log(`simulate ${kind}`)
  const r = runTask<SimulateResult>(ctx.runner, 'simulate', { path, kind, connections, ...runs(ctx, 7, kind === 'sidecar' ? 3 : 1) }).result
  const ms = median(r.runs)
  const pps = r.packets / (ms / 1000)
  const goal = kind === 'sidecar' ? 1_000_000 : 20_000
  const notes = [
    kind === 'sidecar'
      ? `Istio 1.25+ sidecar (src/examples/k8s-latest-sidecar.txt); every teaching scenario's legs, repeated to ${compact(r.connections)} connections = ${compact(r.packets)} packets a batch; ${compact(r.connections / (ms / 1000))} connections/s`
      : `10k-service dump, ${compact(r.connections)} connections from the node (9 in 10 to a service VIP, 1 in 10 to no service) = ${compact(r.packets)} packets; ${compact(r.connections / (ms / 1000))} connections/s; compiling the ruleset took ${seconds(r.compileMs)}`,
  ]
  if (r.undecidable > 0) notes.push(`${r.undecidable} connections undecidable`)
  return evaluate({
    id: `simulate-${kind}`,
    label: kind === 'sidecar' ? 'simulate Istio sidecar' : 'simulate kube-proxy 10k',
    value: pps,
    unit: 'packets/s',
    shown: `${compact(pps)} packets/s`,
    goal: { kind: 'at-least', value: goal, shown: `≥ ${compact(goal)}/s` },
    peer: null,
    notes,
    detail: { ...r },
  })
}

/** Figure 4: istio-iptables runs per second for the latest profile, configuration text to rules file. */
export function generateFigure(ctx: BenchContext): Figure {
  ctx.log('generate')
  const r = runTask<GenerateResult>(ctx.runner, 'generate', { sidecarEnv: join(EXAMPLES_DIR, 'vm-sidecar-env.txt'), configs: 200, ...runs(ctx, 7, 2) }).result
  const ms = median(r.runs)
  return evaluate({
    id: 'generate-latest',
    label: `generate (profile ${r.profile})`,
    value: r.configs / (ms / 1000),
    unit: 'configs/s',
    shown: `${compact(r.configs / (ms / 1000))} configs/s`,
    goal: null,
    peer: null,
    notes: ['4 configurations in turn (a VM sidecar.env; istio-init REDIRECT and TPROXY flags; DNS capture, dual stack): read, resolved, generated, rules file(s) rendered'],
    detail: { ...r },
  })
}

/** Role recognition (explain) over a whole dump. */
export function annotateFigure(ctx: BenchContext, services: number): Figure {
  ctx.log(`annotate ${services} services`)
  const r = runTask<AnnotateResult>(ctx.runner, 'annotate', { path: input(ctx, services).path, ...runs(ctx, 5) }).result
  const ms = median(r.runs)
  return evaluate({
    id: `annotate-${services}`,
    label: `explain: annotate kube-proxy ${services / 1000}k`,
    value: ms,
    unit: 'ms',
    shown: `${seconds(ms)} (${compact(r.rules / (ms / 1000))} rules/s)`,
    goal: null,
    peer: null,
    notes: [],
    detail: { ...r },
  })
}

/** Figure 7: memory for parsing and simulating the biggest dump, in a fresh process. */
export function memoryFigure(ctx: BenchContext): Figure {
  ctx.log('memory: parse + compile + simulate the 50k dump')
  const { result: r, stdout } = runTask<MemoryResult>(ctx.runner, 'memory', { path: input(ctx, 50_000).path, connections: 10_000 }, ['--trace-gc'])
  const peak = Math.max(peakHeapFromTrace(stdout), r.heapUsedEndMB)
  return evaluate({
    id: 'memory-50k',
    label: 'peak heap, parse + simulate 50k',
    value: peak,
    unit: 'MB',
    shown: `${fixed(peak, 0)} MB`,
    goal: null,
    peer: null,
    notes: [
      `heap in use before the largest collection (--trace-gc), 2^20 bytes; still held at the end: ${fixed(r.heapUsedEndMB, 0)} MB; process peak RSS ${fixed(r.maxRssMB, 0)} MB; ` +
        `parse ${seconds(r.phasesMs.parse)}, compile ${seconds(r.phasesMs.compile)}, ${compact(r.connections)} connections ${seconds(r.phasesMs.simulate)}`,
    ],
    detail: { ...r, peakHeapMB: peak },
  })
}
