import type { Diagnostic } from './model/diagnostic.ts'
import type { ConfigSource, ParsedInput, Section, SectionForm } from './model/input.ts'
import type { Family, Ruleset, TableName } from './model/ruleset.ts'
import type { ChainGraph } from './graph/chain-graph.ts'
import { buildChainGraph, type GraphViewOptions, type RuleAnnotation } from './graph/build-graph.ts'
import { parseInput } from './parse/index.ts'
import type { ConfigLayer } from './istio/config-model.ts'
import { fieldByName } from './istio/fields.ts'
import type { Profile } from './istio/profiles.ts'
import { parseVersionText } from './istio/versions.ts'
import { detectIstioVersion, type VersionDetection } from './istio/detect-version.ts'
import { annotateRuleset, type RulesetAnnotation } from './explain/annotate.ts'
import { annotationMap } from './graph/explain-view.ts'
import { chooseProfile, configLayers, generateView, listProfileViews, type ConfigView, type ProfileView } from './graph/config-view.ts'
import { inferConfig } from './graph/infer-config.ts'

/** The user's input and the choices that change what it means. */
export interface SourceRequest {
  text: string
  /** Which family to draw when the input has both; defaults to IPv4 when present. */
  family?: Family
  /** Istio profile to generate with when the input is a configuration; `latest` by default. */
  profile?: string
  /** Config field values the user changed in the form, by field name; applied after the input's own sources. */
  overrides?: Readonly<Record<string, string>>
  /**
   * For a pasted dump or log: draw what istio-iptables generates instead of the pasted rules, from the paste's own
   * configuration (a log's Environment/Variables blocks) or, without one, from the configuration its rules imply.
   */
  regenerate?: boolean
}

export interface AnalyzeRequest extends SourceRequest {
  view?: GraphViewOptions
}

/** What the input is: netfilter state to draw, an Istio configuration to generate rules from, or nothing usable. */
export type InputKind = 'rules' | 'config' | 'empty'

export type { ConfigFieldView, ConfigView, GeneratedOutputs, ProfileView } from './graph/config-view.ts'

/**
 * Where each rule is in the input, for editor ↔ graph linking. Compact because it crosses the worker boundary with
 * every analysis (a kube-proxy dump has tens of thousands of rules): the chains in order with their rule counts, and
 * four numbers per rule — line, column, end line, end column (all 0 when the rule has no place in the text).
 */
export interface RuleIndex {
  chains: [TableName, string, number][]
  spans: Int32Array
  /** Rules that have a place in the text. */
  linked: number
}

/** Everything the UI shows for one input text. Plain data: it crosses the worker boundary by structured clone. */
export interface Analysis {
  kind: InputKind
  /** Forms found in the input, most significant first (`istio-init log`, `iptables-save`, `env`…). */
  forms: SectionForm[]
  sections: Omit<Section, 'ruleset'>[]
  configSources: Omit<ConfigSource, 'entries'>[]
  diagnostics: Diagnostic[]
  families: Family[]
  family: Family | null
  graph: ChainGraph | null
  rules: RuleIndex
  config: ConfigView | null
  /** The Istio release(s) the paste comes from, when its rules or log tell (`1.9.0–1.9.9`, `1.25+`). */
  istioVersion: { range: string; conflict: boolean } | null
  /** The version clues of the paste with their evidence (lines in the text), when it has any. */
  versionDetection: VersionDetection | null
  /** A pasted dump or log that istio-iptables' rules can be regenerated from, for any version. */
  canRegenerate: boolean
  /** Every Istio version the generator knows, oldest first: what version selectors offer. */
  profiles: ProfileView[]
  /** Which engine stages are available in this build; the UI says so instead of showing empty panels. */
  features: { explain: boolean; simulate: boolean; generate: boolean }
}

/** The parsed and, for configurations, generated netfilter state: what every later stage works from. */
export interface ResolvedSource {
  kind: InputKind
  parsed: ParsedInput
  diagnostics: Diagnostic[]
  rulesets: Partial<Record<Family, Ruleset>>
  families: Family[]
  family: Family | null
  ruleset: Ruleset | null
  /** Istio roles and ①–⑨ badges of the drawn ruleset's rules. */
  annotation: RulesetAnnotation | null
  config: ConfigView | null
  istioVersion: { range: string; conflict: boolean } | null
  versionDetection: VersionDetection | null
  canRegenerate: boolean
  /** What the rules were generated from, with the profile, when they were generated (version diffs start here). */
  generated: { layers: ConfigLayer[]; profile: Profile } | null
}

