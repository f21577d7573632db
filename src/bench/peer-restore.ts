import { spawnSync } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { timeRuns, type Timings } from './node/timing.ts'

/**
 * The peer: `iptables-nft-restore --test` reading the same file in a throw-away network namespace, timed as a whole
 * process (start, read, parse, build the ruleset, exit), like bench-restore.py in the kernel oracle's tools.
 * `--test` never commits, and the namespace keeps even a mistake away from the host's rules.
 */
export interface Peer {
  available: boolean
  /** Why the peer column is empty when it is. */
  reason: string
  version: string
  time(path: string, runs: number, warmups: number): Timings
  close(): void
}

const BINARY = 'iptables-nft-restore'

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() }
}

export function openPeer(): Peer {
  const unavailable = (reason: string): Peer => ({
    available: false,
    reason,
    version: '',
    time: () => ({ runs: [], warmups: [] }),
    close: () => undefined,
  })
  if (process.getuid?.() !== 0) return unavailable('not run as root: iptables-restore needs a network namespace of its own')
  const version = run(BINARY, ['--version'])
  if (!version.ok) return unavailable(`${BINARY} is not installed`)
  const ns = `istio-bench-${process.pid}`
  if (!run('ip', ['netns', 'add', ns]).ok) return unavailable(`could not create the network namespace ${ns}`)
  let open = true
  const close = (): void => {
    if (!open) return
    open = false
    run('ip', ['netns', 'del', ns])
  }
  process.once('exit', close)
  return {
    available: true,
    reason: '',
    version: version.out,
    time(path, runs, warmups) {
      return timeRuns(() => {
        const fd = openSync(path, 'r')
        try {
          const r = spawnSync('ip', ['netns', 'exec', ns, BINARY, '--test'], { stdio: [fd, 'ignore', 'pipe'] })
          if (r.status !== 0) throw new Error(`${BINARY} --test rejected ${path}: ${String(r.stderr).slice(-300)}`)
        } finally {
          closeSync(fd)
        }
      }, runs, warmups)
    },
    close,
  }
}
