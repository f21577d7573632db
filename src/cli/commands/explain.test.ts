import { describe, expect, it } from 'vitest'
import { readFixture } from '../../fixtures/explain/load.ts'
import { runCliInMemory } from '../run-in-memory.ts'

function cli(argv: string[], files: Record<string, string> = {}) {
  return runCliInMemory(argv, files)
}

interface JsonOut {
  rules: { family: number; table: string; chain: string; index: number; rule: string; badge: number | null; role: string | null; summary: string; explanation: { why: string | null; clauses: unknown[] } }[]
}

const seed000 = readFixture('seeds', '000_5132ed2481b58f08.txt')

describe('cli explain', () => {
  it('prints every rule of the seed listing as JSON, badges ①–⑨ in order', async () => {
    const { code, stdout } = await cli(['explain', 'seed.txt', '--json'], { 'seed.txt': seed000 })
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as JsonOut
    expect(json.rules.length).toBe(17)
    const output = json.rules.filter((r) => r.chain === 'ISTIO_OUTPUT')
    expect(output.map((r) => r.badge)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(output.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(output[0]).toMatchObject({ family: 4, table: 'nat', role: 'istio-output-passthrough-127.0.0.6', rule: '-A ISTIO_OUTPUT -s 127.0.0.6/32 -o lo -j RETURN' })
    expect(json.rules.every((r) => r.role !== null && r.summary.length > 0 && r.explanation.why)).toBe(true)
    expect(Object.keys(json.rules[0] ?? {})).toEqual(['family', 'table', 'chain', 'index', 'rule', 'badge', 'role', 'summary', 'explanation'])
  })

  it('explains in Chinese, reading standard input', async () => {
    const { code, stdout } = await cli(['explain', '--lang', 'zh'], { '-': seed000 })
    expect(code).toBe(0)
    expect(stdout).toContain('IPv4 nat ISTIO_OUTPUT #4 ④  role istio-output-proxy-uid-return')
    expect(stdout).toContain('④ proxy 自己的流量不拦截')
    expect(stdout).toContain('为什么：')
  })

  it('gives other software’s rules a generated sentence and null role/badge', async () => {
    const dump = ['*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n')
    const { code, stdout } = await cli(['explain', 'f', '--json'], { f: dump })
    expect(code).toBe(0)
    const [rule] = (JSON.parse(stdout) as JsonOut).rules
    expect(rule).toMatchObject({ table: 'filter', chain: 'INPUT', index: 1, badge: null, role: null, summary: 'TCP packets to port 22, are accepted: the filter table lets them through.' })
  })

  it('exits 1 when the input holds no rules, 2 on usage errors', async () => {
    expect((await cli(['explain', 'f'], { f: 'hello\n' })).code).toBe(1)
    expect((await cli(['explain', 'f', '--lang', 'fr'], { f: seed000 })).code).toBe(2)
    expect((await cli(['explain', 'a', 'b'], { a: seed000, b: seed000 })).code).toBe(2)
    expect((await cli(['explain', 'missing'])).code).toBe(2)
  })
})
