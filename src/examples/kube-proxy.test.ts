import { describe, expect, it } from 'vitest'
import { generateKubeProxyDump } from './kube-proxy.ts'

describe('generateKubeProxyDump', () => {
  it('is deterministic for the same services and seed, and varies with the seed', () => {
    const a = generateKubeProxyDump({ services: 50, seed: 7 })
    expect(generateKubeProxyDump({ services: 50, seed: 7 }).text).toBe(a.text)
    expect(generateKubeProxyDump({ services: 50, seed: 8 }).text).not.toBe(a.text)
  })

  it('draws one ClusterIP jump per service with endpoints and statistic jumps to DNAT chains', () => {
    const { text, stats } = generateKubeProxyDump({ services: 1000, seed: 1 })
    const lines = text.split('\n')
    const vipJumps = lines.filter((l) => /^-A KUBE-SERVICES -d \S+\/32 .* -j KUBE-SVC-[A-Z2-7]{16}$/.test(l))
    expect(vipJumps).toHaveLength(stats.withEndpoints)
    expect(stats.withEndpoints).toBeGreaterThan(900)
    expect(lines.filter((l) => l.includes('-m statistic --mode random --probability 0.'))).not.toHaveLength(0)
    expect(lines.filter((l) => / -j DNAT --to-destination 10\.244\.\d+\.\d+:\d+$/.test(l))).toHaveLength(stats.endpoints)
    expect(lines.filter((l) => l === 'COMMIT')).toHaveLength(2)
    expect(text.length).toBeGreaterThan(1_000_000)
  })

  it('declares every chain it uses', () => {
    const { text } = generateKubeProxyDump({ services: 200, seed: 3 })
    const declared = new Set([...text.matchAll(/^:(\S+) /gm)].map((m) => m[1]))
    for (const m of text.matchAll(/ -[jg] (KUBE-[A-Z0-9-]+)/g)) expect(declared.has(m[1])).toBe(true)
  })
})
