import { wrap, releaseProxy, type Remote, type Endpoint } from 'comlink'

/**
 * Calls an API that runs in a Web Worker, with the guarantees the UI relies on:
 * - latest request wins per channel: an older pending call on the same channel resolves as `superseded`, and if it
 *   is still occupying the worker, the worker is replaced (other calls in flight are re-sent to the new one) so the
 *   newer call doesn't queue behind stale work;
 * - a call that runs past `timeoutMs` terminates the worker, which is respawned for the next call;
 * - a worker that dies (an uncaught error, out of memory) fails its calls as `crashed` and is respawned;
 * - a call that throws in the worker fails as `error`, and the worker is replaced for the calls after it;
 * - if a worker cannot be started, or keeps failing, the same API runs in-process on the main thread.
 */
export type Outcome<R> =
  | { status: 'ok'; value: R; mode: RunMode }
  | { status: 'superseded' }
  | { status: 'timeout'; afterMs: number }
  | { status: 'crashed'; message: string }
  | { status: 'error'; message: string }

export type RunMode = 'worker' | 'in-process'

export interface WorkerLike extends Endpoint {
  terminate(): void
}

type AnyFn = (...args: never[]) => unknown
type Method<A> = { [K in keyof A]: A[K] extends AnyFn ? K : never }[keyof A] & string
type Args<A, M extends Method<A>> = A[M] extends (...args: infer P) => unknown ? P : never
type Result<A, M extends Method<A>> = A[M] extends (...args: never[]) => infer R ? Awaited<R> : never

export interface WorkerClientOptions<A> {
  /** Starts a worker; returns null or throws when workers are unavailable. */
  spawn: () => WorkerLike | null
  /** Loads the same API for in-process use. */
  loadInProcess: () => Promise<A>
  timeoutMs: number
  /** After this many crashes or timeouts in a row, stop using workers. */
  maxFailures?: number
  onEvent?: (event: WorkerEvent) => void
}

export type WorkerEvent =
  | { type: 'spawned' }
  | { type: 'terminated'; reason: 'timeout' | 'superseded' | 'crashed' | 'threw' }
  | { type: 'fallback'; reason: string }

interface Pending {
  channel: string
  method: string
  args: unknown[]
  settle: (outcome: Outcome<unknown>) => void
  done: boolean
  /** The worker generation this call was sent to; null when it runs in-process. */
  generation: number | null
  timer?: ReturnType<typeof setTimeout>
}

export class WorkerClient<A extends object> {
  private worker: WorkerLike | null = null
  private remote: Remote<A> | null = null
  private generation = 0
  private inProcess: Promise<A> | null = null
  private failures = 0
  private workersDisabled = false
  private readonly latest = new Map<string, Pending>()
  private readonly inFlight = new Set<Pending>()

  private readonly options: WorkerClientOptions<A>

  constructor(options: WorkerClientOptions<A>) {
    this.options = options
  }

  get mode(): RunMode {
    return this.workersDisabled ? 'in-process' : 'worker'
  }

  /** Calls `method` on `channel` (default: the method name); a newer call on the same channel supersedes this one. */
  call<M extends Method<A>>(method: M, args: Args<A, M>, channel: string = method): Promise<Outcome<Result<A, M>>> {
    return new Promise((resolve) => {
      const pending: Pending = {
        channel,
        method,
        args: args as unknown[],
        done: false,
        generation: null,
        settle: (outcome) => {
          if (pending.done) return
          pending.done = true
          clearTimeout(pending.timer)
          this.inFlight.delete(pending)
          if (this.latest.get(channel) === pending) this.latest.delete(channel)
          resolve(outcome as Outcome<Result<A, M>>)
        },
      }
      const previous = this.latest.get(channel)
      this.latest.set(channel, pending)
      if (previous) {
        const wasRunning = previous.generation !== null && previous.generation === this.generation && this.worker !== null
        previous.settle({ status: 'superseded' })
        if (wasRunning) this.restart('superseded')
      }
      this.dispatch(pending)
    })
  }

  /** Starts the worker now, so its script loads while the page is still busy with its own. */
  warm(): void {
    if (!this.workersDisabled) this.ensureWorker()
  }

  /** Stops the worker; the next call spawns a new one. */
  dispose(): void {
    for (const p of Array.from(this.inFlight)) p.settle({ status: 'superseded' })
    this.stopWorker()
  }

