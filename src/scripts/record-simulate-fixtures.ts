// Records the kernel's answers the simulator's tests compare against (src/fixtures/simulate), with the kernel
// oracle (real netfilter in network namespaces: needs root). Not part of `npm test`.
//
//   sudo npx tsx src/scripts/record-simulate-fixtures.ts --oracle ../shared/tools/kernel-oracle/oracle \
//        [--corpus ../shared/corpus/istio-iptables] [--only presets|differential|examples|behaviours|random] [--set NAME]
//        [--random-sets N]
//
// --corpus re-imports the differential rulesets from Istio's istio-iptables test expectations (Apache-2.0);
// without it the committed .rules files are used. Packets are generated deterministically (seeded by the set's
// name), so a re-record only changes the expected files when the kernel answers differently.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { flagsLayer, renderRestore, resolveProfile, runIstioIptables } from '../core/istio/index.ts'
import { parseInput } from '../core/parse/index.ts'
import { presetsFor } from '../core/simulate/presets.ts'
import type { PacketSpec } from '../core/simulate/types.ts'
import { generateDifferentialPackets } from './simulate-packet-generator.ts'
import { generateRandomSet } from './simulate-random-rulesets.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const fixtures = join(root, 'src', 'fixtures', 'simulate')

const { values } = parseArgs({
  options: {
    oracle: { type: 'string' },
    corpus: { type: 'string' },
    only: { type: 'string' },
    set: { type: 'string', multiple: true },
    'random-sets': { type: 'string' },
  },
})
if (!values.oracle) {
  process.stderr.write('usage: record-simulate-fixtures.ts --oracle PATH [--corpus DIR] [--only presets|differential|examples|behaviours|random] [--set NAME]… [--random-sets N]\n')
  process.exit(2)
}
const oracle = values.oracle
const selected = (name: string) => !values.set || values.set.some((s) => name.includes(s))

function tproxySetup(family: 4 | 6): string {
  const f = family === 4 ? '-4' : '-6'
  return `ip ${f} rule add fwmark 1337 lookup 133 && ip ${f} route add local default dev lo table 133`
}

/** Runs the oracle on a rules file and packets file; returns its JSON without traces and rule texts. */
function runOracle(rules: string, packets: string, family: 4 | 6, podSetup: string | null, backend: 'nft' | 'legacy' = 'nft'): unknown {
  const args = ['--rules', rules, '--packets', packets, '--json', '--backend', backend]
  if (family === 6) args.push('--ipv6')
  if (podSetup) args.push('--pod-setup', podSetup)
  const r = spawnSync(oracle, args, { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0 && r.status !== 1) {
    // Exit 2: iptables-restore refused the rules file; the reason is the error of the first result.
    let error = r.stderr.trim()
    try {
      error = (JSON.parse(r.stdout) as { results: { error?: string }[] }).results[0]?.error ?? error
    } catch {
      // not JSON: keep stderr
    }
    return { tool: 'kernel-oracle', rejected: true, status: r.status, error }
  }
  return slim(JSON.parse(r.stdout))
}

function slim(report: { meta: Record<string, unknown>; results: Record<string, unknown>[] }): unknown {
  delete report.meta.kernel
  return {
    ...report,
    results: report.results.map((r) => {
      const hits = (r.hits as Record<string, unknown>[] | undefined)?.map((h) => ({ table: h.table, chain: h.chain, index: h.index, pkts: h.pkts, bytes: h.bytes }))
      const out: Record<string, unknown> = { ...r }
      delete out.trace
      if (hits) out.hits = hits
      return out
    }),
  }
}

function write(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data, null, 1) + '\n')
}

// --- presets --------------------------------------------------------------------------------------------------

interface PresetSet {
  id: string
  family: 4 | 6
  /** istio-iptables flags to regenerate the rules with (latest profile); null: the committed file is the source. */
  flags: string | null
}

const PRESET_SETS: PresetSet[] = [
  { id: 'istio-1.9-vm', family: 4, flags: null },
  { id: 'latest-k8s', family: 4, flags: `-p 15001 -z 15006 -u 1337 -m REDIRECT -i '*' -x "" -b '*' -d 15090,15021,15020` },
  { id: 'latest-tproxy', family: 4, flags: `-p 15001 -z 15006 -u 1337 -m TPROXY -i '*' -x "" -b '*' -d 15090,15021,15020` },
]

