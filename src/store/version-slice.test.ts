import { describe, expect, it } from 'vitest'
import { engineApi } from '../worker/engine-api.ts'
import { WorkerClient } from '../worker/worker-client.ts'
import type { Clients } from '../worker/clients.ts'
import { runCliInMemory } from '../cli/run-in-memory.ts'
import { createAppStore, type AppStore } from './create-app-store.ts'
import { startEngineSync } from './effects/engine-sync.ts'
import { startVersionDiffSync } from './effects/version-diff-sync.ts'
import { shareStateOf } from './permalink.ts'
import { chainChangeMarks, drawnChanges, removedCount } from './version-marks.ts'
import { pageOfHash, hashOfPage } from './effects/route.ts'

/** The engine in-process (no worker in Node); the layout is not needed for these checks. */
function inProcessClients(): Clients {
  const engine = new WorkerClient({ spawn: () => null, loadInProcess: async () => engineApi, timeoutMs: 60_000 })
  return { engine, layout: null as never }
}

function until(store: AppStore, ready: (s: ReturnType<AppStore['getState']>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve()
    const stop = store.subscribe((s) => {
      if (ready(s)) {
        stop()
        resolve()
      }
    })
  })
}

const FLAGS = "istio-iptables -p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -x 10.96.0.1/12 -b '*' -d 15090,15021 -o 2000 -q 3000 --redirect-dns"

describe('versions in the store', () => {
  it('selecting a version compares it with the one shown before; a new input forgets the comparison', () => {
    const store = createAppStore()
    store.setState({ analysis: { config: { profile: '1.9.4' } } as never })
    store.getState().selectVersion('latest')
    expect(store.getState()).toMatchObject({ profile: 'latest', compareProfile: '1.9.4' })
    store.getState().startRegenerate('1.13.9', '1.13.9')
    expect(store.getState()).toMatchObject({ regenerate: true, profile: '1.13.9', compareProfile: null })
    store.getState().loadText('other', {})
    expect(store.getState()).toMatchObject({ regenerate: false, compareProfile: null })
  })

  it('a permalink keeps the version, the compared version and a regenerated paste', () => {
    const store = createAppStore()
    store.getState().loadText('*nat\n-A OUTPUT -p tcp -j ISTIO_OUTPUT\nCOMMIT\n', {})
    store.setState({ analysis: { kind: 'config', families: [4], config: { profile: 'latest' } } as never, regenerate: true, profile: 'latest', compareProfile: '1.9.9' })
    expect(shareStateOf(store.getState())).toMatchObject({ input: { kind: 'text' }, regenerate: true, profile: 'latest', compareProfile: '1.9.9' })
  })

  it('the rule reference has a route of its own', () => {
    expect(pageOfHash('#reference')).toEqual({ page: 'reference', role: null })
    expect(pageOfHash('#reference/istio-output-redirect')).toEqual({ page: 'reference', role: 'istio-output-redirect' })
    expect(pageOfHash('#v1.abc').page).toBe('explorer')
    expect(hashOfPage('reference', 'istio-drop')).toBe('#reference/istio-drop')
  })

  it('1.9.4 → latest in the app: the changes of spec Part C, marked on the drawn rows, with their switches and PRs', async () => {
    const store = createAppStore()
    const clients = inProcessClients()
    const stops = [startEngineSync(store, clients), startVersionDiffSync(store, clients)]
    store.getState().loadText(`${FLAGS}\n`, {})
    store.getState().setOverride('DNSServersV4', '10.10.10.6')
    store.getState().setOverride('EnableIPv6', 'true')
    store.getState().selectVersion('1.9.4')
    await until(store, (s) => s.analysisStatus === 'ready' && s.analysis?.config?.profile === '1.9.4')
    store.getState().selectVersion('latest')
    await until(store, (s) => s.versionDiffStatus === 'ready' && s.versionDiff?.to === 'latest')
    const s = store.getState()
    expect(s.versionDiff?.from).toBe('1.9.4')
    const all = s.versionDiff?.changes ?? []
    const rows = new Set(all.flatMap((c) => c.causes.flatMap((x) => x.partC)))
    for (const row of [1, 2, 3, 4, 5, 6, 7, 10, 12, 13, 19]) expect(rows, `Part C row ${row}`).toContain(row)
    const jump = drawnChanges(s).find((c) => c.chain === 'OUTPUT' && c.table === 'nat' && c.kind === 'changed')
    expect(jump).toMatchObject({ before: '-A OUTPUT -p tcp -j ISTIO_OUTPUT', after: '-A OUTPUT -j ISTIO_OUTPUT', causes: [{ id: 'L-1', prs: [53998] }] })
    expect(chainChangeMarks(s, 'nat', 'OUTPUT', [1]).split(',')).toContain('changed')
    expect(removedCount(s, 'nat', 'ISTIO_INBOUND')).toBeGreaterThan(0)
    expect(chainChangeMarks(s, 'nat', 'ISTIO_OUTPUT_DNS', [1, 2])).toBe('added,added')
    stops.forEach((stop) => stop())
  })

  it('offers the same versions as `cli versions`', async () => {
    const cli = await runCliInMemory(['versions'])
    expect(cli.code).toBe(0)
    const lines = cli.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/))
    const app = engineApi.analyze({ text: 'ISTIO_INBOUND_PORTS=8080\n' }).config?.profiles ?? []
    expect(app.map((p) => [p.name, p.release, p.changes])).toEqual(lines.map(([name, release, changes]) => [name, release, changes]))
  })
})
