/**
 * A finding about the user's input. Core functions never throw on input; they return a value plus diagnostics.
 * `code` is stable (tests, docs and other tools key on it); `message` is for people.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface Diagnostic {
  /** Stable identifier, e.g. `IPT012`. The prefix names the stage: IPT (iptables text), CFG (Istio config), LOG (log structure), GEN (generator), SIM (simulator). */
  code: string
  severity: Severity
  message: string
  /** 1-based line in the input text. */
  line: number
  /** 1-based column (UTF-16 code units) in that line. */
  column: number
  endLine?: number
  endColumn?: number
}

/** The return shape of every core entry point that reads user input. */
export interface WithDiagnostics<T> {
  value: T
  diagnostics: Diagnostic[]
}

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  line: number,
  column = 1,
  end?: { line: number; column: number },
): Diagnostic {
  const d: Diagnostic = { code, severity, message, line, column }
  if (end) {
    d.endLine = end.line
    d.endColumn = end.column
  }
  return d
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
