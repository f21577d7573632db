import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { caseEnvFile, caseHostSets, caseProfile, loadCorpus, type CorpusCase, type CorpusFiles, type NetworkRangeJson } from '../../fixtures/istio/corpus-case.ts'
import { splitCidrs, type NetworkRange } from './cidr-split.ts'
import { configValues, defaultConfig, type IstioConfig } from './config-model.ts'
import { envLayer, flagsLayer, setLayer } from './config-input.ts'
import { fieldByName } from './fields.ts'
import * as legacy from './generate-legacy.ts'
import { generateRules } from './generate.ts'
import { resolveProfile, type Profile } from './profiles.ts'
import { renderCommands, renderGoldenSequence, renderRestoreLines } from './render.ts'
import { resolveConfig } from './resolve-config.ts'
import { RuleBuilder } from './rule-builder.ts'

const corpusDir = new URL('../../fixtures/istio/corpus/', import.meta.url)
const corpusFiles: CorpusFiles = {
  folders: () => readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name),
  files: (folder) => readdirSync(new URL(`${folder}/`, corpusDir)),
  read: (path) => readFileSync(new URL(path, corpusDir), 'utf8'),
}

const cases = loadCorpus(corpusFiles)
const tally = new Map<string, { whole: number; partial: number; split: number; wholePassed: number; partialPassed: number; splitPassed: number }>()

function count(c: CorpusCase, passed: boolean): void {
  const t = tally.get(c.folder) ?? { whole: 0, partial: 0, split: 0, wholePassed: 0, partialPassed: 0, splitPassed: 0 }
  if (c.kind === 'cidr-split') {
    t.split++
    if (passed) t.splitPassed++
  } else if (c.wholeRun) {
    t.whole++
    if (passed) t.wholePassed++
  } else {
    t.partial++
    if (passed) t.partialPassed++
  }
  tally.set(c.folder, t)
}

function profileOf(c: CorpusCase): Profile {
  const p = resolveProfile(caseProfile(c)).value
  if (!p) throw new Error(`no profile for ${c.file}`)
  return p
}

/** The config exactly as the Go test built it (for helper-level cases, which bypass flag parsing). */
function directConfig(c: CorpusCase, p: Profile): IstioConfig {
  const cfg = defaultConfig(p) as unknown as Record<string, unknown>
  for (const [k, v] of Object.entries(c.config)) {
    const def = fieldByName(k)
    if (!def) continue
    cfg[def.name] = v === null ? (def.kind === 'list' ? [] : '') : v
  }
  return cfg as unknown as IstioConfig
}

