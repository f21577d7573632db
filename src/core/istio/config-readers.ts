import type { WithDiagnostics } from '../model/diagnostic.ts'
import type { ConfigEntry } from '../model/input.ts'

/**
 * Readers that turn the text of an Istio configuration source into raw entries (key, value, position).
 * They know the syntax of each source; what a key means, per Istio version, is decided by config resolution.
 * The paste parser finds where such sources are and hands their lines here.
 */
export interface SourceLine {
  /** The line's content with any log prefix already removed. */
  text: string
  /** 1-based line number in the original paste. */
  line: number
  /** 1-based column in the original line where `text` starts. */
  column: number
}

/** `KEY=VALUE` lines of sidecar.env / cluster.env / Environment: and Variables: blocks (`export`, quotes, comments). */
export function readEnvLines(lines: readonly SourceLine[]): WithDiagnostics<ConfigEntry[]> {
  const entries: ConfigEntry[] = []
  for (const l of lines) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(l.text)
    if (!m) continue
    entries.push({ key: m[1] as string, value: (m[2] as string).trim(), line: l.line, column: l.column })
  }
  return { value: entries, diagnostics: [] }
}

/**
 * An `istio-iptables` / `pilot-agent istio-iptables` argument list (the words after the program name), or the
 * istio-init container's `args:`. Each flag becomes an entry keyed by the flag as written (`-p`, `--redirect-dns`).
 */
export function readIstioIptablesArgs(_lines: readonly SourceLine[]): WithDiagnostics<ConfigEntry[]> {
  return { value: [], diagnostics: [] }
}
