import { writeFileSync } from 'node:fs'
import { fixed, isBudget, type Figure } from './figure.ts'
import type { BenchReport } from './table.ts'

function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

function budget(f: Figure): string {
  if (!isBudget(f)) return ''
  if (f.met === null) return 'not measured'
  return f.met ? 'met' : '**not met**'
}

/** The README's Performance section: the same figures as the table, with the command and conditions that made them. */
export function renderMarkdown(r: BenchReport, command: string): string {
  const notes: string[] = []
  const rows = r.figures.map((f) => {
    const marks = f.notes.map((n) => {
      notes.push(n)
      return `<sup>${notes.length}</sup>`
    })
    return `| ${cell(f.label)}${marks.join('')} | ${cell(f.shown)} | ${cell(f.goal?.shown ?? '')} | ${cell(f.peer?.shown ?? '')} | ${f.ratio === null ? '' : `${fixed(f.ratio, 2)}×`} | ${budget(f)} |`
  })
  const m = r.meta
  return [
    '## Performance',
    '',
    `\`${command}\` on ${String(m.date).slice(0, 10)} (commit ${m.commit}): Node ${m.node}, ${m.chromium}, ${m.cpus} shared vCPUs,` +
      ` load average ${(m.loadBefore as number[]).join(' ')} before and ${(m.loadAfter as number[]).join(' ')} after (1/5/15 min); the run took ${m.seconds} s.` +
      ' Every figure is the median of several runs after a warm-up, on production builds: the core bundled for Node and run in a child process,' +
      ' the app built by Vite and served by `vite preview` to Debian\'s Chromium. The peer is `iptables-nft-restore --test` in a throw-away network namespace, on the same files in the same run.' +
      ` kube-proxy dumps come from src/examples/kube-proxy.ts (seed 1). Ratio ≥ 1.00× means the goal is met.`,
    '',
    '| figure | value | goal | peer | ratio | budget |',
    '|---|---|---|---|--:|---|',
    ...rows,
    '',
    ...notes.map((n, i) => `${i + 1}. ${n}`),
    '',
    `**${r.met} of ${r.budgets} budgets met.**`,
    '',
  ].join('\n')
}

export function writeMarkdown(path: string, r: BenchReport, command: string): void {
  writeFileSync(path, renderMarkdown(r, command))
}
