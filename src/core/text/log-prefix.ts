/**
 * Recognises the prefixes that log tools put in front of each line a program wrote, so the program's own text
 * (an iptables-save dump, a rules file) can be read underneath. Every pattern is anchored at the start of the
 * line and has no nested quantifiers, so matching is linear in the line length.
 */
export type LogPrefixKind =
  | 'cri'
  | 'kubectl-prefix'
  | 'container'
  | 'compose'
  | 'journald'
  | 'journald-iso'
  | 'timestamp'
  | 'istio'
  | 'klog'

export interface LogPrefix {
  kind: LogPrefixKind
  /** Length of the prefix in the line (the content starts there). */
  length: number
  /** For CRI lines: `P` marks a partial line continued by the next one. */
  partial?: boolean
  /** The level word of a structured log line (`info`, `warn`, …). */
  level?: string
}

const TS = '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?'
const CRI = new RegExp(`^${TS} (?:stdout|stderr) ([FP]) ?`)
const KUBECTL_PREFIX = /^\[pod\/[^\]\s/]+\/[^\]\s]+\] /
const CONTAINER = /^\[[A-Za-z][\w.-]{0,62}\] /
// docker compose: `web_1  | `, `web-1  | `.
const COMPOSE = /^[A-Za-z][\w.-]{0,60}[_-]\d{1,3} +\| /
// `Jul 19 09:03:35 host ident[pid]: `, the month in any locale (`7月`, `juil.`, `июл`).
const JOURNALD = /^[^\s\d][^\s]{0,11} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? [^\s]{1,253} [^\s[\]:]{1,64}(?:\[\d{1,10}\])?: ?/
const JOURNALD_DIGIT_MONTH = /^\d{1,2}(?:月|월) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? [^\s]{1,253} [^\s[\]:]{1,64}(?:\[\d{1,10}\])?: ?/
const JOURNALD_ISO = new RegExp(`^${TS} [^\\s]{1,253} [^\\s[\\]:]{1,64}(?:\\[\\d{1,10}\\])?: ?`)
const LEVEL = '(?:info|warn|warning|error|debug|fatal|critical|trace|INFO|WARN|WARNING|ERROR|DEBUG|FATAL)'
// Istio's zap encoder: time, level, optional scope, message; tabs, or the spaces a terminal turned them into.
const ISTIO = new RegExp(`^${TS}(?:\\t| +)(${LEVEL})(?:\\t| +)(?:[a-z][\\w.-]{0,30}(?:\\t| {2,}))?`)
const TIMESTAMP = new RegExp(`^${TS}(?:\\t| )`)
const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9} +\d+ [\w.-]+:\d+\] /

/** The log prefix at the start of `line`, if any (only the outermost one; strip and call again for nested ones). */
export function matchLogPrefix(line: string): LogPrefix | null {
  const c = line.charCodeAt(0)
  if (c >= 48 && c <= 57) {
    let m = CRI.exec(line)
    if (m) return { kind: 'cri', length: m[0].length, partial: m[1] === 'P' }
    m = ISTIO.exec(line)
    if (m) return { kind: 'istio', length: m[0].length, level: (m[1] as string).toLowerCase() }
    m = JOURNALD_ISO.exec(line)
    if (m && !/^\S+ (?:stdout|stderr) /.test(line.slice(m[0].length - 1))) return { kind: 'journald-iso', length: m[0].length }
    m = TIMESTAMP.exec(line)
    if (m) return { kind: 'timestamp', length: m[0].length }
    m = JOURNALD_DIGIT_MONTH.exec(line)
    if (m) return { kind: 'journald', length: m[0].length }
    return null
  }
  if (c === 91) {
    let m = KUBECTL_PREFIX.exec(line)
    if (m) return { kind: 'kubectl-prefix', length: m[0].length }
    m = CONTAINER.exec(line)
    if (m) return { kind: 'container', length: m[0].length }
    return null
  }
  if ((c === 73 || c === 87 || c === 69 || c === 70) && KLOG.test(line)) {
    return { kind: 'klog', length: (KLOG.exec(line) as RegExpExecArray)[0].length }
  }
  const m = JOURNALD.exec(line)
  if (m) return { kind: 'journald', length: m[0].length }
  const compose = COMPOSE.exec(line)
  if (compose) return { kind: 'compose', length: compose[0].length }
  return null
}

/** `-- Logs begin at …`, `-- Boot 3f2a… --`, `-- No entries --`: journalctl's own lines. */
export function isJournalNotice(text: string): boolean {
  return /^-- (?:Logs begin at|Journal begins at|Boot [0-9a-f]+|No entries|Reboot)\b/.test(text)
}
