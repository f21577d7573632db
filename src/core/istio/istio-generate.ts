import { hasErrors, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import type { Family } from '../model/ruleset.ts'
import { configValues, type ConfigLayer, type ResolvedConfig } from './config-model.ts'
import { generateRules, type GeneratedRules } from './generate.ts'
import type { HostFacts } from './host-facts.ts'
import type { Profile } from './profiles.ts'
import { renderClean } from './render-clean.ts'
import { renderSave } from './render-save.ts'
import { renderVariables } from './render-variables.ts'
import { renderCommands, renderGoldenSequence, renderRestore } from './render.ts'
import { resolveConfig } from './resolve-config.ts'

export type OutputFormat = 'restore' | 'commands' | 'save' | 'clean' | 'variables' | 'sequence'

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['restore', 'commands', 'save', 'clean', 'variables', 'sequence']

export interface IstioRun {
  config: ResolvedConfig
  rules: GeneratedRules
}

/** Config layers plus host facts → resolved config → rules, as one call. Errors leave `rules.ok` false. */
export function runIstioIptables(layers: readonly ConfigLayer[], profile: Profile, host: Partial<HostFacts> = {}): WithDiagnostics<IstioRun> {
  const resolved = resolveConfig(layers, profile, host)
  const diagnostics: Diagnostic[] = [...resolved.diagnostics]
  const config = configValues(resolved.value)
  if (hasErrors(diagnostics)) {
    return { value: { config: resolved.value, rules: { profile, config, v4: [], v6: [], hostCommands: [], ok: false } }, diagnostics }
  }
  const gen = generateRules(config, profile)
  diagnostics.push(...gen.diagnostics)
  return { value: { config: resolved.value, rules: gen.value }, diagnostics }
}

function lines(l: readonly string[]): string {
  return l.length === 0 ? '' : l.join('\n') + '\n'
}

/**
 * One output of a run as text: the rules file (`restore`), the command list (`commands`), the kernel's view after
 * restoring (`save`), the clean-up commands (`clean`), the log's Environment/Variables blocks (`variables`), or the
 * whole sequence Istio's golden test of this version records (`sequence`). `family` selects IPv4 or IPv6 where it
 * applies; for `clean` it keeps that family's commands when given.
 */
export function renderOutput(run: IstioRun, format: OutputFormat, family?: Family): WithDiagnostics<string> {
  const f: Family = family ?? 4
  switch (format) {
    case 'restore':
      return { value: renderRestore(run.rules, f), diagnostics: [] }
    case 'commands':
      return { value: lines(renderCommands(run.rules, f)), diagnostics: [] }
    case 'save':
      return renderSave(renderRestore(run.rules, f), f)
    case 'clean': {
      const all = renderClean(run.rules)
      const mine = family === undefined ? all : all.filter((l) => l.startsWith(family === 4 ? 'iptables' : 'ip6tables'))
      return { value: lines(mine), diagnostics: [] }
    }
    case 'variables':
      return { value: renderVariables(run.config), diagnostics: [] }
    case 'sequence':
      return { value: lines(renderGoldenSequence(run.rules)), diagnostics: [] }
  }
}
