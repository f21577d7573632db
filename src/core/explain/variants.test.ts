import { describe, expect, it } from 'vitest'
import { corpusCases, readFixture, restoreRuleset } from '../../fixtures/explain/load.ts'
import { asListingModel, reachableChains, renameUserChains, reorderRules, replaceOwnerIds } from '../../fixtures/explain/variants.ts'
import type { Ruleset } from '../model/ruleset.ts'
import { annotateRuleset, type RulesetAnnotation } from './annotate.ts'

const cases = corpusCases().filter((c) => c.wholeRun)
const saves = (JSON.parse(readFixture('corpus', 'istio-iptables-save.json')) as { saves: Record<string, { save?: string }> }).saves

/** Roles per chain, in chain order. */
function rolesByChain(a: RulesetAnnotation): Map<string, (string | null)[]> {
  const out = new Map<string, (string | null)[]>()
  for (const r of a.rules) {
    const key = `${r.ref.table} ${r.ref.chain}`
    out.set(key, [...(out.get(key) ?? []), r.role])
  }
  return out
}

function base(c: (typeof cases)[number]): { ruleset: Ruleset; roles: Map<string, (string | null)[]> } {
  const ruleset = restoreRuleset(c.restore, c.family)
  return { ruleset, roles: rolesByChain(annotateRuleset(ruleset)) }
}

describe('the same rules are recognised in every spelling, name and order', () => {
  it('has whole-run cases to vary', () => {
    expect(cases.length).toBeGreaterThan(100)
  })

  it('reads the kernel’s own iptables-save of every case the kernel accepts (option order, -m tcp) the same way', () => {
    let compared = 0
    for (const c of cases) {
      const save = saves[c.id]?.save
      if (!save) continue
      compared++
      const fromSave = rolesByChain(annotateRuleset(restoreRuleset(save, c.family)))
      const { roles } = base(c)
      for (const [chain, list] of roles) expect({ case: c.from[0], chain, roles: fromSave.get(chain) ?? [] }).toEqual({ case: c.from[0], chain, roles: list })
    }
    expect(compared).toBeGreaterThan(90)
  })

  it('reads an -L listing’s model (no -m tcp, `all`, `localhost`, hex marks, `any`) the same way', () => {
    for (const c of cases) {
      const { ruleset, roles } = base(c)
      expect({ case: c.from[0], roles: rolesByChain(annotateRuleset(asListingModel(ruleset))) }).toEqual({ case: c.from[0], roles })
    }
  })

  it('follows renamed chains through the jump graph', () => {
    let renamedRoles = 0
    for (const c of cases) {
      const { ruleset, roles } = base(c)
      const renamed = renameUserChains(ruleset)
      const got = rolesByChain(annotateRuleset(renamed))
      ruleset.tables.forEach((table, t) => {
        const reachable = reachableChains(table)
        table.chains.forEach((chain, i) => {
          if (!reachable.has(chain.name)) return
          const newName = renamed.tables[t]?.chains[i]?.name ?? ''
          const want = roles.get(`${table.name} ${chain.name}`) ?? []
          expect({ case: c.from[0], chain: chain.name, roles: got.get(`${table.name} ${newName}`) ?? [] }).toEqual({ case: c.from[0], chain: chain.name, roles: want })
          if (!chain.builtin) renamedRoles += want.filter((r) => r !== null).length
        })
      })
    }
    expect(renamedRoles).toBeGreaterThan(1000)
  })

  it('does not depend on rule order', () => {
    for (const c of cases) {
      const { ruleset, roles } = base(c)
      for (const shift of [0, 3]) {
        const { ruleset: shuffled, order } = reorderRules(ruleset, shift)
        const got = rolesByChain(annotateRuleset(shuffled))
        for (const [chain, list] of roles) {
          const perm = order.get(chain) ?? []
          expect({ case: c.from[0], chain, shift, roles: got.get(chain) }).toEqual({ case: c.from[0], chain, shift, roles: perm.map((i) => list[i]) })
        }
      }
    }
  })

  it('recognises any proxy uid/gid (1337, a VM’s 997, 4242)', () => {
    for (const c of cases.filter((x) => x.proxyUids.includes('1337'))) {
      const { ruleset, roles } = base(c)
      for (const id of ['997', '4242']) expect(rolesByChain(annotateRuleset(replaceOwnerIds(ruleset, '1337', id)))).toEqual(roles)
    }
  })

  it('gives no role to rules that are not Istio’s (kube-proxy, Docker)', () => {
    const docker = restoreRuleset(
      [
        '*nat',
        ':DOCKER - [0:0]',
        '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
        '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
        '-A DOCKER -i docker0 -j RETURN',
        '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
        'COMMIT',
        '*mangle',
        ':KUBE-MARK - [0:0]',
        '-A PREROUTING -i eth0 -j RETURN',
        '-A KUBE-MARK -j MARK --set-xmark 0x4000/0x4000',
        'COMMIT',
      ].join('\n'),
      4,
    )
    const a = annotateRuleset(docker)
    expect(a.istio).toBe(false)
    expect(a.rules.length).toBe(7)
    expect(a.rules.every((r) => r.role === null && r.badge === null)).toBe(true)
  })
})