  private dispatch(pending: Pending): void {
    const remote = this.workersDisabled ? null : this.ensureWorker()
    if (!remote) {
      void this.runInProcess(pending)
      return
    }
    const generation = this.generation
    pending.generation = generation
    this.inFlight.add(pending)
    pending.timer = setTimeout(() => {
      if (pending.done) return
      pending.settle({ status: 'timeout', afterMs: this.options.timeoutMs })
      if (this.generation === generation) {
        this.noteFailure()
        this.restart('timeout')
      }
    }, this.options.timeoutMs)
    const fn = (remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[pending.method]
    if (!fn) {
      pending.settle({ status: 'error', message: `unknown method ${pending.method}` })
      return
    }
    fn(...pending.args).then(
      (value) => {
        if (this.generation === generation) this.failures = 0
        pending.settle({ status: 'ok', value, mode: 'worker' })
      },
      (e: unknown) => {
        pending.settle({ status: 'error', message: e instanceof Error ? e.message : String(e) })
        // A worker that threw may be left in any state (a half-filled cache): replace it. Not counted as a failure
        // of workers, since the same input would throw in-process too.
        if (this.generation === generation && this.worker) this.restart('threw')
      },
    )
  }

  private async runInProcess(pending: Pending): Promise<void> {
    try {
      this.inProcess ??= this.options.loadInProcess()
      const api = (await this.inProcess) as Record<string, (...a: unknown[]) => unknown>
      if (pending.done) return
      const fn = api[pending.method]
      if (!fn) throw new Error(`unknown method ${pending.method}`)
      const value = await fn.apply(api, pending.args)
      pending.settle({ status: 'ok', value, mode: 'in-process' })
    } catch (e) {
      pending.settle({ status: 'error', message: e instanceof Error ? e.message : String(e) })
    }
  }

  private ensureWorker(): Remote<A> | null {
    if (this.remote) return this.remote
    let worker: WorkerLike | null
    try {
      worker = this.options.spawn()
    } catch (e) {
      this.disableWorkers(e instanceof Error ? e.message : String(e))
      return null
    }
    if (!worker) {
      this.disableWorkers('workers are not available here')
      return null
    }
    this.generation++
    const generation = this.generation
    this.worker = worker
    worker.addEventListener('error', (event: unknown) => {
      // Handled here (the worker is replaced and its calls fail as `crashed`): not an uncaught error of the page.
      if (event && typeof event === 'object' && 'preventDefault' in event && typeof event.preventDefault === 'function') event.preventDefault()
      this.onWorkerError(generation, event)
    })
    this.remote = wrap<A>(worker)
    this.options.onEvent?.({ type: 'spawned' })
    return this.remote
  }

  private onWorkerError(generation: number, event: unknown): void {
    if (generation !== this.generation || !this.worker) return
    const message =
      event && typeof event === 'object' && 'message' in event && typeof event.message === 'string' && event.message
        ? event.message
        : 'the worker stopped unexpectedly'
    const victims = [...this.inFlight].filter((p) => p.generation === generation)
    this.noteFailure()
    this.stopWorker()
    this.options.onEvent?.({ type: 'terminated', reason: 'crashed' })
    for (const p of victims) p.settle({ status: 'crashed', message })
  }

  private noteFailure(): void {
    this.failures++
    if (this.failures >= (this.options.maxFailures ?? 3)) this.disableWorkers(`the worker failed ${this.failures} times in a row`)
  }

  /** Replaces the worker and re-sends the calls that were still waiting on the old one. */
  private restart(reason: 'timeout' | 'superseded' | 'crashed' | 'threw'): void {
    const survivors = [...this.inFlight].filter((p) => !p.done)
    this.stopWorker()
    this.options.onEvent?.({ type: 'terminated', reason })
    for (const p of survivors) {
      clearTimeout(p.timer)
      this.inFlight.delete(p)
      this.dispatch(p)
    }
  }

  private stopWorker(): void {
    const remote = this.remote
    this.remote = null
    if (remote) {
      try {
        remote[releaseProxy]()
      } catch {
        // The endpoint may already be closed; releasing is best effort.
      }
    }
    this.worker?.terminate()
    this.worker = null
    this.generation++
  }

  private disableWorkers(reason: string): void {
    if (this.workersDisabled) return
    this.workersDisabled = true
    const survivors = [...this.inFlight].filter((p) => !p.done)
    this.stopWorker()
    this.options.onEvent?.({ type: 'fallback', reason })
    for (const p of survivors) {
      clearTimeout(p.timer)
      this.inFlight.delete(p)
      p.generation = null
      void this.runInProcess(p)
    }
  }
}
