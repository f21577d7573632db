import type { ListenerRole } from './types.ts'

/**
 * What listens on a pod port in an Istio sidecar (spec Part D). Ports the ruleset names as application ports are
 * the app; anything else in the pod is `other`.
 */
const WELL_KNOWN: Readonly<Record<number, ListenerRole>> = {
  15001: 'envoy-outbound',
  15006: 'envoy-inbound',
  15053: 'dns-proxy',
  15008: 'hbone',
  15090: 'envoy-prometheus',
  15020: 'pilot-agent',
  15021: 'envoy-health',
  22: 'ssh',
}

export function roleOfPort(netns: 'pod' | 'remote', port: number, appPorts: ReadonlySet<number>): ListenerRole {
  if (netns === 'remote') return 'remote'
  const known = WELL_KNOWN[port]
  if (known) return known
  return appPorts.has(port) || appPorts.size === 0 ? 'app' : 'other'
}
