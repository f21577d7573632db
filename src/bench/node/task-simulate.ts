import { readFileSync } from 'node:fs'
import type { Ruleset } from '../../core/model/ruleset.ts'
import { parseInput } from '../../core/parse/index.ts'
import { compileSimulation, countBatch, presetsFor, type PacketSpec } from '../../core/simulate/index.ts'
import { kubePackets } from './kube-packets.ts'
import { timeRuns, type Timings } from './timing.ts'

export interface SimulateResult extends Timings {
  /** Connections per batch. */
  connections: number
  /** Packets the engine walked through netfilter per batch (a TCP exchange is 2–4, a UDP one 1–2). */
  packets: number
  undecidable: number
  compileMs: number
}

function rulesetsOf(path: string): Partial<Record<4 | 6, Ruleset>> {
  return parseInput(readFileSync(path, 'utf8')).value.rulesets
}

/** Every teaching scenario's legs, repeated to `size` connections: the mix the app's scenario buttons run. */
function sidecarPackets(rulesets: Partial<Record<4 | 6, Ruleset>>, size: number): PacketSpec[] {
  const legs = presetsFor(rulesets).presets.flatMap((p) => p.packets)
  if (legs.length === 0) throw new Error('no preset packets for the sidecar ruleset')
  return Array.from({ length: size }, (_, i) => ({ ...(legs[i % legs.length] as PacketSpec), sport: 40000 + (i % 20000) }))
}

export function measureSimulate(args: { path: string; kind: 'sidecar' | 'kube-proxy'; connections: number; runs: number; warmups: number }): SimulateResult {
  const rulesets = rulesetsOf(args.path)
  const start = performance.now()
  const sim = compileSimulation(rulesets).value
  const compileMs = performance.now() - start
  const packets = args.kind === 'sidecar' ? sidecarPackets(rulesets, args.connections) : kubePackets(readFileSync(args.path, 'utf8'), args.connections)
  let last = { connections: 0, packets: 0, undecidable: 0 }
  const timings = timeRuns(() => {
    last = countBatch(sim, packets)
  }, args.runs, args.warmups)
  return { ...timings, connections: last.connections, packets: last.packets, undecidable: last.undecidable, compileMs }
}
