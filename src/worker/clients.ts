import type { EngineApi } from './engine-api.ts'
import type { LayoutApi } from './layout-api.ts'
import { WorkerClient, type WorkerEvent } from './worker-client.ts'
import type { EngineFault } from './engine-fault.ts'
import { spawnEngineWorker } from './spawn-engine.ts'

export interface Clients {
  engine: WorkerClient<EngineApi>
  layout: WorkerClient<LayoutApi>
}

/**
 * The app's two workers: the core engine (parse, generate, simulate, explain) and the graph layout (ELK).
 * `engineFault` makes the first engine worker fail on purpose (end-to-end tests; see engine-fault.ts);
 * `engineWorker` is a first engine worker already started (by boot.ts, before the app's script is evaluated).
 */
export function createClients(
  onEvent?: (worker: 'engine' | 'layout', event: WorkerEvent) => void,
  options: { engineFault?: EngineFault | null; engineWorker?: Worker | null } = {},
): Clients {
  const canSpawn = typeof Worker !== 'undefined'
  let engineFault = options.engineFault ?? null
  let started = options.engineWorker ?? null
  return {
    engine: new WorkerClient<EngineApi>({
      spawn: () => {
        const worker = started ?? spawnEngineWorker(engineFault)
        started = null
        engineFault = null
        return worker
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
