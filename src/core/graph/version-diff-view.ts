import type { Family } from '../model/ruleset.ts'
import type { ConfigLayer } from '../istio/config-model.ts'
import { diffGenerated, type SwitchRef } from '../istio/diff-generated.ts'
import { runIstioIptables } from '../istio/istio-generate.ts'
import type { Profile } from '../istio/profiles.ts'
import type { RuleRecord } from '../istio/rule-builder.ts'

export interface SwitchView {
  id: string
  /** English, as the generator's switch table words it; the UI has the Chinese by id. */
  title: string
  prs: number[]
  /** Rows of the spec's "1.9.4 → master" table it accounts for. */
  partC: number[]
}

export interface VersionChangeView {
  kind: 'added' | 'removed' | 'changed'
  family: Family
  table: string
  chain: string
  /** The rule as the rules file writes it, in the compared version and in the current one. */
  before?: string
  after?: string
  /** 1-based position in its chain, where the graph draws it: in the compared version, and in the current one. */
  indexBefore?: number
  indexAfter?: number
  causes: SwitchView[]
}

export interface VersionDiffView {
  /** The compared (earlier selected) profile and the current one. */
  from: string
  to: string
  changes: VersionChangeView[]
  /** Every switch whose level differs between the two. */
  switches: SwitchView[]
}

function switchView(s: SwitchRef): SwitchView {
  return { id: s.id, title: s.title, prs: [...s.prs], partC: [...s.partC] }
}

/**
 * Where each rule of a generated list ends up in its chain: `-A` appends, `-I <chain> <n>` inserts, exactly as the
 * kernel applies the rules file (the position the graph draws the rule at).
 */
export function chainPositions(list: readonly RuleRecord[]): number[] {
  const chains = new Map<string, number[]>()
  list.forEach((r, i) => {
    const key = `${r.table} ${r.chain}`
    const members = chains.get(key) ?? []
    chains.set(key, members)
    if (r.params[0] === '-I') {
      const at = Math.max(1, Number(r.params[2] ?? '1') || 1)
      members.splice(Math.min(at - 1, members.length), 0, i)
    } else members.push(i)
  })
  const positions = Array.from({ length: list.length }, () => 0)
  for (const members of chains.values()) members.forEach((record, p) => (positions[record] = p + 1))
  return positions
}

/**
 * The rules that differ when the same configuration goes through the `from` and the `to` version of istio-iptables,
 * each attributed to the switches and Istio PRs that caused it, with where the graph draws it.
 */
export function versionDiffView(layers: readonly ConfigLayer[], from: Profile, to: Profile): VersionDiffView {
  const diff = diffGenerated({ layers }, from, to).value
  const rulesOf = (p: Profile) => runIstioIptables(layers, p).value.rules
  const a = rulesOf(from)
  const b = rulesOf(to)
  const positions = {
    a: { 4: chainPositions(a.v4), 6: chainPositions(a.v6) },
    b: { 4: chainPositions(b.v4), 6: chainPositions(b.v6) },
  }
  const changes = diff.changes.map((c) => {
    const view: VersionChangeView = { kind: c.kind, family: c.family, table: c.table, chain: c.chain, causes: c.causes.map(switchView) }
    if (c.before !== undefined) view.before = c.before
    if (c.after !== undefined) view.after = c.after
    if (c.indexA !== undefined) view.indexBefore = positions.a[c.family][c.indexA] ?? 0
    if (c.indexB !== undefined) view.indexAfter = positions.b[c.family][c.indexB] ?? 0
    return view
  })
  return { from: from.name, to: to.name, changes, switches: diff.switches.map(switchView) }
}
