/**
 * One row of the bench table. `value` is in `unit`; a goal compares it with a fixed number or with the peer's value
 * measured in the same run. `ratio` is always oriented so that ≥ 1 means the goal is met: goal ÷ value for "at most"
 * goals, value ÷ goal for "at least" goals, peer ÷ value when we must be at most the peer.
 */
export interface Figure {
  id: string
  label: string
  value: number | null
  unit: string
  /** The value as shown, with extra readings (throughput next to a time). */
  shown: string
  goal: Goal | null
  peer: { value: number; shown: string } | null
  ratio: number | null
  /** null: no budget on this figure (informational), or it could not be measured. */
  met: boolean | null
  notes: string[]
  /** Raw measurements behind the value, for the JSON file. */
  detail?: Record<string, unknown>
}

export type Goal = { kind: 'at-most' | 'at-least'; value: number; shown: string } | { kind: 'at-most-peer'; shown: string }

export function evaluate(figure: Omit<Figure, 'ratio' | 'met'>): Figure {
  const { value, goal, peer } = figure
  let ratio: number | null = null
  if (value !== null && goal) {
    if (goal.kind === 'at-most') ratio = goal.value / value
    else if (goal.kind === 'at-least') ratio = value / goal.value
    else if (peer) ratio = peer.value / value
  }
  return { ...figure, ratio, met: ratio === null ? null : ratio >= 1 }
}

/** A figure that has a budget counts towards `N of M budgets met` even when it could not be measured. */
export function isBudget(figure: Figure): boolean {
  return figure.goal !== null && (figure.goal.kind !== 'at-most-peer' || figure.peer !== null)
}

export function fixed(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** 1234567 → "1.23 M", 12345 → "12.3 k". */
export function compact(n: number): string {
  const abs = Math.abs(n)
  if (abs >= 1e6) return `${fixed(n / 1e6, abs >= 1e8 ? 0 : 2)} M`
  if (abs >= 1e4) return `${fixed(n / 1e3, abs >= 1e5 ? 0 : 1)} k`
  return fixed(n, 0)
}

export function seconds(ms: number): string {
  return ms >= 1000 ? `${fixed(ms / 1000, 2)} s` : `${fixed(ms, ms >= 100 ? 0 : 1)} ms`
}

export function kib(bytes: number): string {
  return `${fixed(bytes / 1024, 1)} KiB`
}
