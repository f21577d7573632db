import type { ExtensionOption, Family } from '../../model/ruleset.ts'

/**
 * What the parser knows about a match or target extension: the spellings of its options, how each argument is
 * canonicalised into the text iptables-save prints, and the order iptables-save prints them in.
 * One table serves every input form (save, restore, -S, commands, and listings after decoding) and the printer.
 */
export interface ReadContext {
  family: Family
  /** The rule's `-p` as iptables-save prints it (`tcp`, `ipv6-icmp`, … or '' for none); `!` is not included. */
  protocol: string
}

/** Reading one option as written gives the options iptables-save prints for it (none, one, or a rewrite). */
export type OptionRead = { options: ExtensionOption[]; warning?: string; /** Default IPT008 (a name kept as written). */ warningCode?: string } | { error: string }

export interface OptionSpec {
  /** Accepted spellings; the first is the one iptables-save prints unless `read` renames it. */
  names: readonly string[]
  /** Number of arguments after the name. */
  arity: number
  /** `!` before the option is accepted. */
  negatable?: boolean
  /** iptables-save prints the argument through xtables_save_string (bare when plain, else double-quoted). */
  quoted?: boolean
  /** Canonicalises the arguments; without it the arguments are kept as written. */
  read?: (args: readonly string[], negated: boolean, ctx: ReadContext) => OptionRead
  /**
   * True when a single argument, under the option's first name, is already what `read` would return: the bulk of
   * a dump then skips `read` (a cheap test instead of building the same value again). Never required.
   */
  quick?: (arg: string, ctx: ReadContext) => boolean
}

/** A port 1–65535 written as iptables-save writes it (no leading zero). */
export function isCanonicalPort(arg: string): boolean {
  const n = arg.length
  if (n === 0 || n > 5 || arg.charCodeAt(0) === 48) return false
  for (let i = 0; i < n; i++) {
    const c = arg.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return n < 5 || Number(arg) <= 65535
}

export interface ExtensionSpec {
  name: string
  kind: 'match' | 'target'
  /** Canonical option names in the order iptables-save prints them. */
  order: readonly string[]
  options: readonly OptionSpec[]
  /** Quoted (xtables_save_string) options by canonical name. */
  quoted?: readonly string[]
  /** Runs on the whole option list: defaults iptables-save always prints, defaults it omits, cross-option checks. */
  finish?: (options: ExtensionOption[], ctx: ReadContext) => { options: ExtensionOption[]; error?: string }
}

export function option(name: string, args: string[], negated = false): ExtensionOption {
  return { name, negated, args, known: true }
}

export function ok(...options: ExtensionOption[]): OptionRead {
  return { options }
}

export function fail(error: string): OptionRead {
  return { error }
}

/** Reads one argument with `f`; null from `f` means the value is invalid. */
export function single(name: string, describe: string, f: (arg: string, ctx: ReadContext) => string | null): OptionSpec['read'] {
  return (args, negated, ctx) => {
    const arg = args[0] ?? ''
    const v = f(arg, ctx)
    return v === null ? fail(`${name}: "${arg}" is not ${describe}`) : ok(option(name, [v], negated))
  }
}

export function has(options: readonly ExtensionOption[], name: string): boolean {
  return options.some((o) => o.name === name)
}
