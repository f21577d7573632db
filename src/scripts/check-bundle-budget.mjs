// Deterministic first-load budget check on the production build: the JS that index.html loads (entry script and
// modulepreloads) must stay under 300 KB gzip and must not include Monaco, which is loaded lazily.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const BUDGET_BYTES = 300 * 1024
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = join(root, 'dist')

export function firstLoadScripts(html) {
  const urls = new Set()
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) urls.add(m[1])
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) urls.add(m[1])
  return [...urls]
}

export function measure() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = firstLoadScripts(html).map((url) => {
    const code = readFileSync(join(dist, url.replace(/^\//, '')))
    return { url, raw: code.length, gzip: gzipSync(code, { level: 9 }).length, monaco: /monaco|editor\.api/i.test(url) || code.includes('monaco-editor') }
  })
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0) }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, gzip } = measure()
  for (const f of files) process.stdout.write(`  ${f.url}  ${(f.gzip / 1024).toFixed(1)} KiB gzip\n`)
  process.stdout.write(`first-load JS: ${(gzip / 1024).toFixed(1)} KiB gzip (budget ${BUDGET_BYTES / 1024} KiB)\n`)
  const monaco = files.filter((f) => f.monaco)
  if (monaco.length) {
    process.stderr.write(`Monaco is in the first load: ${monaco.map((f) => f.url).join(', ')}\n`)
    process.exit(1)
  }
  if (gzip > BUDGET_BYTES) {
    process.stderr.write('first-load JS is over budget\n')
    process.exit(1)
  }
}
