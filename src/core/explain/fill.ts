import type { Family, Rule } from '../model/ruleset.ts'
import { formatCidr } from '../net/ip.ts'
import type { IstioFacts } from './istio-facts.ts'
import { ctZone, isLoopbackCidr, markValue, redirectPort, targetOption } from './rule-access.ts'
import { ruleShape } from './rule-shape.ts'
import type { Bi, Lang } from './types.ts'

export type Values = Readonly<Record<string, string | Bi>>

/** The values a curated text's placeholders take for one rule: the rule's own numbers first, the ruleset's next. */
export function placeholderValues(rule: Rule, family: Family, facts: IstioFacts | null): Values {
  const shape = ruleShape(rule, family)
  const uid = facts?.proxyUids[0] ?? '1337'
  const gid = facts?.proxyGids[0] ?? uid
  const owner = shape.owners[0]
  const dports = shape.dport?.ports.join(',') ?? ''
  const address = shape.dst && !shape.dst.negated ? shape.dst.text : shape.src && !shape.src.negated ? shape.src.text : ''
  const lbDefault = family === 6 ? '::1/128' : (facts?.loopbackCidrs.find((c) => !c.includes(':')) ?? '127.0.0.1/32')
  const lb = shape.dst?.cidr && isLoopbackCidr(shape.dst.cidr) ? formatCidr(shape.dst.cidr) : lbDefault
  const iface = shape.inIface ?? shape.outIface
  const markIn = shape.mark?.value ?? shape.connmark?.value ?? null
  const setMark = markValue(targetOption(rule, '--set-mark', '--set-xmark')?.args[0])
  const tproxyMark = markValue(targetOption(rule, '--tproxy-mark')?.args[0])
  const nat = targetOption(rule, '--to-destination', '--to-source')?.args[0] ?? ''
  const nflogGroup = targetOption(rule, '--nflog-group')?.args[0] ?? '0'
  const nflogPrefix = targetOption(rule, '--nflog-prefix')?.args[0] ?? ''
  const mark = facts?.tproxyMark ?? (tproxyMark !== null ? String(tproxyMark) : markIn !== null && !shape.mark?.negated ? String(markIn) : '1337')
  return {
    uid,
    gid,
    id: owner?.id ?? uid,
    kind: owner?.kind ?? 'uid',
    port: dports,
    sport: shape.sport?.ports.join(',') ?? '',
    cidr: address,
    cidr_suffix: address ? ` ${address}` : '',
    cidr_to: address ? { en: ` for ${address}`, zh: `、目的地址为 ${address}` } : '',
    port_suffix: dports ? { en: ` on port ${dports}`, zh: `（端口 ${dports}）` } : '',
    lb,
    iface: iface?.name ?? '',
    iface_phrase: shape.inIface
      ? { en: `arriving on ${shape.inIface.name}`, zh: `从 ${shape.inIface.name} 进入` }
      : { en: `leaving through ${shape.outIface?.name ?? ''}`, zh: `经 ${shape.outIface?.name ?? ''} 发出` },
    to: redirectPort(rule) ?? '',
    out: facts?.outboundPort ?? '15001',
    in: facts?.inboundPort ?? '15006',
    tunnel: facts?.tunnelPort ?? '15008',
    dns: facts?.dnsPort ?? '15053',
    mark,
    mark_out: shape.mark?.negated && shape.mark.value !== null ? String(shape.mark.value) : '1338',
    to_mark: setMark !== null ? String(setMark) : '',
    zone: String(ctZone(rule) ?? ''),
    dest: nat,
    drop_via: rule.target && rule.target.name !== 'DROP' ? { en: ` (through ${rule.target.name})`, zh: `（经 ${rule.target.name}）` } : '',
    nflog_group: nflogGroup,
    nflog_prefix: nflogPrefix,
  }
}

/** Fills `{name}` placeholders; an unknown name is left as written so a test can find it. */
export function fill(text: string, values: Values, lang: Lang): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const v = values[name]
    if (v === undefined) return whole
    return typeof v === 'string' ? v : v[lang]
  })
}
