import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCliInMemory } from '../run-in-memory.ts'

function cli(argv: string[], files: Record<string, string> = {}) {
  return runCliInMemory(['parse', ...argv], files)
}

const fixtures = join(import.meta.dirname, '../../fixtures/parse')
const seed001 = readFileSync(join(fixtures, 'real/001_eba20d1f60c9420a.txt'), 'utf8')

describe('cli parse', () => {
  it('prints the canonical iptables-save of standard input', async () => {
    const r = await cli([], { '-': '*nat\n-A OUTPUT -p tcp --dport 53 -j REDIRECT --to-port 15053\nCOMMIT\n' })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n' +
        '-A OUTPUT -p tcp -m tcp --dport 53 -j REDIRECT --to-ports 15053\nCOMMIT\n',
    )
    expect(r.stderr).toBe('')
  })

  it('prints each family of a log, labelled, and one with --family', async () => {
    const both = await cli(['seed.txt'], { 'seed.txt': seed001 })
    expect(both.code).toBe(0)
    expect(both.stdout.startsWith('# IPv4\n*mangle\n')).toBe(true)
    expect(both.stdout).toContain('# IPv6\n*mangle\n')
    const v4 = await cli(['seed.txt', '--family', '4'], { 'seed.txt': seed001 })
    expect(v4.stdout).toBe(readFileSync(join(fixtures, 'real/001_eba20d1f60c9420a.kernel.4.save'), 'utf8'))
  })

  it('lists sections with their line ranges', async () => {
    const r = await cli(['seed.txt', '--sections'], { 'seed.txt': seed001 })
    expect(r.stdout.split('\n')).toContain('348-373 iptables-restore v4 rules file')
    expect(r.stdout.split('\n')).toContain('329-347 config variables Variables: 17 entries')
  })

  it('prints the model as JSON', async () => {
    const r = await cli(['seed.txt', '--format', 'json', '--family', '6'], { 'seed.txt': seed001 })
    const json = JSON.parse(r.stdout) as { rulesets: Record<string, unknown>; sections: unknown[]; configSources: unknown[] }
    expect(Object.keys(json.rulesets)).toEqual(['6'])
    expect(json.sections.length).toBeGreaterThan(10)
    expect(json.configSources.length).toBe(2)
  })

  it('keeps counters with --counters', async () => {
    const r = await cli(['--counters'], { '-': '*filter\n:INPUT DROP [5:300]\n[1:60] -A INPUT -i lo -j ACCEPT\nCOMMIT\n' })
    expect(r.stdout).toContain(':INPUT DROP [5:300]\n')
    expect(r.stdout).toContain('[1:60] -A INPUT -i lo -j ACCEPT\n')
  })

  it('reports diagnostics on standard error and exits 1 on errors', async () => {
    const r = await cli([], { '-': '*nat\n-A OUTPUT -p tcp --dport 99999 -j RETURN\nCOMMIT\n' })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^2:\d+: error IPT009 --dport: /m)
  })

  it('exits 0 with warnings only', async () => {
    const r = await cli([], { '-': '*filter\n-A INPUT -m limit --limit 5/min -j ACCEPT\nCOMMIT\n' })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('warning IPT005')
  })

  it('exits 1 when nothing is recognised', async () => {
    const r = await cli([], { '-': 'hello, is anyone there?\n' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('IPT028')
  })

  it('says so once for nft ruleset output', async () => {
    const r = await cli([], { '-': 'table ip nat {\n\tchain POSTROUTING {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t}\n}\n' })
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('error IPT021') as unknown as string])
  })

  it('exits 2 on usage errors', async () => {
    expect((await cli(['--format', 'xml'])).code).toBe(2)
    expect((await cli(['--family', '5'])).code).toBe(2)
    expect((await cli(['a', 'b'])).code).toBe(2)
    expect((await cli(['missing.txt'])).code).toBe(2)
  })
})
