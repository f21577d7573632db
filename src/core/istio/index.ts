/**
 * Istio's istio-iptables, 1.5 → latest: profiles, config reading and resolution (with provenance), rule generation,
 * the outputs the tool writes or logs, version detection and version diffs. Everything here is pure.
 */
export { listProfiles, resolveProfile, has, level, withSwitches, type ListedProfile, type Profile, type ProfileInfo } from './profiles.ts'
export { SWITCHES, switchDef, switchesAt, type SwitchDef, type SwitchId } from './switches.ts'
export { formatVersion, parseVersionText, type IstioVersion } from './versions.ts'

export { readEnvLines, readIstioIptablesArgs, readVariablesBlock, type SourceLine } from './config-readers.ts'
export { readConfigText } from './read-config-text.ts'
export { envLayer, flagsLayer, layersFromSources, setLayer, textLines, variablesLayer } from './config-input.ts'
export { fieldsOfVariable, VARIABLE_LABELS } from './variables-labels.ts'

export { FIELDS, fieldByName, goFieldName, type FieldDef, type FieldKind, type FieldValue } from './fields.ts'
export { FLAGS, flagByName, type FlagDef } from './flag-table.ts'
export { boundEnvNames, envBinding, type EnvBinding } from './env-binding.ts'
export {
  configValues,
  defaultConfig,
  describeOrigin,
  type ConfigLayer,
  type FieldName,
  type IstioConfig,
  type Origin,
  type ResolvedConfig,
  type ResolvedField,
} from './config-model.ts'
export { HOST_FACT_KEYS, resolveConfig } from './resolve-config.ts'
export { DEFAULT_HOST_FACTS, type HostFacts } from './host-facts.ts'

export { splitCidrs, type CidrSplit, type NetworkRange } from './cidr-split.ts'
export { generateRules, splitRanges, type GeneratedRules } from './generate.ts'
export type { IstioTable, RuleRecord } from './rule-builder.ts'
export { renderCommands, renderGoldenSequence, renderRestore, renderRestoreLines } from './render.ts'
export { renderClean, undoPlan } from './render-clean.ts'
export { environmentNames, renderVariables, variableLabels } from './render-variables.ts'
export { renderSave } from './render-save.ts'
export { OUTPUT_FORMATS, renderOutput, runIstioIptables, type IstioRun, type OutputFormat } from './istio-generate.ts'

export { diffGenerated, type GeneratedDiff, type RuleChange, type SwitchRef } from './diff-generated.ts'
export { detectIstioVersion, type VersionDetection, type VersionEvidence } from './detect-version.ts'
