import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import type { ConfigEntry } from '../model/input.ts'
import type { ConfigLayer, FieldName, Origin, ResolvedConfig, ResolvedField } from './config-model.ts'
import { envBinding } from './env-binding.ts'
import { FIELDS, fieldByName, parseGoBool, parseListValue, type FieldDef, type FieldValue } from './fields.ts'
import { flagByName, flagDisplayName, type FlagDef } from './flag-table.ts'
import { classifyNameservers, DEFAULT_HOST_FACTS, DEFAULT_PROXY_UID, detectIPv6, readsResolvConf, type HostFacts } from './host-facts.ts'
import { has, type Profile } from './profiles.ts'
import { fieldsOfVariable } from './variables-labels.ts'

/** `--set` keys for host facts themselves, besides the config fields. */
export const HOST_FACT_KEYS: Readonly<Record<string, keyof HostFacts>> = {
  ProxyUserUID: 'proxyUserUid',
  HostAddresses: 'interfaceAddresses',
  ResolvConfNameservers: 'resolvConfNameservers',
}

interface EnvValue {
  value: string
  entry: ConfigEntry
  source?: string
}

/**
 * The configuration istio-iptables of `profile` would run with, given env files/blocks, command lines, Variables
 * blocks and `--set` values in order, plus host facts. Flags beat env as in the tool; a later layer of the same kind
 * beats an earlier one; Variables blocks and `--set` values are final values. Every field records its origin.
 */
export function resolveConfig(layers: readonly ConfigLayer[], profile: Profile, host: Partial<HostFacts> = {}): WithDiagnostics<ResolvedConfig> {
  const diagnostics: Diagnostic[] = []
  const hostFacts: HostFacts = { ...DEFAULT_HOST_FACTS, ...host }
  const env = new Map<string, EnvValue>()
  const flags = new Map<string, { value: FieldValue; origin: Origin }>()
  for (const layer of layers) {
    if (layer.kind === 'env') {
      for (const e of layer.entries) {
        if (layer.emptyMeansUnset && e.value === '') continue
        env.set(e.key, layer.label === undefined ? { value: e.value, entry: e } : { value: e.value, entry: e, source: layer.label })
      }
    } else if (layer.kind === 'flags') {
      for (const e of layer.entries) readFlag(e, layer.label, profile, flags, diagnostics)
    }
  }
  const envText = new Map([...env].map(([k, v]) => [k, v.value]))
  const fields = {} as Record<FieldName, ResolvedField>
  for (const def of FIELDS) {
    fields[def.name as FieldName] = def.exists(profile) ? bindField(def, profile, flags, env, envText, diagnostics) : { value: def.default(profile), origin: { kind: 'default' } }
  }
  const explicit = new Set<string>()
  for (const layer of layers) {
    if (layer.kind === 'variables') applyVariables(layer, profile, fields, explicit, diagnostics)
    if (layer.kind === 'set') applySet(layer, profile, fields, explicit, hostFacts, diagnostics)
  }
  applyHostFacts(profile, fields, explicit, hostFacts, envText, diagnostics)
  return { value: { profile, fields, env: envText, hostFacts }, diagnostics }
}

function readFlag(e: ConfigEntry, source: string | undefined, p: Profile, out: Map<string, { value: FieldValue; origin: Origin }>, diagnostics: Diagnostic[]): void {
  const def = flagByName(e.key)
  const short = !e.key.startsWith('--')
  if (!def || !def.exists(p) || (short && def.shortExists && !def.shortExists(p))) {
    const message = short ? `unknown shorthand flag: '${e.key.slice(1)}' in ${e.key}` : `unknown flag: ${e.key}`
    diagnostics.push(diagnostic('CFG020', 'error', message, e.line, e.column))
    return
  }
  const value = parseFlagValue(def, e.value, p)
  if (typeof value === 'object' && value !== null && 'error' in value) {
    diagnostics.push(diagnostic('CFG021', 'error', value.error, e.line, e.column))
    return
  }
  const origin: Origin = source === undefined ? { kind: 'flag', flag: e.key, line: e.line, column: e.column } : { kind: 'flag', flag: e.key, line: e.line, column: e.column, source }
  out.set(def.field, { value, origin })
}

