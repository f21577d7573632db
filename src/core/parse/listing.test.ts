import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { printSave } from '../print/print-save.ts'
import { parseInput } from './index.ts'

/**
 * src/fixtures/parse/listing: rules loaded into the kernel, then listed back by the real iptables in every form
 * (`-L`, `-L -v`, `-L -n`, `-L -v -n`, `-L -n -v -x --line-numbers`). Reading a listing must give back the rules
 * iptables-save printed for that table — except what a listing does not show: interfaces without `-v`, and user
 * or group numbers the recording host printed as names (those stay names, with an IPT008 warning).
 */
const dir = join(import.meta.dirname, '../../fixtures/parse/listing')
const listings = readdirSync(dir).filter((f) => /\.L[\w-]*\.txt$/.test(f)).toSorted()

/** Names the recording host's passwd/group databases had for ids in the fixtures. */
const HOST_NAMES: Readonly<Record<string, string>> = { 'systemd-timesync': '997' }

function tableOf(save: string, table: string): string {
  const start = save.indexOf(`*${table}\n`)
  if (start < 0) return ''
  const end = save.indexOf('COMMIT\n', start)
  return save.slice(start, end + 'COMMIT\n'.length)
}

describe('iptables -L listings read back (src/fixtures/parse/listing)', () => {
  it('has fixtures', () => {
    expect(listings.length).toBeGreaterThanOrEqual(50)
  })
  for (const f of listings) {
    const m = /^(.*)\.(\w+)\.(L[\w-]*)\.txt$/.exec(f) as RegExpExecArray
    const [, base, table, form] = m as unknown as [string, string, string, string]
    const text = readFileSync(join(dir, f), 'utf8')
    const family = text.startsWith('$ ip6tables') ? 6 : 4
    const { value, diagnostics } = parseInput(text)
    it(`${f}: no errors, one listing section`, () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(value.sections.filter((s) => s.form === 'iptables-L').map((s) => s.table)).toEqual([table])
    })
    it(`${f}: the rules iptables-save shows`, () => {
      let want = tableOf(readFileSync(join(dir, `${base}.kernel.save`), 'utf8'), table)
      if (!form.includes('v')) want = want.replace(/ (! )?-[io] \S+/g, '')
      let got = tableOf(printSave(value.rulesets[family] ?? { family, tables: [] }), table)
      for (const [name, id] of Object.entries(HOST_NAMES)) got = got.replaceAll(` ${name} `, ` ${id} `)
      expect(got).toBe(want)
    })
  }

  it('keeps a user name it cannot resolve, with a warning', () => {
    const text = readFileSync(join(dir, 'istio-vm-1_9.nat.L.txt'), 'utf8')
    const { diagnostics } = parseInput(text)
    expect(diagnostics.some((d) => d.code === 'IPT008' && d.message.includes('systemd-timesync'))).toBe(true)
  })
})
