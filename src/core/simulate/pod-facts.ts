import type { Family, Ruleset } from '../model/ruleset.ts'
import { parseMarkMask } from './compile/decode.ts'
import type { PodFacts, PolicyRoute } from './types.ts'

/** The oracle's defaults: pod 10.10.13.113/24 behind 10.10.13.1 (IPv6 fd00:10:13::113/64 behind fd00:10:13::1). */
export function defaultPodFacts(): PodFacts {
  return {
    v4: { address: '10.10.13.113', prefix: 24, gateway: '10.10.13.1' },
    v6: { address: 'fd00:10:13::113', prefix: 64, gateway: 'fd00:10:13::1' },
    policyRoutes: [],
    listen: [],
    backend: 'nft',
    sportBase: 40001,
  }
}

/** istio-iptables' default `--istio-inbound-tproxy-route-table`. */
export const ISTIO_TPROXY_ROUTE_TABLE = 133

export type RulesetInput = Ruleset | Partial<Record<Family, Ruleset>> | readonly Ruleset[]

/**
 * A ruleset read without any address reads as IPv4; rules loaded with ip6tables-restore are the same text. The
 * caller who knows (`oracle --ipv6`, `cli simulate --ipv6`) says so.
 */
export function withFamily(ruleset: Ruleset, family: Family): Ruleset {
  return ruleset.family === family ? ruleset : { ...ruleset, family }
}

export function rulesetList(input: RulesetInput): Ruleset[] {
  if (Array.isArray(input)) return [...(input as readonly Ruleset[])]
  if ('tables' in (input as object) && 'family' in (input as object)) return [input as Ruleset]
  const byFamily = input as Partial<Record<Family, Ruleset>>
  return [byFamily[4], byFamily[6]].filter((r): r is Ruleset => r !== undefined)
}

/**
 * Pod facts for a ruleset: the defaults, plus the policy routing istio-iptables installs next to TPROXY rules
 * (`ip rule add fwmark <tproxy mark> lookup 133`, `ip route add local default dev lo table 133`). The route table
 * is not in the rules; 133 is istio-iptables' default. Callers may switch it off (`policyRoutes: []`).
 */
export function derivePodFacts(input: RulesetInput, base: Partial<PodFacts> = {}): PodFacts {
  const facts = { ...defaultPodFacts(), ...base }
  if (base.policyRoutes !== undefined) return facts
  const routes: PolicyRoute[] = []
  for (const rs of rulesetList(input)) {
    for (const t of rs.tables) {
      for (const c of t.chains) {
        for (const r of c.rules) {
          if (r.target?.name !== 'TPROXY') continue
          const opt = r.target.options.find((o) => o.name === '--tproxy-mark')
          const mm = opt ? parseMarkMask(opt.args[0] ?? '') : null
          if (!mm || mm.value === 0) continue
          if (!routes.some((x) => x.fwmark === mm.value)) routes.push({ fwmark: mm.value, mask: 0xffffffff, table: ISTIO_TPROXY_ROUTE_TABLE })
        }
      }
    }
  }
  facts.policyRoutes = routes
  return facts
}
