// Enforces the dependency direction core ← worker ← store ← features/app, and keeps src/core free of platform
// globals, so the same core runs in Node, Vitest, the worker and the CLI. Exits 1 listing every violation.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const src = join(root, 'src')

/** layer → layers (folders under src/) it may import from. */
const allowed = {
  core: ['core'],
  worker: ['core', 'worker'],
  store: ['core', 'worker', 'store', 'i18n'],
  i18n: ['core', 'i18n'],
  features: ['core', 'worker', 'store', 'features', 'i18n', 'components'],
  components: ['core', 'components', 'i18n'],
  app: ['core', 'worker', 'store', 'features', 'app', 'i18n', 'components'],
  cli: ['core', 'cli'],
  bench: ['core', 'bench', 'fixtures'],
}
/** Packages each layer may not import at all. */
const bannedPackages = {
  core: [/^react/, /^zustand/, /^comlink/, /^@xyflow/, /^monaco/, /^@monaco-editor/, /^node:/, /^elkjs/],
  worker: [/^react/, /^zustand/, /^@xyflow/, /^monaco/, /^@monaco-editor/],
  store: [/^react-dom/, /^@xyflow/, /^monaco/],
  cli: [/^react/, /^zustand/, /^@xyflow/, /^monaco/],
}
const coreGlobals = /\b(window|document|localStorage|sessionStorage|navigator|self|process|Buffer|require)\s*[.[(]/

const violations = []

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) check(path)
  }
}

function layerOf(path) {
  const rel = relative(src, path).split(sep)
  return rel.length > 1 ? rel[0] : null
}

function check(path) {
  const layer = layerOf(path)
  if (!layer || !(layer in allowed)) return
  const text = readFileSync(path, 'utf8')
  const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3]
    const where = relative(root, path)
    if (spec.startsWith('.')) {
      const target = resolve(dirname(path), spec)
      const targetLayer = layerOf(target)
      if (targetLayer && !allowed[layer].includes(targetLayer)) {
        violations.push(`${where}: ${layer} must not import ${targetLayer} (${spec})`)
      }
    } else {
      for (const re of bannedPackages[layer] ?? []) {
        if (re.test(spec)) violations.push(`${where}: ${layer} must not import the package ${spec}`)
      }
    }
  }
  if (layer === 'core') {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""')
    const g = coreGlobals.exec(code)
    if (g) violations.push(`${relative(root, path)}: core must not use the platform global "${g[1]}"`)
  }
}

walk(src)
if (violations.length) {
  process.stderr.write(`Layer boundary violations (${violations.length}):\n${violations.map((v) => `  ${v}`).join('\n')}\n`)
  process.exit(1)
}
process.stdout.write('layer boundaries: ok\n')
