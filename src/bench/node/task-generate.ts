import { readFileSync } from 'node:fs'
import type { ConfigLayer } from '../../core/istio/config-model.ts'
import { envLayer, flagsLayer, setLayer } from '../../core/istio/config-input.ts'
import { renderOutput, runIstioIptables } from '../../core/istio/istio-generate.ts'
import { resolveProfile } from '../../core/istio/profiles.ts'
import { timeRuns, type Timings } from './timing.ts'

export interface GenerateResult extends Timings {
  /** Configurations generated per counted run. */
  configs: number
  profile: string
  /** Rules files written per run (one per family a configuration enables). */
  files: number
}

/** What people feed the generator: a VM's sidecar.env, istio-init's flags (REDIRECT, TPROXY), DNS capture with IPv6. */
function configs(sidecarEnv: string): (() => ConfigLayer[])[] {
  return [
    () => [envLayer(sidecarEnv, 'sidecar.env').value],
    () => [flagsLayer(`-p 15001 -z 15006 -u 1337 -m REDIRECT -i '*' -x "" -b '*' -d 15090,15021,15020`, 'istio-init').value],
    () => [flagsLayer(`-p 15001 -z 15006 -u 1337 -m TPROXY -i '*' -x "" -b '*' -d 15090,15021,15020`, 'istio-init').value],
    () => [
      envLayer('ISTIO_META_DNS_CAPTURE=true\nISTIO_AGENT_DUAL_STACK=true', 'env').value,
      setLayer(['DNSServersV4=10.96.0.10', 'DNSServersV6=fd00:10:96::a', 'EnableIPv6=true']).value,
    ],
  ]
}

/** From configuration text to the rules file(s), for the latest profile. */
export function measureGenerate(args: { sidecarEnv: string; configs: number; runs: number; warmups: number }): GenerateResult {
  const profile = resolveProfile('latest').value
  if (!profile) throw new Error('no latest profile')
  const inputs = configs(readFileSync(args.sidecarEnv, 'utf8'))
  let files = 0
  const timings = timeRuns(() => {
    files = 0
    for (let i = 0; i < args.configs; i++) {
      const run = runIstioIptables((inputs[i % inputs.length] as () => ConfigLayer[])(), profile)
      for (const family of [4, 6] as const) if (renderOutput(run.value, 'restore', family).value) files++
    }
  }, args.runs, args.warmups)
  return { ...timings, configs: args.configs, profile: profile.name, files }
}
