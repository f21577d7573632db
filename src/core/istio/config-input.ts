import { diagnostic, type Diagnostic, type WithDiagnostics } from '../model/diagnostic.ts'
import type { ConfigEntry, ConfigSource } from '../model/input.ts'
import { splitLines } from '../text/lines.ts'
import type { ConfigLayer } from './config-model.ts'
import { readEnvLines, readIstioIptablesArgs, readVariablesBlock, type SourceLine } from './config-readers.ts'

/** A whole text as reader lines (line numbers from 1, column 1). */
export function textLines(text: string): SourceLine[] {
  return splitLines(text).map((t, i) => ({ text: t, line: i + 1, column: 1 }))
}

function withLabel(layer: ConfigLayer, label: string | undefined): ConfigLayer {
  return label === undefined ? layer : { ...layer, label }
}

/** An env file (sidecar.env, cluster.env, `KEY="VALUE"` lines). */
export function envLayer(text: string, label?: string): WithDiagnostics<ConfigLayer> {
  const { value, diagnostics } = readEnvLines(textLines(text))
  return { value: withLabel({ kind: 'env', entries: value }, label), diagnostics }
}

/** An istio-iptables command line or init-container args. */
export function flagsLayer(text: string, label?: string): WithDiagnostics<ConfigLayer> {
  const { value, diagnostics } = readIstioIptablesArgs(textLines(text))
  return { value: withLabel({ kind: 'flags', entries: value }, label), diagnostics }
}

/** A Variables block. */
export function variablesLayer(text: string, label?: string): WithDiagnostics<ConfigLayer> {
  const { value, diagnostics } = readVariablesBlock(textLines(text))
  return { value: withLabel({ kind: 'variables', entries: value }, label), diagnostics }
}

/** `FIELD=VALUE` assignments (the CLI's `--set`), each its own line number in order. */
export function setLayer(assignments: readonly string[], label = '--set'): WithDiagnostics<ConfigLayer> {
  const entries: ConfigEntry[] = []
  const diagnostics: Diagnostic[] = []
  assignments.forEach((a, i) => {
    const eq = a.indexOf('=')
    if (eq <= 0) {
      diagnostics.push(diagnostic('CFG043', 'error', `--set needs FIELD=VALUE, got "${a}"`, i + 1))
      return
    }
    entries.push({ key: a.slice(0, eq).trim(), value: a.slice(eq + 1), line: i + 1, column: 1 })
  })
  return { value: { kind: 'set', entries, label }, diagnostics }
}

/**
 * The paste parser's config sources as layers, labelled `<file>: <section>` when a file name is given. A log's
 * Environment block prints unset and empty variables alike, so its empty values count as unset.
 */
export function layersFromSources(sources: readonly ConfigSource[], file?: string): ConfigLayer[] {
  return sources.map((s) => {
    const layer: ConfigLayer = { kind: s.kind, entries: s.entries }
    const label = file === undefined ? s.label : s.label === undefined ? file : `${file}: ${s.label}`
    if (label !== undefined) layer.label = label
    if (s.kind === 'env' && s.label !== undefined && /environment/i.test(s.label)) layer.emptyMeansUnset = true
    return layer
  })
}
