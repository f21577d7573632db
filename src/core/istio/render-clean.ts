import type { Family } from '../model/ruleset.ts'
import type { GeneratedRules } from './generate.ts'
import { has } from './profiles.ts'
import type { RuleRecord } from './rule-builder.ts'
import { splitList } from './split.ts'

const BUILTIN_CHAINS = new Set(['INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING'])

/**
 * The clean-up the VM start script runs before istio-iptables, as its log shows it: `istio-clean-iptables`'s fixed
 * list up to 1.23 (spec A9, C6), and from 1.24 `istio-iptables --cleanup-only`, the undo of the current plan (B8).
 */
export function renderClean(gen: GeneratedRules): string[] {
  if (has(gen.profile, 'C-40')) {
    const out = undoPlan(gen.v4).map((l) => `iptables ${l}`)
    if (gen.config.EnableIPv6) out.push(...undoPlan(gen.v6).map((l) => `ip6tables ${l}`))
    return out
  }
  return [...cleanTool(gen, 4), ...cleanTool(gen, 6), 'iptables-save', 'ip6tables-save']
}

/** B8: deletes for every rule that is not inside an ISTIO_ chain (or that jumps to one), newest first, then -F/-X. */
export function undoPlan(list: readonly RuleRecord[]): string[] {
  const out: string[] = []
  const reversed = list.toReversed()
  for (const r of reversed) {
    const target = r.params[r.params.indexOf('-j') + 1] ?? ''
    if (r.chain.startsWith('ISTIO_') && !(r.params.includes('-j') && target.startsWith('ISTIO_'))) continue
    const rest = r.params[0] === '-I' ? r.params.slice(3) : r.params.slice(2)
    out.push(['-t', r.table, '-D', r.chain, ...rest].join(' '))
  }
  const seen = new Set<string>()
  for (const r of reversed) {
    const key = `${r.table} ${r.chain}`
    if (BUILTIN_CHAINS.has(r.chain) || seen.has(key)) continue
    seen.add(key)
    out.push(`-t ${r.table} -F ${r.chain}`, `-t ${r.table} -X ${r.chain}`)
  }
  return out
}

function flush(table: string, chains: readonly string[]): string[] {
  return chains.flatMap((c) => [`-t ${table} -F ${c}`, `-t ${table} -X ${c}`])
}

/** istio-clean-iptables for one family (run once with `iptables`, then with `ip6tables`). */
function cleanTool(gen: GeneratedRules, family: Family): string[] {
  const p = gen.profile
  const cfg = gen.config
  const cmd = family === 4 ? 'iptables' : 'ip6tables'
  const lines: string[] = ['-t nat -D PREROUTING -p tcp -j ISTIO_INBOUND', '-t mangle -D PREROUTING -p tcp -j ISTIO_INBOUND', '-t nat -D OUTPUT -p tcp -j ISTIO_OUTPUT']
  if (p.version.minor >= 17 && cfg.InboundInterceptionMode === 'TPROXY') {
    const mark = cfg.InboundTProxyMark
    lines.push(`-t mangle -D PREROUTING -p tcp -m mark --mark ${mark} -j CONNMARK --save-mark`, `-t mangle -D OUTPUT -p tcp -m connmark --mark ${mark} -j CONNMARK --restore-mark`)
  }
  // 1.22's clean tool passes chain and table the wrong way round, so these deletes always fail (C6).
  if (p.version.minor >= 22) for (const nic of splitList(cfg.RerouteVirtualInterfaces)) lines.push(`-t PREROUTING -D nat -i ${nic} -j RETURN`)
  if (has(p, 'C-33')) lines.push('-t nat -D OUTPUT -p udp -j ISTIO_OUTPUT', '-t raw -D OUTPUT -p udp -j ISTIO_OUTPUT')
  else if (has(p, 'C-45') && cfg.RedirectDNS && (family === 4 || has(p, 'C-16'))) {
    const udp = dnsUdpDeletes(gen, family)
    lines.push(...udp, ...(has(p, 'C-16') ? udp : []))
  }
  lines.push(...flush('nat', ['ISTIO_OUTPUT', 'ISTIO_INBOUND']), ...flush('mangle', ['ISTIO_INBOUND', 'ISTIO_DIVERT', 'ISTIO_TPROXY']))
  if (has(p, 'C-33') && family === 4) lines.push(...flush('raw', ['ISTIO_OUTPUT']))
  lines.push(...flush('nat', ['ISTIO_REDIRECT', 'ISTIO_IN_REDIRECT']))
  return lines.map((l) => `${cmd} ${l}`)
}

/** The DNS UDP rules S17/N19 would add in the built-in OUTPUT chains, as deletes (1.10–1.22, C-45). */
function dnsUdpDeletes(gen: GeneratedRules, family: Family): string[] {
  const p = gen.profile
  const cfg = gen.config
  const udp53 = '-p udp --dport 53'
  const out: string[] = []
  for (const uid of splitList(cfg.ProxyUID)) out.push(`-t nat -D OUTPUT ${udp53} -m owner --uid-owner ${uid} -j RETURN`)
  for (const gid of splitList(cfg.ProxyGID)) out.push(`-t nat -D OUTPUT ${udp53} -m owner --gid-owner ${gid} -j RETURN`)
  if (has(p, 'C-21')) out.push(...ownerGroupDeletes(cfg.OwnerGroupsInclude, cfg.OwnerGroupsExclude))
  const servers = family === 4 ? cfg.DNSServersV4.map((s) => `${s}/32`) : cfg.DNSServersV6.map((s) => `${s}/128`)
  const all = has(p, 'C-13') && cfg.CaptureAllDNS
  if (all) out.push(`-t nat -D OUTPUT ${udp53} -j REDIRECT --to-port 15053`)
  else for (const s of servers) out.push(`-t nat -D OUTPUT ${udp53} -d ${s} -j REDIRECT --to-port 15053`)
  if (!(has(p, 'C-12') || (has(p, 'C-11') && cfg.DNSConntrackZone))) return out
  for (const [owner, ids] of [['--uid-owner', cfg.ProxyUID], ['--gid-owner', cfg.ProxyGID]] as const) {
    for (const id of splitList(ids)) {
      out.push(`-t raw -D OUTPUT ${udp53} -m owner ${owner} ${id} -j CT --zone 1`, `-t raw -D OUTPUT -p udp --sport 15053 -m owner ${owner} ${id} -j CT --zone 2`)
    }
  }
  const reply = has(p, 'C-29') ? '-s' : '-d'
  if (all) out.push(`-t raw -D OUTPUT ${udp53} -j CT --zone 2`, '-t raw -D PREROUTING -p udp --sport 53 -j CT --zone 1')
  else for (const s of servers) out.push(`-t raw -D OUTPUT ${udp53} -d ${s} -j CT --zone 2`, `-t raw -D PREROUTING -p udp --sport 53 ${reply} ${s} -j CT --zone 1`)
  return out
}

function ownerGroupDeletes(include: string, exclude: string): string[] {
  if (include === '*') return splitList(exclude).map((g) => `-t nat -D OUTPUT -p udp --dport 53 -m owner --gid-owner ${g} -j RETURN`)
  const matches = splitList(include).map((g) => `-m owner ! --gid-owner ${g}`)
  return [['-t nat -D OUTPUT -p udp --dport 53', ...matches, '-j RETURN'].join(' ')]
}
