import type { InputFile } from '../node/task-inputs.ts'
import type { Peer } from '../peer-restore.ts'

/** What every stage of the bench shares. */
export interface BenchContext {
  runner: string
  /** kube-proxy dumps by service count. */
  inputs: Map<number, InputFile>
  peer: Peer
  /** Fewer runs, for trying the bench out; figures are then rougher. */
  quick: boolean
  log(message: string): void
}

/** Counted runs and warm-ups: `normal` unless quick. */
export function runs(ctx: BenchContext, normal: number, warmups = 1): { runs: number; warmups: number } {
  return ctx.quick ? { runs: Math.min(normal, 2), warmups: Math.min(warmups, 1) } : { runs: normal, warmups }
}

export function input(ctx: BenchContext, services: number): InputFile {
  const file = ctx.inputs.get(services)
  if (!file) throw new Error(`no ${services}-service input`)
  return file
}
