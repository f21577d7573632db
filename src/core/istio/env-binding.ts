import { flagByField } from './flag-table.ts'
import { has, level, type Profile } from './profiles.ts'

/**
 * How each field reads the environment in one version (spec A2, B2, C2). Before C-28 viper binds every flag to the
 * env var named after it (a non-empty value wins over the default); from C-28 flag.BindEnv applies a set variable
 * even when empty, ENVOY_PORT is gone and the old "default from" variables become overriding aliases.
 */
export interface EnvBinding {
  /** The variable bound to the flag (`ENVOY_PORT` for --envoy-port). */
  primary?: string
  /** Read only when the primary is unset (viper era): `ISTIO_META_DNS_CAPTURE` for --redirect-dns. */
  defaultFrom?: string
  /** Applied after the primary (BindEnv era). */
  override?: string
  /** Env-only settings read with os.LookupEnv: set-but-empty counts. */
  lookup?: string
  /** Pseudo-fields of 1.6–1.10 computed from raw variables. */
  custom?: (env: ReadonlyMap<string, string>) => { value: boolean; name: string } | null
}

const nonEmpty = (env: ReadonlyMap<string, string>, name: string): boolean => (env.get(name) ?? '') !== ''
const truthy = (env: ReadonlyMap<string, string>, name: string): boolean => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(env.get(name) ?? '')

export function flagEnvName(long: string): string {
  return long.toUpperCase().replace(/-/g, '_')
}

export function envBinding(field: string, p: Profile): EnvBinding {
  const bindEnv = has(p, 'C-28')
  switch (field) {
    case 'ProxyPort':
      return bindEnv ? {} : { primary: 'ENVOY_PORT' }
    case 'OwnerGroupsInclude':
      return { lookup: 'ISTIO_OUTBOUND_OWNER_GROUPS' }
    case 'OwnerGroupsExclude':
      return { lookup: 'ISTIO_OUTBOUND_OWNER_GROUPS_EXCLUDE' }
    case 'HostIPv4LoopbackCidr':
      return { lookup: 'ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR' }
    case 'DNSCaptureByAgent':
      return { custom: (env) => (env.has('DNS_AGENT') ? { value: nonEmpty(env, 'DNS_AGENT'), name: 'DNS_AGENT' } : null) }
    case 'DNSConntrackZone':
      return { custom: (env) => (env.has('ISTIO_META_DNS_CONNTRACK_ZONE') ? { value: truthy(env, 'ISTIO_META_DNS_CONNTRACK_ZONE'), name: 'ISTIO_META_DNS_CONNTRACK_ZONE' } : null) }
    case 'RedirectDNS':
      switch (level(p, 'C-9')) {
        case 1:
          return { custom: (env) => (env.has('DNS_CAPTURE') ? { value: nonEmpty(env, 'DNS_CAPTURE'), name: 'DNS_CAPTURE' } : null) }
        case 2:
          return {
            custom: (env) => {
              if (nonEmpty(env, 'DNS_AGENT')) return { value: true, name: 'DNS_AGENT' }
              return env.has('ISTIO_META_DNS_CAPTURE') ? { value: nonEmpty(env, 'ISTIO_META_DNS_CAPTURE'), name: 'ISTIO_META_DNS_CAPTURE' } : null
            },
          }
        case 3:
          return { custom: (env) => (env.has('ISTIO_META_DNS_CAPTURE') ? { value: truthy(env, 'ISTIO_META_DNS_CAPTURE'), name: 'ISTIO_META_DNS_CAPTURE' } : null) }
        default:
          return bindEnv ? { primary: 'REDIRECT_DNS', override: 'ISTIO_META_DNS_CAPTURE' } : { primary: 'REDIRECT_DNS', defaultFrom: 'ISTIO_META_DNS_CAPTURE' }
      }
    case 'DropInvalid':
      return bindEnv ? { primary: 'DROP_INVALID', override: 'INVALID_DROP' } : { primary: 'DROP_INVALID', defaultFrom: 'INVALID_DROP' }
    case 'DualStack':
      switch (level(p, 'C-26')) {
        case 1:
          return { custom: (env) => (env.has('ISTIO_AGENT_DUAL_STACK') ? { value: truthy(env, 'ISTIO_AGENT_DUAL_STACK'), name: 'ISTIO_AGENT_DUAL_STACK' } : null) }
        case 2:
          return { primary: 'DUAL_STACK', defaultFrom: 'ISTIO_AGENT_DUAL_STACK' }
        case 3:
          return { custom: (env) => (env.has('ISTIO_DUAL_STACK') ? { value: truthy(env, 'ISTIO_DUAL_STACK'), name: 'ISTIO_DUAL_STACK' } : null) }
        default:
          return bindEnv ? { primary: 'DUAL_STACK', override: 'ISTIO_DUAL_STACK' } : { primary: 'DUAL_STACK', defaultFrom: 'ISTIO_DUAL_STACK' }
      }
    default: {
      const flag = flagByField(field)
      return flag ? { primary: flagEnvName(flag.long) } : {}
    }
  }
}

/** Every env var name some field of this version reads: the set the UI can offer and detection can look for. */
export function boundEnvNames(fields: readonly string[], p: Profile): string[] {
  const names = new Set<string>()
  for (const f of fields) {
    const b = envBinding(f, p)
    for (const n of [b.primary, b.defaultFrom, b.override, b.lookup]) if (n) names.add(n)
  }
  return [...names]
}
