import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { printSave } from '../print/print-save.ts'
import { parseInput } from './index.ts'
import { summarizeParsed } from './summary.ts'

/**
 * Pastes as people post them (src/fixtures/parse/real: the two seeds and the sample of real inputs, verbatim; their
 * sources are in SOURCES.tsv) and the tricky variants written for this project (src/fixtures/parse/cases).
 * Each parses without errors and matches its reviewed golden (NAME.golden.json, rewritten by
 * src/fixtures/parse/update-goldens.ts). Where the paste holds a dump, restore input or command list, the state the
 * parser ends with, printed, equals the kernel's iptables-save of the same rules (NAME.kernel.F.save, recorded by
 * src/fixtures/parse/record-kernel.ts from NAME.oracle.F.*).
 */
const root = join(import.meta.dirname, '../../fixtures/parse')

/** The cases that must report an error, and which: everything else must report none. */
const EXPECTED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  'nft-list-ruleset': ['IPT021'],
  'nft-and-iptables-save-together': ['IPT021'],
}

for (const sub of ['real', 'cases']) {
  const dir = join(root, sub)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .toSorted()
  const cases = files.map((f) => {
    const base = f.replace(/\.txt$/, '')
    const { value, diagnostics } = parseInput(readFileSync(join(dir, f), 'utf8'))
    return { f, base, value, diagnostics }
  })
  const kernelCases = cases.flatMap((c) =>
    ([4, 6] as const)
      .filter((family) => existsSync(join(dir, `${c.base}.kernel.${family}.save`)))
      .map((family) => ({ ...c, family, kernel: readFileSync(join(dir, `${c.base}.kernel.${family}.save`), 'utf8') })),
  )

  describe(`pastes in src/fixtures/parse/${sub}`, () => {
    it('has fixtures', () => {
      expect(cases.length).toBeGreaterThan(10)
    })
    it.each(cases)('$f: only the expected errors', ({ base, diagnostics }) => {
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(EXPECTED_ERRORS[base] ?? [])
    })
    it.each(cases)('$f: matches its golden', ({ base, value, diagnostics }) => {
      const golden = JSON.parse(readFileSync(join(dir, `${base}.golden.json`), 'utf8')) as unknown
      expect(summarizeParsed(value, diagnostics)).toEqual(golden)
    })
    it.each(kernelCases)('$f: IPv$family state equals the kernel', ({ value, family, kernel }) => {
      expect(printSave(value.rulesets[family] ?? { family, tables: [] })).toBe(kernel)
    })
  })
}
