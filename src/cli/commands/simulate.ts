import { parseArgs } from 'node:util'
import { layersFromSources } from '../../core/istio/config-input.ts'
import { runIstioIptables } from '../../core/istio/istio-generate.ts'
import { renderRestore } from '../../core/istio/render.ts'
import { resolveProfile } from '../../core/istio/profiles.ts'
import { readConfigText } from '../../core/istio/read-config-text.ts'
import { hasErrors, type Diagnostic } from '../../core/model/diagnostic.ts'
import type { Family, Ruleset } from '../../core/model/ruleset.ts'
import { parseInput } from '../../core/parse/index.ts'
import { simulate } from '../../core/simulate/simulate.ts'
import type { ConnectionResult, PodFacts, TraceStep } from '../../core/simulate/types.ts'
import { verdictWords, type Language } from '../../core/simulate/verdict-words.ts'
import { formatDiagnostic, UsageError, type CliIO } from '../cli-io.ts'
import type { Command } from '../command.ts'

const usage = `Usage: cli simulate --rules FILE --packets FILE [--json] [--trace] [--lang en|zh] [--ipv6]
                    [--pod-ip CIDR] [--gateway IP] [--backend nft|legacy] [--no-policy-routing]
                    [--listen PORT]… [--profile VERSION]

Simulates connections through the rules, packet by packet, as the Linux kernel would handle them in a pod.

  --rules FILE       anything the parser reads: iptables-save, a rules file, -S, -L listings, logs; an Istio
                     configuration (env file, istio-iptables flags) is generated first (--profile, default latest)
  --packets FILE     the kernel oracle's packet specs: a JSON list or {"packets": […]}
  --json             the oracle's JSON fields (name, hits with pkts in the oracle's order, received_by, outcome, …)
  --trace            with --json: also every packet's steps
  --lang             language of the readable verdicts (default en)
  --ipv6             packets without addresses are IPv6 (as the oracle's --ipv6)
  --pod-ip, --gateway  the pod's address/prefix and the remote side (default 10.10.13.113/24, 10.10.13.1)
  --backend          nft (default) or legacy: which built-in chains exist, so which policy counters count
  --no-policy-routing  without the fwmark policy routing istio-iptables installs next to TPROXY rules
  --listen PORT      an extra pod listener (the oracle's --listen)

Exit status: 0 simulated, 1 errors in the rules or packets, 2 usage error.
`

async function loadRulesets(io: CliIO, path: string, profileName: string, diagnostics: Diagnostic[]): Promise<Partial<Record<Family, Ruleset>>> {
  const text = await io.readInput(path)
  const parsed = parseInput(text)
  diagnostics.push(...parsed.diagnostics)
  if (Object.keys(parsed.value.rulesets).length > 0) return parsed.value.rulesets
  const layers = parsed.value.configSources.length ? layersFromSources(parsed.value.configSources, path) : readConfigText(text, path).value
  if (layers.length === 0) return {}
  const profile = resolveProfile(profileName)
  if (!profile.value) throw new UsageError(profile.diagnostics.map((d) => d.message).join('\n'))
  const run = runIstioIptables(layers, profile.value)
  diagnostics.push(...run.diagnostics)
  const out: Partial<Record<Family, Ruleset>> = {}
  for (const family of [4, 6] as const) {
    const restore = renderRestore(run.value.rules, family)
    const rs = restore ? parseInput(restore).value.rulesets[family] : undefined
    if (rs) out[family] = rs
  }
  return out
}

function stepLine(s: TraceStep): string {
  switch (s.kind) {
    case 'rule': {
      const head = `${s.table} ${s.chain} #${s.index}`
      if (s.result === 'not-matched') return `  ${head}  no: ${s.clause?.clause ?? ''} (packet: ${s.clause?.actual ?? ''})`
      if (s.result === 'undecidable') return `  ${head}  UNDECIDABLE: ${s.clause?.clause ?? ''}: ${s.clause?.reason ?? ''}`
      const a = s.action
      const what =
        a === undefined
          ? ''
          : a.kind === 'jump' || a.kind === 'goto'
            ? `-${a.kind === 'jump' ? 'j' : 'g'} ${a.chain}`
            : a.kind === 'verdict'
              ? a.verdict
              : a.kind === 'rewrite'
                ? `${a.target}: ${a.from} → ${a.to}`
                : a.kind === 'continue'
                  ? `${a.target || '(no target)'}${a.effect ? ': ' + a.effect : ''}`
                  : a.kind === 'tproxy'
                    ? `TPROXY → :${a.port} (${a.socket ?? 'no socket'}) ${a.verdict}`
                    : a.kind === 'reject'
                      ? `REJECT ${a.with}`
                      : a.kind === 'loop'
                        ? `loop into ${a.chain}`
                        : 'RETURN'
      return `  ${head}  MATCH → ${what}${s.deterministic ? ' [deterministic]' : ''}`
    }
    case 'policy':
      return `  ${s.table} ${s.chain}  policy ${s.policy}`
    case 'return':
      return `  ${s.table} ${s.chain}  end of chain, back to ${s.to ?? 'the hook'}`
    case 'event':
      return `  · ${s.detail}`
  }
}