function recordPresets(): void {
  for (const set of PRESET_SETS) {
    if (!selected(set.id)) continue
    const dir = join(fixtures, 'presets')
    const rulesPath = join(dir, `${set.id}.rules`)
    if (set.flags) {
      const profile = resolveProfile('latest').value
      if (!profile) throw new Error('the generator has no latest profile')
      const run = runIstioIptables([flagsLayer(set.flags).value], profile)
      write(rulesPath, renderRestore(run.value.rules, set.family))
    }
    const parsed = parseInput(readFileSync(rulesPath, 'utf8')).value.rulesets
    const packets: PacketSpec[] = []
    for (const p of presetsFor(parsed).presets) for (const leg of p.packets) packets.push({ ...leg, preset: p.id })
    const packetsPath = join(dir, `${set.id}.packets.json`)
    write(packetsPath, packets)
    const tproxy = /-j TPROXY/.test(readFileSync(rulesPath, 'utf8'))
    process.stdout.write(`presets ${set.id}: ${packets.length} packets\n`)
    write(join(dir, `${set.id}.expected.json`), runOracle(rulesPath, packetsPath, set.family, tproxy ? tproxySetup(set.family) : null))
  }
}

// --- differential -----------------------------------------------------------------------------------------------

interface CorpusCase {
  name: string
  wholeRun?: boolean
  kind?: string
  expectedV4?: string[]
  expectedV6?: string[]
  flags?: string
  source?: string
  repository?: string
  ref?: string
}

const EXTRA_CASES: [string, string][] = [
  ['v1.7', 'TestHandleInboundIpv4RulesWithUidGid'],
  ['v1.7', 'TestRulesWithIpRange'],
  ['v1.7', 'TestRulesWithLoopbackIpInOutboundIpRanges'],
  ['v1.11', 'TestRulesWithTproxy'],
  ['v1.12', 'dns-uid-gid'],
  ['v1.12', 'ipnets-with-kube-virt-interfaces'],
  ['v1.18', 'tproxy'],
]

/** 1.9.4's command form (`iptables -t nat -A …`) as a rules file: per table, in order. */
function commandsToRestore(lines: string[]): string {
  const tables = new Map<string, string[]>()
  for (const l of lines) {
    const m = /^ip6?tables\s+-t\s+(\S+)\s+(.*)$/.exec(l)
    if (!m) continue
    const t = m[1] as string
    if (!tables.has(t)) tables.set(t, [])
    ;(tables.get(t) as string[]).push(m[2] as string)
  }
  return [...tables.entries()].map(([t, body]) => [`*${t}`, ...body, 'COMMIT'].join('\n')).join('\n') + '\n'
}

function importCorpus(corpus: string): void {
  const dir = join(fixtures, 'differential')
  const index: { name: string; family: 4 | 6; source: string }[] = []
  const add = (name: string, family: 4 | 6, lines: string[] | undefined, c: CorpusCase) => {
    if (!lines || lines.length === 0) return
    const commandForm = /^ip6?tables /.test(lines[0] ?? '')
    const body = commandForm ? commandsToRestore(lines) : lines.join('\n') + '\n'
    const header = `# ${c.repository ?? 'istio/istio'} ${c.ref ?? ''} ${c.source ?? ''} (Apache-2.0), IPv${family}\n# istio-iptables ${c.flags ?? ''}\n`
    write(join(dir, `${name}.v${family}.rules`), header + body)
    index.push({ name, family, source: `${c.repository ?? 'istio/istio'}@${c.ref ?? ''} ${c.source ?? ''}` })
  }
  const addCase = (folder: string, file: string, prefix: string) => {
    const c = JSON.parse(readFileSync(join(corpus, folder, file), 'utf8')) as CorpusCase
    if (!c.wholeRun || c.kind !== 'rules') return
    const name = `${prefix}-${file.replace(/\.json$/, '')}`
    add(name, 4, c.expectedV4, c)
    add(name, 6, c.expectedV6, c)
  }
  for (const folder of ['v1.9', 'latest']) {
    for (const f of readdirSync(join(corpus, folder)).toSorted()) addCase(folder, f, folder === 'latest' ? 'latest' : '1.9')
  }
  // Other releases, for rule forms 1.9 and latest do not have: DNS by DNAT/SNAT (1.7), TPROXY before the
  // 1.11 mark rules, conntrack zones beside the owner rules (1.12), the 1.18 tunnel-port exclusions.
  for (const [folder, file] of EXTRA_CASES) addCase(folder, `${file}.json`, folder.slice(1))
  const seed = JSON.parse(readFileSync(join(corpus, 'seed-vm-1.9.json'), 'utf8')) as CorpusCase
  add('1.9-seed-vm', 4, seed.expectedV4, seed)
  write(join(dir, 'index.json'), index)
}

