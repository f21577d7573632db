import { describe, expect, it } from 'vitest'
import { oracleRules, restoreRuleset } from '../../fixtures/explain/load.ts'
import { flagsLayer, setLayer } from '../istio/config-input.ts'
import type { ConfigLayer } from '../istio/config-model.ts'
import { renderOutput, runIstioIptables } from '../istio/istio-generate.ts'
import { listProfiles, resolveProfile, type Profile } from '../istio/profiles.ts'
import { annotateRuleset } from './annotate.ts'

const K8S = "-p 15001 -z 15006 -u 1337 -g 1337 -m REDIRECT -i '*' -x '' -b '*' -d 15090,15021,15020"

/** Configurations that between them make the generator emit every kind of rule it has. */
const CONFIGS: { name: string; flags: string; set?: string[] }[] = [
  { name: 'k8s defaults', flags: K8S },
  { name: 'DNS capture', flags: `${K8S} --redirect-dns` },
  { name: 'capture all DNS', flags: `${K8S} --redirect-dns --capture-all-dns` },
  { name: 'TPROXY', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -m TPROXY -i '*' -b '*' -d 15090,15021,15020 --redirect-dns" },
  { name: 'TPROXY port list', flags: "-p 15001 -z 15006 -u 1337 -g 1337 -m TPROXY -i 10.96.0.0/12 -b 8080,9090" },
  { name: 'VM', flags: "-p 15001 -z 15006 -u 997 -g 997 -m REDIRECT -i '*' -b 8080 -d 15090,15021 --redirect-dns" },
  {
    name: 'every option',
    flags: `${K8S} -o 3306 -q 8443 -x 10.20.0.0/16 -c eth1 -k eth2 --drop-invalid --iptables-trace-logging`,
    set: ['OwnerGroupsExclude=2001'],
  },
  { name: 'include lists', flags: "-p 15001 -z 15006 -u 1337,1338 -g 1337 -m REDIRECT -i 10.96.0.0/12,127.1.2.3/32 -b '*' -k eth2", set: ['OwnerGroupsInclude=1000,2001'] },
]

const HOST = { interfaceAddresses: ['fd00:10:13::113', '10.10.13.113'], resolvConfNameservers: ['10.96.0.10', 'fd00::a'] }

function layers(c: (typeof CONFIGS)[number]): ConfigLayer[] {
  const out = [flagsLayer(c.flags).value]
  if (c.set) out.push(setLayer(c.set).value)
  return out
}

function profiles(): Profile[] {
  return listProfiles().flatMap((p) => {
    const resolved = resolveProfile(p.name).value
    return resolved ? [resolved] : []
  })
}

describe('every rule the istio-iptables port emits, in every profile, is recognised', () => {
  it('covers the releases from 1.5 to latest', () => {
    const names = profiles().map((p) => p.name)
    expect(names.length).toBeGreaterThan(15)
    expect(names.some((n) => n.startsWith('1.5'))).toBe(true)
  })

  for (const config of CONFIGS) {
    it(`config: ${config.name}`, () => {
      let rules = 0
      let v6 = 0
      const problems: string[] = []
      for (const profile of profiles()) {
        const run = runIstioIptables(layers(config), profile, HOST)
        if (!run.value.rules.ok) continue
        for (const family of [4, 6] as const) {
          const text = renderOutput(run.value, 'restore', family).value
          if (text.trim() === '') continue
          const annotation = annotateRuleset(restoreRuleset(text, family))
          for (const r of annotation.rules) {
            rules++
            if (family === 6) v6++
            if (r.role === null) problems.push(`${profile.name} IPv${family} ${r.ref.table} ${r.ref.chain} #${r.ref.index}`)
          }
        }
      }
      expect(problems).toEqual([])
      expect(rules).toBeGreaterThan(100)
      expect(v6).toBeGreaterThan(50)
    })
  }
})

describe('the kernel-oracle profiles written by hand are what the generator emits', () => {
  const cases = [
    { profile: 'latest-k8s', flags: K8S, family: 4, host: {} },
    { profile: 'latest-k8s-dns', flags: `${K8S} --redirect-dns`, family: 4, host: { resolvConfNameservers: ['10.10.10.6'] } },
    { profile: 'latest-k8s-ipv6', flags: K8S, family: 6, host: { interfaceAddresses: ['fd00:10:13::113'] } },
  ] as const
  for (const c of cases) {
    it(`profile ${c.profile}`, () => {
      const latest = resolveProfile('latest').value
      if (!latest) throw new Error('no latest profile')
      const run = runIstioIptables([flagsLayer(c.flags).value], latest, c.host)
      const generated = renderOutput(run.value, 'restore', c.family).value
      const fixture = oracleRules(c.profile)
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
      expect(fixture.trim()).toBe(generated.trim())
    })
  }
})
