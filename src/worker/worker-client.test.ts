import { afterEach, describe, expect, it } from 'vitest'
import { expose } from 'comlink'
import { WorkerClient, type WorkerEvent, type WorkerLike } from './worker-client.ts'

/** The API under test: real comlink RPC over a MessageChannel standing in for a Worker's port. */
function makeApi(log: string[]) {
  return {
    async echo(value: string, delayMs = 0): Promise<string> {
      log.push(`start ${value}`)
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
      log.push(`end ${value}`)
      return value
    },
    fail(): string {
      log.push('fail')
      throw new Error('broken')
    },
    hang(): Promise<string> {
      log.push('hang')
      return new Promise(() => {})
    },
  }
}
type Api = ReturnType<typeof makeApi>

interface FakeWorker extends WorkerLike {
  terminated: boolean
  crash(message: string): void
}

function spawner(log: string[], spawned: FakeWorker[]) {
  return (): WorkerLike => {
    const { port1, port2 } = new MessageChannel()
    expose(makeApi(log), port1 as never)
    const listeners: ((e: unknown) => void)[] = []
    const worker: FakeWorker = {
      terminated: false,
      postMessage: (m: unknown, t?: Transferable[]) => port2.postMessage(m, t ?? []),
      addEventListener: ((type: string, fn: (e: unknown) => void) => {
        if (type === 'error') listeners.push(fn)
        else port2.addEventListener(type as 'message', fn as never)
      }) as WorkerLike['addEventListener'],
      removeEventListener: ((type: string, fn: never) => port2.removeEventListener(type as 'message', fn)) as WorkerLike['removeEventListener'],
      start: () => port2.start(),
      terminate: () => {
        worker.terminated = true
        port1.close()
        port2.close()
      },
      crash: (message) => listeners.forEach((l) => l({ message })),
    }
    spawned.push(worker)
    return worker
  }
}

const clients: WorkerClient<Api>[] = []
afterEach(() => clients.splice(0).forEach((c) => c.dispose()))

function setup(timeoutMs = 1000, spawn?: () => WorkerLike | null) {
  const log: string[] = []
  const spawned: FakeWorker[] = []
  const events: WorkerEvent[] = []
  const client = new WorkerClient<Api>({
    spawn: spawn ?? spawner(log, spawned),
    loadInProcess: async () => makeApi(log),
    timeoutMs,
    onEvent: (e) => events.push(e),
  })
  clients.push(client)
  return { client, log, spawned, events }
}

describe('WorkerClient', () => {
  it('returns results from the worker', async () => {
    const { client } = setup()
    await expect(client.call('echo', ['a'])).resolves.toEqual({ status: 'ok', value: 'a', mode: 'worker' })
  })

  it('lets the latest call on a channel win and replaces a worker still busy with the stale one', async () => {
    const { client, spawned, events } = setup()
    const first = client.call('echo', ['old', 200], 'analyze')
    const second = client.call('echo', ['new', 0], 'analyze')
    await expect(first).resolves.toEqual({ status: 'superseded' })
    await expect(second).resolves.toEqual({ status: 'ok', value: 'new', mode: 'worker' })
    expect(spawned).toHaveLength(2)
    expect(spawned[0]?.terminated).toBe(true)
    expect(events).toContainEqual({ type: 'terminated', reason: 'superseded' })
  })

  it('keeps calls on other channels alive when a worker is replaced', async () => {
    const { client } = setup()
    const other = client.call('echo', ['layout', 50], 'layout')
    const stale = client.call('echo', ['old', 200], 'analyze')
    const fresh = client.call('echo', ['new'], 'analyze')
    await expect(stale).resolves.toEqual({ status: 'superseded' })
    await expect(fresh).resolves.toMatchObject({ status: 'ok', value: 'new' })
    await expect(other).resolves.toMatchObject({ status: 'ok', value: 'layout' })
  })

  it('terminates a worker that runs past the time limit and respawns it for the next call', async () => {
    const { client, spawned, events } = setup(100)
    await expect(client.call('hang', [])).resolves.toEqual({ status: 'timeout', afterMs: 100 })
    expect(spawned[0]?.terminated).toBe(true)
    await expect(client.call('echo', ['after'])).resolves.toEqual({ status: 'ok', value: 'after', mode: 'worker' })
    expect(spawned).toHaveLength(2)
    expect(events).toContainEqual({ type: 'terminated', reason: 'timeout' })
  })

  it('reports a crashed worker and recovers on the next call', async () => {
    const { client, spawned } = setup()
    const call = client.call('hang', [])
    await new Promise((r) => setTimeout(r, 10))
    spawned[0]?.crash('out of memory')
    await expect(call).resolves.toEqual({ status: 'crashed', message: 'out of memory' })
    await expect(client.call('echo', ['again'])).resolves.toMatchObject({ status: 'ok', value: 'again', mode: 'worker' })
  })

  it('replaces a worker whose call threw, and the next call runs on the new one', async () => {
    const { client, spawned, events } = setup()
    const other = client.call('echo', ['other', 50], 'other')
    await expect(client.call('fail', [])).resolves.toEqual({ status: 'error', message: 'broken' })
    expect(spawned[0]?.terminated).toBe(true)
    expect(events).toContainEqual({ type: 'terminated', reason: 'threw' })
    await expect(other).resolves.toMatchObject({ status: 'ok', value: 'other' })
    await expect(client.call('echo', ['next'])).resolves.toEqual({ status: 'ok', value: 'next', mode: 'worker' })
    expect(spawned).toHaveLength(2)
    expect(client.mode).toBe('worker')
  })

  it('falls back to running in-process when a worker cannot be started', async () => {
    const { client, events } = setup(1000, () => {
      throw new Error('Worker is not defined')
    })
    await expect(client.call('echo', ['here'])).resolves.toEqual({ status: 'ok', value: 'here', mode: 'in-process' })
    expect(client.mode).toBe('in-process')
    expect(events).toContainEqual({ type: 'fallback', reason: 'Worker is not defined' })
  })

  it('falls back to in-process after repeated timeouts', async () => {
    const { client } = setup(30)
    for (let i = 0; i < 3; i++) await expect(client.call('hang', [])).resolves.toMatchObject({ status: 'timeout' })
    expect(client.mode).toBe('in-process')
    await expect(client.call('echo', ['local'])).resolves.toMatchObject({ status: 'ok', mode: 'in-process' })
  })
})
