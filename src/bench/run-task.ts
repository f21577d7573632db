import { spawnSync } from 'node:child_process'
import { RESULT_MARKER } from './node/protocol.ts'

/**
 * Runs one task of the bundled runner in a child `node` process (the production code path: no tsx, no source
 * transforms) and returns its result and the rest of its standard output.
 */
export function runTask<T>(runner: string, task: string, args: unknown, nodeFlags: string[] = []): { result: T; stdout: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, runner, task, JSON.stringify(args)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const at = r.stdout.lastIndexOf(RESULT_MARKER)
  if (r.status !== 0 || at < 0) throw new Error(`bench task ${task} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`)
  const line = r.stdout.slice(at + RESULT_MARKER.length).split('\n')[0] as string
  return { result: JSON.parse(line) as T, stdout: r.stdout.slice(0, at) }
}

/**
 * Peak heap in use, from `--trace-gc` lines (`Mark-Compact 512.3 (530.1) -> 400.2 (420.0) MB`): the heap is at a
 * local maximum right before each collection, so the largest "before" figure is the peak (within one allocation).
 */
export function peakHeapFromTrace(trace: string): number {
  let peak = 0
  for (const m of trace.matchAll(/: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep|Minor Mark-Compact)[^\n]*? ([\d.]+) \(([\d.]+)\) -> /g)) {
    peak = Math.max(peak, Number(m[1]))
  }
  return peak
}
