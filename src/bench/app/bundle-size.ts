import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { ROOT } from '../repo.ts'

export interface BundleSizes {
  /** gzip bytes of the JS index.html loads (entry and modulepreloads), Monaco excluded. */
  firstLoadGzip: number
  firstLoadFiles: string[]
  /** Monaco found among the first-load files (the budget check fails the build then). */
  monacoInFirstLoad: string[]
  /** The lazy chunks holding Monaco, largest first. */
  monaco: { file: string; raw: number; gzip: number }[]
}

/**
 * The first-load budget, measured exactly as src/scripts/check-bundle-budget.mjs does for `npm test` (its own
 * `firstLoadScripts`, gzip level 9), but on the bench's build folder instead of dist/. That script lives in
 * src/scripts, which the layer rule keeps bench code from importing statically; it is loaded by path.
 */
export async function measureBundle(outDir: string): Promise<BundleSizes> {
  const budget = (await import(pathToFileURL(join(ROOT, 'src/scripts/check-bundle-budget.mjs')).href)) as {
    firstLoadScripts(html: string): string[]
  }
  const gzip = (code: Buffer): number => gzipSync(code, { level: 9 }).length
  const isMonaco = (url: string, code: Buffer): boolean => /monaco|editor\.api/i.test(url) || code.includes('monaco-editor')
  const urls = budget.firstLoadScripts(readFileSync(join(outDir, 'index.html'), 'utf8'))
  let firstLoadGzip = 0
  const monacoInFirstLoad: string[] = []
  for (const url of urls) {
    const code = readFileSync(join(outDir, url.replace(/^\//, '')))
    if (isMonaco(url, code)) monacoInFirstLoad.push(url)
    else firstLoadGzip += gzip(code)
  }
  const first = new Set(urls.map((u) => u.replace(/^\//, '')))
  const monaco = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js') && !first.has(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, code: readFileSync(join(outDir, 'assets', f)) }))
    .filter(({ code }) => code.includes('monaco'))
    .map(({ file, code }) => ({ file, raw: code.length, gzip: gzip(code) }))
    .toSorted((a, b) => b.raw - a.raw)
  return { firstLoadGzip, firstLoadFiles: urls, monacoInFirstLoad, monaco }
}
