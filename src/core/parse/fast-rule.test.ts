import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TableName } from '../model/ruleset.ts'
import { fastRule } from './fast-rule.ts'
import { parseRuleSpec } from './rule-spec.ts'

/**
 * The fast reader of `-A` lines must give exactly the rules the general reader gives, or decline. Checked on every
 * rule line of the print fixtures, the kernel's own iptables-save output recorded for the Istio releases and the
 * listings, and a generated kube-proxy dump.
 */
const fixtures = join(import.meta.dirname, '../../fixtures')

interface RuleLine {
  text: string
  table: TableName
  family: 4 | 6
}

function ruleLines(text: string, family: 4 | 6): RuleLine[] {
  const out: RuleLine[] = []
  let table: TableName = 'filter'
  for (const line of text.split('\n')) {
    const t = /^\*\s*(\w+)/.exec(line)
    if (t) table = t[1] as TableName
    if (line.startsWith('-A ')) out.push({ text: line, table, family })
  }
  return out
}

const lines: RuleLine[] = []
for (const f of readdirSync(join(fixtures, 'print')).filter((x) => x.endsWith('.rules') || x.endsWith('.save'))) {
  const text = readFileSync(join(fixtures, 'print', f), 'utf8')
  lines.push(...ruleLines(text, f.startsWith('ip6tables') ? 6 : 4))
}
for (const f of readdirSync(join(fixtures, 'parse/istio')).filter((x) => x.endsWith('.save'))) {
  lines.push(...ruleLines(readFileSync(join(fixtures, 'parse/istio', f), 'utf8'), f.endsWith('.6.save') ? 6 : 4))
}
for (const f of readdirSync(join(fixtures, 'parse/listing')).filter((x) => x.endsWith('.kernel.save'))) {
  lines.push(...ruleLines(readFileSync(join(fixtures, 'parse/listing', f), 'utf8'), f.includes('ipv6') ? 6 : 4))
}

const span = { line: 1, column: 1, endLine: 1, endColumn: 1 }

function decline(text: string) {
  return fastRule(text, text.indexOf(' ', 3), text.length, 4, 'nat', 'OUTPUT', span)
}

describe('fastRule', () => {
  const results = lines.map((l) => {
    const chainEnd = l.text.indexOf(' ', 3)
    const chain = l.text.slice(3, chainEnd < 0 ? undefined : chainEnd)
    const fast = fastRule(l.text, chainEnd < 0 ? l.text.length : chainEnd, l.text.length, l.family, l.table, chain, span)
    const general = parseRuleSpec(l.text, { family: l.family, table: l.table, chain })
    return { line: l.text, fast, general }
  })
  const taken = results.filter((r) => r.fast !== null)

  it('takes most canonical lines', () => {
    expect(lines.length).toBeGreaterThan(3000)
    expect(taken.length / lines.length).toBeGreaterThan(0.8)
  })

  it('gives the rule the general reader gives, for every line it takes', () => {
    const differing = taken
      .filter(({ fast, general }) => {
        const [rule] = general.value
        return (
          general.diagnostics.length > 0 ||
          general.value.length !== 1 ||
          JSON.stringify({ m: fast?.matches, t: fast?.target }) !== JSON.stringify({ m: rule?.matches, t: rule?.target })
        )
      })
      .map((r) => r.line)
    expect(differing).toEqual([])
  })

  it('declines what it does not read exactly', () => {
    expect(decline('-A OUTPUT -p tcp --dport 53 -j RETURN')).toBeNull()
    expect(decline('-A OUTPUT -m limit --limit 5/min -j RETURN')).toBeNull()
    expect(decline('-A OUTPUT -j REDIRECT --to-ports 15001')).toBeNull()
    expect(decline('-A OUTPUT -j DROP')).toBeNull()
    expect(decline('-A OUTPUT -p tcp -j RETURN # note')).toBeNull()
    expect(decline('-A OUTPUT —p tcp -j RETURN')).toBeNull()
    expect(decline('-A OUTPUT -p tcp -m tcp --dport 99999 -j RETURN')).toBeNull()
  })
})
