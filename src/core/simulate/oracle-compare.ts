import type { Family, Ruleset } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { parseUint } from './compile/decode.ts'
import { withFamily } from './pod-facts.ts'
import { simulate } from './simulate.ts'
import type { ConnectionResult, PodFacts, PolicyRoute } from './types.ts'

/**
 * Compares simulator results with a kernel oracle report (`oracle --json`), field by field as the oracle names them:
 * the per-rule hits (table, chain, index, pkts, in the oracle's order), what the listeners got (`received_by`),
 * and the one-line outcome. Policy counters are compared only when asked (they differ between nft and legacy).
 */
export interface OracleHit {
  table: string
  chain: string
  index: number
  pkts: number
  bytes?: number
}

export interface OracleResult {
  index: number
  name: string
  hits?: OracleHit[]
  policies?: { table: string; chain: string; pkts: number }[]
  received_by?: { netns: string; local: string | null; listen_port: number; original_dst?: string | null; peer?: string; header_dst?: string | null }[]
  outcome?: string
  error?: string
}

export interface OracleReport {
  meta: { family: string; pod_setup?: string[]; backend?: string }
  results: OracleResult[]
}

export interface Mismatch {
  index: number
  name: string
  field: 'hits' | 'received_by' | 'outcome' | 'policies' | 'missing'
  kernel: string
  simulator: string
}

function hitsText(h: readonly OracleHit[] | undefined, bytes: boolean): string {
  return (h ?? []).map((x) => `${x.table} ${x.chain} #${x.index} ×${x.pkts}${bytes ? ` ${x.bytes ?? '?'}B` : ''}`).join('; ')
}

function receivedText(r: OracleResult['received_by'] | ConnectionResult['received_by']): string {
  return JSON.stringify((r ?? []).map((x) => [x.netns, x.local, x.listen_port, x.original_dst ?? null, x.peer ?? null, x.header_dst ?? null]))
}

export interface CompareOptions {
  /** Compare the per-connection chain policy counters too. */
  policies?: boolean
  bytes?: boolean
  /**
   * Leave out connections the simulator reports undecidable (the kernel answered one way at random, or the
   * simulator cannot know): the caller asserts which ones those are.
   */
  skipUndecidable?: boolean
}

export function compareWithOracle(
  report: OracleReport,
  results: readonly ConnectionResult[],
  options: CompareOptions = {},
): Mismatch[] {
  const byIndex = new Map(results.map((r) => [r.index, r]))
  const out: Mismatch[] = []
  for (const k of report.results) {
    if (k.error) continue
    const s = byIndex.get(k.index)
    if (!s) {
      out.push({ index: k.index, name: k.name, field: 'missing', kernel: 'a result', simulator: 'none' })
      continue
    }
    if (s.undecidable && options.skipUndecidable) continue
    const kh = hitsText(k.hits, options.bytes === true)
    const sh = hitsText(s.hits, options.bytes === true)
    if (kh !== sh) out.push({ index: k.index, name: k.name, field: 'hits', kernel: kh, simulator: sh })
    const kr = receivedText(k.received_by)
    const sr = receivedText(s.received_by)
    if (kr !== sr) out.push({ index: k.index, name: k.name, field: 'received_by', kernel: kr, simulator: sr })
    if ((k.outcome ?? '') !== s.outcome) out.push({ index: k.index, name: k.name, field: 'outcome', kernel: k.outcome ?? '', simulator: s.outcome })
    if (options.policies) {
      const kp = (k.policies ?? []).map((p) => `${p.table} ${p.chain} ×${p.pkts}`).join('; ')
      const sp = s.policies.map((p) => `${p.table} ${p.chain} ×${p.pkts}`).join('; ')
      if (kp !== sp) out.push({ index: k.index, name: k.name, field: 'policies', kernel: kp, simulator: sp })
    }
  }
  return out
}

/** The policy routes an oracle run was given with `--pod-setup "ip rule add fwmark M[/MASK] lookup T …"`. */
export function policyRoutesOf(podSetup: readonly string[] | undefined): PolicyRoute[] {
  const out: PolicyRoute[] = []
  for (const cmd of podSetup ?? []) {
    for (const m of cmd.matchAll(/fwmark\s+(0x[0-9a-f]+|\d+)(?:\/(0x[0-9a-f]+|\d+))?\s+(?:lookup|table)\s+(\d+)/gi)) {
      const mark = parseUint(m[1] as string)
      const mask = m[2] ? parseUint(m[2]) : 0xffffffff
      if (mark !== null && mask !== null) out.push({ fwmark: mark, mask, table: Number(m[3]) })
    }
  }
  return out
}

/**
 * Replays an oracle run: the same rules (read as the family the oracle loaded them as), the same packets, the pod
 * set up as the oracle's meta says (backend, policy routing) — then compares.
 */
export function replayOracleReport(
  rulesText: string,
  packets: readonly unknown[],
  report: OracleReport,
  options: CompareOptions = {},
): { results: ConnectionResult[]; mismatches: Mismatch[] } {
  const family: Family = report.meta.family === 'ipv6' ? 6 : 4
  const parsed = parseInput(rulesText).value.rulesets
  const one = parsed[family] ?? parsed[family === 6 ? 4 : 6]
  const rulesets: Partial<Record<Family, Ruleset>> = one ? { [family]: withFamily(one, family) } : {}
  const facts: Partial<PodFacts> = { backend: report.meta.backend === 'legacy' ? 'legacy' : 'nft', policyRoutes: policyRoutesOf(report.meta.pod_setup) }
  const results = simulate(rulesets, packets, facts, { family, trace: false }).value.results
  return { results, mismatches: compareWithOracle(report, results, options) }
}
