import { readEnvLines, readIstioIptablesArgs, readVariablesBlock, type SourceLine } from '../istio/config-readers.ts'
import type { Diagnostic } from '../model/diagnostic.ts'
import type { ConfigSource } from '../model/input.ts'
import { lastLineOf } from './logical-lines.ts'
import type { SectionPlan } from './segment.ts'

/**
 * Hands each Istio configuration section to the reader that knows its syntax (core/istio/config-readers.ts) with
 * the lines as the program wrote them (log prefixes gone, columns pointing into the paste). What a key means is
 * decided there, not here.
 */
export function readConfigSource(plan: SectionPlan, diagnostics: Diagnostic[]): ConfigSource | null {
  if (!plan.config) return null
  const sourceLines: SourceLine[] = []
  plan.lines.forEach((line, at) => {
    const it = { line, kind: plan.kinds[at] as SectionPlan['kinds'][number] }
    const k = it.kind
    if (plan.config !== 'flags' && (k.kind === 'marker' || k.kind === 'underline')) return
    const pieces = it.line.parts ?? [{ text: it.line.text, line: it.line.line, column: it.line.column }]
    pieces.forEach((piece, index) => {
      let text = piece.text
      let column = piece.column
      if (index === 0 && k.kind === 'istio-command') {
        // From the program name on: a prompt or `sudo` in front is not an argument.
        text = text.slice(k.detected.start)
        column += k.detected.start
      }
      sourceLines.push({ text, line: piece.line, column })
    })
  })
  const read =
    plan.config === 'flags' ? readIstioIptablesArgs(sourceLines) : plan.config === 'variables' ? readVariablesBlock(sourceLines) : readEnvLines(sourceLines)
  diagnostics.push(...read.diagnostics)
  const first = plan.lines[0]
  const last = plan.lines[plan.lines.length - 1]
  const source: ConfigSource = {
    kind: plan.config,
    entries: read.value,
    startLine: first?.line ?? 1,
    endLine: last ? lastLineOf(last) : 1,
  }
  if (plan.label) source.label = plan.label
  return source
}
