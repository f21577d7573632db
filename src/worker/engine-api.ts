import { analyze } from '../core/analyze.ts'

/**
 * The core as the UI sees it. The worker exposes this object; the in-process fallback calls it directly.
 * Everything crosses the boundary by structured clone, so arguments and results are plain data.
 */
export const engineApi = {
  analyze,
}

export type EngineApi = typeof engineApi
