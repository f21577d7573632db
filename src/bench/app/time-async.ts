/** Like node/timing.ts's timeRuns, for figures the page measures itself: each run returns its own value. */
export async function timeAsync(run: () => Promise<number>, runs: number, warmups: number): Promise<{ runs: number[]; warmups: number[] }> {
  const warm: number[] = []
  const counted: number[] = []
  for (let i = 0; i < warmups + runs; i++) (i < warmups ? warm : counted).push(await run())
  return { runs: counted, warmups: warm }
}
