import type { EngineApi, EngineProgress } from './engine-api.ts'

export type EngineFault = 'crash' | 'hang' | 'throw'

/** The worker name that carries a fault (the page passes it for its first engine worker only). */
export function faultWorkerName(fault: EngineFault | null): string {
  return fault ? `engine fault=${fault}` : 'engine'
}

/**
 * Test-only faults, asked for with `?fault=engine-crash|engine-hang|engine-throw` in the page address: the first
 * engine worker then dies (an uncaught error), spins forever or throws in the middle of its first analysis, after
 * reporting that it started parsing. The end-to-end tests use them to kill the engine mid-parse, since no input
 * does. Harmless: only the tab that asks is affected, and its next worker is a normal one.
 */
export function withFault(api: EngineApi, workerName: string): EngineApi {
  const fault = /fault=(crash|hang|throw)\b/.exec(workerName)?.[1] as EngineFault | undefined
  if (!fault) return api
  return {
    ...api,
    analyze(request, onProgress?: (progress: EngineProgress) => void) {
      void onProgress?.({ phase: 'parsing', characters: request.text.length, lines: request.text.split('\n').length })
      if (fault === 'hang') {
        let spins = 0
        for (;;) spins++
      }
      if (fault === 'crash') {
        setTimeout(() => {
          throw new Error('engine fault injected for a test')
        })
        return new Promise<never>(() => {}) as never
      }
      throw new Error('engine fault injected for a test')
    },
  }
}