export function resolveSource(request: SourceRequest): ResolvedSource {
  const { value: parsed, diagnostics } = parseInput(request.text)
  const pasted = drawn(request, parsed.rulesets)
  const istioPaste = pasted.annotation?.istio === true
  const pasteDetection = istioPaste ? detectIstioVersion({ text: request.text, rulesets: parsed.rulesets }) : null
  const canRegenerate = pasted.ruleset !== null && (parsed.configSources.length > 0 || istioPaste)
  const fromConfig = pasted.ruleset === null && parsed.configSources.length > 0
  if (!fromConfig && !(request.regenerate && canRegenerate)) {
    const kind: InputKind = pasted.ruleset ? 'rules' : 'empty'
    const detection = pasteDetection?.range ? pasteDetection : null
    const istioVersion = detection?.range ? { range: detection.range, conflict: detection.conflict } : null
    return { kind, parsed, diagnostics, ...pasted, config: null, istioVersion, versionDetection: detection, canRegenerate, generated: null }
  }
  const detection = pasteDetection ?? detectIstioVersion({ text: request.text })
  let inferred: ReturnType<typeof inferConfig> | null = null
  if (parsed.configSources.length === 0) {
    const last = detection.to ? parseVersionText(detection.to) : null
    inferred = inferConfig(parsed.rulesets, pasted.family && pasted.annotation ? { [pasted.family]: pasted.annotation } : {}, { automaticPort22: last !== null && last.minor <= 12 })
  }
  const { profile, diagnostics: profileDiagnostics } = chooseProfile(request.profile, detection.profiles)
  diagnostics.push(...profileDiagnostics)
  if (!profile) return { kind: 'empty', parsed, diagnostics, ...drawn(request, {}), config: null, istioVersion: null, versionDetection: null, canRegenerate, generated: null }
  // Values read back from rules are offered to every version; a field this one lacks is left out, not warned about.
  const extra = inferred ? [{ ...inferred.layer, entries: inferred.layer.entries.filter((e) => fieldByName(e.key)?.exists(profile) ?? false) }] : []
  const { layers, diagnostics: layerDiagnostics } = configLayers(parsed.configSources, request.overrides, extra)
  diagnostics.push(...layerDiagnostics)
  const overridden = new Set(Object.keys(request.overrides ?? {}))
  const source = fromConfig ? 'input' : inferred ? 'inferred' : 'paste'
  const generated = generateView(layers, profile, inferred ? { overridden, source, lines: inferred.lines } : { overridden, source })
  diagnostics.push(...generated.diagnostics)
  const versionDetection = detection.range ? detection : null
  return {
    kind: 'config',
    parsed,
    diagnostics,
    ...drawn(request, generated.rulesets),
    config: generated.config,
    istioVersion: { range: profile.name, conflict: false },
    versionDetection,
    canRegenerate,
    generated: { layers, profile },
  }
}

/** The family to draw (the requested one, else IPv4 when present) and its Istio annotation. */
function drawn(
  request: SourceRequest,
  rulesets: Partial<Record<Family, Ruleset>>,
): Pick<ResolvedSource, 'rulesets' | 'families' | 'family' | 'ruleset' | 'annotation'> {
  // An empty ip6tables-save (built-in chains only) is not worth a family switch.
  const families = ([4, 6] as const).filter((f) => rulesets[f] && rulesets[f].tables.some((t) => t.chains.some((c) => c.rules.length > 0 || !c.builtin)))
  const family = request.family && rulesets[request.family] ? request.family : (families[0] ?? ([4, 6] as const).find((f) => rulesets[f]) ?? null)
  const ruleset = family ? (rulesets[family] ?? null) : null
  const annotation = ruleset && worthAnnotating(ruleset) ? annotateRuleset(ruleset) : null
  return { rulesets, families, family, ruleset, annotation }
}

/**
 * Role recognition is quadratic in places today; a big dump with no Istio chain at all (a kube-proxy node) has no
 * roles to find, so it is skipped there instead of stalling the engine.
 */
function worthAnnotating(ruleset: Ruleset): boolean {
  let rules = 0
  for (const t of ruleset.tables) for (const c of t.chains) rules += c.rules.length
  return rules <= 2000 || ruleset.tables.some((t) => t.chains.some((c) => c.name.startsWith('ISTIO')))
}

export function analyzeResolved(source: ResolvedSource, request: AnalyzeRequest): Analysis {
  const annotations = source.annotation ? annotationMap(source.annotation) : new Map<string, RuleAnnotation>()
  const graph = source.ruleset ? buildChainGraph(source.ruleset, request.view, annotations) : null
  return {
    kind: source.kind,
    forms: formsOf(source),
    // A section's own ruleset can be megabytes; the UI needs only where the sections are.
    sections: source.parsed.sections.map(({ ruleset: _ruleset, ...rest }) => rest),
    configSources: source.parsed.configSources.map(({ entries: _entries, ...rest }) => rest),
    diagnostics: source.diagnostics,
    families: source.families,
    family: source.family,
    graph,
    rules: ruleIndex(source.kind === 'rules' ? source.ruleset : null),
    config: source.config,
    istioVersion: source.istioVersion,
    versionDetection: source.versionDetection,
    canRegenerate: source.canRegenerate,
    profiles: listProfileViews(),
    features: { explain: true, simulate: source.ruleset !== null, generate: true },
  }
}

/** The pipeline from pasted text to what is drawn: parse (or generate) → choose the family → chain graph. */
export function analyze(request: AnalyzeRequest): Analysis {
  return analyzeResolved(resolveSource(request), request)
}

function formsOf(source: ResolvedSource): SectionForm[] {
  const forms: SectionForm[] = []
  for (const s of source.parsed.sections) if (s.form !== 'prose' && !forms.includes(s.form)) forms.push(s.form)
  if (forms.length === 0 && source.kind === 'rules') forms.push('iptables-save')
  return forms
}

function ruleIndex(ruleset: Ruleset | null): RuleIndex {
  const chains: RuleIndex['chains'] = []
  let total = 0
  for (const table of ruleset?.tables ?? []) {
    for (const chain of table.chains) {
      chains.push([table.name, chain.name, chain.rules.length])
      total += chain.rules.length
    }
  }
  const spans = new Int32Array(total * 4)
  let i = 0
  let linked = 0
  for (const table of ruleset?.tables ?? []) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        if (rule.span) {
          spans.set([rule.span.line, rule.span.column, rule.span.endLine, rule.span.endColumn], i * 4)
          linked++
        }
        i++
      }
    }
  }
  return { chains, spans, linked }
}
