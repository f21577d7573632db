import type { FieldName, ResolvedConfig } from './config-model.ts'
import type { FieldValue } from './fields.ts'
import { has, level, type Profile } from './profiles.ts'
import { isLatest } from './versions.ts'
import { VARIABLE_LABELS } from './variables-labels.ts'

/** The env var names the log's Environment block prints, in order (spec A8, C4.5, B7). */
export function environmentNames(p: Profile): string[] {
  if (!has(p, 'C-44')) {
    return [
      'ENVOY_PORT',
      'INBOUND_CAPTURE_PORT',
      'ISTIO_INBOUND_INTERCEPTION_MODE',
      'ISTIO_INBOUND_TPROXY_MARK',
      'ISTIO_INBOUND_TPROXY_ROUTE_TABLE',
      'ISTIO_INBOUND_PORTS',
      ...(has(p, 'C-41') ? ['ISTIO_OUTBOUND_PORTS'] : []),
      'ISTIO_LOCAL_EXCLUDE_PORTS',
      'ISTIO_SERVICE_CIDR',
      'ISTIO_SERVICE_EXCLUDE_CIDR',
      ...(has(p, 'C-43') ? ['ISTIO_META_DNS_CAPTURE'] : []),
      ...(has(p, 'C-11') ? ['ISTIO_META_DNS_CONNTRACK_ZONE'] : []),
    ]
  }
  return [
    'ENVOY_PORT',
    'INBOUND_CAPTURE_PORT',
    'ISTIO_INBOUND_INTERCEPTION_MODE',
    'ISTIO_INBOUND_TPROXY_ROUTE_TABLE',
    'ISTIO_INBOUND_PORTS',
    'ISTIO_OUTBOUND_PORTS',
    'ISTIO_LOCAL_EXCLUDE_PORTS',
    ...(has(p, 'C-14') ? ['ISTIO_EXCLUDE_INTERFACES'] : []),
    'ISTIO_SERVICE_CIDR',
    'ISTIO_SERVICE_EXCLUDE_CIDR',
    'ISTIO_META_DNS_CAPTURE',
    ...(has(p, 'C-19') ? ['INVALID_DROP'] : []),
  ]
}

function when(cond: boolean, ...labels: string[]): string[] {
  return cond ? labels : []
}

/** The labels of the Variables block (config.Print), in order. */
export function variableLabels(p: Profile): string[] {
  return [
    ...when(level(p, 'C-31') === 1, 'IPTABLES_VERSION'),
    'PROXY_PORT',
    'PROXY_INBOUND_CAPTURE_PORT',
    ...when(has(p, 'C-41'), 'PROXY_TUNNEL_PORT'),
    'PROXY_UID',
    'PROXY_GID',
    'INBOUND_INTERCEPTION_MODE',
    'INBOUND_TPROXY_MARK',
    'INBOUND_TPROXY_ROUTE_TABLE',
    'INBOUND_PORTS_INCLUDE',
    'INBOUND_PORTS_EXCLUDE',
    ...when(has(p, 'C-21'), 'OUTBOUND_OWNER_GROUPS_INCLUDE', 'OUTBOUND_OWNER_GROUPS_EXCLUDE'),
    'OUTBOUND_IP_RANGES_INCLUDE',
    'OUTBOUND_IP_RANGES_EXCLUDE',
    ...when(has(p, 'C-41'), 'OUTBOUND_PORTS_INCLUDE'),
    'OUTBOUND_PORTS_EXCLUDE',
    has(p, 'C-16') ? 'KUBE_VIRT_INTERFACES' : 'KUBEVIRT_INTERFACES',
    'ENABLE_INBOUND_IPV6',
    ...when(level(p, 'C-26') >= 2, 'DUAL_STACK'),
    ...when(has(p, 'C-43'), 'DNS_CAPTURE'),
    ...when(has(p, 'C-19'), 'DROP_INVALID'),
    ...when(has(p, 'C-13'), 'CAPTURE_ALL_DNS'),
    ...when(has(p, 'C-42'), 'DNS_SERVERS'),
    ...when(has(p, 'C-46') && !has(p, 'C-25'), 'OUTPUT_PATH'),
    ...when(has(p, 'C-46'), 'NETWORK_NAMESPACE', 'CNI_MODE'),
    ...when(p.version.minor >= 15 && p.version.minor <= 17, 'HOST_NSENTER_EXEC'),
    ...when(has(p, 'C-14'), 'EXCLUDE_INTERFACES'),
    ...when(has(p, 'C-39'), 'RECONCILE', 'CLEANUP_ONLY', 'FORCE_APPLY'),
    ...when(has(p, 'L-8'), 'NATIVE_NFTABLES', 'FORCE_IPTABLES_BINARY'),
  ]
}

function goText(v: FieldValue): string {
  if (Array.isArray(v)) return `[${v.join(' ')}]`
  if (v === null) return ''
  return String(v)
}

function variableValue(label: string, r: ResolvedConfig): string {
  if (label === 'DNS_SERVERS') return `${goText(r.fields.DNSServersV4.value)},${goText(r.fields.DNSServersV6.value)}`
  const field = VARIABLE_LABELS[label] as FieldName
  return goText(r.fields[field].value)
}

/**
 * The Environment and Variables blocks as this version's log prints them: `Environment:`/`Variables:` with dashed
 * underlines and a blank line after each (1.5–1.10), `Istio iptables environment:`/`…variables:` (1.11–1.24),
 * `Istio config:` for the variables from 1.25.
 */
export function renderVariables(r: ResolvedConfig): string {
  const p = r.profile
  const env = environmentNames(p).map((n) => `${n}=${r.env.get(n) ?? ''}`)
  const vars = variableLabels(p).map((l) => `${l}=${variableValue(l, r)}`)
  if (!has(p, 'C-44')) return ['Environment:', '------------', ...env, '', 'Variables:', '----------', ...vars, '', ''].join('\n')
  const header = isLatest(p.version) ? 'Istio config:' : 'Istio iptables variables:'
  return ['Istio iptables environment:', ...env, header, ...vars, ''].join('\n')
}
