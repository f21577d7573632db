import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { launch } from '../app/browser.ts'
import { measureBundle } from '../app/bundle-size.ts'
import { measureKubeProxyLoad, type KubeLoadRun } from '../app/kube-proxy-load.ts'
import { measurePageLoad } from '../app/page-load.ts'
import { buildApp, startPreview } from '../app/preview-server.ts'
import { shareLinks } from '../app/share-links.ts'
import { evaluate, kib, seconds, type Figure } from '../figure.ts'
import type { LinkLengths } from '../node/task-permalink.ts'
import { PREVIEW_PORT, ROOT } from '../repo.ts'
import { runTask } from '../run-task.ts'
import { median } from '../stats.ts'
import { runs, type BenchContext } from './context.ts'

const FIRST_LOAD_BUDGET = 300 * 1024
const SEED_001 = 'seed-001-vm-log'

/**
 * Figures 5 and 6: the production build in Chromium against `vite preview`, and the permalinks it writes.
 * `loadOnly`: just the first-load size and the page load to the default graph (`--only app-load`).
 */
export async function appFigures(ctx: BenchContext, options: { loadOnly?: boolean } = {}): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'istio-bench-app-'))
  try {
    ctx.log('vite build (app)')
    const buildMs = buildApp(outDir)
    const figures = bundleFigures(await measureBundle(outDir), buildMs)
    const server = await startPreview(outDir, PREVIEW_PORT)
    let browser: Browser | null = null
    try {
      browser = await launch()
      figures.push(await pageLoadFigure(ctx, browser, server.url))
      if (!options.loadOnly) {
        figures.push(...(await kubeProxyFigures(ctx, browser, server.url)))
        figures.push(...(await linkFigures(ctx, browser, server.url)))
      }
    } finally {
      await browser?.close()
      server.stop()
    }
    return figures
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

function bundleFigures(b: Awaited<ReturnType<typeof measureBundle>>, buildMs: number): Figure[] {
  const monaco = b.monaco[0]
  const notes = [
    `JS that index.html loads (${b.firstLoadFiles.length} files), gzip -9, measured with check-bundle-budget.mjs's firstLoadScripts; npm test enforces the same budget on dist/; vite build took ${seconds(buildMs)}`,
  ]
  if (b.monacoInFirstLoad.length > 0) notes.push(`Monaco is in the first load: ${b.monacoInFirstLoad.join(', ')}`)
  return [
    evaluate({
      id: 'first-load-js',
      label: 'first-load JS (gzip, no Monaco)',
      value: b.firstLoadGzip,
      unit: 'bytes',
      shown: kib(b.firstLoadGzip),
      goal: { kind: 'at-most', value: FIRST_LOAD_BUDGET, shown: `≤ ${kib(FIRST_LOAD_BUDGET)}` },
      peer: null,
      notes,
      detail: { ...b },
    }),
    evaluate({
      id: 'monaco-chunk',
      label: 'Monaco lazy chunk (gzip)',
      value: monaco?.gzip ?? null,
      unit: 'bytes',
      shown: monaco ? `${kib(monaco.gzip)} (${kib(monaco.raw)} raw)` : 'not found',
      goal: null,
      peer: null,
      notes: b.monaco.length > 1 ? [`also ${b.monaco.slice(1).map((m) => `${m.file} ${kib(m.gzip)} gzip`).join(', ')}`] : [],
    }),
  ]
}

/** Median of a page mark over the runs that have it, as seconds, or `–`. */
function markShown(marks: Record<string, number>[], name: string): string {
  const values = marks.map((m) => m[name]).filter((v): v is number => v !== undefined)
  return values.length ? seconds(median(values)) : '–'
}

async function pageLoadFigure(ctx: BenchContext, browser: Browser, url: string): Promise<Figure> {
  ctx.log('Chromium: page load to the default graph')
  const load = await measurePageLoad(browser, url, runs(ctx, 5).runs, runs(ctx, 5).warmups)
  const loadMs = median(load.runs)
  const elk = load.elkDrawn.filter((v) => !Number.isNaN(v))
  return evaluate({
    id: 'app-default-drawn',
    label: 'app: load → default graph drawn',
    value: loadMs,
    unit: 'ms',
    shown: seconds(loadMs),
    goal: { kind: 'at-most', value: 1000, shown: '≤ 1 s' },
    peer: null,
    notes: [
      `navigation start to the frame showing ISTIO_INBOUND and ISTIO_OUTPUT, fresh browser context each run (median of ${load.runs.length}); ` +
        `medians from navigation start: analysis sent to the engine worker ${markShown(load.marks, 'explorer:analysis-sent')}, ` +
        `its answer received ${markShown(load.marks, 'explorer:analysis-received')}, shown ready ${seconds(median(load.analysisReady))}, ` +
        `graph drawn with the quick first layout ${seconds(loadMs)}, redrawn with ELK's layout ${elk.length ? seconds(median(elk)) : 'never (within 30 s)'}`,
    ],
    detail: { ...load },
  })
}

async function kubeProxyFigures(ctx: BenchContext, browser: Browser, url: string): Promise<Figure[]> {
  ctx.log('Chromium: the 1,000-service kube-proxy example')
  const n = runs(ctx, 3)
  const kube: KubeLoadRun[] = []
  for (let i = 0; i < n.warmups + n.runs; i++) {
    const run = await measureKubeProxyLoad(browser, url)
    if (i >= n.warmups) kube.push(run)
  }
  const drawn = median(kube.map((k) => k.drawnMs))
  const responsive = median(kube.map((k) => k.responsiveMs))
  const longest = median(kube.map((k) => k.longestTaskMs))
  return [
    evaluate({
      id: 'app-kube-proxy-1k',
      label: 'app: kube-proxy 1k → drawn, responsive',
      value: responsive,
      unit: 'ms',
      shown: `${seconds(drawn)} drawn, ${seconds(responsive)} responsive`,
      goal: null,
      peer: null,
      notes: ['from choosing the example (its dump is generated in a worker) to KUBE-SERVICES on screen; responsive = first 100 ms with no 10 ms timer over 50 ms late'],
      detail: { runs: kube },
    }),
    evaluate({
      id: 'app-kube-proxy-1k-longest-task',
      label: 'app: kube-proxy 1k longest main-thread task',
      value: longest,
      unit: 'ms',
      shown: `${seconds(longest)} (${kube.map((k) => k.longTasks).join('/')} long tasks)`,
      goal: { kind: 'at-most', value: 200, shown: '≤ 200 ms' },
      peer: null,
      notes: ['Long Tasks API from the choice until 1 s after responsive; median over runs of each run\'s longest'],
      detail: { runs: kube },
    }),
  ]
}

async function linkFigures(ctx: BenchContext, browser: Browser, url: string): Promise<Figure[]> {
  ctx.log('Chromium: a permalink for each example')
  const shipped = await shareLinks(browser, url)
  const lengths = runTask<LinkLengths[]>(ctx.runner, 'links', { links: shipped, dictionaryDir: join(ROOT, 'src/core/share/dictionaries') }).result
  return lengths.map((l) => {
    const goal = l.id === SEED_001 ? 4000 : l.kind === 'config' ? 300 : null
    const notes: string[] = []
    if (l.dictionary) {
      const onlyWithDictionary = goal !== null && l.shipped <= goal && l.noDictionary > goal
      notes.push(
        `the encoder chose the preset dictionary "${l.dictionary}"${l.dictionaryHoldsText ? ", which holds this example's text verbatim" : ''}; ` +
          `the same state without any dictionary: ${l.noDictionary.toLocaleString('en-US')} characters` +
          (onlyWithDictionary ? ' — the goal is met only thanks to the dictionary' : ''),
      )
    }
    if (l.kind === 'config') notes.push('configuration-only link (the rules are generated again from it)')
    if (l.kind === 'generated') notes.push("the generator's parameters, not the dump")
    return evaluate({
      id: `permalink-${l.id}`,
      label: `permalink: ${l.id}`,
      value: l.shipped,
      unit: 'characters',
      shown: `${l.shipped.toLocaleString('en-US')} chars${l.dictionary ? ` (${l.noDictionary.toLocaleString('en-US')} without dictionary)` : ''}`,
      goal: goal === null ? null : { kind: 'at-most', value: goal, shown: `≤ ${goal.toLocaleString('en-US')}` },
      peer: null,
      notes,
      detail: { ...l },
    })
  })
}
