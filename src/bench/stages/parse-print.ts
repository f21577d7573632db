import { compact, evaluate, fixed, seconds, type Figure } from '../figure.ts'
import type { ParseResult } from '../node/task-parse.ts'
import type { PrintResult } from '../node/task-print.ts'
import { runTask } from '../run-task.ts'
import { median } from '../stats.ts'
import { input, runs, type BenchContext } from './context.ts'

const MB = 1e6

function throughput(bytes: number, rules: number, ms: number): string {
  return `${seconds(ms)} (${fixed(bytes / MB / (ms / 1000), 1)} MB/s, ${compact(rules / (ms / 1000))} rules/s)`
}

/** Figure 1: our parser against `iptables-nft-restore --test` on the same file. */
export function parseFigure(ctx: BenchContext, services: number): Figure {
  const file = input(ctx, services)
  const n = services >= 50_000 ? runs(ctx, 3) : runs(ctx, 5)
  ctx.log(`parse ${services} services (${fixed(file.bytes / MB, 1)} MB)`)
  const ours = runTask<ParseResult>(ctx.runner, 'parse', { path: file.path, ...n }).result
  const ms = median(ours.runs)
  const notes: string[] = []
  let peer: Figure['peer'] = null
  if (ctx.peer.available) {
    ctx.log(`iptables-nft-restore --test, ${services} services`)
    // At 50k one peer run takes 10–20 s; its binary and the file are already in the page cache (the file was just
    // written, the 10k runs loaded the binary), so its runs go without a warm-up there to keep the bench short.
    const theirs = ctx.peer.time(file.path, n.runs, services >= 50_000 ? 0 : n.warmups)
    const peerMs = median(theirs.runs)
    peer = { value: peerMs, shown: `${seconds(peerMs)} (${fixed(file.bytes / MB / (peerMs / 1000), 1)} MB/s)` }
  } else notes.push(`peer not run: ${ctx.peer.reason}`)
  if (services === 10_000) {
    notes.push(
      `ours: reading the file + parseInput in a warm Node process (bundled core), median of ${n.runs} after ${n.warmups} warm-up; ` +
        `peer: wall clock of \`ip netns exec NS iptables-nft-restore --test < FILE\` as a whole process, same file, same number of runs (no warm-up at 50k)`,
    )
  }
  notes.push(`${services / 1000}k dump: ${fixed(file.bytes / MB, 1)} MB, ${file.rules.toLocaleString('en-US')} rules; our cold first run ${seconds(ours.warmups[0] ?? Number.NaN)}`)
  if (ours.diagnostics > 0) notes.push(`${ours.diagnostics} diagnostics on a clean dump`)
  return evaluate({
    id: `parse-${services}`,
    label: `parse kube-proxy ${services / 1000}k`,
    value: ms,
    unit: 'ms',
    shown: throughput(file.bytes, ours.rules, ms),
    goal: { kind: 'at-most-peer', shown: '≤ peer' },
    peer,
    notes,
    detail: { ours, bytes: file.bytes, rules: ours.rules },
  })
}

/** Figure 2: the canonical iptables-save printer. */
export function printFigure(ctx: BenchContext, services: number): Figure {
  const file = input(ctx, services)
  ctx.log(`print ${services} services`)
  const r = runTask<PrintResult>(ctx.runner, 'print', { path: file.path, ...(services >= 50_000 ? runs(ctx, 2) : runs(ctx, 5)) }).result
  const ms = median(r.runs)
  return evaluate({
    id: `print-${services}`,
    label: `print kube-proxy ${services / 1000}k`,
    value: r.bytes / MB / (ms / 1000),
    unit: 'MB/s',
    shown: `${fixed(r.bytes / MB / (ms / 1000), 1)} MB/s (${seconds(ms)})`,
    goal: null,
    peer: null,
    notes: [],
    detail: { ...r },
  })
}
