/** What one measured operation took, run after run, with the runs that only warmed the engine kept apart. */
export interface Timings {
  /** Milliseconds of each counted run, in order. */
  runs: number[]
  /** Milliseconds of the warm-up runs (the first is the cold one: no JIT, cold caches). */
  warmups: number[]
}

/** Runs `work` `warmups` times, then `runs` times, timing each call alone. */
export function timeRuns(work: () => void, runs: number, warmups = 1): Timings {
  const warm: number[] = []
  const counted: number[] = []
  for (let i = 0; i < warmups + runs; i++) {
    const start = performance.now()
    work()
    const ms = performance.now() - start
    ;(i < warmups ? warm : counted).push(ms)
  }
  return { runs: counted, warmups: warm }
}
