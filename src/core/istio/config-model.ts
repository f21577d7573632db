import type { ConfigEntry, ConfigSourceKind } from '../model/input.ts'
import { FIELDS, type FieldValue } from './fields.ts'
import type { HostFacts } from './host-facts.ts'
import type { Profile } from './profiles.ts'

/**
 * The resolved istio-iptables configuration (Go field names of current Istio; see fields.ts for aliases).
 * Ports, ids and lists stay strings as in Go: the tool copies them into rules verbatim.
 */
export interface IstioConfig {
  ProxyPort: string
  InboundCapturePort: string
  InboundTunnelPort: string
  ProxyUID: string
  ProxyGID: string
  InboundInterceptionMode: string
  InboundTProxyMark: string
  InboundTProxyRouteTable: string
  InboundPortsInclude: string
  InboundPortsExclude: string
  OwnerGroupsInclude: string
  OwnerGroupsExclude: string
  OutboundPortsInclude: string
  OutboundPortsExclude: string
  OutboundIPRangesInclude: string
  OutboundIPRangesExclude: string
  RerouteVirtualInterfaces: string
  ExcludeInterfaces: string
  IptablesProbePort: number
  ProbeTimeout: string
  DryRun: boolean
  RestoreFormat: boolean
  SkipRuleApply: boolean
  RunValidation: boolean
  RedirectDNS: boolean
  /** 1.7 only: DNS_AGENT set, so DNS goes to the agent on 15053 instead of Envoy on 15013. */
  DNSCaptureByAgent: boolean
  /** 1.10.3+ only: ISTIO_META_DNS_CONNTRACK_ZONE=true. */
  DNSConntrackZone: boolean
  CaptureAllDNS: boolean
  DropInvalid: boolean
  EnableIPv6: boolean
  DNSServersV4: string[]
  DNSServersV6: string[]
  OutputPath: string
  NetworkNamespace: string
  HostFilesystemPodNetwork: boolean
  HostNSEnterExec: boolean
  TraceLogging: boolean
  DualStack: boolean
  HostIP: string
  HostIPv4LoopbackCidr: string
  IPTablesVersion: string
  Reconcile: boolean
  CleanupOnly: boolean
  ForceApply: boolean
  NativeNftables: boolean
  ForceIptablesBinary: string
}

export type FieldName = keyof IstioConfig

/** Where a field's value came from, so the UI can show it next to the value. */
export type Origin =
  | { kind: 'default' }
  | { kind: 'env'; name: string; line: number; column: number; source?: string; via?: string }
  | { kind: 'flag'; flag: string; line: number; column: number; source?: string }
  | { kind: 'variables'; label: string; line: number; column: number; source?: string }
  | { kind: 'set'; line: number; column: number; source?: string }
  | { kind: 'host'; detail: string }

export interface ResolvedField {
  value: FieldValue
  origin: Origin
}

/** One group of configuration entries, applied in order. `set` entries are keyed by field name. */
export interface ConfigLayer {
  kind: ConfigSourceKind | 'set'
  entries: readonly ConfigEntry[]
  label?: string
  /** A log's Environment block prints unset and empty alike; its empty values are then not "set to empty". */
  emptyMeansUnset?: boolean
}

export interface ResolvedConfig {
  profile: Profile
  /** Every field of the profile's config (fields the version lacks keep their default and `default` origin). */
  fields: Record<FieldName, ResolvedField>
  /** The process environment the tool saw (merged env layers), as its Environment block would print it. */
  env: ReadonlyMap<string, string>
  hostFacts: HostFacts
}

export function configValues(resolved: ResolvedConfig): IstioConfig {
  const out: Record<string, FieldValue> = {}
  for (const def of FIELDS) out[def.name] = resolved.fields[def.name as FieldName].value
  return out as unknown as IstioConfig
}

/** The config every field at its default for `profile`, with host facts not applied. */
export function defaultConfig(profile: Profile): IstioConfig {
  const out: Record<string, FieldValue> = {}
  for (const def of FIELDS) out[def.name] = def.default(profile)
  return out as unknown as IstioConfig
}

function where(line: number, source?: string): string {
  return source ? `${source}:${line}` : `line ${line}`
}

/** An origin as a person reads it: `env ISTIO_INBOUND_PORTS (cluster.env:1)`, `flag -p (--flags:1)`, `default`. */
export function describeOrigin(o: Origin): string {
  switch (o.kind) {
    case 'default':
      return 'default'
    case 'env':
      return `env ${o.name} (${where(o.line, o.source)})${o.via ? `, ${o.via}` : ''}`
    case 'flag':
      return `flag ${o.flag} (${where(o.line, o.source)})`
    case 'variables':
      return `Variables ${o.label} (${where(o.line, o.source)})`
    case 'set':
      return o.source ?? '--set'
    case 'host':
      return `host: ${o.detail}`
  }
}
