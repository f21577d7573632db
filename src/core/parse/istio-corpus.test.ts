import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { printSave } from '../print/print-save.ts'
import { parseInput } from './index.ts'

/**
 * src/fixtures/parse/istio: the istio-iptables expectations of every imported release (command lists up to 1.11,
 * iptables-restore input from 1.12), each with what the kernel's iptables-save printed after running it. A command
 * list runs as a script would: a command iptables refuses changes nothing and the next one runs.
 * Where a rule names a user or group (`--gid-owner java`), the kernel's result depends on the recording host's
 * group database; the parser keeps the name and says so (IPT008) instead of guessing.
 */
const dir = join(import.meta.dirname, '../../fixtures/parse/istio')
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .toSorted()
  .map((f) => {
    const family = f.includes('.v6.') ? (6 as const) : (4 as const)
    const { value, diagnostics } = parseInput(readFileSync(join(dir, f), 'utf8'))
    return {
      f,
      diagnostics,
      printed: printSave(value.rulesets[family] ?? { family, tables: [] }),
      kernel: readFileSync(join(dir, f.replace(/\.txt$/, `.kernel.${family}.save`)), 'utf8'),
      hostNames: diagnostics.some((d) => d.code === 'IPT008'),
    }
  })
const exact = cases.filter((c) => !c.hostNames)
const named = cases.filter((c) => c.hostNames)

describe('Istio releases: parse --format save equals the kernel', () => {
  it('has the corpus', () => {
    expect(exact.length).toBeGreaterThanOrEqual(250)
  })
  it.each(exact)('$f', ({ diagnostics, printed, kernel }) => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(printed).toBe(kernel)
  })
  it.each(named)('$f keeps host-specific user/group names as written', ({ diagnostics, printed }) => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(printed).toMatch(/--[ug]id-owner [a-z]/)
  })
})
