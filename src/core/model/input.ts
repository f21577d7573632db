import type { Family, Ruleset, TableName } from './ruleset.ts'

/** What a stretch of the pasted text is. A paste may hold several sections of different forms. */
export type SectionForm =
  | 'iptables-save'
  | 'iptables-restore'
  | 'iptables-S'
  | 'iptables-L'
  | 'commands'
  | 'env'
  | 'istio-iptables-args'
  | 'environment-block'
  | 'variables-block'
  | 'nft'
  | 'log'
  | 'prose'

export interface Section {
  form: SectionForm
  family?: Family
  /** 1-based, inclusive. */
  startLine: number
  endLine: number
  /** What the section is in its context, e.g. "clean-up commands", "iptables-save (before)", "rules file". */
  label?: string
  /** The table a listing or `-S` section shows (from `-t`, or inferred from its chains). */
  table?: TableName
  /** False for a dump or rules file cut short (no COMMIT, `...` elisions); such a section never replaces a complete one. */
  complete?: boolean
  /**
   * The netfilter state this section alone describes (a dump, listing, `-S` or rules file read on its own); the paste's
   * resulting state is `ParsedInput.rulesets`. Lets a UI show "before" and "after" dumps side by side.
   */
  ruleset?: Ruleset
}

/** One `KEY=VALUE`, flag or Variables-block entry found in the input, with where it was found. */
export interface ConfigEntry {
  /** Env var name (`ISTIO_INBOUND_PORTS`), flag as written (`-b`, `--istio-inbound-ports`) or Variables label (`PROXY_UID`). */
  key: string
  value: string
  line: number
  column: number
}

export type ConfigSourceKind = 'env' | 'flags' | 'variables'

/** A group of configuration entries of one kind: an env file, an Environment block, a command line, a Variables block. */
export interface ConfigSource {
  kind: ConfigSourceKind
  entries: ConfigEntry[]
  startLine: number
  endLine: number
  label?: string
}

/** Everything the parser found in one paste. */
export interface ParsedInput {
  sections: Section[]
  /** The resulting netfilter state per family (the last complete dump, or the program of commands applied in order). */
  rulesets: Partial<Record<Family, Ruleset>>
  /** Istio configuration found in the paste (env files, Environment/Variables blocks, istio-iptables flags). */
  configSources: ConfigSource[]
}