function parseFlagValue(def: FlagDef, text: string, p: Profile): FieldValue | { error: string } {
  const name = flagDisplayName(def, p)
  if (def.bool) {
    const b = parseGoBool(text)
    return b === null ? { error: `invalid argument "${text}" for "${name}" flag: strconv.ParseBool: parsing "${text}": invalid syntax` } : b
  }
  if (def.field === 'IptablesProbePort') {
    if (!/^\d+$/.test(text) || Number(text) > 65535) return { error: `invalid argument "${text}" for "${name}" flag: strconv.ParseUint: parsing "${text}": invalid syntax` }
    return Number(text)
  }
  if (def.field === 'ProbeTimeout' && !/^([0-9]*\.?[0-9]+(ns|us|µs|ms|s|m|h))+$|^0$/.test(text)) {
    return { error: `invalid argument "${text}" for "${name}" flag: time: invalid duration "${text}"` }
  }
  return text
}

function fromEnv(def: FieldDef, raw: string): FieldValue | undefined {
  if (def.kind === 'bool') return parseGoBool(raw) ?? undefined
  if (def.kind === 'number') return /^\d+$/.test(raw) ? Number(raw) : undefined
  if (def.kind === 'list') return parseListValue(raw)
  return raw
}

function envOrigin(name: string, v: EnvValue, via?: string): Origin {
  const o: Origin = { kind: 'env', name, line: v.entry.line, column: v.entry.column }
  if (v.source !== undefined) o.source = v.source
  if (via !== undefined) o.via = via
  return o
}

function bindField(
  def: FieldDef,
  p: Profile,
  flags: ReadonlyMap<string, { value: FieldValue; origin: Origin }>,
  env: ReadonlyMap<string, EnvValue>,
  envText: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): ResolvedField {
  const flag = flags.get(def.name)
  if (flag) return flag
  const b = envBinding(def.name, p)
  let current: ResolvedField = { value: def.default(p), origin: { kind: 'default' } }
  if (b.custom) {
    const got = b.custom(envText)
    const v = got ? env.get(got.name) : undefined
    return got && v ? { value: got.value, origin: envOrigin(got.name, v) } : current
  }
  if (b.lookup) {
    const v = env.get(b.lookup)
    return v ? { value: v.value, origin: envOrigin(b.lookup, v) } : current
  }
  const bindEnv = has(p, 'C-28')
  const primary = b.primary ? env.get(b.primary) : undefined
  if (primary && b.primary) {
    if (bindEnv) {
      const parsed = fromEnv(def, primary.value)
      if (parsed !== undefined) current = { value: parsed, origin: envOrigin(b.primary, primary) }
      else diagnostics.push(diagnostic('CFG030', 'warning', `${b.primary}="${primary.value}" is not a valid ${def.kind}; ignored`, primary.entry.line, primary.entry.column))
    } else if (primary.value !== '') {
      // viper's GetBool/GetUint16 turn an unparsable value into the zero value.
      const parsed = fromEnv(def, primary.value)
      current = { value: parsed ?? (def.kind === 'bool' ? false : def.kind === 'number' ? 0 : primary.value), origin: envOrigin(b.primary, primary) }
      if (parsed === undefined) diagnostics.push(diagnostic('CFG030', 'warning', `${b.primary}="${primary.value}" is not a valid ${def.kind}; read as ${String(current.value)}`, primary.entry.line, primary.entry.column))
    }
  }
  if (b.defaultFrom && (!primary || primary.value === '')) {
    const d = env.get(b.defaultFrom)
    if (d) current = { value: parseGoBool(d.value) ?? false, origin: envOrigin(b.defaultFrom, d, `default of ${def.name}`) }
  }
  if (b.override) {
    const o = env.get(b.override)
    const parsed = o ? parseGoBool(o.value) : null
    if (o && parsed !== null) current = { value: parsed, origin: envOrigin(b.override, o, `overrides ${b.primary ?? def.name}`) }
  }
  return current
}

function convertSetValue(def: FieldDef, text: string): FieldValue | undefined {
  const t = text.trim()
  if (def.kind === 'bool') return parseGoBool(t) ?? undefined
  if (def.kind === 'number') return /^\d+$/.test(t) ? Number(t) : undefined
  if (def.kind === 'list') return parseListValue(t)
  return t === 'null' ? '' : text
}