function readable(r: ConnectionResult, lang: Language): string {
  const s = r.spec
  const who = s.direction === 'outbound' ? `  uid=${s.uid} gid=${s.gid}` : ''
  const lines = [`[${r.index}] ${r.name}`, `    ${s.direction} ${s.proto} ${s.src ?? '*'}:${s.sport} -> ${s.dst}:${s.dport}${who}`]
  if (r.hits.length) {
    lines.push('    rule hits (pkts):')
    for (const h of r.hits) lines.push(`      ${h.table.padEnd(6)} ${h.chain.padEnd(18)} #${String(h.index).padEnd(3)} ${String(h.pkts).padStart(4)}`)
  } else lines.push('    rule hits: none')
  if (r.policies.length) lines.push(`    chain policies (pkts): ${r.policies.map((p) => `${p.table} ${p.chain} ${p.policy}=${p.pkts}`).join(', ')}`)
  lines.push(`    outcome: ${r.outcome}`)
  lines.push(`    verdict: ${verdictWords(r.verdict, lang)}`)
  for (const n of r.notes) lines.push(`    note: ${lang === 'zh' ? n.zh : n.en}`)
  for (const p of r.packets) {
    lines.push(`    ${p.kind} from ${p.from}: ${p.header}`)
    for (const st of p.steps) lines.push(`    ${stepLine(st)}`)
    lines.push(`      ⇒ ${p.fate}`)
  }
  return lines.join('\n') + '\n'
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate connections through the rules as the kernel would (hits, listeners, trace)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: {
        rules: { type: 'string' },
        packets: { type: 'string' },
        json: { type: 'boolean' },
        trace: { type: 'boolean' },
        lang: { type: 'string' },
        ipv6: { type: 'boolean' },
        'pod-ip': { type: 'string' },
        gateway: { type: 'string' },
        backend: { type: 'string' },
        'no-policy-routing': { type: 'boolean' },
        listen: { type: 'string', multiple: true },
        profile: { type: 'string' },
      },
    })
    if (!values.rules || !values.packets) throw new UsageError('--rules and --packets are required')
    const lang = (values.lang ?? 'en') as Language
    if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, got "${values.lang}"`)
    if (values.backend !== undefined && values.backend !== 'nft' && values.backend !== 'legacy') throw new UsageError('--backend must be nft or legacy')
    const family: Family = values.ipv6 ? 6 : 4
    const facts: Partial<PodFacts> = {}
    if (values.backend) facts.backend = values.backend as 'nft' | 'legacy'
    if (values['no-policy-routing']) facts.policyRoutes = []
    if (values.listen) {
      const ports = values.listen.map(Number)
      if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw new UsageError('--listen takes port numbers')
      facts.listen = ports
    }
    if (values['pod-ip'] || values.gateway) {
      const m = /^([^/]+)\/(\d+)$/.exec(values['pod-ip'] ?? (family === 4 ? '10.10.13.113/24' : 'fd00:10:13::113/64'))
      if (!m) throw new UsageError('--pod-ip takes ADDRESS/PREFIX')
      const ff = { address: m[1] as string, prefix: Number(m[2]), gateway: values.gateway ?? '' }
      if (!ff.gateway) ff.gateway = family === 4 ? ff.address.replace(/\.\d+$/, '.1') : ff.address.replace(/:[^:]*$/, ':1')
      if (family === 4) facts.v4 = ff
      else facts.v6 = ff
    }
    const diagnostics: Diagnostic[] = []
    const rulesets = await loadRulesets(io, values.rules, values.profile ?? 'latest', diagnostics)
    const packetsText = await io.readInput(values.packets)
    let packets: unknown
    try {
      packets = JSON.parse(packetsText)
    } catch (e) {
      io.err(`${values.packets}: not JSON: ${e instanceof Error ? e.message : String(e)}\n`)
      return 1
    }
    if (packets && typeof packets === 'object' && !Array.isArray(packets) && 'packets' in packets) packets = (packets as { packets: unknown }).packets
    if (!Array.isArray(packets)) {
      io.err(`${values.packets}: the packets must be a JSON list (or {"packets": […]})\n`)
      return 1
    }
    const result = simulate(rulesets, packets, facts, { family, trace: values.trace === true || values.json !== true })
    for (const d of diagnostics) io.err(`${values.rules}:${formatDiagnostic(d)}`)
    for (const d of result.diagnostics) io.err(`${d.code.startsWith('SIM0') && d.code !== 'SIM010' ? values.packets : values.rules}:${formatDiagnostic(d)}`)
    if (values.json) {
      const results = result.value.results.map((r) => {
        const o: Record<string, unknown> = {
          index: r.index,
          name: r.name,
          spec: r.spec,
          hits: r.hits,
          policies: r.policies,
          client: r.client,
          received_by: r.received_by,
          conntrack: r.conntrack,
          outcome: r.outcome,
          verdict: { ...r.verdict, en: verdictWords(r.verdict, 'en'), zh: verdictWords(r.verdict, 'zh') },
          undecidable: r.undecidable,
          notes: r.notes,
        }
        if (values.trace) o.packets = r.packets
        return o
      })
      io.out(JSON.stringify({ tool: 'istio-iptables-explorer simulate', facts: result.value.facts, results, totals: result.value.totals }, null, 2) + '\n')
    } else {
      for (const r of result.value.results) io.out(readable(r, lang) + '\n')
    }
    return hasErrors(diagnostics) || hasErrors(result.diagnostics) ? 1 : 0
  },
}
