import type { Diagnostic, WithDiagnostics } from '../model/diagnostic.ts'
import type { Family } from '../model/ruleset.ts'
import { configValues, type ConfigLayer, type IstioConfig } from './config-model.ts'
import { generateRules } from './generate.ts'
import type { HostFacts } from './host-facts.ts'
import { level, withSwitches, type Profile } from './profiles.ts'
import { resolveConfig } from './resolve-config.ts'
import type { RuleRecord } from './rule-builder.ts'
import { switchDef, SWITCHES } from './switches.ts'

export interface SwitchRef {
  id: string
  title: string
  prs: readonly number[]
  /** Rows of spec Part C (1.9.4 → master) it accounts for. */
  partC: readonly number[]
}

export interface RuleChange {
  kind: 'added' | 'removed' | 'changed'
  family: Family
  table: string
  chain: string
  /** The rule as the restore file writes it (`-A ISTIO_OUTPUT …`), in profile A and in profile B. */
  before?: string
  after?: string
  /** 0-based position in the family's rule list of each profile. */
  indexA?: number
  indexB?: number
  /** The switches, differing between the two profiles, that caused the change. */
  causes: SwitchRef[]
}

export interface GeneratedDiff {
  a: Profile
  b: Profile
  changes: RuleChange[]
  /** Every switch whose level differs between A and B. */
  switches: SwitchRef[]
}

function ref(id: string): SwitchRef {
  const d = switchDef(id)
  return { id, title: d?.title ?? id, prs: d?.prs ?? [], partC: d?.partC ?? [] }
}

function text(r: RuleRecord): string {
  return r.params.join(' ')
}

function key(r: RuleRecord): string {
  return `${r.table} ${text(r)}`
}

/** Longest common subsequence of two rule lists, as pairs of indexes. */
function lcs(a: readonly RuleRecord[], b: readonly RuleRecord[]): [number, number][] {
  const n = a.length
  const m = b.length
  const len: number[][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => 0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = len[i] as number[]
      row[j] = key(a[i] as RuleRecord) === key(b[j] as RuleRecord) ? (len[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(len[i + 1]?.[j] ?? 0, row[j + 1] ?? 0)
    }
  }
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (key(a[i] as RuleRecord) === key(b[j] as RuleRecord)) {
      pairs.push([i++, j++])
    } else if ((len[i + 1]?.[j] ?? 0) >= (len[i]?.[j + 1] ?? 0)) i++
    else j++
  }
  return pairs
}

/** What identifies "the same rule, changed": its place and what it does, plus the owner id it is about. */
function signature(r: RuleRecord): string {
  const j = r.params.indexOf('-j')
  const owner = r.params.findIndex((x) => x === '--uid-owner' || x === '--gid-owner')
  return [r.table, r.chain, j >= 0 ? r.params[j + 1] : '', owner >= 0 ? `${r.params[owner] ?? ''} ${r.params[owner + 1] ?? ''}` : ''].join('|')
}

interface Sides {
  a: Profile
  b: Profile
  differing: ReadonlySet<string>
  /** The rule lists of a variant of a profile (one switch moved to the other profile's level). */
  generate(p: Profile): { v4: readonly RuleRecord[]; v6: readonly RuleRecord[] }
}

function flip(p: Profile, id: string, toLevel: number): Profile {
  const switches = new Map(p.switches)
  if (toLevel === 0) switches.delete(id)
  else switches.set(id, toLevel)
  return withSwitches(`${p.name}~${id}`, p.version, switches)
}

function present(rules: { v4: readonly RuleRecord[]; v6: readonly RuleRecord[] }, family: Family, table: string, rule: string): boolean {
  return (family === 4 ? rules.v4 : rules.v6).some((r) => r.table === table && text(r) === rule)
}

/**
 * The switches that caused a change, found by counterfactual: a switch is a cause when moving it alone back to the
 * other profile's level makes the rule disappear. Combined effects fall back to the switches the rules were tagged with.
 */
