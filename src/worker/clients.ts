import type { EngineApi } from './engine-api.ts'
import type { LayoutApi } from './layout-api.ts'
import { WorkerClient, type WorkerEvent } from './worker-client.ts'
import { faultWorkerName, type EngineFault } from './engine-fault.ts'

export interface Clients {
  engine: WorkerClient<EngineApi>
  layout: WorkerClient<LayoutApi>
}

/**
 * The app's two workers: the core engine (parse, generate, simulate, explain) and the graph layout (ELK).
 * `engineFault` makes the first engine worker fail on purpose (end-to-end tests; see engine-fault.ts).
 */
export function createClients(onEvent?: (worker: 'engine' | 'layout', event: WorkerEvent) => void, options: { engineFault?: EngineFault | null } = {}): Clients {
  const canSpawn = typeof Worker !== 'undefined'
  let engineFault = options.engineFault ?? null
  return {
    engine: new WorkerClient<EngineApi>({
      spawn: () => {
        if (!canSpawn) return null
        const name = faultWorkerName(engineFault)
        engineFault = null
        return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name })
      },
      loadInProcess: async () => (await import('./engine-api.ts')).engineApi,
      timeoutMs: 20_000,
      onEvent: (e) => onEvent?.('engine', e),
    }),
    layout: new WorkerClient<LayoutApi>({
      spawn: () => (canSpawn ? new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }) : null),
      loadInProcess: async () => (await import('./layout-api.ts')).layoutApi,
      timeoutMs: 15_000,
      onEvent: (e) => onEvent?.('layout', e),
    }),
  }
}
