import { parseGoBool, parseListValue, type FieldValue } from './fields.ts'

/**
 * Labels of the Variables: / `Istio iptables variables:` block (config.Print in istio-iptables) and the field each
 * prints. They are not env var names: PROXY_PORT is printed from ProxyPort, whose env var is ENVOY_PORT.
 */
export const VARIABLE_LABELS: Readonly<Record<string, string>> = {
  PROXY_PORT: 'ProxyPort',
  PROXY_INBOUND_CAPTURE_PORT: 'InboundCapturePort',
  PROXY_TUNNEL_PORT: 'InboundTunnelPort',
  PROXY_UID: 'ProxyUID',
  PROXY_GID: 'ProxyGID',
  INBOUND_INTERCEPTION_MODE: 'InboundInterceptionMode',
  INBOUND_TPROXY_MARK: 'InboundTProxyMark',
  INBOUND_TPROXY_ROUTE_TABLE: 'InboundTProxyRouteTable',
  INBOUND_PORTS_INCLUDE: 'InboundPortsInclude',
  INBOUND_PORTS_EXCLUDE: 'InboundPortsExclude',
  OUTBOUND_OWNER_GROUPS_INCLUDE: 'OwnerGroupsInclude',
  OUTBOUND_OWNER_GROUPS_EXCLUDE: 'OwnerGroupsExclude',
  OUTBOUND_IP_RANGES_INCLUDE: 'OutboundIPRangesInclude',
  OUTBOUND_IP_RANGES_EXCLUDE: 'OutboundIPRangesExclude',
  OUTBOUND_PORTS_INCLUDE: 'OutboundPortsInclude',
  OUTBOUND_PORTS_EXCLUDE: 'OutboundPortsExclude',
  KUBEVIRT_INTERFACES: 'RerouteVirtualInterfaces',
  KUBE_VIRT_INTERFACES: 'RerouteVirtualInterfaces',
  REROUTE_VIRTUAL_INTERFACES: 'RerouteVirtualInterfaces',
  ENABLE_INBOUND_IPV6: 'EnableIPv6',
  ENABLE_IPV6: 'EnableIPv6',
  DUAL_STACK: 'DualStack',
  DNS_CAPTURE: 'RedirectDNS',
  DROP_INVALID: 'DropInvalid',
  CAPTURE_ALL_DNS: 'CaptureAllDNS',
  OUTPUT_PATH: 'OutputPath',
  NETWORK_NAMESPACE: 'NetworkNamespace',
  CNI_MODE: 'HostFilesystemPodNetwork',
  HOST_NSENTER_EXEC: 'HostNSEnterExec',
  EXCLUDE_INTERFACES: 'ExcludeInterfaces',
  IPTABLES_VERSION: 'IPTablesVersion',
  RECONCILE: 'Reconcile',
  CLEANUP_ONLY: 'CleanupOnly',
  FORCE_APPLY: 'ForceApply',
  NATIVE_NFTABLES: 'NativeNftables',
  FORCE_IPTABLES_BINARY: 'ForceIptablesBinary',
}

const BOOL_LABELS = new Set([
  'ENABLE_INBOUND_IPV6',
  'ENABLE_IPV6',
  'DUAL_STACK',
  'DNS_CAPTURE',
  'DROP_INVALID',
  'CAPTURE_ALL_DNS',
  'CNI_MODE',
  'HOST_NSENTER_EXEC',
  'RECONCILE',
  'CLEANUP_ONLY',
  'FORCE_APPLY',
  'NATIVE_NFTABLES',
])

export interface LabelAssignment {
  field: string
  value: FieldValue
}

/**
 * The fields one Variables line sets. `DNS_SERVERS=[a b],[c]` sets both server lists; a bool label whose value does
 * not parse sets nothing. Unknown labels give null.
 */
export function fieldsOfVariable(label: string, text: string): LabelAssignment[] | null {
  if (label === 'DNS_SERVERS') {
    const m = /^\[([^\]]*)\],\[([^\]]*)\]$/.exec(text.trim())
    if (!m) return []
    return [
      { field: 'DNSServersV4', value: parseListValue(`[${m[1] as string}]`) },
      { field: 'DNSServersV6', value: parseListValue(`[${m[2] as string}]`) },
    ]
  }
  const field = VARIABLE_LABELS[label]
  if (!field) return null
  if (BOOL_LABELS.has(label)) {
    const b = parseGoBool(text)
    return b === null ? [] : [{ field, value: b }]
  }
  return [{ field, value: text }]
}
