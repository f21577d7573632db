import { diagnostic, type Diagnostic, type Severity } from '../model/diagnostic.ts'
import {
  STANDARD_TARGETS,
  type BaseMatch,
  type BaseOption,
  type ExtensionOption,
  type Family,
  type Match,
  type ModuleMatch,
  type Rule,
  type TableName,
  type Target,
} from '../model/ruleset.ts'
import { canonicalAddress } from './canonical/address.ts'
import { CODES } from './codes.ts'
import { matchSpec, optionSpec, targetSpec } from './extensions/registry.ts'
import type { ExtensionSpec, ReadContext } from './extensions/types.ts'
import type { DraftModule, DraftOption, DraftTarget, RuleDraft } from './rule-draft.ts'
import { protocolName, protocolNumber } from './tables/names.ts'

/**
 * Turns a draft into model rules in iptables-save's canonical form: base clauses in the order -s -d -i -o -p -f,
 * every known option canonicalised and ordered as iptables-save prints it, unknown ones kept verbatim and flagged.
 * `-s a,b` expands to one rule per address, as iptables does.
 */
export interface ResolveContext {
  family: Family
  line: number
  table?: TableName
  chain?: string
}

const BASE_ORDER: readonly BaseOption[] = ['-s', '-d', '-i', '-o', '-p', '-f']

export function resolveDraft(draft: RuleDraft, ctx: ResolveContext): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const report = (code: string, severity: Severity, message: string, column: number) =>
    diagnostics.push(diagnostic(code, severity, message, ctx.line, column))

  const single = new Map<BaseOption, BaseMatch>()
  let sources: BaseMatch[] | null = null
  let destinations: BaseMatch[] | null = null
  const seen = new Set<BaseOption>()
  for (const b of draft.base) {
    if (seen.has(b.option)) report(CODES.invalidArgument, 'error', `${b.option} given twice; iptables refuses this (the last one is kept)`, b.column)
    seen.add(b.option)
    switch (b.option) {
      case '-p': {
        const n = protocolNumber(b.value)
        if (n === null) {
          report(CODES.invalidArgument, 'error', `unknown protocol "${b.value}"`, b.column)
          single.set('-p', { kind: 'base', option: '-p', negated: b.negated, value: b.value })
        } else if (n !== 0 || b.negated) {
          single.set('-p', { kind: 'base', option: '-p', negated: b.negated, value: n === 0 ? 'all' : protocolName(n) })
        } else single.delete('-p')
        break
      }
      case '-s':
      case '-d': {
        const list: BaseMatch[] = []
        for (const part of b.value.split(',')) {
          const r = canonicalAddress(part, ctx.family)
          if (r.kind === 'error') {
            report(CODES.invalidArgument, 'error', `${b.option}: ${r.message}`, b.column)
            list.push({ kind: 'base', option: b.option, negated: b.negated, value: part })
          } else if (r.kind === 'name') {
            report(CODES.unresolvedName, 'warning', `${b.option} ${r.text}: a host name is resolved when the rules are loaded; kept as written`, b.column)
            list.push({ kind: 'base', option: b.option, negated: b.negated, value: r.text })
          } else if (!b.negated && (r.text === '0.0.0.0/0' || r.text === '::/0')) {
            // Matches every address: iptables-save leaves it out.
          } else list.push({ kind: 'base', option: b.option, negated: b.negated, value: r.text })
        }
        // Only "any address" was given: the clause goes away, the rule stays.
        if (b.option === '-s') sources = list.length ? list : null
        else destinations = list.length ? list : null
        break
      }
      case '-i':
      case '-o': {
        if (b.value.length > 15) report(CODES.invalidArgument, 'error', `${b.option} ${b.value}: interface names have at most 15 characters`, b.column)
        if (b.value === '+' && !b.negated) single.delete(b.option)
        else single.set(b.option, { kind: 'base', option: b.option, negated: b.negated, value: b.value })
        break
      }
      case '-f': {
        if (ctx.family === 6) report(CODES.invalidInContext, 'error', 'ip6tables has no -f (use -m frag)', b.column)
        single.set('-f', { kind: 'base', option: '-f', negated: b.negated, value: '' })
        break
      }
    }
  }
  const proto = single.get('-p')
  const readCtx: ReadContext = { family: ctx.family, protocol: proto && !proto.negated ? proto.value : '' }

  const modules: ModuleMatch[] = []
  for (const m of draft.modules) modules.push(resolveModule(m, readCtx, report))
  const target = draft.target ? resolveTarget(draft.target, readCtx, report) : null
  if (target) checkContext(target, single, ctx, draft.target?.column ?? 1, report)

  const sList: (BaseMatch | null)[] = sources ?? [null]
  const dList: (BaseMatch | null)[] = destinations ?? [null]
  if (sList.length * dList.length > 1) {
    report(CODES.ruleExpanded, 'info', `several addresses: iptables adds ${sList.length * dList.length} rules, one per address`, 1)
  }
  const rules: Rule[] = []
  for (const s of sList) {
    for (const d of dList) {
      const matches: Match[] = []
      for (const option of BASE_ORDER) {
        const m = option === '-s' ? s : option === '-d' ? d : (single.get(option) ?? null)
        if (m) matches.push(m)
      }
      for (const m of modules) matches.push(rules.length === 0 ? m : cloneModule(m))
      const rule: Rule = { matches, target: target && rules.length > 0 ? cloneTarget(target) : target }
      if (draft.counters) rule.counters = { ...draft.counters }
      rules.push(rule)
    }
  }
  return { rules, diagnostics }
}

