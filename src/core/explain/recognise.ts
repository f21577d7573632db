import type { RoleId } from './roles.ts'
import { hasOnly, isInLo, isOutLo, onePort, protoIs, type RuleShape } from './rule-shape.ts'
import { cidrEquals, isLoopbackCidr } from './rule-access.ts'
import type { RuleContext } from './recognise-context.ts'
import { recogniseDnsNatRule, recogniseOutputRule } from './recognise-output.ts'

/** The Istio role of one rule, from its shape and its place in the graph of chains; null when it is not Istio's. */
export function recogniseRule(shape: RuleShape, ctx: RuleContext): RoleId | null {
  switch (ctx.chainKind) {
    case 'output':
      return recogniseOutputRule(shape, ctx)
    case 'output-dns':
      return shape.target === 'NFLOG' ? 'istio-trace-nflog' : recogniseDnsNatRule(shape, ctx)
    case 'redirect':
    case 'in-redirect':
      return recogniseRedirectRule(shape, ctx)
    case 'inbound':
      return ctx.table === 'mangle' ? recogniseMangleInbound(shape, ctx) : recogniseNatInbound(shape, ctx)
    case 'divert':
      if (shape.target === 'MARK' && hasOnly(shape, [])) return 'istio-divert-mark'
      if (shape.target === 'ACCEPT' && hasOnly(shape, [])) return 'istio-divert-accept'
      return null
    case 'tproxy':
      return shape.target === 'TPROXY' ? 'istio-tproxy-target' : null
    case 'drop':
      return shape.target === 'DROP' && hasOnly(shape, []) ? 'istio-drop' : null
    case 'raw-output-dns':
    case 'raw-inbound':
      return recogniseConntrackZone(shape)
    case null:
      return ctx.istio ? recogniseBuiltinRule(shape, ctx) : null
  }
}

function recogniseRedirectRule(shape: RuleShape, ctx: RuleContext): RoleId | null {
  if (shape.target === 'NFLOG') return 'istio-trace-nflog'
  if (shape.target !== 'REDIRECT') return null
  if (onePort(shape.dport) === '53') return 'istio-dns-tcp-redirect'
  if (!hasOnly(shape, ['proto'])) return null
  return ctx.chainKind === 'in-redirect' ? 'istio-in-redirect' : 'istio-redirect'
}

function recogniseNatInbound(shape: RuleShape, ctx: RuleContext): RoleId | null {
  if (shape.target === 'NFLOG') return 'istio-trace-nflog'
  const port = onePort(shape.dport)
  if (shape.target === 'RETURN' && port && hasOnly(shape, ['proto', 'dport']))
    return port === ctx.facts.tunnelPort ? 'istio-inbound-tunnel-port-return' : 'istio-inbound-exclude-port'
  if (ctx.targetKind === 'in-redirect') {
    if (hasOnly(shape, ['proto'])) return 'istio-inbound-capture'
    if (port && hasOnly(shape, ['proto', 'dport'])) return 'istio-inbound-capture-port'
  }
  return null
}

function recogniseMangleInbound(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const port = onePort(shape.dport)
  if (shape.target === 'RETURN') {
    if (shape.mark && !shape.mark.negated && hasOnly(shape, ['proto', 'mark'])) return 'istio-tproxy-inbound-mark-return'
    if (isInLo(shape) && shape.mark?.negated && hasOnly(shape, ['proto', 'inIface', 'mark'])) return 'istio-tproxy-inbound-loopback-return'
    if (
      isInLo(shape) &&
      shape.src &&
      !shape.src.negated &&
      (cidrEquals(shape.src.text, '127.0.0.6/32') || cidrEquals(shape.src.text, '::6/128')) &&
      hasOnly(shape, ['proto', 'inIface', 'src'])
    )
      return 'istio-tproxy-inbound-passthrough-127.0.0.6'
    if (port && hasOnly(shape, ['proto', 'dport']))
      return port === ctx.facts.tunnelPort ? 'istio-inbound-tunnel-port-return' : 'istio-inbound-exclude-port'
    return null
  }
  const divert = ctx.targetKind === 'divert'
  const tproxy = ctx.targetKind === 'tproxy'
  if (divert && shape.ctstate && !shape.ctstate.negated && hasOnly(shape, ['proto', 'dport', 'ctstate'])) return 'istio-tproxy-divert-established'
  if (tproxy && hasOnly(shape, ['proto', 'dport'])) return 'istio-tproxy-capture'
  return null
}

