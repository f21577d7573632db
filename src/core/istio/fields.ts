import { has, level, type Profile } from './profiles.ts'

/**
 * The istio-iptables config struct, field by field, under the names of current Istio's Go code
 * (tools/common/config/config.go). Older names (KubevirtInterfaces, EnableInboundIPv6, CNIMode) are aliases.
 * A few pseudo-fields stand for package variables that older releases read straight from the environment
 * (the DNS switches of 1.6–1.8 and 1.10's conntrack-zone opt-in).
 */
export type FieldValue = string | boolean | number | string[] | null

export type FieldKind = 'string' | 'bool' | 'number' | 'list'

export interface FieldDef {
  name: string
  kind: FieldKind
  /** Whether the field exists in this version's config (or, for pseudo-fields, in its behaviour). */
  exists(p: Profile): boolean
  default(p: Profile): FieldValue
  /** Go field name in this version when it differs from `name`. */
  goName?(p: Profile): string
  /** Only from the host (interfaces, resolv.conf): no flag and no env var. */
  hostOnly?: boolean
}

const always = (): boolean => true
const before = (id: string, atLeast = 1) => (p: Profile): boolean => !has(p, id, atLeast)
const from = (id: string, atLeast = 1) => (p: Profile): boolean => has(p, id, atLeast)
const value = (v: FieldValue) => (): FieldValue => v

function f(name: string, kind: FieldKind, exists: (p: Profile) => boolean, dflt: (p: Profile) => FieldValue, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, kind, exists, default: dflt, ...extra }
}

export const FIELDS: readonly FieldDef[] = [
  f('ProxyPort', 'string', always, value('15001')),
  f('InboundCapturePort', 'string', always, value('15006')),
  f('InboundTunnelPort', 'string', from('C-3'), value('15008')),
  f('ProxyUID', 'string', always, value('')),
  f('ProxyGID', 'string', always, value('')),
  f('InboundInterceptionMode', 'string', always, value('')),
  f('InboundTProxyMark', 'string', always, value('1337')),
  f('InboundTProxyRouteTable', 'string', always, value('133')),
  f('InboundPortsInclude', 'string', always, value('')),
  f('InboundPortsExclude', 'string', always, value('')),
  f('OwnerGroupsInclude', 'string', from('C-21'), value('*')),
  f('OwnerGroupsExclude', 'string', from('C-21'), value('')),
  f('OutboundPortsInclude', 'string', from('C-4'), value('')),
  f('OutboundPortsExclude', 'string', always, value('')),
  f('OutboundIPRangesInclude', 'string', always, value('')),
  f('OutboundIPRangesExclude', 'string', always, value('')),
  f('RerouteVirtualInterfaces', 'string', always, value(''), {
    goName: (p) => (has(p, 'L-6') ? 'RerouteVirtualInterfaces' : has(p, 'C-16') ? 'KubeVirtInterfaces' : 'KubevirtInterfaces'),
  }),
  f('ExcludeInterfaces', 'string', from('C-14'), value('')),
  f('IptablesProbePort', 'number', always, value(15002)),
  f('ProbeTimeout', 'string', always, value('5s')),
  f('DryRun', 'bool', always, value(false)),
  f('RestoreFormat', 'bool', before('C-35'), value(true)),
  f('SkipRuleApply', 'bool', always, value(false)),
  f('RunValidation', 'bool', always, value(false)),
  f('RedirectDNS', 'bool', from('C-9'), value(false)),
  f('DNSCaptureByAgent', 'bool', (p) => level(p, 'C-9') === 2, value(false)),
  f('DNSConntrackZone', 'bool', (p) => has(p, 'C-11') && !has(p, 'C-12'), value(false)),
  f('CaptureAllDNS', 'bool', from('C-13'), value(false)),
  f('DropInvalid', 'bool', from('C-19'), value(false)),
  f('EnableIPv6', 'bool', always, value(false), {
    goName: (p) => (p.version.minor >= 23 ? 'EnableIPv6' : 'EnableInboundIPv6'),
    hostOnly: true,
  }),
  f('DNSServersV4', 'list', from('C-9', 4), value([]), { hostOnly: true }),
  f('DNSServersV6', 'list', from('C-9', 4), value([]), { hostOnly: true }),
  f('OutputPath', 'string', (p) => has(p, 'C-46') && !has(p, 'C-25'), value('')),
  f('NetworkNamespace', 'string', from('C-46'), value('')),
  f('HostFilesystemPodNetwork', 'bool', from('C-46'), value(false), {
    goName: (p) => (p.version.minor >= 23 ? 'HostFilesystemPodNetwork' : 'CNIMode'),
  }),
  f('HostNSEnterExec', 'bool', (p) => p.version.minor >= 15 && p.version.minor <= 17, value(false)),
  f('TraceLogging', 'bool', (p) => has(p, 'C-18') && !has(p, 'L-5'), value(false)),
  f('DualStack', 'bool', from('C-26'), value(false)),
  f('HostIP', 'string', (p) => p.version.minor >= 19, value('')),
  f('HostIPv4LoopbackCidr', 'string', from('C-30'), value('127.0.0.1/32')),
  f('IPTablesVersion', 'string', (p) => level(p, 'C-31') === 1, value('')),
  f('Reconcile', 'bool', from('C-39'), value(false)),
  f('CleanupOnly', 'bool', from('C-39'), value(false)),
  f('ForceApply', 'bool', from('C-39'), value(false)),
  f('NativeNftables', 'bool', from('L-8'), value(false)),
  f('ForceIptablesBinary', 'string', from('L-8'), value('')),
]

const ALIASES: Readonly<Record<string, string>> = {
  KubevirtInterfaces: 'RerouteVirtualInterfaces',
  KubeVirtInterfaces: 'RerouteVirtualInterfaces',
  EnableInboundIPv6: 'EnableIPv6',
  CNIMode: 'HostFilesystemPodNetwork',
}

const BY_NAME = new Map(FIELDS.map((d) => [d.name.toLowerCase(), d]))

/** The field a name refers to in any version (`KubevirtInterfaces` → RerouteVirtualInterfaces); case-insensitive. */
export function fieldByName(name: string): FieldDef | undefined {
  const canonical = ALIASES[name] ?? Object.entries(ALIASES).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? name
  return BY_NAME.get(canonical.toLowerCase())
}

export function goFieldName(def: FieldDef, p: Profile): string {
  return def.goName ? def.goName(p) : def.name
}

/** Comma-separated in, list out: `a,b` → ['a','b'], '' → []. Used for list fields given as text. */
export function parseListValue(text: string): string[] {
  const t = text.trim()
  if (t === '' || t === 'null' || t === '[]') return []
  if (t.startsWith('[') && t.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(t)
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[]
    } catch {
      // Go's %v form `[a b]` is not JSON; fall through to the space-separated reading.
    }
    return t.slice(1, -1).split(/[\s,]+/).filter((x) => x !== '')
  }
  return t.split(',').map((x) => x.trim()).filter((x) => x !== '')
}

/** strconv.ParseBool. */
export function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false
  return null
}
