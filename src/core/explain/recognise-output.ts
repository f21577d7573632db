import { networkOf, parseCidr, type Cidr } from '../net/ip.ts'
import type { RoleId } from './roles.ts'
import { cidrEquals, isLoopbackCidr } from './rule-access.ts'
import { hasOnly, isOutLo, onePort, protoIs, type RuleShape } from './rule-shape.ts'
import type { RuleContext } from './recognise-context.ts'

const PASSTHROUGH_SOURCES = ['127.0.0.6/32', '::6/128']

/**
 * Roles of the rules in ISTIO_OUTPUT (nat), by structure. Positions never decide, so the nine rules are found
 * after outbound-port excludes, around DNS and owner-group rules, and in any order.
 */
export function recogniseOutputRule(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const target = shape.target
  const toInRedirect = ctx.targetKind === 'in-redirect'
  const toRedirect = ctx.targetKind === 'redirect'
  const owner = shape.owners.length === 1 ? shape.owners[0] : undefined

  if (target === 'NFLOG') return 'istio-trace-nflog'
  if (ctx.targetKind === 'output-dns' && hasOnly(shape, [])) return 'istio-output-dns-jump'

  // ① Envoy's inbound passthrough connection, bound to 127.0.0.6 / ::6.
  if (
    target === 'RETURN' &&
    isOutLo(shape) &&
    shape.src &&
    !shape.src.negated &&
    PASSTHROUGH_SOURCES.some((s) => cidrEquals(shape.src?.text ?? '', s)) &&
    hasOnly(shape, ['outIface', 'src', 'proto'])
  )
    return 'istio-output-passthrough-127.0.0.6'

  // Istio ≤ 1.4: every process's lo connection to a pod address went through the inbound listener.
  if (
    toInRedirect &&
    shape.owners.length === 0 &&
    isOutLo(shape) &&
    shape.dst?.negated &&
    shape.dst.cidr &&
    isLoopbackCidr(shape.dst.cidr) &&
    hasOnly(shape, ['outIface', 'dst', 'proto'])
  )
    return 'istio-output-loopback-redirect-pre-1.5'

  // ② ⑤ The proxy calling a pod address over lo goes back through the inbound listener.
  if (
    toInRedirect &&
    owner &&
    !owner.negated &&
    isOutLo(shape) &&
    shape.dst?.negated &&
    shape.dst.cidr &&
    isLoopbackCidr(shape.dst.cidr) &&
    (shape.dport === null || shape.dport.negated) &&
    hasOnly(shape, ['outIface', 'dst', 'proto', 'dport', 'owners'])
  )
    return owner.kind === 'uid' ? 'istio-output-proxy-uid-loopback-redirect' : 'istio-output-proxy-gid-loopback-redirect'

  // ③ ⑥ Anything else on lo not sent by the proxy stays in the pod.
  if (
    target === 'RETURN' &&
    owner?.negated &&
    isOutLo(shape) &&
    (shape.dport === null || shape.dport.negated) &&
    hasOnly(shape, ['outIface', 'proto', 'dport', 'owners'])
  )
    return owner.kind === 'uid' ? 'istio-output-non-proxy-uid-loopback-return' : 'istio-output-non-proxy-gid-loopback-return'

  // DNS over UDP (1.23–1.24 keep these in ISTIO_OUTPUT; earlier and later releases elsewhere).
  const dns = recogniseDnsNatRule(shape, ctx)
  if (dns) return dns

  // ④ ⑦ and the owner-group filters.
  if (target === 'RETURN' && shape.owners.length > 0 && hasOnly(shape, ['owners'])) {
    if (shape.owners.every((o) => o.kind === 'gid' && o.negated)) return 'istio-output-owner-group-include'
    if (owner && !owner.negated) {
      if (owner.kind === 'uid') return 'istio-output-proxy-uid-return'
      return isProxyGid(owner.id, ctx) ? 'istio-output-proxy-gid-return' : 'istio-output-owner-group-exclude'
    }
    return null
  }

  // ⑧ and the exclude-CIDR RETURNs after it.
  if (target === 'RETURN' && shape.dst && !shape.dst.negated && hasOnly(shape, ['dst'])) {
    const cidr = shape.dst.cidr
    if (cidr && isLoopbackCidr(cidr) && ctx.facts.loopbackCidrs.some((text) => sameNetwork(text, cidr))) return 'istio-output-localhost-return'
    return 'istio-output-exclude-cidr'
  }

  if (target === 'RETURN' && hasOnly(shape, ['proto', 'dport']) && onePort(shape.dport) && !shape.proto?.negated)
    return 'istio-output-exclude-port'

  if (target === 'RETURN' && hasOnly(shape, [])) {
    // A bare RETURN ends an include-CIDR list (before 1.23); before ⑧ it is an empty owner-group include list.
    return ctx.chainHasIncludeCidr ? 'istio-output-include-cidr-tail-return' : 'istio-output-owner-group-include'
  }

  if (toRedirect) {
    if (hasOnly(shape, [])) return 'istio-output-redirect'
    if (shape.dst && !shape.dst.negated && hasOnly(shape, ['dst'])) return 'istio-output-include-cidr'
    if (protoIs(shape, 'tcp') && onePort(shape.dport) && hasOnly(shape, ['proto', 'dport'])) return 'istio-output-include-port'
  }
  return null
}

/** `127.0.0.1/8` and `127.0.0.0/8` are the same network: istio-iptables keeps host bits, iptables-save clears them. */
function sameNetwork(text: string, cidr: Cidr): boolean {
  const other = parseCidr(text)
  if (!other || other.prefix !== cidr.prefix || other.address.version !== cidr.address.version) return false
  return networkOf(other).address.value === networkOf(cidr).address.value
}

function isProxyGid(id: string, ctx: RuleContext): boolean {
  const gids = ctx.facts.proxyGids
  // With no ⑤/⑥ to learn from, istio-iptables' default applies: the proxy gid equals its uid.
  if (gids.length === 0) return ctx.facts.proxyUids.length === 0 || ctx.facts.proxyUids.includes(id)
  return gids.includes(id)
}

/**
 * DNS rules of the nat table, wherever a release put them: built-in OUTPUT (1.6–1.22), ISTIO_OUTPUT (TCP from 1.9;
 * UDP 1.23–1.24), ISTIO_OUTPUT_DNS (1.25+), ISTIO_REDIRECT (TCP, 1.8).
 */
export function recogniseDnsNatRule(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const dport = onePort(shape.dport)
  const target = shape.target
  if (dport === '53' && (target === 'REDIRECT' || target === 'DNAT') && hasOnly(shape, ['proto', 'dport', 'dst'])) {
    if (shape.dst?.negated) return null
    if (protoIs(shape, 'tcp')) return 'istio-dns-tcp-redirect'
    if (protoIs(shape, 'udp')) return target === 'DNAT' ? 'istio-dns-udp-dnat' : 'istio-dns-udp-redirect'
  }
  if (dport === '53' && protoIs(shape, 'udp') && target === 'RETURN' && shape.owners.length > 0 && hasOnly(shape, ['proto', 'dport', 'owners'])) {
    if (shape.owners.every((o) => o.kind === 'gid' && o.negated)) return 'istio-dns-udp-owner-group-include'
    const owner = shape.owners[0]
    if (shape.owners.length !== 1 || !owner || owner.negated) return null
    if (owner.kind === 'uid') return 'istio-dns-udp-proxy-return'
    return isProxyGid(owner.id, ctx) ? 'istio-dns-udp-proxy-return' : 'istio-dns-udp-owner-group-exclude'
  }
  return null
}
