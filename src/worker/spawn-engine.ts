import { faultWorkerName, type EngineFault } from './engine-fault.ts'

/** A new engine worker (null where workers are unavailable); `fault` is a test fault for it to carry. */
export function spawnEngineWorker(fault: EngineFault | null): Worker | null {
  if (typeof Worker === 'undefined') return null
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: faultWorkerName(fault) })
}
