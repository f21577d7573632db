import type { Family, Rule, Ruleset, TableName } from '../model/ruleset.ts'
import { parseInput } from '../parse/index.ts'
import { printRule } from '../print/print-save.ts'
import { flagsLayer, setLayer } from '../istio/config-input.ts'
import type { ConfigLayer } from '../istio/config-model.ts'
import { renderOutput, runIstioIptables } from '../istio/istio-generate.ts'
import { resolveProfile } from '../istio/profiles.ts'
import { annotateRuleset, type RulesetAnnotation } from '../explain/annotate.ts'
import { contextFor, explainRule } from '../explain/explain-rule.ts'
import { ROLE_IDS, type RoleId } from '../explain/roles.ts'
import type { Lang } from '../explain/types.ts'

/** A configuration run through one version of istio-iptables to find rules of many roles at once. */
interface Sample {
  profile: string
  flags: string
  set?: readonly string[]
}

/**
 * Enough configurations to produce every role istio-iptables ever emitted, each example a rule the real tool writes.
 * The earliest configurations come first, so a role is shown as the current tool writes it where it still exists.
 */
const SAMPLES: readonly Sample[] = [
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -m REDIRECT -i '*' -x 10.96.0.0/12 -b '*' -d 15090,15021,15020 -o 3306 -c eth1 --redirect-dns --drop-invalid", set: ['DNSServersV4=10.96.0.10'] },
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -m TPROXY -i '*' -b '*' -d 15090,15021,15020" },
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '' -q 8443 -b 8080 -k virt0" },
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' -k virt0" },
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -b '*'", set: ['OwnerGroupsExclude=java'] },
  { profile: 'latest', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*'", set: ['OwnerGroupsInclude=java'] },
  { profile: '1.22', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -b '*' --redirect-dns", set: ['DNSServersV4=10.96.0.10', 'OwnerGroupsExclude=java'] },
  { profile: '1.22', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' --redirect-dns", set: ['DNSServersV4=10.96.0.10', 'OwnerGroupsInclude=java'] },
  { profile: '1.23', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' --redirect-dns", set: ['DNSServersV4=10.96.0.10'] },
  { profile: '1.12', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' --iptables-trace-logging" },
  { profile: '1.9.4', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*' --redirect-dns", set: ['DNSServersV4=10.96.0.10'] },
  { profile: '1.8', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -m TPROXY -i '*' -b '*'" },
  // 1.8's DNS capture goes to the agent on 15053 (1.7's default went to Envoy on 15013).
  { profile: '1.8', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*'", set: ['RedirectDNS=true', 'DNSServersV4=10.96.0.10'] },
]

/** Istio 1.4 and earlier sent every loopback connection to a pod address through the inbound listener. */
const PRE_15_RULES = `*nat
:ISTIO_INBOUND - [0:0]
:ISTIO_IN_REDIRECT - [0:0]
:ISTIO_OUTPUT - [0:0]
:ISTIO_REDIRECT - [0:0]
-A PREROUTING -p tcp -j ISTIO_INBOUND
-A OUTPUT -p tcp -j ISTIO_OUTPUT
-A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT
-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A ISTIO_OUTPUT -s 127.0.0.6/32 -o lo -j RETURN
-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -j ISTIO_IN_REDIRECT
-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A ISTIO_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A ISTIO_OUTPUT -d 127.0.0.1/32 -j RETURN
-A ISTIO_OUTPUT -j ISTIO_REDIRECT
-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001
COMMIT
`

export interface ReferenceExample {
  /** The rule as iptables-save prints it, `-A CHAIN …`. */
  rule: string
  family: Family
  table: TableName
  chain: string
  /** Which istio-iptables wrote it: `latest`, `1.9.4`, or `1.4` for the hand-written pre-1.5 rule. */
  profile: string
  /** The istio-iptables arguments that produce it. */
  flags: string
  /** Host facts and env-only settings as `FIELD=VALUE` (`DNSServersV4=10.96.0.10`). */
  set: string[]
}

export interface ReferenceEntry {
  role: RoleId
  badge: number | null
  example: ReferenceExample
  title: string
  summary: string
  sentence: string
  clauses: { code: string; text: string; note?: string }[]
  why: string
  scenarios: { text: string; evidence: string; preset: string | null }[]
  pitfalls: string[]
  versions: string[]
}

interface Found {
  ruleset: Ruleset
  annotation: RulesetAnnotation
  rule: Rule
  table: TableName
  chain: string
  index: number
  example: ReferenceExample
}

let examples: Map<RoleId, Found> | null = null

function layersOf(sample: Sample): ConfigLayer[] {
  const layers = [flagsLayer(sample.flags).value]
  if (sample.set) layers.push(setLayer([...sample.set]).value)
  return layers
}

function rulesetsOf(sample: Sample): Ruleset[] {
  const profile = resolveProfile(sample.profile).value
  if (!profile) return []
  const run = runIstioIptables(layersOf(sample), profile).value
  const out: Ruleset[] = []
  for (const family of [4, 6] as const) {
    const text = renderOutput(run, 'restore', family).value
    const ruleset = text ? parseInput(text).value.rulesets[family] : undefined
    if (ruleset) out.push(ruleset)
  }
  return out
}

function collect(found: Map<RoleId, Found>, ruleset: Ruleset, profile: string, flags: string, set: readonly string[]): void {
  const annotation = annotateRuleset(ruleset)
  for (const a of annotation.rules) {
    if (!a.role || found.has(a.role)) continue
    const rule = ruleset.tables.find((t) => t.name === a.ref.table)?.chains.find((c) => c.name === a.ref.chain)?.rules[a.ref.index - 1]
    if (!rule) continue
    const example: ReferenceExample = { rule: printRule(a.ref.chain, rule), family: ruleset.family, table: a.ref.table, chain: a.ref.chain, profile, flags, set: [...set] }
    found.set(a.role, { ruleset, annotation, rule, table: a.ref.table, chain: a.ref.chain, index: a.ref.index, example })
  }
}

/** One rule per role, found once: what the reference explains each role with. */
function exampleRules(): Map<RoleId, Found> {
  if (examples) return examples
  const found = new Map<RoleId, Found>()
  for (const sample of SAMPLES) {
    for (const ruleset of rulesetsOf(sample)) collect(found, ruleset, sample.profile, sample.flags, sample.set ?? [])
  }
  const old = parseInput(PRE_15_RULES).value.rulesets[4]
  if (old) collect(found, old, '1.4', "-p 15001 -z 15006 -u 1337 -g 1337 -i '*' -b '*'", [])
  examples = found
  return found
}

/** Roles the reference has no example for (a test keeps this empty). */
export function rolesWithoutExample(): RoleId[] {
  const found = exampleRules()
  return ROLE_IDS.filter((r) => !found.has(r))
}

/**
 * Every Istio rule role the explainer knows, badges ①–⑨ first, each with a rule istio-iptables writes for it and
 * the full curated explanation in `lang`: a browsable reference of what every Istio rule does.
 */
export function ruleReference(lang: Lang): ReferenceEntry[] {
  const found = exampleRules()
  const entries: ReferenceEntry[] = []
  for (const role of ROLE_IDS) {
    const f = found.get(role)
    if (!f) continue
    const context = { ...contextFor(f.ruleset, f.annotation, { table: f.table, chain: f.chain, index: f.index }), role }
    const e = explainRule(f.rule, context, lang)
    entries.push({
      role,
      badge: e.badge,
      example: f.example,
      title: e.title,
      summary: e.summary,
      sentence: e.sentence,
      clauses: e.clauses.map((c) => (c.note ? { code: c.code, text: c.text, note: c.note } : { code: c.code, text: c.text })),
      why: e.why ?? '',
      scenarios: e.scenarios.map((s) => ({ text: s.text, evidence: s.evidence, preset: s.preset })),
      pitfalls: e.pitfalls,
      versions: e.versionNotes,
    })
  }
  // Badged roles first, ① to ⑨ (⑨'s CIDR form after the catch-all), then the rest in the explainer's order.
  return entries.toSorted((x, y) => (x.badge ?? 10) - (y.badge ?? 10))
}
