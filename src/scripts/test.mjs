// `npm test`: installs what is missing, then runs every check and prints one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const reports = join(root, 'reports')

function step(name, command, args) {
  process.stdout.write(`\n▶ ${name}\n`)
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  return r.status === 0
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

if (!step('dependencies and browser', process.execPath, [join(root, 'src/scripts/ensure.mjs'), '--browser'])) {
  process.stdout.write('\n0 passed, 1 failed\n')
  process.exit(1)
}

rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

let passed = 0
let failed = 0
const count = (ok) => (ok ? passed++ : failed++)

count(step('typecheck', 'npx', ['tsc', '-b']))
count(step('lint', 'npm', ['run', '--silent', 'lint']))

const unitOk = step('unit tests (vitest)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`,
])
const vitest = readJson(join(reports, 'vitest.json'))
if (vitest) {
  passed += vitest.numPassedTests ?? 0
  failed += (vitest.numFailedTests ?? 0) + (unitOk || vitest.numFailedTests ? 0 : 1)
} else count(unitOk)

const e2eOk = step('end-to-end tests (playwright, Chromium)', 'npx', ['playwright', 'test'])
const pw = readJson(join(reports, 'playwright.json'))
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0)
  failed += (pw.stats.unexpected ?? 0) + (e2eOk || pw.stats.unexpected ? 0 : 1)
} else count(e2eOk)

if (existsSync(join(root, 'dist', 'index.html'))) {
  count(step('first-load size budget', process.execPath, [join(root, 'src/scripts/check-bundle-budget.mjs')]))
} else count(false)

process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 ? 0 : 1)
