import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CHROMIUM } from './app/browser.ts'
import { buildRunner } from './build-runner.ts'
import { evaluate, fixed, seconds, type Figure } from './figure.ts'
import type { InputFile } from './node/task-inputs.ts'
import { openPeer } from './peer-restore.ts'
import { ROOT } from './repo.ts'
import { runTask } from './run-task.ts'
import { appFigures } from './stages/app.ts'
import type { BenchContext } from './stages/context.ts'
import { annotateFigure, generateFigure, memoryFigure, simulateFigure } from './stages/engine.ts'
import { parseFigure, printFigure } from './stages/parse-print.ts'
import { writeMarkdown } from './markdown.ts'
import { renderTable, report, writeJson } from './table.ts'
import { garbageFigure } from './stages/garbage.ts'

const USAGE = `Usage: npm run bench [-- --json FILE] [--markdown FILE] [--quick] [--no-app] [--only LIST]

Measures the production builds (the core bundled for Node; the app in Chromium against vite preview) and prints one
table of figures against their budgets, ending with "N of M budgets met". Progress goes to standard error.

  --json FILE       also write the table as JSON
  --markdown FILE   also write it as the README's Performance section (src/bench/RESULTS.md)
  --quick           fewer runs per figure (rougher; for trying the bench out)
  --no-app          skip the Chromium figures (first-load size, page timings, permalinks)
  --no-minify       bundle the core unminified, for --cpu-prof sessions on the runner
  --only LIST       only these groups, comma-separated: parse, garbage, print, simulate, generate, annotate, memory,
                    app (every Chromium figure) or app-load (the first-load size and the page load to the default graph)
`

const GROUPS = ['parse', 'garbage', 'print', 'simulate', 'generate', 'annotate', 'memory', 'app', 'app-load']
const SIZES = [1_000, 10_000, 50_000]
const SEED = 1

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'not found'
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'string' }, markdown: { type: 'string' }, quick: { type: 'boolean' }, 'no-app': { type: 'boolean' }, 'no-minify': { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const only = values.only === undefined ? null : new Set(values.only.split(',').map((g) => g.trim()))
  const unknown = only ? [...only].filter((g) => !GROUPS.includes(g)) : []
  if (unknown.length > 0) {
    process.stderr.write(`unknown --only ${unknown.join(', ')}\n${USAGE}`)
    process.exitCode = 2
    return
  }
  const wanted = (group: string): boolean => only === null || only.has(group)
  const appLoadOnly = only !== null && only.has('app-load') && !only.has('app')
  const started = performance.now()
  const loadBefore = loadavg().map((l) => Number(fixed(l, 2)))
  const log = (m: string): void => {
    process.stderr.write(`[${fixed((performance.now() - started) / 1000, 0).padStart(3)} s] ${m}\n`)
  }
  log('bundling the core for Node (vite build)')
  const built = await buildRunner(ROOT, { minify: values['no-minify'] !== true })
  const dir = mkdtempSync(join(tmpdir(), 'istio-bench-inputs-'))
  const peer = openPeer()
  const cleanUp = (): void => {
    peer.close()
    rmSync(dir, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp()
      process.exit(130)
    })
  }
  try {
    log(`generating kube-proxy dumps (${SIZES.join(', ')} services, seed ${SEED})`)
    const files = runTask<InputFile[]>(built.runner, 'inputs', { dir, sizes: SIZES, seed: SEED, generator: built.generator }).result
    const ctx: BenchContext = { runner: built.runner, inputs: new Map(files.map((f) => [f.services, f])), peer, quick: values.quick === true, log }
    const stages: [string, () => Figure][] = [
      ['parse', () => parseFigure(ctx, 10_000)],
      ['parse', () => parseFigure(ctx, 50_000)],
      ['garbage', () => garbageFigure(ctx)],
      ['print', () => printFigure(ctx, 10_000)],
      ['print', () => printFigure(ctx, 50_000)],
      ['simulate', () => simulateFigure(ctx, 'sidecar')],
      ['simulate', () => simulateFigure(ctx, 'kube-proxy')],
      ['generate', () => generateFigure(ctx)],
      ['annotate', () => annotateFigure(ctx, 1_000)],
      ['annotate', () => annotateFigure(ctx, 10_000)],
      ['memory', () => memoryFigure(ctx)],
    ]
    const figures: Figure[] = stages.filter(([group]) => wanted(group)).map(([, run]) => run())
    if (values['no-app'] !== true && (wanted('app') || appLoadOnly)) {
      try {
        figures.push(...(await appFigures(ctx, { loadOnly: appLoadOnly })))
      } catch (e) {
        // The Node figures stand on their own; say what kept the browser ones from being measured.
        const reason = e instanceof Error ? e.message.split('\n')[0] : String(e)
        log(`app figures failed: ${reason}`)
        figures.push(evaluate({ id: 'app', label: 'app figures (Chromium)', value: null, unit: '', shown: 'not measured', goal: null, peer: null, notes: [`failed: ${reason}`] }))
      }
    }
    const loadAfter = loadavg().map((l) => Number(fixed(l, 2)))
    const total = performance.now() - started
    const r = report(
      {
        date: new Date().toISOString(),
        commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--untracked-files=no']) ? ' (modified)' : ''}`,
        node: process.version,
        chromium: values['no-app'] === true ? 'not run' : chromiumVersion(),
        peer: peer.available ? peer.version : `not run (${peer.reason})`,
        cpus: cpus().length,
        loadBefore,
        loadAfter,
        seconds: Number(fixed(total / 1000, 0)),
        generator: files.map((f) => `${f.services}: ${seconds(f.generateMs)}`).join(', '),
      },
      figures,
    )
    const header = [
      `npm run bench — ${r.meta.date}, commit ${r.meta.commit}`,
      `Node ${r.meta.node}; ${r.meta.chromium}; peer ${r.meta.peer}; ${r.meta.cpus} CPUs`,
      `load average (1/5/15 min) ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after; took ${seconds(total)}${ctx.quick ? '; --quick' : ''}`,
      '',
    ]
    process.stdout.write(`${header.join('\n')}${renderTable(r)}\n`)
    if (values.json) writeJson(values.json, r)
    if (values.markdown) writeMarkdown(values.markdown, r, `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`)
  } finally {
    cleanUp()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
})
