import { spawn, spawnSync } from 'node:child_process'
import { ROOT } from '../repo.ts'

/** `vite build` of the app into the bench's own folder: the production build `npm start` serves. */
export function buildApp(outDir: string): number {
  const start = performance.now()
  const r = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr.slice(-2000)}`)
  return performance.now() - start
}

export interface PreviewServer {
  url: string
  stop(): void
}

/**
 * `vite preview` of that folder on 127.0.0.1:`port`. The server runs in its own process group so that stopping it
 * ends npx and the Vite process it starts, and nothing else.
 */
export async function startPreview(outDir: string, port: number): Promise<PreviewServer> {
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  const stop = (): void => {
    if (exited || child.pid === undefined) return
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  process.once('exit', stop)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (exited) throw new Error(`vite preview exited: ${stderr.slice(-1000)}`)
    try {
      if ((await fetch(url)).ok) return { url, stop }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  stop()
  throw new Error(`vite preview did not answer on ${url} within 60 s`)
}
