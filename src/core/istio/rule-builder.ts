import type { Family } from '../model/ruleset.ts'

/** A table istio-iptables writes to. */
export type IstioTable = 'nat' | 'mangle' | 'raw' | 'filter'

/**
 * One rule as the tool's builder holds it: a chain, a table and a parameter list starting with `-A <chain>` or
 * `-I <chain> <n>`. An insert stays where it was added in the list; the kernel places it.
 */
export interface RuleRecord {
  family: Family
  table: IstioTable
  chain: string
  params: readonly string[]
  /** The spec step that produced it (`S9a`, `N11a`, `M14` …), for explanations and version diffs. */
  step: string
  /** The switches that shaped this rule, active or not at this version. */
  switches: readonly string[]
  /** The NFLOG trace twin of another rule (C4.2). */
  trace?: boolean
}

/** What a rule is attributed to: the step and the switches consulted, plus the trace-log command name if any. */
export interface Tag {
  step: string
  switches: readonly string[]
  logCommand?: string
}

export function tag(step: string, switches: readonly string[] = [], logCommand?: string): Tag {
  return logCommand === undefined ? { step, switches } : { step, switches, logCommand }
}

export interface TraceLogging {
  /** Before 1.24 the prefix was written with literal double quotes (C-37). */
  quotedPrefix: boolean
}

/**
 * The builder of Part A A4 / Part B B4: two ordered lists. `gateV6` makes the IPv6 calls no-ops unless IPv6 is on
 * (the 1.12+ builder); the legacy generator instead only calls them when it has decided to.
 */
export class RuleBuilder {
  readonly v4: RuleRecord[] = []
  readonly v6: RuleRecord[] = []
  /** Non-iptables commands run during generation (1.5–1.11 `ip …`), or set up afterwards by netlink (1.12+). */
  readonly hostCommands: string[] = []
  private readonly v6Enabled: boolean
  private readonly trace: TraceLogging | null

  constructor(options: { v6Enabled: boolean; trace?: TraceLogging | null }) {
    this.v6Enabled = options.v6Enabled
    this.trace = options.trace ?? null
  }

  append4(t: Tag, chain: string, table: IstioTable, ...params: string[]): void {
    this.add(4, t, chain, table, ['-A', chain, ...params], false)
  }

  append6(t: Tag, chain: string, table: IstioTable, ...params: string[]): void {
    if (this.v6Enabled) this.add(6, t, chain, table, ['-A', chain, ...params], false)
  }

  insert4(t: Tag, chain: string, table: IstioTable, position: number, ...params: string[]): void {
    this.add(4, t, chain, table, ['-I', chain, String(position), ...params], true)
  }

  insert6(t: Tag, chain: string, table: IstioTable, position: number, ...params: string[]): void {
    if (this.v6Enabled) this.add(6, t, chain, table, ['-I', chain, String(position), ...params], true)
  }

  append(t: Tag, chain: string, table: IstioTable, ...params: string[]): void {
    this.append4(t, chain, table, ...params)
    this.append6(t, chain, table, ...params)
  }

  insert(t: Tag, chain: string, table: IstioTable, position: number, ...params: string[]): void {
    this.insert4(t, chain, table, position, ...params)
    this.insert6(t, chain, table, position, ...params)
  }

  /** AppendVersionedRule: `IP` in the parameters becomes the family's value. */
  appendVersioned(t: Tag, v4: string, v6: string, chain: string, table: IstioTable, ...params: string[]): void {
    this.append4(t, chain, table, ...params.map((p) => (p === IP ? v4 : p)))
    this.append6(t, chain, table, ...params.map((p) => (p === IP ? v6 : p)))
  }

  private add(family: Family, t: Tag, chain: string, table: IstioTable, params: string[], insert: boolean): void {
    const list = family === 4 ? this.v4 : this.v6
    const record: RuleRecord = { family, table, chain, params, step: t.step, switches: t.switches }
    const twin = this.trace && t.logCommand !== undefined ? this.nflogTwin(record, t.logCommand) : null
    if (twin && !insert) list.push(twin)
    list.push(record)
    if (twin && insert) list.push(twin)
  }

  private nflogTwin(r: RuleRecord, command: string): RuleRecord | null {
    const jump = r.params.indexOf('-j')
    if (jump < 0 || !this.trace) return null
    const prefix = this.trace.quotedPrefix ? `"${command}"` : command
    const params = [...r.params.slice(0, jump), '-j', 'NFLOG', '--nflog-prefix', prefix, '--nflog-group', '1337', '--nflog-size', '20']
    return { ...r, params, switches: [...r.switches, 'C-18', 'C-37'], trace: true }
  }
}

/** Placeholder for the family-specific address of a versioned rule. */
export const IP = '\u0000ip'
