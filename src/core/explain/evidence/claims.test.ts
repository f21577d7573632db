import { describe, expect, it } from 'vitest'
import { ORACLE_PROFILES, oracleRecord, oracleRules, restoreRuleset, type OracleResult } from '../../../fixtures/explain/load.ts'
import { annotateRuleset } from '../annotate.ts'
import type { RoleId } from '../roles.ts'
import { CLAIMS, ORACLE_KERNEL, type KernelClaim, type OracleProfileId } from './claims.ts'

interface Profile {
  roleAt: Map<string, RoleId | null>
  results: OracleResult[]
  meta: Record<string, unknown>
}

const cache = new Map<OracleProfileId, Profile>()

function profile(id: OracleProfileId): Profile {
  const cached = cache.get(id)
  if (cached) return cached
  const ruleset = restoreRuleset(oracleRules(id), id.endsWith('ipv6') ? 6 : 4)
  const roleAt = new Map<string, RoleId | null>()
  for (const r of annotateRuleset(ruleset).rules) roleAt.set(`${r.ref.table} ${r.ref.chain} ${r.ref.index}`, r.role)
  const record = oracleRecord(id)
  const p = { roleAt, results: record.results, meta: record.meta }
  cache.set(id, p)
  return p
}

/** Every failed expectation of a claim, as readable lines (empty when the kernel agrees). */
function verify(claim: KernelClaim): string[] {
  const problems: string[] = []
  for (const id of claim.profiles) {
    const p = profile(id)
    const packets = claim.packets.includes('*') ? p.results : claim.packets.map((name) => p.results.find((r) => r.name === name))
    claim.packets.forEach((name, i) => {
      if (name !== '*' && !packets[i]) problems.push(`${id}: no packet "${name}"`)
    })
    for (const r of packets) {
      if (!r) continue
      const where = `${id} "${r.name}"`
      if (r.error) problems.push(`${where}: oracle error ${r.error}`)
      const roles = new Set(r.hits.map((h) => p.roleAt.get(`${h.table} ${h.chain} ${h.index}`) ?? null))
      for (const role of claim.hits) if (!roles.has(role)) problems.push(`${where}: expected a hit on ${role}, kernel hit ${[...roles].join(', ')}`)
      for (const role of claim.misses ?? []) if (roles.has(role)) problems.push(`${where}: kernel hit ${role}`)
      for (const chain of claim.quiet ?? []) if (r.hits.some((h) => `${h.table} ${h.chain}` === chain)) problems.push(`${where}: ${chain} was hit`)
      if (claim.landsAt) {
        const { netns, port, localPort, originalDstPort, loopbackLocal } = claim.landsAt
        const ok = (r.received_by ?? []).some(
          (x) =>
            x.netns === netns &&
            (port === undefined || x.listen_port === port) &&
            (localPort === undefined || x.local.endsWith(`:${localPort}`)) &&
            (originalDstPort === undefined || (x.original_dst ?? '').endsWith(`:${originalDstPort}`)) &&
            (loopbackLocal === undefined || loopbackLocal === (x.local.startsWith('127.0.0.1:') || x.local.startsWith('[::1]:'))),
        )
        if (!ok) problems.push(`${where}: landed at ${JSON.stringify(r.received_by)}, not ${JSON.stringify(claim.landsAt)}`)
      }
      if (claim.natCountsOnePacket) {
        const nat = r.hits.filter((h) => h.table === 'nat')
        if (nat.length === 0 || nat.some((h) => h.pkts !== 1)) problems.push(`${where}: nat hits ${JSON.stringify(nat.map((h) => h.pkts))}`)
        if (r.client?.result !== 'connected') problems.push(`${where}: the exchange did not complete (${r.client?.result})`)
      }
      for (const count of claim.packetCounts ?? []) {
        const h = r.hits.find((x) => `${x.table} ${x.chain}` === count.chain && x.index === 1)
        const n = h?.pkts ?? 0
        if ((count.exactly !== undefined && n !== count.exactly) || (count.atLeast !== undefined && n < count.atLeast))
          problems.push(`${where}: ${count.chain} #1 counted ${n}`)
      }
      if (claim.conntrackZone !== undefined) {
        const zones = ((r as unknown as { conntrack?: { zone?: string }[] }).conntrack ?? []).map((c) => c.zone)
        if (!zones.includes(claim.conntrackZone)) problems.push(`${where}: conntrack zones ${JSON.stringify(zones)}`)
      }
    }
  }
  return problems
}

describe('every traffic claim of the texts is what the kernel did', () => {
  it('was recorded with the kernel the texts name', () => {
    for (const id of ORACLE_PROFILES) {
      const meta = profile(id).meta
      expect(ORACLE_KERNEL).toContain(String(meta.kernel).split('-')[0])
      expect(ORACLE_KERNEL).toContain(String(meta.iptables).replace(/^ip6?tables v/, '').split(' ')[0])
    }
  })

  for (const claim of CLAIMS) {
    it(`claim ${claim.id}`, () => {
      expect(verify(claim)).toEqual([])
    })
  }

  it('catches a claim the kernel contradicts', () => {
    const wrong: KernelClaim = { id: 'wrong', preset: 'app-calls-localhost', profiles: ['latest-k8s'], packets: ['app-calls-localhost'], hits: ['istio-output-localhost-return'] }
    expect(verify(wrong).length).toBe(1)
  })
})
