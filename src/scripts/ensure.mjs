// Makes a fresh clone runnable: checks Node, installs dependencies when node_modules is missing or stale, and
// (with --browser) finds or installs Debian's Chromium for the e2e tests. Node built-ins only: it runs before any install.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const stampPath = join(root, 'node_modules', '.install-stamp')

function fail(message) {
  process.stderr.write(`\n${message}\n\n`)
  process.exit(1)
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  return r.status === 0
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12) || major === 21) {
    fail(`Node ${process.versions.node} is too old: this project needs Node 20.19+ or 22.12+.`)
  }
}

function ensureDependencies() {
  const lock = readFileSync(join(root, 'package-lock.json'))
  const want = createHash('sha256').update(lock).digest('hex')
  const have = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : ''
  if (have === want && existsSync(join(root, 'node_modules', '.bin', 'vite'))) return
  process.stdout.write('Installing dependencies (npm ci)…\n')
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci failed; see the output above.')
  writeFileSync(stampPath, want + '\n')
}

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

function ensureBrowser() {
  const path = chromiumPath()
  if (existsSync(path)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
    process.stdout.write('Chromium not found; installing Debian\'s chromium with apt-get…\n')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const ok =
      run('apt-get', ['update', '-qq'], { env }) &&
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env })
    if (ok && existsSync(path)) return
    fail('Installing chromium with apt-get failed; see the output above.')
  }
  fail(
    `Chromium not found at ${path}, and it can only be installed automatically as root on Debian/Ubuntu.\n` +
      'Install it: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\n' +
      'or point to a Chrome/Chromium you have: CHROMIUM_PATH=/path/to/chrome npm test',
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  checkNode()
  ensureDependencies()
  if (process.argv.includes('--browser')) ensureBrowser()
}
