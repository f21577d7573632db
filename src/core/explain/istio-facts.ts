import type { Ruleset } from '../model/ruleset.ts'
import { formatCidr, parseCidr } from '../net/ip.ts'
import { chainKey, type ChainKinds, type ShapeOf } from './chain-kinds.ts'
import { markValue, redirectPort, targetOption } from './rule-access.ts'
import { isOutLo, ruleShape } from './rule-shape.ts'

/**
 * The configuration a ruleset reveals: who the proxy is, which ports it listens on. The recogniser needs the proxy
 * ids to tell rule ⑦ from an owner-group exclusion, and the texts quote these values instead of assuming defaults
 * (a VM's proxy is uid 997, not 1337).
 */
export interface IstioFacts {
  proxyUids: string[]
  proxyGids: string[]
  /** ISTIO_INBOUND's tunnel RETURN and the `! --dport` of ②/⑤ (15008 unless `-e` changed it). */
  tunnelPort: string
  /** Destinations ② and ⑧ treat as "localhost": 127.0.0.1/32 and ::1/128 unless ISTIO_OUTBOUND_IPV4_LOOPBACK_CIDR says otherwise. */
  loopbackCidrs: string[]
  outboundPort: string | null
  inboundPort: string | null
  dnsPort: string | null
  tproxyMark: string | null
  mode: 'REDIRECT' | 'TPROXY' | null
}

export interface FactsOptions {
  /** Extra loopback CIDRs to treat as ⑧'s destination (HostIPv4LoopbackCidr), e.g. `127.0.0.1/8`. */
  loopbackCidrs?: readonly string[]
}

export const DEFAULT_LOOPBACK_CIDRS: readonly string[] = ['127.0.0.1/32', '::1/128']

export function collectFacts(ruleset: Ruleset, kinds: ChainKinds, options: FactsOptions = {}, shapeOf: ShapeOf = ruleShape): IstioFacts {
  const facts: IstioFacts = {
    proxyUids: [],
    proxyGids: [],
    tunnelPort: '15008',
    loopbackCidrs: [...DEFAULT_LOOPBACK_CIDRS],
    outboundPort: null,
    inboundPort: null,
    dnsPort: null,
    tproxyMark: null,
    mode: null,
  }
  const addCidr = (text: string): void => {
    const c = parseCidr(text)
    if (!c) return
    const canonical = formatCidr(c)
    if (!facts.loopbackCidrs.includes(canonical)) facts.loopbackCidrs.push(canonical)
  }
  for (const c of options.loopbackCidrs ?? []) addCidr(c)
  let tunnelSeen = false
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      const kind = kinds.get(chainKey(table.name, chain.name))
      for (const rule of chain.rules) {
        const target = rule.target?.name ?? ''
        // Only owner rules and REDIRECTs tell facts; the shapes of a big dump's other rules are never needed.
        const shape = kind === 'output' || target === 'REDIRECT' ? shapeOf(rule, ruleset.family) : null
        if (shape && kind === 'output' && isOutLo(shape) && shape.owners.length === 1) {
          const owner = shape.owners[0]
          if (owner) {
            const list = owner.kind === 'uid' ? facts.proxyUids : facts.proxyGids
            if (!list.includes(owner.id)) list.push(owner.id)
          }
          if (!owner?.negated && shape.dst?.negated && shape.dst.cidr) addCidr(formatCidr(shape.dst.cidr))
          const excluded = shape.dport?.negated ? shape.dport.ports.filter((p) => p !== '53') : []
          if (!tunnelSeen && excluded.length === 1 && excluded[0]) {
            facts.tunnelPort = excluded[0]
            tunnelSeen = true
          }
        }
        if (shape && target === 'REDIRECT') {
          if (kind === 'redirect' && !shape.dport) facts.outboundPort ??= redirectPort(rule)
          if (kind === 'in-redirect') facts.inboundPort ??= redirectPort(rule)
          if (shape.dport?.ports.includes('53') && !shape.dport.negated) facts.dnsPort ??= redirectPort(rule)
        }
        if (target === 'TPROXY') {
          facts.mode = 'TPROXY'
          facts.inboundPort ??= redirectPort(rule)
          const mark = markValue(targetOption(rule, '--tproxy-mark', '--on-mark')?.args[0])
          if (mark !== null) facts.tproxyMark ??= String(mark)
        }
      }
    }
  }
  if (facts.mode === null && (facts.inboundPort || facts.outboundPort)) facts.mode = 'REDIRECT'
  return facts
}
