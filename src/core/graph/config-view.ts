import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { ConfigSource } from '../model/input.ts'
import type { Family, Ruleset } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { layersFromSources, setLayer } from '../istio/config-input.ts'
import { defaultConfig, describeOrigin, type ConfigLayer, type FieldName, type Origin } from '../istio/config-model.ts'
import { envBinding } from '../istio/env-binding.ts'
import { FIELDS } from '../istio/fields.ts'
import { flagByField } from '../istio/flag-table.ts'
import { listProfiles, resolveProfile, type Profile } from '../istio/profiles.ts'
import { SWITCHES } from '../istio/switches.ts'
import { renderOutput, runIstioIptables, type IstioRun } from '../istio/istio-generate.ts'

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
  /** Shown without asking for every field: the common ones, and any value that is not the default. */
  primary: boolean
  /** A fact of the host (IPv6 addresses, resolv.conf), not a flag or variable of the tool. */
  hostOnly: boolean
  /** This version's flag for the field (`-p, --envoy-port`), if it has one. */
  flag?: string
  /** The environment variables this version reads for it. */
  env: string[]
}

export interface ProfileView {
  name: string
  /** The release whose behaviour the profile has (`1.13` → `1.13.9`); what the selector's value is. */
  release: string
  /** One line (English, curated) on what changed against the profile listed before. */
  changes: string
  /** The switches whose level differs from the profile listed before: the same change, as ids the UI words. */
  switches: string[]
}

/** What istio-iptables writes and logs for one family. */
export interface GeneratedOutputs {
  /** The rules file (iptables-restore input). */
  restore: string
  /** One `iptables -t … …` line per rule, as the tool logs them in command mode. */
  commands: string
  /** What iptables-save prints after the rules file is restored. */
  save: string
  /** The clean-up commands. */
  clean: string
}

export interface ConfigView {
  profile: string
  profiles: ProfileView[]
  fields: ConfigFieldView[]
  /** The rules file istio-iptables writes for this configuration, per family. */
  restore: Partial<Record<Family, string>>
  outputs: Partial<Record<Family, GeneratedOutputs>>
  /** The Environment/Variables blocks of the log. */
  variables: string
  /** Where the configuration came from: the input is one, a pasted log holds one, or it was read back from pasted rules. */
  source: 'input' | 'paste' | 'inferred'
  /** False when istio-iptables would refuse the configuration (no rules generated). */
  ok: boolean
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

let profileViews: ProfileView[] | null = null

/** Every listed profile, oldest first, with the switches that differ from the one before it. */
export function listProfileViews(): ProfileView[] {
  if (profileViews) return profileViews
  let previous: Profile | null = null
  profileViews = listProfiles().map((p) => {
    const profile = resolveProfile(p.name).value
    const switches = profile ? SWITCHES.filter((s) => (profile.switches.get(s.id) ?? 0) !== (previous?.switches.get(s.id) ?? 0)).map((s) => s.id) : []
    previous = profile
    return { name: p.name, release: p.release, changes: p.changes, switches }
  })
  return profileViews
}

/** The configuration layers of a request: the paste's own sources (or `extra`), then the form's changes. */
export function configLayers(
  sources: readonly ConfigSource[],
  overrides: Readonly<Record<string, string>> | undefined,
  extra: readonly ConfigLayer[] = [],
): { layers: ConfigLayer[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const layers = [...extra, ...layersFromSources(sources)]
  const entries = Object.entries(overrides ?? {})
  if (entries.length > 0) {
    const set = setLayer(entries.map(([k, v]) => `${k}=${v}`), 'form')
    layers.push(set.value)
    diagnostics.push(...set.diagnostics)
  }
  return { layers, diagnostics }
}

/** The profile a request asks for, else the newest one the paste's version clues allow, else latest. */
export function chooseProfile(requested: string | undefined, detected: readonly string[]): { profile: Profile | null; diagnostics: Diagnostic[] } {
  const r = resolveProfile(requested ?? detected[0] ?? 'latest')
  return { profile: r.value ?? resolveProfile('latest').value, diagnostics: r.diagnostics }
}

export interface GeneratedSource {
  rulesets: Partial<Record<Family, Ruleset>>
  config: ConfigView
  diagnostics: Diagnostic[]
}

/** Runs istio-iptables on the layers and parses what it writes, so the result is drawn like any pasted dump. */
export function generateView(
  layers: readonly ConfigLayer[],
  profile: Profile,
  options: { overridden: ReadonlySet<string>; source: ConfigView['source']; lines?: ReadonlyMap<string, number> },
): GeneratedSource {
  const diagnostics: Diagnostic[] = []
  const run = runIstioIptables(layers, profile)
  diagnostics.push(...run.diagnostics)
  const rulesets: Partial<Record<Family, Ruleset>> = {}
  const restore: Partial<Record<Family, string>> = {}
  const outputs: Partial<Record<Family, GeneratedOutputs>> = {}
  for (const family of [4, 6] as const) {
    const text = renderOutput(run.value, 'restore', family).value
    if (!text) continue
    restore[family] = text
    outputs[family] = outputsOf(run.value, family, text)
    const parsed = parseInput(text).value.rulesets
    const ruleset = parsed[family] ?? parsed[4] ?? parsed[6]
    if (ruleset) rulesets[family] = { ...stripSpans(ruleset), family }
  }
  if (!run.value.rules.ok) diagnostics.push(diagnostic('GEN001', 'error', 'istio-iptables would refuse this configuration; no rules were generated', 1))
  const config: ConfigView = {
    profile: profile.name,
    profiles: listProfileViews(),
    fields: fieldViews(run.value, profile, options.overridden, options.lines),
    restore,
    outputs,
    variables: renderOutput(run.value, 'variables').value,
    source: options.source,
    ok: run.value.rules.ok,
  }
  return { rulesets, config, diagnostics }
}

function outputsOf(run: IstioRun, family: Family, restore: string): GeneratedOutputs {
  return {
    restore,
    commands: renderOutput(run, 'commands', family).value,
    save: renderOutput(run, 'save', family).value,
    clean: renderOutput(run, 'clean', family).value,
  }
}

function fieldViews(run: IstioRun, profile: Profile, overridden: ReadonlySet<string>, lines?: ReadonlyMap<string, number>): ConfigFieldView[] {
  const defaults = defaultConfig(profile)
  const fields: ConfigFieldView[] = []
  for (const def of FIELDS) {
    if (!def.exists(profile)) continue
    const field = run.config.fields[def.name as FieldName]
    const changed = show(field.value) !== show(defaults[def.name as FieldName])
    const flag = flagByField(def.name)
    const binding = envBinding(def.name, profile)
    const view: ConfigFieldView = {
      name: def.name,
      value: show(field.value),
      kind: def.kind,
      origin: describeOrigin(field.origin),
      originKind: field.origin.kind,
      changed,
      overridden: overridden.has(def.name),
      primary: FORM_FIELDS.includes(def.name as FieldName) || changed || overridden.has(def.name),
      hostOnly: def.hostOnly === true,
      env: [binding.primary, binding.override, binding.defaultFrom, binding.lookup].filter((n): n is string => typeof n === 'string'),
    }
    if (flag && flag.exists(profile)) view.flag = flag.short && (flag.shortExists?.(profile) ?? true) ? `-${flag.short}, --${flag.long}` : `--${flag.long}`
    if ('line' in field.origin && field.origin.kind !== 'set') view.line = field.origin.line
    else if (field.origin.kind === 'set' && lines?.has(def.name)) view.line = lines.get(def.name) as number
    fields.push(view)
  }
  return fields
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
