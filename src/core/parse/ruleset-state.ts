import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { Span } from '../model/span.ts'
import {
  BUILTIN_CHAINS,
  SAVE_TABLE_ORDER,
  STANDARD_TARGETS,
  isBuiltinChain,
  type Chain,
  type Counters,
  type Family,
  type Policy,
  type Rule,
  type Ruleset,
  type Table,
  type TableName,
} from '../model/ruleset.ts'
import { printRuleSpec } from '../print/print-save.ts'
import { CODES } from './codes.ts'
import { targetSpec } from './extensions/registry.ts'

/**
 * The netfilter state of one family as a program of table operations changes it: every input form is read into
 * `Op`s (a dump is declarations and appends; a command list is whatever it says), and `applyOps` runs them the way
 * iptables would, reporting what would fail on a real host instead of failing.
 */
export type Op =
  | { op: 'table'; table: TableName; line: number }
  | {
      op: 'declare'
      table: TableName
      chain: string
      policy: Policy | null
      counters?: Counters
      references?: number
      notes?: string[]
      span?: Span
      /** iptables-restore flushes a user chain it declares that already exists. */
      flush: boolean
      line: number
    }
  | { op: 'new'; table: TableName; chain: string; line: number; notes?: string[]; span?: Span }
  | { op: 'delete-chain'; table: TableName; chain: string | null; line: number }
  | { op: 'flush'; table: TableName; chain: string | null; line: number }
  | { op: 'append'; table: TableName; chain: string; rules: Rule[]; line: number }
  | { op: 'insert'; table: TableName; chain: string; index: number; rules: Rule[]; line: number }
  | { op: 'delete'; table: TableName; chain: string; rule?: Rule; index?: number; line: number }
  | { op: 'replace'; table: TableName; chain: string; index: number; rule: Rule; line: number }
  | { op: 'policy'; table: TableName; chain: string; policy: Policy; counters?: Counters; line: number }
  | { op: 'rename'; table: TableName; chain: string; to: string; line: number }

interface TableState {
  name: TableName
  chains: Map<string, Chain>
}

export interface FamilyState {
  family: Family
  tables: Map<TableName, TableState>
}

export function emptyState(family: Family): FamilyState {
  return { family, tables: new Map() }
}

function touch(state: FamilyState, name: TableName): TableState {
  let t = state.tables.get(name)
  if (!t) {
    t = { name, chains: new Map() }
    // iptables-nft creates every built-in chain of a table it touches, with policy ACCEPT.
    for (const c of BUILTIN_CHAINS[name]) t.chains.set(c, { name: c, builtin: true, policy: 'ACCEPT', rules: [] })
    state.tables.set(name, t)
  }
  return t
}

/**
 * Applies operations in order. `program` (a command list) follows iptables exactly: a command the host would refuse
 * — a rule for a chain that does not exist, a jump to a missing chain — is reported and skipped, the next one runs.
 * `dump` (save, restore, listing) is lenient: a missing declaration is supplied, so a cut dump still shows its rules.
 */
export function applyOps(state: FamilyState, ops: readonly Op[], diagnostics: Diagnostic[], mode: 'program' | 'dump' = 'dump'): void {
  for (const op of ops) applyOp(state, op, diagnostics, mode)
}

function missingJump(t: TableState, rule: Rule): string | null {
  const target = rule.target
  if (!target || target.options.length || STANDARD_TARGETS.has(target.name) || targetSpec(target.name) || t.chains.has(target.name)) return null
  return target.name
}