function recordDifferential(): void {
  const dir = join(fixtures, 'differential')
  if (values.corpus) importCorpus(values.corpus)
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { name: string; family: 4 | 6 }[]
  for (const set of index) {
    const base = join(dir, `${set.name}.v${set.family}`)
    if (!selected(base)) continue
    const rulesText = readFileSync(`${base}.rules`, 'utf8')
    const packets = generateDifferentialPackets(`${set.name}.v${set.family}`, set.family, rulesText)
    write(`${base}.packets.json`, packets)
    const tproxy = /-j TPROXY/.test(rulesText)
    process.stdout.write(`differential ${set.name} IPv${set.family}: ${packets.length} packets\n`)
    write(`${base}.expected.json`, runOracle(`${base}.rules`, `${base}.packets.json`, set.family, tproxy ? tproxySetup(set.family) : null))
  }
}

// --- the oracle's own examples and the behaviour probes ----------------------------------------------------------

interface DirOptions {
  ipv6?: boolean
  policyRoutes?: { fwmark: number; mask: number; table: number }[]
  backends?: ('nft' | 'legacy')[]
}

/** Every NAME.rules + NAME.packets.json of a fixture folder; options per NAME in options.json. */
function recordDir(name: string): void {
  const dir = join(fixtures, name)
  if (!existsSync(dir)) return
  const optionsPath = join(dir, 'options.json')
  const options = (existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}) as Record<string, DirOptions>
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.rules')).toSorted()) {
    const id = f.replace(/\.rules$/, '')
    const base = join(dir, id)
    if (!selected(base)) continue
    const o = options[id] ?? {}
    const family = o.ipv6 || id.includes('ipv6') ? 6 : 4
    const rulesText = readFileSync(`${base}.rules`, 'utf8')
    const f4 = family === 4 ? '-4' : '-6'
    const setup = o.policyRoutes
      ? o.policyRoutes.map((r) => `ip ${f4} rule add fwmark ${r.fwmark}/${r.mask} lookup ${r.table} && ip ${f4} route add local default dev lo table ${r.table}`).join(' && ')
      : /-j TPROXY/.test(rulesText)
        ? tproxySetup(family)
        : null
    for (const backend of o.backends ?? ['nft']) {
      process.stdout.write(`${name} ${id} (${backend})\n`)
      const out = backend === 'nft' ? `${base}.expected.json` : `${base}.expected.${backend}.json`
      write(out, runOracle(`${base}.rules`, `${base}.packets.json`, family, setup, backend))
    }
  }
}

// --- random rulesets ----------------------------------------------------------------------------------------------

/**
 * Listeners that answer every datagram can end up echoing each other (a REDIRECTed reply): the oracle then reports
 * hundreds of receptions. The simulator calls such a connection undecidable; keep the first 16 and a short outcome.
 */
function trimEchoes(report: unknown): unknown {
  const r = report as { results?: { received_by?: unknown[]; outcome?: string; trimmed?: boolean }[] }
  for (const x of r.results ?? []) {
    if ((x.received_by?.length ?? 0) <= 16) continue
    x.received_by = x.received_by?.slice(0, 16)
    x.outcome = `${(x.outcome ?? '').slice(0, 600)}…`
    x.trimmed = true
  }
  return report
}

/** N random rulesets (two thirds IPv4, one third IPv6), eight packets each: random/rNNN.v4|v6.*. */
function recordRandom(count: number): void {
  const dir = join(fixtures, 'random')
  for (let i = 0; i < count; i++) {
    const family = i % 3 === 2 ? 6 : 4
    const name = `r${String(i).padStart(3, '0')}.v${family}`
    const base = join(dir, name)
    if (!selected(base)) continue
    const set = generateRandomSet(name, family)
    write(`${base}.rules`, set.rules)
    write(`${base}.packets.json`, set.packets)
    process.stdout.write(`random ${name}\n`)
    const setup = /-j TPROXY/.test(set.rules) ? tproxySetup(family) : null
    write(`${base}.expected.json`, trimEchoes(runOracle(`${base}.rules`, `${base}.packets.json`, family, setup)))
  }
}

const only = values.only
if (!only || only === 'presets') recordPresets()
if (!only || only === 'differential') recordDifferential()
if (!only || only === 'examples') recordDir('examples')
if (!only || only === 'behaviours') recordDir('behaviours')
if (!only || only === 'random') recordRandom(Number(values['random-sets'] ?? 60))
