import { writeFileSync } from 'node:fs'
import { fixed, isBudget, type Figure } from './figure.ts'

export interface BenchReport {
  meta: Record<string, string | number | number[]>
  figures: Figure[]
  met: number
  budgets: number
}

export function report(meta: BenchReport['meta'], figures: Figure[]): BenchReport {
  const budgets = figures.filter(isBudget)
  return { meta, figures, met: budgets.filter((f) => f.met === true).length, budgets: budgets.length }
}

function status(f: Figure): string {
  if (!isBudget(f)) return '–'
  if (f.met === null) return 'not measured'
  return f.met ? 'met' : 'NOT MET'
}

/** Monospace table, notes numbered under it, and `N of M budgets met` as the last line. */
export function renderTable(r: BenchReport): string {
  const notes: string[] = []
  const rows = r.figures.map((f) => {
    const marks = f.notes.map((n) => {
      notes.push(n)
      return `[${notes.length}]`
    })
    return [
      `${f.label}${marks.length ? ' ' + marks.join('') : ''}`,
      f.shown,
      f.goal?.shown ?? '',
      f.peer?.shown ?? '',
      f.ratio === null ? '' : `${fixed(f.ratio, 2)}×`,
      status(f),
    ]
  })
  const header = ['figure', 'value', 'goal', 'peer', 'ratio', 'budget']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 4 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join(' | ')
      .trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-')]
  for (const row of rows) out.push(line(row))
  out.push('', 'ratio: ≥ 1.00× means the goal is met (goal ÷ value for "≤" goals, value ÷ goal for "≥", peer ÷ ours against the peer).')
  notes.forEach((n, i) => out.push(`[${i + 1}] ${n}`))
  out.push('', `${r.met} of ${r.budgets} budgets met`)
  return out.join('\n')
}

export function writeJson(path: string, r: BenchReport): void {
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`)
}
