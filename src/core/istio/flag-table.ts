import { has, level, type Profile } from './profiles.ts'

/**
 * Every istio-iptables command-line flag any release had (cobra/pflag in tools/istio-iptables/pkg/cmd/root.go),
 * with the config field it sets and the versions that know it.
 */
export interface FlagDef {
  long: string
  short?: string
  field: string
  /** pflag bool flags take no separate argument (`-n`, `--redirect-dns`, `--dry-run=false`). */
  bool: boolean
  exists(p: Profile): boolean
  /** When the shorthand arrived later than the long flag. */
  shortExists?(p: Profile): boolean
}

const always = (): boolean => true
const from = (id: string, atLeast = 1) => (p: Profile): boolean => has(p, id, atLeast)
const fl = (long: string, short: string | undefined, field: string, bool: boolean, exists: (p: Profile) => boolean, extra: Partial<FlagDef> = {}): FlagDef =>
  short === undefined ? { long, field, bool, exists, ...extra } : { long, short, field, bool, exists, ...extra }

export const FLAGS: readonly FlagDef[] = [
  fl('envoy-port', 'p', 'ProxyPort', false, always),
  fl('inbound-capture-port', 'z', 'InboundCapturePort', false, always),
  fl('inbound-tunnel-port', 'e', 'InboundTunnelPort', false, from('C-3')),
  fl('proxy-uid', 'u', 'ProxyUID', false, always),
  fl('proxy-gid', 'g', 'ProxyGID', false, always),
  fl('istio-inbound-interception-mode', 'm', 'InboundInterceptionMode', false, always),
  fl('istio-inbound-tproxy-mark', 't', 'InboundTProxyMark', false, always),
  fl('istio-inbound-tproxy-route-table', 'r', 'InboundTProxyRouteTable', false, always),
  fl('istio-inbound-ports', 'b', 'InboundPortsInclude', false, always),
  fl('istio-local-exclude-ports', 'd', 'InboundPortsExclude', false, always),
  fl('istio-exclude-interfaces', 'c', 'ExcludeInterfaces', false, from('C-14'), { shortExists: from('C-14', 2) }),
  fl('istio-service-cidr', 'i', 'OutboundIPRangesInclude', false, always),
  fl('istio-service-exclude-cidr', 'x', 'OutboundIPRangesExclude', false, always),
  fl('istio-outbound-ports', 'q', 'OutboundPortsInclude', false, from('C-4')),
  fl('istio-local-outbound-ports-exclude', 'o', 'OutboundPortsExclude', false, always),
  fl('kube-virt-interfaces', 'k', 'RerouteVirtualInterfaces', false, always),
  fl('dry-run', 'n', 'DryRun', true, always),
  fl('restore-format', 'f', 'RestoreFormat', true, (p) => !has(p, 'C-35')),
  fl('iptables-probe-port', undefined, 'IptablesProbePort', false, always),
  fl('probe-timeout', undefined, 'ProbeTimeout', false, always),
  fl('skip-rule-apply', undefined, 'SkipRuleApply', true, always),
  fl('run-validation', undefined, 'RunValidation', true, always),
  fl('redirect-dns', undefined, 'RedirectDNS', true, from('C-9', 4)),
  fl('capture-all-dns', undefined, 'CaptureAllDNS', true, from('C-13')),
  fl('output-paths', undefined, 'OutputPath', false, (p) => has(p, 'C-46') && !has(p, 'C-25')),
  fl('network-namespace', undefined, 'NetworkNamespace', false, from('C-46')),
  fl('cni-mode', undefined, 'HostFilesystemPodNetwork', true, from('C-46')),
  fl('iptables-trace-logging', undefined, 'TraceLogging', true, (p) => has(p, 'C-18') && !has(p, 'L-5')),
  fl('drop-invalid', undefined, 'DropInvalid', true, from('C-19')),
  fl('dual-stack', undefined, 'DualStack', true, (p) => level(p, 'C-26') === 2 || level(p, 'C-26') >= 4),
  fl('iptables-version', undefined, 'IPTablesVersion', false, (p) => level(p, 'C-31') === 1),
  fl('reconcile', undefined, 'Reconcile', true, from('C-39')),
  fl('cleanup-only', undefined, 'CleanupOnly', true, from('C-39')),
  fl('force-apply', undefined, 'ForceApply', true, from('C-39')),
  fl('native-nftables', undefined, 'NativeNftables', true, from('L-8')),
  fl('force-iptables-binary', undefined, 'ForceIptablesBinary', false, from('L-8')),
]

const BY_LONG = new Map(FLAGS.map((d) => [d.long, d]))
const BY_SHORT = new Map(FLAGS.filter((d) => d.short).map((d) => [d.short as string, d]))

/** The flag `-p` / `--envoy-port` names in any version; the caller checks that the version knows it. */
export function flagByName(written: string): FlagDef | undefined {
  if (written.startsWith('--')) return BY_LONG.get(written.slice(2))
  if (written.startsWith('-') && written.length === 2) return BY_SHORT.get(written.slice(1))
  return undefined
}

export function flagByField(field: string): FlagDef | undefined {
  return FLAGS.find((d) => d.field === field)
}

/** pflag's way of naming a flag in messages: `-n, --dry-run` or `--redirect-dns`. */
export function flagDisplayName(d: FlagDef, p: Profile): string {
  const short = d.short && (!d.shortExists || d.shortExists(p)) ? `-${d.short}, ` : ''
  return `${short}--${d.long}`
}

/** Whether the reader should treat a flag as boolean when it does not know the version yet. */
export function isBoolFlag(written: string): boolean {
  return flagByName(written)?.bool ?? false
}
