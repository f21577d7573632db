import { analyzeResolved, resolveSource, type Analysis, type AnalyzeRequest, type ResolvedSource, type SourceRequest } from '../core/analyze.ts'
import type { ExplanationView, PresetView, RuleAddress, SimulationView } from '../core/graph/views.ts'
import type { SharePacket } from '../core/share/share-state.ts'
import { explainRuleView, summarizeRuleView } from '../core/graph/explain-view.ts'
import { presetViews, runAllPresets, simulateScenario, simulationContext, type SimulationContext } from '../core/graph/simulation-view.ts'
import { versionDiffView, type VersionDiffView } from '../core/graph/version-diff-view.ts'
import { ruleReference, type ReferenceEntry } from '../core/graph/rule-reference.ts'
import { resolveProfile } from '../core/istio/profiles.ts'

/** A stage of a long analysis, with the size of the input it works on. */
export interface EngineProgress {
  /** `sending` is set by the page itself until the worker reports. */
  phase: 'sending' | 'parsing' | 'drawing'
  characters: number
  lines: number
}

function lineCount(text: string): number {
  let n = text.length > 0 ? 1 : 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

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
  const key = JSON.stringify([request.text.length, request.family ?? null, request.profile ?? null, request.overrides ?? null, request.regenerate ?? false]) + request.text
  const hit = cache.find((c) => c.key === key)
  if (hit) return hit.source
  const source = resolveSource(request)
  cache.unshift({ key, source })
  cache.length = Math.min(cache.length, 2)
  return source
}

const simulations = new WeakMap<ResolvedSource, SimulationContext>()
/** The simulator compiled once per input, with its presets. */
function simulation(request: SourceRequest): SimulationContext | null {
  const source = resolved(request)
  if (!source.ruleset || !source.family) return null
  let ctx = simulations.get(source)
  if (!ctx) {
    ctx = simulationContext(source.rulesets, source.family)
    simulations.set(source, ctx)
  }
  return ctx
}

/**
 * The core as the UI sees it. The worker exposes this object; the in-process fallback calls it directly.
 * Everything crosses the boundary by structured clone, so arguments and results are plain data.
 */
export const engineApi = {
  /**
   * `onProgress` (a comlink proxy from the page) hears what stage a long analysis is in; messages are posted before
   * each stage starts, so the page can show them while this worker is busy.
   */
  analyze(request: AnalyzeRequest, onProgress?: (progress: EngineProgress) => void): Analysis {
    const size = { characters: request.text.length, lines: onProgress ? lineCount(request.text) : 0 }
    void onProgress?.({ phase: 'parsing', ...size })
    const source = resolved(request)
    void onProgress?.({ phase: 'drawing', ...size })
    return analyzeResolved(source, request)
  },

  presets(request: SourceRequest): PresetView[] {
    const ctx = simulation(request)
    return ctx ? presetViews(ctx) : []
  },

  explain(request: SourceRequest, rule: RuleAddress, language: 'en' | 'zh'): ExplanationView | null {
    const source = resolved(request)
    if (!source.ruleset) return null
    return explainRuleView(source.ruleset, source.annotation, rule, language)
  },

  /** One-line summary of a rule, for hovers. */
  summarize(request: SourceRequest, rule: RuleAddress, language: 'en' | 'zh'): string | null {
    const source = resolved(request)
    return source.ruleset ? summarizeRuleView(source.ruleset, source.annotation, rule, language) : null
  },

  simulate(request: SourceRequest, scenario: Scenario): SimulationView | null {
    const ctx = simulation(request)
    return ctx ? simulateScenario(ctx, scenario) : null
  },

  runAll(request: SourceRequest): RunAllResult {
    const ctx = simulation(request)
    return ctx ? runAllPresets(ctx) : { hits: {}, by: {}, presets: 0 }
  },

  /** What changes in the generated rules from the `compare` profile to the one drawn; null unless rules were generated. */
  diffVersions(request: SourceRequest, compare: string): VersionDiffView | null {
    const generated = resolved(request).generated
    const from = resolveProfile(compare).value
    if (!generated || !from) return null
    return versionDiffView(generated.layers, from, generated.profile)
  },

  /** Every Istio rule role with an example rule and its full curated explanation. */
  reference(language: 'en' | 'zh'): ReferenceEntry[] {
    return ruleReference(language)
  },
}

export type EngineApi = typeof engineApi