function applyOp(state: FamilyState, op: Op, diagnostics: Diagnostic[], mode: 'program' | 'dump'): void {
  // `*raw` followed by COMMIT alone creates nothing (iptables-nft); any declaration or command does.
  if (op.op === 'table') return
  const t = touch(state, op.table)
  const warn = (message: string): void => {
    diagnostics.push(diagnostic(CODES.commandNoEffect, 'info', message, op.line))
  }
  switch (op.op) {
    case 'declare': {
      let chain = t.chains.get(op.chain)
      if (!chain) {
        chain = { name: op.chain, builtin: false, policy: null, rules: [] }
        t.chains.set(op.chain, chain)
      } else if (!chain.builtin && op.flush) chain.rules = []
      if (chain.builtin) {
        if (op.policy) chain.policy = op.policy
        else diagnostics.push(diagnostic(CODES.chainOrder, 'warning', `${op.chain} is a built-in chain: it has a policy, not "-"`, op.line))
      } else if (op.policy) {
        diagnostics.push(diagnostic(CODES.chainOrder, 'warning', `${op.chain} is a user chain: it has no policy (iptables-save prints "-")`, op.line))
      }
      // `delete` only when there is something to remove: it turns the object into a slow dictionary.
      if (op.counters) chain.counters = op.counters
      else if (chain.counters) delete chain.counters
      if (op.references !== undefined) chain.references = op.references
      if (op.notes?.length) chain.notes = [...(chain.notes ?? []), ...op.notes]
      if (op.span) chain.span = op.span
      return
    }
    case 'new': {
      if (t.chains.has(op.chain)) return warn(`chain ${op.chain} already exists in ${op.table}; iptables -N fails here`)
      const chain: Chain = { name: op.chain, builtin: false, policy: null, rules: [] }
      if (op.notes?.length) chain.notes = op.notes
      if (op.span) chain.span = op.span
      t.chains.set(op.chain, chain)
      return
    }
    case 'delete-chain': {
      const names = op.chain === null ? [...t.chains.values()].filter((c) => !c.builtin).map((c) => c.name) : [op.chain]
      for (const name of names) {
        const chain = t.chains.get(name)
        if (!chain) {
          warn(`no chain ${name} in ${op.table}; iptables -X fails here`)
          continue
        }
        if (chain.builtin) {
          warn(`${name} is a built-in chain and cannot be deleted`)
          continue
        }
        if (chain.rules.length) {
          warn(`chain ${name} is not empty; iptables -X fails here`)
          continue
        }
        if (isReferenced(t, name)) {
          warn(`chain ${name} is still referenced; iptables -X fails here`)
          continue
        }
        t.chains.delete(name)
      }
      return
    }
    case 'flush': {
      if (op.chain === null) {
        for (const c of t.chains.values()) c.rules = []
        return
      }
      const chain = t.chains.get(op.chain)
      if (!chain) return warn(`no chain ${op.chain} in ${op.table}; iptables -F fails here`)
      chain.rules = []
      return
    }
    case 'append':
    case 'insert': {
      let chain = t.chains.get(op.chain)
      if (mode === 'program') {
        if (!chain) return warn(`no chain ${op.chain} in ${op.table}; iptables -${op.op === 'append' ? 'A' : 'I'} fails here`)
        const missing = op.rules.map((r) => missingJump(t, r)).find((m) => m !== null)
        if (missing) return warn(`-j ${missing}: no such chain in ${op.table}; iptables fails here`)
      }
      if (!chain) {
        diagnostics.push(diagnostic(CODES.chainOrder, 'warning', `chain ${op.chain} was never declared in ${op.table}; created here`, op.line))
        chain = { name: op.chain, builtin: isBuiltinChain(op.table, op.chain), policy: null, rules: [] }
        t.chains.set(op.chain, chain)
      }
      if (op.op === 'append') {
        for (const r of op.rules) chain.rules.push(r)
        return
      }
      if (op.index < 1 || op.index > chain.rules.length + 1) {
        return warn(`-I ${op.chain} ${op.index}: the chain has ${chain.rules.length} rules; iptables fails here`)
      }
      chain.rules.splice(op.index - 1, 0, ...op.rules)
      return
    }
    case 'delete': {
      const chain = t.chains.get(op.chain)
      if (!chain) return warn(`no chain ${op.chain} in ${op.table}; iptables -D fails here`)
      if (op.index !== undefined) {
        if (op.index < 1 || op.index > chain.rules.length) return warn(`-D ${op.chain} ${op.index}: no such rule; iptables fails here`)
        chain.rules.splice(op.index - 1, 1)
        return
      }
      if (!op.rule) return
      const text = printRuleSpec(op.rule, state.family)
      const i = chain.rules.findIndex((r) => printRuleSpec(r, state.family) === text)
      if (i < 0) return warn(`-D ${op.chain}: no such rule in ${op.table}; iptables fails here`)
      chain.rules.splice(i, 1)
      return
    }
    case 'replace': {
      const chain = t.chains.get(op.chain)
      if (!chain || op.index < 1 || op.index > chain.rules.length) return warn(`-R ${op.chain} ${op.index}: no such rule; iptables fails here`)
      const missing = missingJump(t, op.rule)
      if (mode === 'program' && missing) return warn(`-j ${missing}: no such chain in ${op.table}; iptables fails here`)
      chain.rules[op.index - 1] = op.rule
      return
    }
    case 'policy': {
      const chain = t.chains.get(op.chain)
      if (!chain || !chain.builtin) return warn(`-P ${op.chain}: only built-in chains have a policy`)
      chain.policy = op.policy
      if (op.counters) chain.counters = op.counters
      return
    }
    case 'rename': {
      const chain = t.chains.get(op.chain)
      if (!chain || chain.builtin) return warn(`-E ${op.chain}: no such user chain`)
      if (t.chains.has(op.to)) return warn(`-E ${op.chain} ${op.to}: chain ${op.to} already exists`)
      t.chains.delete(op.chain)
      chain.name = op.to
      t.chains.set(op.to, chain)
      // Rules are shared with section snapshots: replace, never mutate.
      for (const c of t.chains.values()) {
        c.rules = c.rules.map((r) => (r.target && r.target.name === op.chain ? { ...r, target: { ...r.target, name: op.to } } : r))
      }
      return
    }
  }
}

