import { MARK_TARGETS } from './mark-targets.ts'
import { NAT_TARGETS } from './nat-targets.ts'
import { OTHER_TARGETS } from './other-targets.ts'
import { PORT_MATCHES } from './port-matches.ts'
import { STATE_MATCHES } from './state-matches.ts'
import type { ExtensionSpec, OptionSpec } from './types.ts'

/**
 * Specs are written with only the fields they need; here each gets every field, in one order. Code reading them
 * for a 100 000-rule dump then sees a single object shape, which the JIT compiles once instead of again for each
 * new shape it meets part-way through the dump.
 */
function uniform(s: ExtensionSpec): ExtensionSpec {
  return { name: s.name, kind: s.kind, order: s.order, options: s.options.map(uniformOption), quoted: s.quoted, finish: s.finish }
}

function uniformOption(o: OptionSpec): OptionSpec {
  return { names: o.names, arity: o.arity, negatable: o.negatable, quoted: o.quoted, read: o.read, quick: o.quick }
}

/** Every extension the parser models, by name as written after `-m` / `-j` (names are case-sensitive, as in iptables). */
const MATCHES: ReadonlyMap<string, ExtensionSpec> = new Map([...PORT_MATCHES, ...STATE_MATCHES].map((s) => [s.name, uniform(s)]))
const TARGETS: ReadonlyMap<string, ExtensionSpec> = new Map([...NAT_TARGETS, ...MARK_TARGETS, ...OTHER_TARGETS].map((s) => [s.name, uniform(s)]))

const optionIndex = new WeakMap<ExtensionSpec, Map<string, OptionSpec>>()

export function matchSpec(name: string): ExtensionSpec | undefined {
  return MATCHES.get(name)
}

export function targetSpec(name: string): ExtensionSpec | undefined {
  return TARGETS.get(name)
}

/** The option spec an extension has under this spelling, if any. */
export function optionSpec(spec: ExtensionSpec, name: string): OptionSpec | undefined {
  let index = optionIndex.get(spec)
  if (!index) {
    index = new Map()
    for (const o of spec.options) for (const n of o.names) index.set(n, o)
    optionIndex.set(spec, index)
  }
  return index.get(name)
}

/** Names of every modelled match and target, for documentation and tests. */
export function knownExtensions(): { matches: string[]; targets: string[] } {
  return { matches: [...MATCHES.keys()], targets: [...TARGETS.keys()] }
}
