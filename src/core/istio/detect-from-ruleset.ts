import type { Family, Rule, Ruleset } from '../model/ruleset.ts'
import type { VersionClue } from './version-clues.ts'
import { range } from './version-clues.ts'

/** A rule seen through what version detection asks of it. */
interface RuleView {
  family: Family
  table: string
  chain: string
  rule: Rule
  target: string | null
}

function views(rulesets: Partial<Record<Family, Ruleset>>): RuleView[] {
  const out: RuleView[] = []
  for (const rs of Object.values(rulesets)) {
    if (!rs) continue
    for (const t of rs.tables) for (const c of t.chains) for (const r of c.rules) out.push({ family: rs.family, table: t.name, chain: c.name, rule: r, target: r.target?.name ?? null })
  }
  return out
}

function base(v: RuleView, option: string): { value: string; negated: boolean } | null {
  const m = v.rule.matches.find((x) => x.kind === 'base' && x.option === option)
  return m && m.kind === 'base' ? { value: m.value, negated: m.negated } : null
}

/** An extension option wherever it sits (implicit `-m tcp`, explicit module, or a reader that kept no module). */
function opt(v: RuleView, name: string): { args: string[]; negated: boolean } | null {
  for (const m of v.rule.matches) {
    if (m.kind !== 'module') continue
    const o = m.options.find((x) => x.name === name)
    if (o) return { args: o.args, negated: o.negated }
  }
  return null
}

function targetOpt(v: RuleView, name: string): string | null {
  return v.rule.target?.options.find((o) => o.name === name)?.args[0] ?? null
}

function chainExists(rulesets: Partial<Record<Family, Ruleset>>, table: string, chain: string): boolean {
  return Object.values(rulesets).some((rs) => rs?.tables.some((t) => t.name === table && t.chains.some((c) => c.name === chain)))
}

function where(v: RuleView): number | undefined {
  return v.rule.span?.line
}