function recogniseConntrackZone(shape: RuleShape): RoleId | null {
  if (shape.target !== 'CT' || !protoIs(shape, 'udp')) return null
  const dport = onePort(shape.dport)
  const sport = onePort(shape.sport)
  const owned = shape.owners.length > 0
  if (dport === '53' && owned && hasOnly(shape, ['proto', 'dport', 'owners'])) return 'istio-dns-ct-zone-proxy-query'
  if (sport !== null && sport !== '53' && owned && hasOnly(shape, ['proto', 'sport', 'owners'])) return 'istio-dns-ct-zone-proxy-reply'
  if (dport === '53' && !owned && hasOnly(shape, ['proto', 'dport', 'dst'])) return 'istio-dns-ct-zone-app-query'
  if (sport === '53' && !owned && hasOnly(shape, ['proto', 'sport', 'src', 'dst'])) return 'istio-dns-ct-zone-server-reply'
  return null
}

/** Rules Istio adds to the built-in chains: the jumps into its chains and a few stand-alone rules. */
function recogniseBuiltinRule(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const { table, chain, targetKind } = ctx
  const target = shape.target
  if (target === 'NFLOG') return 'istio-trace-nflog'
  if (table === 'raw') {
    if (chain === 'OUTPUT' && targetKind === 'raw-output-dns' && (hasOnly(shape, []) || (protoIs(shape, 'udp') && hasOnly(shape, ['proto']))))
      return 'istio-dns-raw-output-jump'
    if (chain === 'PREROUTING' && targetKind === 'raw-inbound' && hasOnly(shape, [])) return 'istio-dns-raw-inbound-jump'
    return recogniseConntrackZone(shape)
  }
  if (chain === 'PREROUTING' && targetKind === 'inbound' && protoIs(shape, 'tcp') && hasOnly(shape, ['proto'])) return 'istio-jump-inbound'
  if (table === 'nat' && chain === 'OUTPUT' && targetKind === 'output') {
    if (hasOnly(shape, []) || (protoIs(shape, 'tcp') && hasOnly(shape, ['proto']))) return 'istio-jump-output'
    if (protoIs(shape, 'udp') && hasOnly(shape, ['proto'])) return 'istio-jump-output-udp'
  }
  if (target === 'RETURN' && chain === 'PREROUTING' && shape.inIface && !shape.inIface.negated && hasOnly(shape, ['inIface']))
    return table === 'nat' && !ctx.outputExcludedInterfaces.includes(shape.inIface.name) ? 'istio-kubevirt-return' : 'istio-exclude-interface'
  if (target === 'RETURN' && chain === 'OUTPUT' && shape.outIface && !shape.outIface.negated && !isOutLo(shape) && hasOnly(shape, ['outIface']))
    return 'istio-exclude-interface'
  if (table === 'nat') return recogniseNatBuiltin(shape, ctx)
  if (table === 'mangle') return recogniseMangleBuiltin(shape, ctx)
  return null
}

function recogniseNatBuiltin(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const { chain, targetKind } = ctx
  if (
    chain === 'PREROUTING' &&
    (targetKind === 'redirect') &&
    shape.inIface &&
    !shape.inIface.negated &&
    hasOnly(shape, ['inIface', 'dst'])
  )
    return 'istio-kubevirt-redirect'
  if (chain === 'OUTPUT') return recogniseDnsNatRule(shape, ctx)
  if (chain === 'POSTROUTING' && shape.target === 'SNAT' && protoIs(shape, 'udp') && onePort(shape.dport) && hasOnly(shape, ['proto', 'dport']))
    return 'istio-dns-udp-snat'
  return null
}

function recogniseMangleBuiltin(shape: RuleShape, ctx: RuleContext): RoleId | null {
  const { chain, targetKind } = ctx
  const target = shape.target
  if (chain === 'PREROUTING') {
    if (target === 'CONNMARK' && shape.mark && !shape.mark.negated && hasOnly(shape, ['proto', 'mark'])) return 'istio-tproxy-connmark-save'
    const toDrop = target === 'DROP' || targetKind === 'drop'
    if (toDrop && shape.ctstate?.states.includes('INVALID') && hasOnly(shape, ['ctstate'])) return 'istio-drop-invalid'
    return null
  }
  if (chain !== 'OUTPUT') return null
  if (target === 'CONNMARK' && shape.connmark && !shape.connmark.negated && hasOnly(shape, ['proto', 'connmark'])) return 'istio-tproxy-connmark-restore'
  if (target === 'RETURN' && isOutLo(shape) && shape.mark && !shape.mark.negated && hasOnly(shape, ['proto', 'outIface', 'mark']))
    return 'istio-tproxy-output-mark-return'
  if (target === 'MARK') {
    if (isOutLo(shape) && shape.owners.length === 1 && shape.dst?.negated && hasOnly(shape, ['proto', 'outIface', 'dst', 'owners']))
      return 'istio-tproxy-output-mark-1338'
    if (
      shape.src &&
      !shape.src.negated &&
      shape.src.cidr &&
      isLoopbackCidr(shape.src.cidr) &&
      shape.dst?.negated &&
      hasOnly(shape, ['proto', 'src', 'dst'])
    )
      return 'istio-tproxy-output-local-mark'
  }
  return null
}
