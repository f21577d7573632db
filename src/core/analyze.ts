import { diagnostic, type Diagnostic } from './model/diagnostic.ts'
import type { ConfigSource, ParsedInput, Section, SectionForm } from './model/input.ts'
import type { Family, Ruleset, TableName } from './model/ruleset.ts'
import type { ChainGraph } from './graph/chain-graph.ts'
import { buildChainGraph, type GraphViewOptions, type RuleAnnotation } from './graph/build-graph.ts'
import { parseInput } from './parse/index.ts'
import { layersFromSources, setLayer } from './istio/config-input.ts'
import { defaultConfig, describeOrigin, type FieldName, type Origin } from './istio/config-model.ts'
import { FIELDS } from './istio/fields.ts'
import { listProfiles, resolveProfile } from './istio/profiles.ts'
import { renderOutput, runIstioIptables } from './istio/istio-generate.ts'
import { detectIstioVersion } from './istio/detect-version.ts'
import { annotateRuleset, type RulesetAnnotation } from './explain/annotate.ts'
import { annotationMap } from './graph/explain-view.ts'

/** The user's input and the choices that change what it means. */
export interface SourceRequest {
  text: string
  /** Which family to draw when the input has both; defaults to IPv4 when present. */
  family?: Family
  /** Istio profile to generate with when the input is a configuration; `latest` by default. */
  profile?: string
  /** Config field values the user changed in the form, by field name; applied after the input's own sources. */
  overrides?: Readonly<Record<string, string>>
}

export interface AnalyzeRequest extends SourceRequest {
  view?: GraphViewOptions
}

/** What the input is: netfilter state to draw, an Istio configuration to generate rules from, or nothing usable. */
export type InputKind = 'rules' | 'config' | 'empty'

export interface ConfigFieldView {
  name: string
  value: string
  kind: 'string' | 'bool' | 'number' | 'list'
  /** Where the value came from, in words (`env ISTIO_INBOUND_PORTS (line 3)`, `default`). */
  origin: string
  originKind: Origin['kind']
  /** Line of the input the value was read from, when it came from the input. */
  line?: number
  /** True when the value is not the profile's default. */
  changed: boolean
  /** True when the user changed it in the form. */
  overridden: boolean
}

export interface ConfigView {
  profile: string
  profiles: { name: string; release: string; changes: string }[]
  fields: ConfigFieldView[]
  /** The rules file istio-iptables writes for this configuration, per family. */
  restore: Partial<Record<Family, string>>
}

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
}

/** Fields shown in the configuration form whatever their value; others appear when they differ from the default. */
const FORM_FIELDS: readonly FieldName[] = [
  'ProxyPort',
  'InboundCapturePort',
  'InboundTunnelPort',
  'ProxyUID',
  'ProxyGID',
  'InboundInterceptionMode',
  'InboundPortsInclude',
  'InboundPortsExclude',
  'OutboundPortsInclude',
  'OutboundPortsExclude',
  'OutboundIPRangesInclude',
  'OutboundIPRangesExclude',
  'ExcludeInterfaces',
  'RedirectDNS',
  'DNSServersV4',
  'EnableIPv6',
]

export function resolveSource(request: SourceRequest): ResolvedSource {
  const { value: parsed, diagnostics } = parseInput(request.text)
  let rulesets = parsed.rulesets
  let kind: InputKind = Object.keys(rulesets).length > 0 ? 'rules' : 'empty'
  let config: ConfigView | null = null
  if (kind === 'empty' && parsed.configSources.length > 0) {
    const generated = generateFromConfig(request, parsed.configSources)
    if (generated) {
      kind = 'config'
      rulesets = generated.rulesets
      config = generated.config
      diagnostics.push(...generated.diagnostics)
    }
  }
  // An empty ip6tables-save (built-in chains only) is not worth a family switch.
  const families = ([4, 6] as const).filter((f) => rulesets[f] && rulesets[f].tables.some((t) => t.chains.some((c) => c.rules.length > 0 || !c.builtin)))
  const family = request.family && rulesets[request.family] ? request.family : (families[0] ?? ([4, 6] as const).find((f) => rulesets[f]) ?? null)
  const ruleset = family ? (rulesets[family] ?? null) : null
  const annotation = ruleset && worthAnnotating(ruleset) ? annotateRuleset(ruleset) : null
  const istioVersion = kind === 'rules' && annotation?.istio ? versionOf(detectIstioVersion({ text: request.text, rulesets })) : config ? { range: config.profile, conflict: false } : null
  return { kind, parsed, diagnostics, rulesets, families, family, ruleset, annotation, config, istioVersion }
}