/** What the shape of a ruleset says about the Istio version that wrote it (spec Part C and E). */
export function cluesFromRuleset(rulesets: Partial<Record<Family, Ruleset>>): VersionClue[] {
  const all = views(rulesets)
  const clues: VersionClue[] = []
  const add = (message: string, from: string, to: string, strength: VersionClue['strength'], v?: RuleView): void => {
    const line = v ? where(v) : undefined
    clues.push(line === undefined ? { message, test: range(from, to), strength } : { message, test: range(from, to), strength, line })
  }
  const nat = (chain: string) => all.filter((v) => v.table === 'nat' && v.chain === chain)

  const jump = nat('OUTPUT').find((v) => v.target === 'ISTIO_OUTPUT' && base(v, '-p') === null)
  if (jump) add('nat OUTPUT jumps to ISTIO_OUTPUT for every protocol (no -p tcp)', '1.25.0', 'latest', 'certain', jump)
  const tcpJump = nat('OUTPUT').find((v) => v.target === 'ISTIO_OUTPUT' && base(v, '-p')?.value === 'tcp')
  if (tcpJump) add('nat OUTPUT jumps to ISTIO_OUTPUT with -p tcp', '1.5.0', '1.24.6', 'certain', tcpJump)
  const udpJump = nat('OUTPUT').find((v) => v.target === 'ISTIO_OUTPUT' && base(v, '-p')?.value === 'udp')
  if (udpJump) add('nat OUTPUT has a separate -p udp jump to ISTIO_OUTPUT (DNS)', '1.23.0', '1.24.6', 'certain', udpJump)
  if (chainExists(rulesets, 'nat', 'ISTIO_OUTPUT_DNS') || chainExists(rulesets, 'raw', 'ISTIO_OUTPUT_DNS')) {
    clues.push({ message: 'DNS rules live in an ISTIO_OUTPUT_DNS chain', test: range('1.25.0', 'latest'), strength: 'certain' })
  }

  const inRedirect = nat('ISTIO_OUTPUT').find((v) => v.target === 'ISTIO_IN_REDIRECT' && (opt(v, '--uid-owner') || opt(v, '--gid-owner')))
  if (inRedirect) {
    const multi = opt(inRedirect, '--dports')
    const dport = opt(inRedirect, '--dport')
    if (multi?.negated || (dport?.negated && dport.args[0] !== '53')) {
      add(`owner ISTIO_IN_REDIRECT rule skips the tunnel port (! ${multi ? `--dports ${multi.args.join(',')}` : `--dport ${dport?.args[0]}`})`, '1.18.0', 'latest', 'certain', inRedirect)
    } else {
      add('owner ISTIO_IN_REDIRECT rule does not skip the tunnel port', '1.5.0', '1.17.8', 'certain', inRedirect)
      if (dport?.negated && dport.args[0] === '53') add('owner ISTIO_IN_REDIRECT rule has the port-53 exception of --redirect-dns', '1.9.0', '1.17.8', 'certain', inRedirect)
    }
  }

  const inbound = nat('ISTIO_INBOUND').concat(all.filter((v) => v.table === 'mangle' && v.chain === 'ISTIO_INBOUND'))
  const tunnel = inbound.find((v) => v.target === 'RETURN' && opt(v, '--dport')?.args[0] === '15008')
  if (tunnel) add('ISTIO_INBOUND returns the inbound tunnel port 15008', '1.7.0', 'latest', 'likely', tunnel)
  const returns = inbound.filter((v) => v.target === 'RETURN' && opt(v, '--dport') && opt(v, '--dport')?.args[0] !== '15008')
  const catchAll = inbound.some((v) => (v.target === 'ISTIO_IN_REDIRECT' || v.target === 'ISTIO_TPROXY') && !opt(v, '--dport'))
  if (catchAll && returns[0] && opt(returns[0], '--dport')?.args[0] === '22') {
    add('"*" inbound capture starts with a --dport 22 RETURN (automatic until 1.12; later only if 22 is excluded by hand)', '1.5.0', '1.12.9', 'likely', returns[0])
  }
  if (catchAll && !returns.some((v) => opt(v, '--dport')?.args[0] === '22')) {
    clues.push({ message: '"*" inbound capture without a --dport 22 RETURN (automatic until 1.12)', test: range('1.13.0', 'latest'), strength: 'certain' })
  }

  const udpDns = all.filter((v) => base(v, '-p')?.value === 'udp' && opt(v, '--dport')?.args[0] === '53' && v.table === 'nat')
  const redirect15053 = udpDns.find((v) => v.target === 'REDIRECT' && v.chain === 'OUTPUT' && (targetOpt(v, '--to-ports') ?? targetOpt(v, '--to-port')) === '15053')
  if (redirect15053) add('UDP DNS is redirected to 15053 in the built-in nat OUTPUT chain', '1.9.0', '1.22.8', 'certain', redirect15053)
  const redirectInIstio = udpDns.find((v) => v.target === 'REDIRECT' && v.chain === 'ISTIO_OUTPUT')
  if (redirectInIstio) add('UDP DNS is redirected inside ISTIO_OUTPUT', '1.23.0', '1.24.6', 'certain', redirectInIstio)
  const envoyDns = udpDns.find((v) => v.target === 'REDIRECT' && (targetOpt(v, '--to-ports') ?? targetOpt(v, '--to-port')) === '15013')
  if (envoyDns) add('UDP DNS is redirected to Envoy on 15013 (DNS_CAPTURE)', '1.6.0', '1.6.14', 'certain', envoyDns)
  const dnat = udpDns.find((v) => v.target === 'DNAT')
  if (dnat) add('UDP DNS is DNATed to 127.0.0.1 with a POSTROUTING SNAT', '1.7.0', '1.8.6', 'certain', dnat)
  const tcpDnsRedirect = nat('ISTIO_REDIRECT').find((v) => opt(v, '--dport')?.args[0] === '53')
  if (tcpDnsRedirect) add('ISTIO_REDIRECT starts with a TCP/53 REDIRECT to 15053', '1.8.0', '1.8.6', 'certain', tcpDnsRedirect)

  const reply = all.find((v) => v.table === 'raw' && v.target === 'CT' && opt(v, '--sport')?.args[0] === '53')
  if (reply) {
    if (reply.chain === 'ISTIO_INBOUND') add('DNS replies are zoned in raw ISTIO_INBOUND', '1.25.0', 'latest', 'certain', reply)
    else if (base(reply, '-s')) add('DNS replies are zoned by their source server (-s)', '1.20.0', '1.24.6', 'certain', reply)
    else if (base(reply, '-d')) add('DNS replies are zoned with -d <server> (fixed in 1.20)', '1.10.3', '1.19.10', 'certain', reply)
  }

  const outputRules = nat('ISTIO_OUTPUT')
  const last = outputRules[outputRules.length - 1]
  const cidrRedirect = outputRules.some((v) => v.target === 'ISTIO_REDIRECT' && base(v, '-d'))
  if (cidrRedirect && last) {
    if (last.target === 'RETURN' && last.rule.matches.length === 0) add('the include-CIDR list ends with "-A ISTIO_OUTPUT -j RETURN"', '1.5.0', '1.22.8', 'certain', last)
    else if (last.target === 'ISTIO_REDIRECT' && base(last, '-d')) add('the include-CIDR list has no trailing RETURN', '1.23.0', 'latest', 'certain', last)
  }

  if (chainExists(rulesets, 'mangle', 'ISTIO_DROP')) clues.push({ message: 'INVALID packets go to an ISTIO_DROP chain', test: range('1.24.0', 'latest'), strength: 'certain' })
  const invalidDrop = all.find((v) => v.table === 'mangle' && v.chain === 'PREROUTING' && v.target === 'DROP' && opt(v, '--ctstate')?.args[0] === 'INVALID')
  if (invalidDrop) add('mangle PREROUTING drops INVALID packets directly', '1.12.2', '1.23.6', 'certain', invalidDrop)

  const mark1338 = all.find((v) => v.table === 'mangle' && (targetOpt(v, '--set-mark')?.startsWith('1338') || targetOpt(v, '--set-xmark')?.startsWith('0x53a') || opt(v, '--mark')?.args[0]?.startsWith('1338') || opt(v, '--mark')?.args[0]?.startsWith('0x53a')))
  if (mark1338) add('TPROXY marks Envoy→app loopback traffic with 1338', '1.11.0', 'latest', 'certain', mark1338)
  const oldMark = all.find((v) => v.table === 'mangle' && v.chain === 'OUTPUT' && v.target === 'MARK' && base(v, '-s')?.value.startsWith('127.0.0.1'))
  if (oldMark) add('TPROXY marks traffic from 127.0.0.1 in mangle OUTPUT', '1.6.0', '1.8.6', 'certain', oldMark)
  const restore = all.find((v) => v.table === 'mangle' && v.target === 'CONNMARK' && v.rule.target?.options.some((o) => o.name === '--restore-mark'))
  if (restore) add('TPROXY restores the connection mark (CONNMARK --restore-mark)', '1.9.0', 'latest', 'certain', restore)

  const excludeNic = nat('OUTPUT').find((v) => v.target === 'RETURN' && base(v, '-o') && base(v, '-o')?.value !== 'lo')
  if (excludeNic) add(`nat OUTPUT returns traffic leaving ${base(excludeNic, '-o')?.value} (exclude interfaces)`, '1.11.3', 'latest', 'certain', excludeNic)
  const ownerGroups = outputRules.find((v) => v.target === 'RETURN' && !base(v, '-o') && v.rule.matches.filter((m) => m.kind === 'module' && m.options.some((o) => o.name === '--gid-owner' && o.negated)).length > 0)
  if (ownerGroups) add('ISTIO_OUTPUT has an owner-group filter (! --gid-owner without -o lo)', '1.14.0', 'latest', 'certain', ownerGroups)
  const v6Dns = all.find((v) => v.family === 6 && (opt(v, '--dport')?.args[0] === '53' || v.table === 'mangle'))
  if (v6Dns) add('IPv6 rules include DNS or TPROXY rules', '1.12.0', 'latest', 'certain', v6Dns)
  return clues
}
