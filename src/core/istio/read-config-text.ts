import type { Diagnostic, WithDiagnostics } from '../model/diagnostic.ts'
import { splitLines } from '../text/lines.ts'
import type { ConfigLayer } from './config-model.ts'
import { readEnvLines, readIstioIptablesArgs, readVariablesBlock, type SourceLine } from './config-readers.ts'

/** Log line prefixes a pasted istio-iptables log may carry: journald, RFC 3339 timestamp with level and scope. */
export const LOG_PREFIX = /^(?:.*?\S+\[\d+\]:\s|\d{4}-\d\d-\d\dT[\d:.]+Z?\s+(?:info|warn|error|debug)\s+(?:\w+\t)?)/

const ENV_HEADER = /^(?:Environment:|Istio iptables environment:)\s*$/
const VARS_HEADER = /^(?:Variables:|Istio iptables variables:|Istio config:)\s*$/
const COMMAND = /(^|[\s/])istio-iptables(\s|$)|^\s*-\s+-[a-z]\b|^\s*(args|command)\s*:|^\s*-{1,2}[a-z][\w-]*(\s|=|$)/

function strip(line: SourceLine): SourceLine {
  const m = LOG_PREFIX.exec(line.text)
  return m ? { text: line.text.slice(m[0].length), line: line.line, column: line.column + m[0].length } : line
}

/**
 * The configuration sources in one text the way the generate command reads `--env FILE`: a log's Environment and
 * Variables blocks, an istio-iptables command line or init-container args, or else an env file. The paste parser's
 * `configSources` cover more forms; this is the reader-level fallback for texts that are only configuration.
 */
export function readConfigText(text: string, label: string): WithDiagnostics<ConfigLayer[]> {
  const lines = splitLines(text).map((t, i) => strip({ text: t, line: i + 1, column: 1 }))
  const diagnostics: Diagnostic[] = []
  const layers: ConfigLayer[] = []
  const envStart = lines.findIndex((l) => ENV_HEADER.test(l.text.trim()))
  const varsStart = lines.findIndex((l) => VARS_HEADER.test(l.text.trim()))
  if (envStart >= 0 || varsStart >= 0) {
    const block = (start: number): SourceLine[] => {
      const out: SourceLine[] = []
      for (const l of lines.slice(start + 1)) {
        const t = l.text.trim()
        if (/^-+$/.test(t)) continue
        if (!/^[A-Z][A-Z0-9_]*=/.test(t)) break
        out.push(l)
      }
      return out
    }
    if (envStart >= 0) {
      const env = readEnvLines(block(envStart))
      diagnostics.push(...env.diagnostics)
      layers.push({ kind: 'env', entries: env.value, label: `${label} Environment`, emptyMeansUnset: true })
    }
    const commandLine = lines.slice(0, envStart >= 0 ? envStart : varsStart).filter((l) => /(^|[\s/])istio-iptables(\s|$)/.test(l.text))
    if (commandLine.length > 0) {
      const flags = readIstioIptablesArgs(commandLine)
      diagnostics.push(...flags.diagnostics)
      layers.push({ kind: 'flags', entries: flags.value, label: `${label} command line` })
    }
    if (varsStart >= 0) {
      const vars = readVariablesBlock(block(varsStart))
      layers.push({ kind: 'variables', entries: vars.value, label: `${label} Variables` })
    }
    return { value: layers, diagnostics }
  }
  const meaningful = lines.filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#') && !l.text.trim().startsWith('```'))
  const looksLikeCommand = meaningful.some((l) => COMMAND.test(l.text)) && !meaningful.every((l) => /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(l.text))
  if (looksLikeCommand) {
    const flags = readIstioIptablesArgs(lines)
    diagnostics.push(...flags.diagnostics)
    layers.push({ kind: 'flags', entries: flags.value, label })
    const env = readEnvLines(lines.filter((l) => /^\s*-?\s*name:|^\s*value:/.test(l.text)))
    if (env.value.length > 0) layers.unshift({ kind: 'env', entries: env.value, label: `${label} env` })
    return { value: layers, diagnostics }
  }
  const env = readEnvLines(lines)
  diagnostics.push(...env.diagnostics)
  layers.push({ kind: 'env', entries: env.value, label })
  return { value: layers, diagnostics }
}
