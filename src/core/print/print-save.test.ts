import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInput } from '../parse/index.ts'
import { printRule, printSave } from './print-save.ts'
import { restoreWord, saveString } from './quote.ts'

/**
 * Every file in src/fixtures/print is an iptables-restore input written the many ways people write rules; beside it
 * is what the kernel's own iptables-save printed after restoring it (recorded with the kernel oracle's
 * canonical-save, plain and with -c). Reading the input and printing it must give those bytes exactly.
 */
const dir = join(import.meta.dirname, '../../fixtures/print')
const inputs = readdirSync(dir).filter((f) => f.endsWith('.rules')).toSorted()

describe('printSave against the kernel (src/fixtures/print)', () => {
  it('has fixtures', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(9)
  })
  for (const f of inputs) {
    const text = readFileSync(join(dir, f), 'utf8')
    const family = /family: 6/.test(text.split('\n').slice(0, 5).join('\n')) ? 6 : 4
    const { value, diagnostics } = parseInput(text)
    it(`${f}: no errors`, () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    })
    it(`${f}: equals iptables-save`, () => {
      const ruleset = value.rulesets[family]
      expect(ruleset && printSave(ruleset)).toBe(readFileSync(join(dir, f.replace(/\.rules$/, '.kernel.save')), 'utf8'))
    })
    it(`${f}: equals iptables-save -c`, () => {
      const ruleset = value.rulesets[family]
      expect(ruleset && printSave(ruleset, { counters: true })).toBe(readFileSync(join(dir, f.replace(/\.rules$/, '.kernel.counters.save')), 'utf8'))
    })
  }
})

describe('printRule', () => {
  it('prints one rule with its chain, and counters in front when asked', () => {
    const { value } = parseInput('*nat\n[3:180] -A OUTPUT -p tcp -j ISTIO_OUTPUT\n-A ISTIO_OUTPUT -j RETURN\nCOMMIT\n')
    const rule = value.rulesets[4]?.tables[0]?.chains.find((c) => c.name === 'OUTPUT')?.rules[0]
    expect(rule && printRule('OUTPUT', rule)).toBe('-A OUTPUT -p tcp -j ISTIO_OUTPUT')
    expect(rule && printRule('OUTPUT', rule, true)).toBe('[3:180] -A OUTPUT -p tcp -j ISTIO_OUTPUT')
  })

  it('prints every built-in chain of a table the model only partly lists', () => {
    const text = printSave({ family: 4, tables: [{ name: 'nat', chains: [{ name: 'X', builtin: false, policy: null, rules: [] }] }] })
    expect(text).toBe('*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:X - [0:0]\nCOMMIT\n')
  })

  it('prints nothing for an empty ruleset', () => {
    expect(printSave({ family: 4, tables: [] })).toBe('')
  })
})

describe('quoting', () => {
  it('quotes like xtables_save_string: bare only for [A-Za-z0-9_-]+', () => {
    expect(saveString('hello')).toBe('hello')
    expect(saveString('under_score-dash')).toBe('under_score-dash')
    expect(saveString('1.2')).toBe('"1.2"')
    expect(saveString('')).toBe('""')
    expect(saveString(`a'b"c\\d`)).toBe(`"a\\'b\\"c\\\\d"`)
  })

  it('quotes unmodelled arguments only when iptables-restore would split them', () => {
    expect(restoreWord('00:11:22:33:44:55')).toBe('00:11:22:33:44:55')
    expect(restoreWord('GET /')).toBe('"GET /"')
    expect(restoreWord('')).toBe('""')
    expect(restoreWord('#x')).toBe('"#x"')
  })
})
