import type { Family } from '../model/ruleset.ts'
import type { GeneratedRules } from './generate.ts'
import { has, level, type Profile } from './profiles.ts'
import type { IstioTable, RuleRecord } from './rule-builder.ts'

const BUILTIN_CHAINS = new Set(['INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING'])
/** From 1.24 (C-38) the builder also treats these verdicts as built-in when looking for jump targets. */
const BUILTIN_TARGETS = new Set(['ACCEPT', 'RETURN', 'DROP'])
const SORTED_TABLES: readonly IstioTable[] = ['filter', 'mangle', 'nat', 'raw']

function records(gen: GeneratedRules, family: Family): readonly RuleRecord[] {
  return family === 4 ? gen.v4 : gen.v6
}

function binary(family: Family): string {
  return family === 4 ? 'iptables' : 'ip6tables'
}

/** Chains that need `-N`, per the builder: own chains in first-appearance order, then (C-38) bare jump targets. */
function chainsToCreate(list: readonly RuleRecord[], p: Profile, table?: IstioTable): { table: IstioTable; chain: string }[] {
  const seen = new Set<string>()
  const out: { table: IstioTable; chain: string }[] = []
  const add = (t: IstioTable, chain: string): void => {
    const key = `${t}\u0000${chain}`
    if (seen.has(key)) return
    seen.add(key)
    out.push({ table: t, chain })
  }
  for (const r of list) if ((table === undefined || r.table === table) && !BUILTIN_CHAINS.has(r.chain)) add(r.table, r.chain)
  if (has(p, 'C-38')) {
    for (const r of list) {
      if (table !== undefined && r.table !== table) continue
      const target = r.params[r.params.length - 1] ?? ''
      if (r.params[r.params.length - 2] === '-j' && !BUILTIN_CHAINS.has(target) && !BUILTIN_TARGETS.has(target)) add(r.table, target)
    }
  }
  return out
}

/** Command form (FormatIptablesCommands(BuildV4/V6)): `-N` lines first, then one `iptables -t … …` per rule. */
export function renderCommands(gen: GeneratedRules, family: Family): string[] {
  const list = records(gen, family)
  const bin = binary(family)
  const creates = chainsToCreate(list, gen.profile).map((c) => `${bin} -t ${c.table} -N ${c.chain}`)
  return [...creates, ...list.map((r) => `${bin} -t ${r.table} ${r.params.join(' ')}`)]
}

/** The tables of a restore file in the order this version writes them (C-34; before it Go map order, here first use). */
function tableOrder(list: readonly RuleRecord[], p: Profile): IstioTable[] {
  const used = [...new Set(list.map((r) => r.table))]
  return has(p, 'C-34') ? SORTED_TABLES.filter((t) => used.includes(t)) : used
}

/** The restore file's lines: per table `* <table>`, its `-N` lines, its rules, `COMMIT`. */
export function renderRestoreLines(gen: GeneratedRules, family: Family): string[] {
  const list = records(gen, family)
  const out: string[] = []
  for (const table of tableOrder(list, gen.profile)) {
    out.push(`* ${table}`)
    for (const c of chainsToCreate(list, gen.profile, table)) out.push(`-N ${c.chain}`)
    for (const r of list) if (r.table === table) out.push(r.params.join(' '))
    out.push('COMMIT')
  }
  return out
}

/** The rules file (iptables-restore input) byte for byte; empty when the family has no rules. */
export function renderRestore(gen: GeneratedRules, family: Family): string {
  const lines = renderRestoreLines(gen, family)
  return lines.length === 0 ? '' : lines.join('\n') + '\n'
}

/**
 * What Istio's own golden test of this version records for a run (spec B7, C7): the command lists (1.12–1.21),
 * plus the final saves (1.22–1.23), or the state probe, the restore inputs and the final saves (1.24+).
 */
export function renderGoldenSequence(gen: GeneratedRules): string[] {
  const p = gen.profile
  const ipv6 = gen.config.EnableIPv6
  const finalSaves = ipv6 ? ['iptables-save', 'ip6tables-save'] : ['iptables-save']
  if (has(p, 'C-39')) return ['iptables-save', 'ip6tables-save', ...renderRestoreLines(gen, 4), ...renderRestoreLines(gen, 6), ...finalSaves]
  const commandMode = !gen.config.RestoreFormat
  const body = commandMode || level(p, 'C-31') < 2
    ? [...renderCommands(gen, 4), ...renderCommands(gen, 6)]
    : [...renderRestoreLines(gen, 4), ...renderRestoreLines(gen, 6)]
  return level(p, 'C-31') >= 2 ? [...body, ...finalSaves] : body
}