function versionOf(d: ReturnType<typeof detectIstioVersion>): { range: string; conflict: boolean } | null {
  return d.range ? { range: d.range, conflict: d.conflict } : null
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

function generateFromConfig(
  request: SourceRequest,
  sources: readonly ConfigSource[],
): { rulesets: Partial<Record<Family, Ruleset>>; config: ConfigView; diagnostics: Diagnostic[] } | null {
  const diagnostics: Diagnostic[] = []
  const layers = layersFromSources(sources)
  const overrides = Object.entries(request.overrides ?? {})
  if (overrides.length > 0) {
    const set = setLayer(overrides.map(([k, v]) => `${k}=${v}`), 'form')
    layers.push(set.value)
    diagnostics.push(...set.diagnostics)
  }
  const detected = detectIstioVersion({ text: request.text })
  const requested = resolveProfile(request.profile ?? detected.profiles[0] ?? 'latest')
  diagnostics.push(...requested.diagnostics)
  const profile = requested.value ?? resolveProfile('latest').value
  if (!profile) return null
  const run = runIstioIptables(layers, profile)
  diagnostics.push(...run.diagnostics)
  const rulesets: Partial<Record<Family, Ruleset>> = {}
  const restore: Partial<Record<Family, string>> = {}
  for (const family of [4, 6] as const) {
    const text = renderOutput(run.value, 'restore', family).value
    if (!text) continue
    restore[family] = text
    const parsed = parseInput(text).value.rulesets
    const ruleset = parsed[family] ?? parsed[4] ?? parsed[6]
    if (ruleset) rulesets[family] = { ...stripSpans(ruleset), family }
  }
  if (!run.value.rules.ok) diagnostics.push(diagnostic('GEN001', 'error', 'istio-iptables would refuse this configuration; no rules were generated', 1))
  const defaults = defaultConfig(profile)
  const overridden = new Set(overrides.map(([k]) => k))
  const fields: ConfigFieldView[] = []
  for (const def of FIELDS) {
    if (!def.exists(profile) || def.hostOnly === true) continue
    const field = run.value.config.fields[def.name as FieldName]
    const changed = show(field.value) !== show(defaults[def.name as FieldName])
    if (!FORM_FIELDS.includes(def.name as FieldName) && !changed && !overridden.has(def.name)) continue
    const view: ConfigFieldView = {
      name: def.name,
      value: show(field.value),
      kind: def.kind,
      origin: describeOrigin(field.origin),
      originKind: field.origin.kind,
      changed,
      overridden: overridden.has(def.name),
    }
    if ('line' in field.origin && field.origin.kind !== 'set') view.line = field.origin.line
    fields.push(view)
  }
  const config: ConfigView = {
    profile: profile.name,
    profiles: listProfiles().map((p) => ({ name: p.name, release: p.release, changes: p.changes })),
    fields,
    restore,
  }
  return { rulesets, config, diagnostics }
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(',')
  if (value === null || value === undefined) return ''
  return String(value)
}

/** Generated rules have no place in the user's text; their spans point into the rendered rules file. */
function stripSpans(ruleset: Ruleset): Ruleset {
  return {
    ...ruleset,
    tables: ruleset.tables.map((t) => ({
      ...t,
      chains: t.chains.map((c) => ({ ...c, rules: c.rules.map(({ span: _span, ...rule }) => rule) })),
    })),
  }
}
