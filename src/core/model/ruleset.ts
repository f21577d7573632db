import type { Span } from './span.ts'

/**
 * The netfilter state of one address family, as iptables-save would describe it:
 * tables → chains → rules. Every input form (save, restore, -S, -L listings, command lists, logs) parses into this.
 */
export type Family = 4 | 6

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security'

/** Tables in netfilter hook-priority order (raw -300, mangle -150, nat -100, filter 0, security 50). */
export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security']

/**
 * The order in which `iptables-nft-save` prints the tables that exist (checked with the kernel oracle, iptables 1.8.9).
 * iptables-legacy-save prints them in the order the kernel modules were loaded instead.
 */
export const SAVE_TABLE_ORDER: readonly TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat']

/** Built-in chains of each table, in hook order. */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
}

export interface Counters {
  packets: number
  bytes: number
  /** Read from an `iptables -L` listing without `-x`, where `162K` stands for anything that rounds to 162000. */
  approximate?: boolean
}

export interface Ruleset {
  family: Family
  tables: Table[]
}

export interface Table {
  name: TableName
  chains: Chain[]
}

export type Policy = 'ACCEPT' | 'DROP'

export interface Chain {
  name: string
  builtin: boolean
  /** Built-in chains have a policy; user chains have none (`-` in iptables-save). */
  policy: Policy | null
  /** The chain's policy counters (`:OUTPUT ACCEPT [79:6761]`, `(policy ACCEPT 79 packets, 6761 bytes)`). */
  counters?: Counters
  rules: Rule[]
  /** Where the chain was declared or first seen. */
  span?: Span
  /** `(N references)` of an `iptables -L` header; informational only. */
  references?: number
  /** Human notes attached to the chain in the paste: a `# …` annotation written just before its declaration or header. */
  notes?: string[]
}

/**
 * One rule. `matches` keeps the clauses in iptables-save order (the base options -s -d -i -o -p -f first,
 * then every `-m module` with its options); `target` is the `-j`/`-g` part.
 */
export interface Rule {
  matches: Match[]
  /** `null` for a rule without `-j`/`-g` (it only counts packets). */
  target: Target | null
  counters?: Counters
  /** The text this rule was read from (the whole rule, possibly several lines for a listing). */
  span?: Span
  /** Human notes attached to the rule in the paste: `#规则 1`, a trailing `# 中文` comment, a `#` line above it. */
  notes?: string[]
}

export type BaseOption = '-s' | '-d' | '-i' | '-o' | '-p' | '-f'

/** A clause of the rule itself (ipt_entry), not of a match extension. */
export interface BaseMatch {
  kind: 'base'
  option: BaseOption
  negated: boolean
  /**
   * Canonical value: addresses as `a.b.c.d/len` (IPv6 compressed `/len`), host names kept verbatim when unresolvable,
   * interfaces verbatim (a trailing `+` is a wildcard), protocol as a lower-case name or number; '' for `-f`.
   */
  value: string
}

/** `-m module --opt value …`. Options not known to the parser are kept verbatim with `known: false`. */
export interface ModuleMatch {
  kind: 'module'
  module: string
  /** Loaded implicitly by `-p tcp|udp|…` rather than written as `-m`; iptables-save still prints `-m tcp`. */
  implicit?: boolean
  options: ExtensionOption[]
  /** False when the module is not one the parser models; its options are then kept as written. */
  known: boolean
  /**
   * Listing text (`iptables -L`) the parser could not map to options, kept as written; printers emit it verbatim.
   * Only set on matches read from a listing, and then `known` is false.
   */
  verbatim?: string
}

export type Match = BaseMatch | ModuleMatch

export interface ExtensionOption {
  /** As iptables-save prints it, e.g. `--dport`, `--uid-owner`, `--to-ports`. */
  name: string
  negated: boolean
  /** Canonical arguments (usually one; `--tcp-flags` has two; flags such as `--save-mark` none). */
  args: string[]
  known: boolean
}

export interface Target {
  /** `-j` jumps (a RETURN comes back); `-g` goes to (RETURN from the goto chain returns to the caller's caller). */
  kind: 'jump' | 'goto'
  /** ACCEPT, DROP, RETURN, QUEUE, an extension target (REDIRECT, TPROXY, MARK, …) or a user chain. */
  name: string
  options: ExtensionOption[]
  known: boolean
  /** Listing text of the target the parser could not map to options, kept as written (see ModuleMatch.verbatim). */
  verbatim?: string
}

/** Verdict targets handled by the core rather than by an extension. */
export const STANDARD_TARGETS: ReadonlySet<string> = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE'])

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain)
}

/** The address the UI, the CLI and the simulator use to name a rule: 1-based index within its chain. */
export interface RuleRef {
  family: Family
  table: TableName
  chain: string
  /** 1-based position in the chain, as `iptables -L --line-numbers` and `iptables-save` order it. */
  index: number
}

export function ruleKey(ref: RuleRef): string {
  return `${ref.family}:${ref.table}:${ref.chain}:${ref.index}`
}
