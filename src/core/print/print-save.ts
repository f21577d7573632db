import type { ExtensionOption, Match, Rule, Ruleset, Target } from '../model/ruleset.ts'

/** Prints a ruleset as iptables-save text (tables, chain declarations with counters, rules, COMMIT). */
export function printSave(ruleset: Ruleset, options: { counters?: boolean } = {}): string {
  const out: string[] = []
  for (const table of ruleset.tables) {
    out.push(`*${table.name}`)
    for (const chain of table.chains) {
      const c = chain.counters ?? { packets: 0, bytes: 0 }
      out.push(`:${chain.name} ${chain.policy ?? '-'} [${c.packets}:${c.bytes}]`)
    }
    for (const chain of table.chains) {
      for (const rule of chain.rules) out.push(printRule(chain.name, rule, options.counters === true))
    }
    out.push('COMMIT')
  }
  return out.length ? out.join('\n') + '\n' : ''
}

export function printRule(chain: string, rule: Rule, counters = false): string {
  const parts: string[] = []
  if (counters && rule.counters) parts.push(`[${rule.counters.packets}:${rule.counters.bytes}]`)
  parts.push('-A', chain)
  for (const m of rule.matches) parts.push(...printMatch(m))
  if (rule.target) parts.push(...printTarget(rule.target))
  return parts.join(' ')
}

function printMatch(m: Match): string[] {
  if (m.kind === 'base') {
    const words = m.negated ? ['!', m.option] : [m.option]
    if (m.option !== '-f') words.push(m.value)
    return words
  }
  const words = m.module ? ['-m', m.module] : []
  for (const o of m.options) words.push(...printOption(o))
  return words
}

function printTarget(t: Target): string[] {
  const words = [t.kind === 'goto' ? '-g' : '-j', t.name]
  for (const o of t.options) words.push(...printOption(o))
  return words
}

function printOption(o: ExtensionOption): string[] {
  const words = o.negated ? ['!', o.name] : [o.name]
  for (const a of o.args) words.push(quoteArg(a))
  return words
}

function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_.:,/!*+@%=-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, '\\$1')}"`
}
