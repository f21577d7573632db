import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fastDump } from './fast-dump.ts'
import { parseInput } from './index.ts'

/**
 * A clean iptables-save dump read by the fast reader gives the same sections, rulesets and diagnostics as the
 * general pipeline. Checked on every kernel-recorded save in the fixtures and on the clean real dumps.
 */
const fixtures = join(import.meta.dirname, '../../fixtures')
const dumps: { name: string; text: string }[] = []
for (const dir of ['print', 'parse/istio', 'parse/listing', 'parse/real', 'parse/cases']) {
  for (const f of readdirSync(join(fixtures, dir)).filter((x) => x.endsWith('.save'))) dumps.push({ name: `${dir}/${f}`, text: readFileSync(join(fixtures, dir, f), 'utf8') })
}
dumps.push({ name: 'real/070', text: readFileSync(join(fixtures, 'parse/real/070-plain-docker-tailscale-free5gc-iptables-save-nf-tables-mangle-filter-nat.txt'), 'utf8') })

describe('fastDump', () => {
  it('has dumps to read', () => {
    expect(dumps.length).toBeGreaterThan(300)
  })

  it('reads what the general pipeline reads, identically', () => {
    const differing: string[] = []
    let taken = 0
    for (const d of dumps) {
      if (!fastDump(d.text)) continue
      taken++
      const fast = parseInput(d.text)
      const general = parseInput(d.text, { noFastPath: true })
      if (JSON.stringify(fast) !== JSON.stringify(general)) differing.push(d.name)
    }
    expect(differing).toEqual([])
    expect(taken / dumps.length).toBeGreaterThan(0.8)
  }, 60_000)

  it('still warns about a jump to a chain the table does not declare', () => {
    const text = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -j MISSING\n-A INPUT -j ACCEPT\nCOMMIT\n'
    expect(fastDump(text)?.unresolvedJumps).toBe(true)
    const { diagnostics } = parseInput(text)
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['IPT012', 5]])
    expect(parseInput(text, { noFastPath: true }).diagnostics).toEqual(diagnostics)
  })

  it('gives up on anything but a clean dump', () => {
    expect(fastDump('*nat\n-A OUTPUT -j RETURN\n')).toBeNull()
    expect(fastDump('*nat\n:OUTPUT ACCEPT [0:0]\n# a note\n-A OUTPUT -j RETURN\nCOMMIT\n')).toBeNull()
    expect(fastDump('* nat\n-N X\nCOMMIT\n')).toBeNull()
    expect(fastDump('*nat\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -j RETURN\nCOMMIT\n*nat\nCOMMIT\n')).toBeNull()
    expect(fastDump('$ iptables-save\n*nat\nCOMMIT\n')).toBeNull()
    expect(fastDump('*nat\r\n:OUTPUT ACCEPT [0:0]\r\nCOMMIT\r\n')).toBeNull()
  })
})

describe('the fast paths', () => {
  it('change nothing in what any fixture parses to', () => {
    const differing: string[] = []
    let count = 0
    for (const dir of ['parse/real', 'parse/cases', 'parse/istio']) {
      for (const f of readdirSync(join(fixtures, dir)).filter((x) => /\.(txt|rules|log|md|sh|yaml|json)$/.test(x) && !x.includes('.golden.') && !x.includes('.oracle.'))) {
        const text = readFileSync(join(fixtures, dir, f), 'utf8')
        count++
        if (JSON.stringify(parseInput(text)) !== JSON.stringify(parseInput(text, { noFastPath: true }))) differing.push(`${dir}/${f}`)
      }
    }
    expect(differing).toEqual([])
    expect(count).toBeGreaterThan(300)
  }, 120_000)
})