function causes(change: Omit<RuleChange, 'causes'>, tagged: readonly (RuleRecord | undefined)[], sides: Sides): SwitchRef[] {
  let candidates = new Set<string>()
  for (const r of tagged) for (const id of r?.switches ?? []) if (sides.differing.has(id)) candidates.add(id)
  if (candidates.size === 0) candidates = new Set(sides.differing)
  const found = new Set<string>()
  for (const id of candidates) {
    if (change.after !== undefined && !present(sides.generate(flip(sides.b, id, level(sides.a, id))), change.family, change.table, change.after)) found.add(id)
    if (change.before !== undefined && !present(sides.generate(flip(sides.a, id, level(sides.b, id))), change.family, change.table, change.before)) found.add(id)
  }
  const ids = found.size > 0 ? found : candidates
  return SWITCHES.filter((d) => ids.has(d.id)).map((d) => ref(d.id))
}

function diffFamily(family: Family, a: readonly RuleRecord[], b: readonly RuleRecord[], sides: Sides): RuleChange[] {
  const changes: RuleChange[] = []
  const anchors = [...lcs(a, b), [a.length, b.length] as [number, number]]
  const push = (c: Omit<RuleChange, 'causes'>, tagged: readonly (RuleRecord | undefined)[]): void => {
    changes.push({ ...c, causes: causes(c, tagged, sides) })
  }
  let i = 0
  let j = 0
  for (const [ai, bj] of anchors) {
    const removed = a.slice(i, ai).map((r, k) => ({ r, index: i + k }))
    const added = b.slice(j, bj).map((r, k) => ({ r, index: j + k }))
    for (const old of removed) {
      const match = added.findIndex((n) => signature(n.r) === signature(old.r))
      const neu = match >= 0 ? added.splice(match, 1)[0] : undefined
      if (neu) push({ kind: 'changed', family, table: old.r.table, chain: old.r.chain, before: text(old.r), after: text(neu.r), indexA: old.index, indexB: neu.index }, [old.r, neu.r])
      else push({ kind: 'removed', family, table: old.r.table, chain: old.r.chain, before: text(old.r), indexA: old.index }, [old.r])
    }
    for (const neu of added) push({ kind: 'added', family, table: neu.r.table, chain: neu.r.chain, after: text(neu.r), indexB: neu.index }, [neu.r])
    i = ai + 1
    j = bj + 1
  }
  return changes.toSorted((x, y) => (x.indexB ?? x.indexA ?? 0) - (y.indexB ?? y.indexA ?? 0))
}

/**
 * The rules that differ when the same configuration goes through two versions of istio-iptables, each attributed
 * to the switches (and Istio PRs) that caused it. Given config layers, each profile resolves them itself (so binding
 * changes such as ENVOY_PORT being ignored show too); given an IstioConfig, both use it as is.
 */
export function diffGenerated(
  input: IstioConfig | { layers: readonly ConfigLayer[]; host?: Partial<HostFacts> },
  a: Profile,
  b: Profile,
): WithDiagnostics<GeneratedDiff> {
  const diagnostics: Diagnostic[] = []
  const configFor = (p: Profile): IstioConfig => {
    if (!('layers' in input)) return input
    const r = resolveConfig(input.layers, p, input.host)
    if (p === a || p === b) diagnostics.push(...r.diagnostics)
    return configValues(r.value)
  }
  const cache = new Map<Profile, { v4: readonly RuleRecord[]; v6: readonly RuleRecord[] }>()
  const generate = (p: Profile): { v4: readonly RuleRecord[]; v6: readonly RuleRecord[] } => {
    let rules = cache.get(p)
    if (!rules) {
      const g = generateRules(configFor(p), p)
      if (p === a || p === b) diagnostics.push(...g.diagnostics)
      rules = g.value
      cache.set(p, rules)
    }
    return rules
  }
  const differing = new Set(SWITCHES.filter((d) => level(a, d.id) !== level(b, d.id)).map((d) => d.id))
  const sides: Sides = { a, b, differing, generate }
  const genA = generate(a)
  const genB = generate(b)
  const changes = [...diffFamily(4, genA.v4, genB.v4, sides), ...diffFamily(6, genA.v6, genB.v6, sides)]
  return { value: { a, b, changes, switches: SWITCHES.filter((d) => differing.has(d.id)).map((d) => ref(d.id)) }, diagnostics }
}