function isReferenced(t: TableState, name: string): boolean {
  for (const c of t.chains.values()) for (const r of c.rules) if (r.target?.name === name) return true
  return false
}

/**
 * The state as a model Ruleset: tables in iptables-save order, built-in chains in hook order, user chains by name.
 * With `detach` false the chains are handed over as they are, for a state that is not used any further.
 */
export function toRuleset(state: FamilyState, detach = true): Ruleset {
  const tables: Table[] = []
  for (const name of SAVE_TABLE_ORDER) {
    const t = state.tables.get(name)
    if (!t) continue
    const builtins = BUILTIN_CHAINS[name].map((c) => t.chains.get(c)).filter((c): c is Chain => c !== undefined)
    const user = [...t.chains.values()].filter((c) => !c.builtin).toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const chains = [...builtins, ...user]
    tables.push({ name, chains: detach ? chains.map((c) => ({ ...c, rules: [...c.rules] })) : chains })
  }
  return { family: state.family, tables }
}

/** A state to apply more operations to, starting from a ruleset (rules are shared, never mutated). */
export function stateFrom(ruleset: Ruleset): FamilyState {
  const state = emptyState(ruleset.family)
  for (const t of ruleset.tables) {
    const chains = new Map<string, Chain>()
    for (const c of t.chains) chains.set(c.name, { ...c, rules: [...c.rules] })
    state.tables.set(t.name, { name: t.name, chains })
  }
  return state
}

/** Puts one table of `ruleset` into `state` in place of what the state had for it. */
export function replaceTable(state: FamilyState, ruleset: Ruleset, table: TableName): void {
  const t = ruleset.tables.find((x) => x.name === table)
  const fresh = stateFrom({ family: state.family, tables: t ? [t] : [] }).tables.get(table)
  if (fresh) state.tables.set(table, fresh)
}

/**
 * Puts the chains `ruleset` shows for `table` into `state`, keeping the table's other chains: what
 * `iptables -L CHAIN` or `iptables -S CHAIN` output says about the rest of the table is nothing.
 */
export function replaceChains(state: FamilyState, ruleset: Ruleset, table: TableName): void {
  const t = ruleset.tables.find((x) => x.name === table)
  if (!t) return
  const target = touch(state, table)
  // A one-chain listing still gets all built-in chains from touch(); only the chains it printed are replaced.
  for (const c of t.chains) if (!c.builtin || c.rules.length || c.counters || c.span) target.chains.set(c.name, { ...c, rules: [...c.rules] })
}