/** Config from the case's env file, flags and host-fact `--set`s, as a user of the CLI would give it. */
function resolvedConfig(c: CorpusCase, p: Profile): IstioConfig {
  const env = envLayer(caseEnvFile(c), 'env').value
  const flags = flagsLayer(c.flags, 'flags')
  expect(flags.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
  const sets = setLayer(caseHostSets(c)).value
  const { value, diagnostics } = resolveConfig([env, flags.value, sets], p)
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return configValues(value)
}

function range(json: NetworkRangeJson | undefined): NetworkRange {
  return { isWildcard: json?.IsWildcard ?? false, ipNets: json?.IPNets ?? [], hasLoopback: json?.HasLoopback ?? false }
}

/** Replays a helper-level Go test against the same-named stage of the generator. */
function runHelper(c: CorpusCase, p: Profile): RuleBuilder {
  const cfg = directConfig(c, p)
  const b = new RuleBuilder({ v6Enabled: p.era === 'legacy' || cfg.EnableIPv6 })
  const args = c.helperArguments ?? {}
  const helper = /helper (\w+)/.exec(c.scope)?.[1]
  if (p.era !== 'legacy') throw new Error(`no helper cases expected for ${c.file}`)
  const ctx = { cfg, p, b }
  switch (helper) {
    case 'handleInboundPortsInclude':
      legacy.handleInboundPortsInclude(ctx)
      break
    case 'handleOutboundPortsInclude':
      legacy.handleOutboundPortsInclude(ctx)
      break
    case 'handleInboundIpv4Rules':
      legacy.handleInboundIpv4Rules(ctx, range(args.ipv4RangesInclude))
      break
    case 'handleInboundIpv6Rules':
      legacy.handleInboundIpv6Rules(ctx, range(args.ipv6RangesExclude), range(args.ipv6RangesInclude))
      break
    case 'shortCircuitKubeInternalInterface':
      legacy.shortCircuitKubeInternalInterface(ctx)
      break
    default:
      throw new Error(`unknown helper in ${c.file}: ${c.scope}`)
  }
  return b
}

/** What a case asserts, and the same renderings of our output, restricted to what Istio's test checked. */
function compared(c: CorpusCase, render: (family: 4 | 6) => string[], sequence?: string[]): { got: Record<string, unknown>; want: Record<string, unknown> } {
  const got: Record<string, unknown> = {}
  const want: Record<string, unknown> = {}
  if (c.asserted.v4) {
    got.v4 = render(4)
    want.v4 = c.expectedV4 ?? []
  }
  if (c.asserted.v6) {
    got.v6 = render(6)
    want.v6 = c.expectedV6 ?? []
  }
  if (c.expected && sequence) {
    got.sequence = sequence
    want.sequence = c.expected
  }
  return { got, want }
}

function splitOutcome(c: CorpusCase): { got: unknown; want: unknown } {
  const split = splitCidrs(c.input ?? '', profileOf(c))
  const want = c.expectedSplit
  return {
    got: { v4: { IsWildcard: split.v4.isWildcard, IPNets: split.v4.ipNets }, v6: { IsWildcard: split.v6.isWildcard, IPNets: split.v6.ipNets } },
    want: { v4: { IsWildcard: want?.v4.IsWildcard, IPNets: want?.v4.IPNets ?? [] }, v6: { IsWildcard: want?.v6.IsWildcard, IPNets: want?.v6.IPNets ?? [] } },
  }
}

function helperOutcome(c: CorpusCase): { got: unknown; want: unknown } {
  const p = profileOf(c)
  const b = runHelper(c, p)
  const gen = { profile: p, config: directConfig(c, p), v4: b.v4, v6: b.v6, hostCommands: [], ok: true }
  return compared(c, (family) => renderCommands(gen, family))
}

function wholeRunOutcome(c: CorpusCase): { got: unknown; want: unknown; errors: unknown[] } {
  const p = profileOf(c)
  const { value: gen, diagnostics } = generateRules(resolvedConfig(c, p), p)
  const restoreForm = c.folder === 'latest' || c.folder === 'v1.24'
  const { got, want } = compared(c, (family) => (restoreForm ? renderRestoreLines(gen, family) : renderCommands(gen, family)), renderGoldenSequence(gen))
  return { got, want, errors: diagnostics.filter((d) => d.severity === 'error') }
}

const passed = new Set<string>()
const record = (c: CorpusCase, got: unknown, want: unknown): void => {
  if (JSON.stringify(got) === JSON.stringify(want)) passed.add(c.file)
}

describe('Istio corpus: CIDR splitting (cidr-split cases)', () => {
  for (const c of cases.filter((x) => x.kind === 'cidr-split')) {
    it(`${c.file}`, () => {
      const { got, want } = splitOutcome(c)
      record(c, got, want)
      expect(got).toEqual(want)
    })
  }
})

describe('Istio corpus: helper-level cases against the same-named generator stage', () => {
  for (const c of cases.filter((x) => x.kind === 'rules' && !x.wholeRun)) {
    it(`${c.file}`, () => {
      const { got, want } = helperOutcome(c)
      record(c, got, want)
      expect(got).toEqual(want)
    })
  }
})

describe('Istio corpus: whole-run cases, whole outputs (command form, restore form, golden sequence)', () => {
  for (const c of cases.filter((x) => x.kind === 'rules' && x.wholeRun)) {
    it(`${c.file}`, () => {
      const { got, want, errors } = wholeRunOutcome(c)
      record(c, got, want)
      expect(errors).toEqual([])
      expect(Object.keys(want as object).length).toBeGreaterThan(0)
      expect(got).toEqual(want)
    })
  }
})

describe('Istio corpus: config from env file, flags and host facts equals the config Istio tested', () => {
  const ignored = new Set(['IptablesProbePort', 'ProbeTimeout'])
  for (const c of cases.filter((x) => x.wholeRun)) {
    it(`${c.file}`, () => {
      const p = profileOf(c)
      const got = resolvedConfig(c, p) as unknown as Record<string, unknown>
      const want = directConfig(c, p) as unknown as Record<string, unknown>
      const differing = Object.keys(c.config)
        .map((k) => fieldByName(k)?.name ?? k)
        .filter((k) => !ignored.has(k) && JSON.stringify(got[k]) !== JSON.stringify(want[k]))
        .map((k) => `${k}: ${JSON.stringify(got[k])} != ${JSON.stringify(want[k])}`)
      expect(differing).toEqual([])
    })
  }
})

afterAll(() => {
  for (const c of cases) count(c, passed.has(c.file))
  const rows = [...tally.entries()].toSorted(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
  const lines = rows.map(([folder, t]) => `${folder.padEnd(8)} whole-run ${t.wholePassed}/${t.whole}  partial ${t.partialPassed}/${t.partial}  cidr-split ${t.splitPassed}/${t.split}`)
  console.log(`Istio corpus pass counts:\n${lines.join('\n')}`)
})

