import { analyzeResolved, resolveSource, type Analysis, type AnalyzeRequest, type ResolvedSource, type SourceRequest } from '../core/analyze.ts'
import type { ExplanationView, PresetView, RuleAddress, SimulationView } from '../core/graph/views.ts'
import type { SharePacket } from '../core/share/share-state.ts'
import { explainRuleView } from '../core/graph/explain-view.ts'

export type Scenario = { kind: 'preset'; id: string } | { kind: 'packet'; packet: SharePacket }

export interface RunAllResult {
  hits: Record<string, number>
  /** Which presets hit each rule (`table:chain:index` → preset ids). */
  by: Record<string, string[]>
  presets: number
}

/**
 * Remembers the last few resolved inputs: explaining, simulating and redrawing the same text must not parse a
 * 1.6 MB dump again. Keyed by everything that changes the result.
 */
const cache: { key: string; source: ResolvedSource }[] = []
function resolved(request: SourceRequest): ResolvedSource {
  const key = JSON.stringify([request.text.length, request.family ?? null, request.profile ?? null, request.overrides ?? null]) + request.text
  const hit = cache.find((c) => c.key === key)
  if (hit) return hit.source
  const source = resolveSource(request)
  cache.unshift({ key, source })
  cache.length = Math.min(cache.length, 2)
  return source
}

/**
 * The core as the UI sees it. The worker exposes this object; the in-process fallback calls it directly.
 * Everything crosses the boundary by structured clone, so arguments and results are plain data.
 */
export const engineApi = {
  analyze(request: AnalyzeRequest): Analysis {
    return analyzeResolved(resolved(request), request)
  },

  presets(_request: SourceRequest): PresetView[] {
    return []
  },

  explain(request: SourceRequest, rule: RuleAddress, language: 'en' | 'zh'): ExplanationView | null {
    const source = resolved(request)
    if (!source.ruleset) return null
    return explainRuleView(source.ruleset, source.annotation, rule, language)
  },

  /** One-line summary of a rule, for hovers. */
  summarize(request: SourceRequest, rule: RuleAddress, language: 'en' | 'zh'): string | null {
    const view = engineApi.explain(request, rule, language)
    if (!view) return null
    return view.badge ? `**(${view.badge})** ${view.summary}` : view.summary
  },

  simulate(_request: SourceRequest, _scenario: Scenario): SimulationView | null {
    return null
  },

  runAll(_request: SourceRequest): RunAllResult {
    return { hits: {}, by: {}, presets: 0 }
  },
}

export type EngineApi = typeof engineApi
