import { engineFault } from './app/test-faults.ts'
import { spawnEngineWorker } from './worker/spawn-engine.ts'

/**
 * index.html runs this before the app's script. Evaluating that script and its first render keep the page busy for
 * a few hundred milliseconds, and a worker's thread starts only once the page is free: started here, the engine
 * worker loads its script meanwhile.
 */
export const engineWorker = spawnEngineWorker(engineFault())