function applySet(layer: ConfigLayer, p: Profile, fields: Record<FieldName, ResolvedField>, explicit: Set<string>, host: HostFacts, diagnostics: Diagnostic[]): void {
  for (const e of layer.entries) {
    const hostKey = Object.entries(HOST_FACT_KEYS).find(([k]) => k.toLowerCase() === e.key.toLowerCase())?.[1]
    if (hostKey === 'proxyUserUid') host.proxyUserUid = e.value === '' || e.value === 'null' ? null : e.value
    else if (hostKey) host[hostKey] = parseListValue(e.value)
    if (hostKey) continue
    const def = fieldByName(e.key)
    if (!def) {
      diagnostics.push(diagnostic('CFG040', 'error', `unknown config field "${e.key}"`, e.line, e.column))
      continue
    }
    if (!def.exists(p)) {
      diagnostics.push(diagnostic('CFG041', 'warning', `${e.key} does not exist in Istio ${p.name}; ignored`, e.line, e.column))
      continue
    }
    const value = convertSetValue(def, e.value)
    if (value === undefined) {
      diagnostics.push(diagnostic('CFG042', 'error', `invalid value "${e.value}" for ${def.name} (${def.kind})`, e.line, e.column))
      continue
    }
    const origin: Origin = { kind: 'set', line: e.line, column: e.column }
    if (layer.label !== undefined) origin.source = layer.label
    fields[def.name as FieldName] = { value, origin }
    explicit.add(def.name)
  }
}

function applyVariables(layer: ConfigLayer, p: Profile, fields: Record<FieldName, ResolvedField>, explicit: Set<string>, diagnostics: Diagnostic[]): void {
  let serversSeen = false
  for (const e of layer.entries) {
    const assignments = fieldsOfVariable(e.key, e.value)
    if (assignments === null) {
      diagnostics.push(diagnostic('CFG050', 'info', `Variables label ${e.key} is not a config field; ignored`, e.line, e.column))
      continue
    }
    for (const a of assignments) {
      const def = fieldByName(a.field)
      if (!def || !def.exists(p)) continue
      const origin: Origin = { kind: 'variables', label: e.key, line: e.line, column: e.column }
      if (layer.label !== undefined) origin.source = layer.label
      const value = def.kind === 'number' && typeof a.value === 'string' ? Number(a.value) : a.value
      fields[def.name as FieldName] = { value, origin }
      explicit.add(def.name)
      if (def.name === 'DNSServersV4' && Array.isArray(value) && value.length > 0) serversSeen = true
    }
  }
  // Before DNS_CAPTURE was printed (1.9), servers were only read with DNS capture on, so listed servers imply it.
  if (serversSeen && !explicit.has('RedirectDNS') && fieldByName('RedirectDNS')?.exists(p)) {
    const dns = layer.entries.find((e) => e.key === 'DNS_SERVERS')
    if (dns) {
      fields.RedirectDNS = { value: true, origin: { kind: 'variables', label: 'DNS_SERVERS', line: dns.line, column: dns.column, ...(layer.label === undefined ? {} : { source: layer.label }) } }
      explicit.add('RedirectDNS')
    }
  }
}

function applyHostFacts(
  p: Profile,
  fields: Record<FieldName, ResolvedField>,
  explicit: ReadonlySet<string>,
  host: HostFacts,
  env: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): void {
  if (fields.ProxyUID.value === '') {
    const user = env.get('ENVOY_USER') || 'istio-proxy'
    const uid = host.proxyUserUid ?? DEFAULT_PROXY_UID
    const withRoot = has(p, 'C-2') ? uid : `${uid},0`
    const how = host.proxyUserUid === null ? `no user ${user}: ${DEFAULT_PROXY_UID}` : `uid of user ${user}`
    fields.ProxyUID = { value: withRoot, origin: { kind: 'host', detail: has(p, 'C-2') ? how : `${how}, plus root (",0")` } }
  }
  if (fields.ProxyGID.value === '') fields.ProxyGID = { value: fields.ProxyUID.value, origin: { kind: 'host', detail: 'copy of ProxyUID' } }
  if (!explicit.has('EnableIPv6')) {
    const d = detectIPv6(p, host.interfaceAddresses, fields.DualStack.value === true)
    if (d.failed) diagnostics.push(diagnostic('CFG060', 'error', `IPv6 detection: ${d.detail}`, 1))
    fields.EnableIPv6 = { value: d.value, origin: { kind: 'host', detail: d.detail } }
  }
  if (fieldByName('DNSServersV4')?.exists(p)) {
    const reads = readsResolvConf(p, fields.RedirectDNS.value === true, fields.CaptureAllDNS.value === true)
    const servers = reads ? classifyNameservers(p, host.resolvConfNameservers) : { v4: [], v6: [] }
    const detail = reads ? `resolv.conf nameservers [${host.resolvConfNameservers.join(' ')}]` : 'resolv.conf not read (DNS capture off)'
    if (!explicit.has('DNSServersV4')) fields.DNSServersV4 = { value: servers.v4, origin: { kind: 'host', detail } }
    if (!explicit.has('DNSServersV6')) fields.DNSServersV6 = { value: servers.v6, origin: { kind: 'host', detail } }
  }
}
