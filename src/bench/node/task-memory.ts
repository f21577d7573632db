import { readFileSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { parseInput } from '../../core/parse/index.ts'
import { compileSimulation, countBatch } from '../../core/simulate/index.ts'
import { kubePackets } from './kube-packets.ts'

export interface MemoryResult {
  /** Heap in use at the end (the parsed dump and the compiled simulation still held). */
  heapUsedEndMB: number
  /** Peak resident set size of the process (heap, code, buffers). */
  maxRssMB: number
  connections: number
  phasesMs: { parse: number; compile: number; simulate: number }
}

const MB = 1024 * 1024

/**
 * Parses the dump, compiles it for the simulator and runs a batch, in a fresh process, holding every result until
 * the end. The peak of the heap itself is read from the process's `--trace-gc` lines by the caller: the heap is at a
 * local maximum right before each collection.
 */
export function measureMemory(args: { path: string; connections: number }): MemoryResult {
  let t = performance.now()
  const text = readFileSync(args.path, 'utf8')
  const parsed = parseInput(text).value
  const parse = performance.now() - t
  t = performance.now()
  const sim = compileSimulation(parsed.rulesets).value
  const compile = performance.now() - t
  t = performance.now()
  const batch = countBatch(sim, kubePackets(text, args.connections))
  const simulate = performance.now() - t
  const heapUsedEndMB = getHeapStatistics().used_heap_size / MB
  // Keep everything alive up to the measurement above.
  if (!parsed.rulesets[4] || sim.families[4] === undefined) throw new Error('no IPv4 ruleset')
  return {
    heapUsedEndMB,
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    connections: batch.connections,
    phasesMs: { parse, compile, simulate },
  }
}