type Report = (code: string, severity: Severity, message: string, column: number) => void

function resolveOptions(
  spec: ExtensionSpec,
  options: readonly DraftOption[],
  readCtx: ReadContext,
  owner: string,
  report: Report,
  fallbackColumn: number,
): ExtensionOption[] {
  const out: ExtensionOption[] = []
  const unknown: ExtensionOption[] = []
  for (const o of options) {
    const os = optionSpec(spec, o.name)
    if (!os) {
      report(CODES.unknownOption, 'warning', `${owner}: option ${o.name} is not modelled; kept verbatim`, o.column)
      unknown.push({ name: o.name, negated: o.negated, args: [...o.args], known: false })
      continue
    }
    if (o.negated && !os.negatable) report(CODES.invalidArgument, 'error', `${o.name} cannot be negated with "!"`, o.column)
    const r = os.read ? os.read(o.args, o.negated, readCtx) : { options: [{ name: os.names[0] as string, negated: o.negated, args: [...o.args], known: true }] }
    if ('error' in r) {
      report(CODES.invalidArgument, 'error', r.error, o.column)
      unknown.push({ name: o.name, negated: o.negated, args: [...o.args], known: false })
      continue
    }
    if (r.warning) report(r.warningCode ?? CODES.unresolvedName, 'warning', r.warning, o.column)
    for (const opt of r.options) {
      const twice = out.findIndex((x) => x.name === opt.name)
      if (twice >= 0) {
        report(CODES.invalidArgument, 'error', `${owner}: ${opt.name} given twice; iptables refuses this (the last one is kept)`, o.column)
        out.splice(twice, 1)
      }
      out.push(opt)
    }
  }
  let finished = out
  if (spec.finish) {
    const f = spec.finish(out, readCtx)
    if (f.error) report(CODES.invalidArgument, 'error', f.error, fallbackColumn)
    finished = f.options
  }
  return [...sortOptions(finished, spec.order), ...unknown]
}

