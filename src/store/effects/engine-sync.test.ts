import { expose } from 'comlink'
import { afterEach, describe, expect, it } from 'vitest'
import type { Analysis } from '../../core/analyze.ts'
import type { Clients } from '../../worker/clients.ts'
import type { EngineApi, EngineProgress } from '../../worker/engine-api.ts'
import { WorkerClient, type WorkerLike } from '../../worker/worker-client.ts'
import { createAppStore, type AppStore } from '../create-app-store.ts'
import { startEngineSync } from './engine-sync.ts'

/**
 * The engine as the store sees it, faults included: answers that come back late or out of order, a worker that dies
 * or hangs in the middle of an analysis. A stale answer never replaces a newer one; a failure is said in the store
 * (translated by the status bar), the input stays, and the next edit is analysed by a fresh worker.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const analysisOf = (text: string) => ({ kind: 'rules', text, diagnostics: [], families: [], rules: { linked: 0 } }) as unknown as Analysis

/** An engine whose analyze takes as long as the text says (`slow` 300 ms, anything else 10 ms) and reports progress. */
function engineApi(log: string[]): EngineApi {
  return {
    async analyze(request: { text: string }, onProgress?: (p: EngineProgress) => void) {
      log.push(`start ${request.text}`)
      void onProgress?.({ phase: 'parsing', characters: request.text.length, lines: 1 })
      if (request.text === 'hang') await new Promise(() => {})
      await sleep(request.text.startsWith('slow') ? 300 : 10)
      log.push(`end ${request.text}`)
      return analysisOf(request.text)
    },
    presets: () => [],
  } as unknown as EngineApi
}

interface FakeWorker extends WorkerLike {
  crash(message: string): void
}

/** Workers on MessageChannels, as in worker-client.test.ts: real comlink RPC, with a way to make one die. */
function spawner(log: string[], spawned: FakeWorker[]) {
  return (): WorkerLike => {
    const { port1, port2 } = new MessageChannel()
    expose(engineApi(log), port1 as never)
    const listeners: ((e: unknown) => void)[] = []
    const worker: FakeWorker = {
      postMessage: (m: unknown, t?: Transferable[]) => port2.postMessage(m, t ?? []),
      addEventListener: ((type: string, fn: (e: unknown) => void) => {
        if (type === 'error') listeners.push(fn)
        else port2.addEventListener(type as 'message', fn as never)
      }) as WorkerLike['addEventListener'],
      removeEventListener: ((type: string, fn: never) => port2.removeEventListener(type as 'message', fn)) as WorkerLike['removeEventListener'],
      start: () => port2.start(),
      terminate: () => {
        port1.close()
        port2.close()
      },
      crash: (message) => listeners.forEach((l) => l({ message, preventDefault() {} })),
    }
    spawned.push(worker)
    return worker
  }
}

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function setup(options: { inProcess?: boolean; timeoutMs?: number } = {}) {
  const log: string[] = []
  const spawned: FakeWorker[] = []
  const engine = new WorkerClient<EngineApi>({
    spawn: options.inProcess ? () => null : spawner(log, spawned),
    loadInProcess: async () => engineApi(log),
    timeoutMs: options.timeoutMs ?? 2000,
    maxFailures: 10,
  })
  const store: AppStore = createAppStore()
  const stop = startEngineSync(store, { engine } as unknown as Clients)
  cleanups.push(() => {
    stop()
    engine.dispose()
  })
  return { store, log, spawned }
}

async function until(store: AppStore, predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !predicate(); i++) await sleep(10)
  expect(predicate(), `${what}; status ${store.getState().analysisStatus}`).toBe(true)
}

describe('engine sync under faults', () => {
  it('never lets a stale answer replace a newer one', async () => {
    const { store, log } = setup({ inProcess: true })
    store.getState().loadText('slow first', {})
    await until(store, () => log.includes('start slow first'), 'the slow analysis started')
    store.getState().loadText('fast second', {})
    await until(store, () => store.getState().analysisStatus === 'ready', 'the newer analysis finished')
    expect((store.getState().analysis as unknown as { text: string }).text).toBe('fast second')
    // The slow one finishes later and is dropped.
    await until(store, () => log.includes('end slow first'), 'the slow analysis ended')
    await sleep(20)
    expect((store.getState().analysis as unknown as { text: string }).text).toBe('fast second')
    expect(store.getState().text).toBe('fast second')
  })

  it('shows progress while an analysis runs and clears it after', async () => {
    const { store } = setup({ inProcess: true })
    store.getState().loadText('slow progress', {})
    await until(store, () => store.getState().progress?.phase === 'parsing', 'progress shown')
    expect(store.getState().progress).toMatchObject({ phase: 'parsing', characters: 13, startedAt: expect.any(Number) })
    await until(store, () => store.getState().analysisStatus === 'ready', 'finished')
    expect(store.getState().progress).toBeNull()
  })

  it('a worker dying mid-analysis: the notice says so, the input is kept, the next edit works on a new worker', async () => {
    const { store, spawned, log } = setup()
    await until(store, () => store.getState().analysisStatus === 'ready', 'the empty input was analysed')
    store.getState().loadText('slow doomed', {})
    await until(store, () => log.includes('start slow doomed'), 'the doomed analysis started')
    spawned[0]!.crash('out of memory')
    await until(store, () => store.getState().analysisStatus === 'failed', 'the failure reached the store')
    expect(store.getState().engineNotice).toBe('engine.crashed:out of memory')
    expect(store.getState().text).toBe('slow doomed')
    expect(store.getState().progress).toBeNull()
    store.getState().setText('edited')
    await until(store, () => store.getState().analysisStatus === 'ready', 'the next edit was analysed')
    expect(store.getState().engineNotice).toBeNull()
    expect((store.getState().analysis as unknown as { text: string }).text).toBe('edited')
    expect(spawned).toHaveLength(2)
  })

  it('a worker that hangs is stopped at the time limit, and the next edit works', async () => {
    const { store, spawned } = setup({ timeoutMs: 200 })
    await until(store, () => store.getState().analysisStatus === 'ready', 'the empty input was analysed')
    store.getState().loadText('hang', {})
    await until(store, () => store.getState().analysisStatus === 'failed', 'the hang timed out')
    expect(store.getState().engineNotice).toBe('engine.timeout:0')
    expect(store.getState().text).toBe('hang')
    store.getState().setText('after the hang')
    await until(store, () => store.getState().analysisStatus === 'ready', 'the next edit was analysed')
    expect(store.getState().engineNotice).toBeNull()
    expect(spawned.length).toBeGreaterThanOrEqual(2)
  })
})
