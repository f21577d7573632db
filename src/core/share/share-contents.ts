import { findAddresses } from './redact.ts'
import type { ShareState } from './share-state.ts'

/**
 * What a link carries, item by item, so the Share dialog can say it before the link leaves the page. Counts only:
 * the dialog words them (in either language) and never shows the shared text itself.
 */
export interface ShareContents {
  input: { kind: 'text' | 'config'; characters: number; lines: number } | { kind: 'generated'; generator: string; services: number; seed: number }
  /** IP addresses in the input, the configuration values and the packet. */
  addresses: number
  language: 'en' | 'zh'
  rule: string | null
  scenario: { kind: 'preset'; id: string } | { kind: 'packet'; summary: string } | null
  step: number | null
  profile: string | null
  compareProfile: string | null
  overrides: number
  family: 4 | 6 | null
}

export function describeShareState(state: ShareState): ShareContents {
  const input: ShareContents['input'] =
    state.input.kind === 'generated'
      ? { kind: 'generated', generator: state.input.generator, services: state.input.services, seed: state.input.seed }
      : { kind: state.input.kind, characters: state.input.text.length, lines: lineCount(state.input.text) }
  const texts = [state.input.kind === 'generated' ? '' : state.input.text, ...Object.values(state.overrides ?? {})]
  const packet = state.scenario?.kind === 'packet' ? state.scenario.packet : null
  if (packet?.src) texts.push(packet.src)
  if (packet?.dst) texts.push(packet.dst)
  return {
    input,
    addresses: texts.reduce((n, t) => n + findAddresses(t).length, 0),
    language: state.language,
    rule: state.rule ? `${state.rule.table} ${state.rule.chain} #${state.rule.index}` : null,
    scenario: !state.scenario
      ? null
      : state.scenario.kind === 'preset'
        ? { kind: 'preset', id: state.scenario.id }
        : { kind: 'packet', summary: `${state.scenario.packet.direction} ${state.scenario.packet.proto} → ${state.scenario.packet.dst ?? '(pod)'}:${state.scenario.packet.dport}` },
    step: state.step ?? null,
    profile: state.profile ?? null,
    compareProfile: state.compareProfile ?? null,
    overrides: Object.keys(state.overrides ?? {}).length,
    family: state.family ?? null,
  }
}

function lineCount(text: string): number {
  if (text === '') return 0
  let n = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++
  return n
}