export function sortOptions(options: readonly ExtensionOption[], order: readonly string[]): ExtensionOption[] {
  const rank = (o: ExtensionOption) => {
    const i = order.indexOf(o.name)
    return i < 0 ? order.length : i
  }
  return options
    .map((o, i) => ({ o, i }))
    .toSorted((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o)
}

function resolveModule(m: DraftModule, readCtx: ReadContext, report: Report): ModuleMatch {
  const spec = m.verbatim === undefined && m.name !== '' ? matchSpec(m.name) : undefined
  if (!spec) {
    if (m.name !== '' && m.verbatim === undefined) report(CODES.unknownMatch, 'warning', `match "${m.name}" is not modelled; kept verbatim`, m.column)
    const mod: ModuleMatch = {
      kind: 'module',
      module: m.name,
      options: m.options.map((o) => ({ name: o.name, negated: o.negated, args: [...o.args], known: false })),
      known: false,
    }
    if (m.implicit) mod.implicit = true
    if (m.verbatim !== undefined) mod.verbatim = m.verbatim
    return mod
  }
  const mod: ModuleMatch = { kind: 'module', module: m.name, options: resolveOptions(spec, m.options, readCtx, `-m ${m.name}`, report, m.column), known: true }
  if (m.implicit) mod.implicit = true
  return mod
}

function resolveTarget(t: DraftTarget, readCtx: ReadContext, report: Report): Target {
  if (t.kind === 'goto') {
    if (t.options.length) report(CODES.unexpectedWord, 'error', `-g ${t.name} takes no options`, t.column)
    return { kind: 'goto', name: t.name, options: t.options.map(verbatimOption), known: true }
  }
  if (t.verbatim !== undefined) {
    return { kind: 'jump', name: t.name, options: t.options.map(verbatimOption), known: false, verbatim: t.verbatim }
  }
  const spec = targetSpec(t.name)
  if (spec) return { kind: 'jump', name: t.name, options: resolveOptions(spec, t.options, readCtx, `-j ${t.name}`, report, t.column), known: true }
  if (STANDARD_TARGETS.has(t.name) || t.options.length === 0) {
    if (t.options.length) report(CODES.unknownOption, 'error', `-j ${t.name} takes no options; kept verbatim`, t.column)
    // Without options a name is a chain; the table check reports chains that are never declared.
    return { kind: 'jump', name: t.name, options: t.options.map(verbatimOption), known: true }
  }
  report(CODES.unknownTarget, 'warning', `target "${t.name}" is not modelled; kept verbatim`, t.column)
  return { kind: 'jump', name: t.name, options: t.options.map(verbatimOption), known: false }
}

function verbatimOption(o: DraftOption): ExtensionOption {
  return { name: o.name, negated: o.negated, args: [...o.args], known: false }
}

const NAT_ONLY = new Set(['REDIRECT', 'DNAT', 'SNAT', 'MASQUERADE'])

/** True when the kernel accepts the rule in its table and chain (see contextProblems); allocation-free. */
export function contextOk(target: string | null, hasIn: boolean, hasOut: boolean, table: TableName | undefined, chain: string | undefined): boolean {
  if (target === 'DROP' && table === 'nat') return false
  if (target !== null && table && ((table !== 'nat' && NAT_ONLY.has(target)) || (table !== 'mangle' && target === 'TPROXY'))) return false
  if (hasOut && (chain === 'INPUT' || chain === 'PREROUTING')) return false
  return !(hasIn && (chain === 'OUTPUT' || chain === 'POSTROUTING'))
}

/** What the kernel refuses for a rule in its table or built-in chain (`DROP` in nat, `-o` in INPUT, …). */
export function contextProblems(target: string | null, hasIn: boolean, hasOut: boolean, table: TableName | undefined, chain: string | undefined): string[] {
  const out: string[] = []
  if (table === 'nat' && target === 'DROP') out.push('iptables refuses DROP in the nat table')
  if (table && table !== 'nat' && target && NAT_ONLY.has(target)) out.push(`${target} is only valid in the nat table`)
  if (table && table !== 'mangle' && target === 'TPROXY') out.push('TPROXY is only valid in the mangle table')
  if ((chain === 'INPUT' || chain === 'PREROUTING') && hasOut) out.push(`iptables refuses -o in ${chain}`)
  if ((chain === 'OUTPUT' || chain === 'POSTROUTING') && hasIn) out.push(`iptables refuses -i in ${chain}`)
  return out
}

function checkContext(target: Target, base: ReadonlyMap<BaseOption, BaseMatch>, ctx: ResolveContext, column: number, report: Report): void {
  for (const message of contextProblems(target.name, base.has('-i'), base.has('-o'), ctx.table, ctx.chain)) {
    report(CODES.invalidInContext, 'warning', message, column)
  }
}

function cloneModule(m: ModuleMatch): ModuleMatch {
  return { ...m, options: m.options.map((o) => ({ ...o, args: [...o.args] })) }
}

function cloneTarget(t: Target): Target {
  return { ...t, options: t.options.map((o) => ({ ...o, args: [...o.args] })) }
}
