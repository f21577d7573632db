import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeResolved, resolveSource } from '../analyze.ts'
import type { Diagnostic } from '../model/diagnostic.ts'
import { printSave } from '../print/print-save.ts'
import { splitLines } from '../text/lines.ts'
import { parseInput } from './index.ts'

/**
 * What people paste, at its worst: random bytes, and every fixture and example mutated the ways pastes break
 * (truncated, lines duplicated or swapped, fields swapped, control characters, NUL and lone surrogates injected,
 * 10,000-character tokens). Whatever comes in: no exception escapes, nothing reaches the internal-error guard,
 * every diagnostic points at a real place in the text, every run finishes in bounded time, and what the printer
 * writes from the result reads back to the same print.
 */
const root = join(import.meta.dirname, '..', '..')
const dirs = [join(root, 'fixtures', 'parse', 'real'), join(root, 'fixtures', 'parse', 'cases'), join(root, 'examples'), join(root, 'fixtures', 'explain', 'inputs')]
const corpus = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8')),
)

/** Problems with one diagnostic's place in the text, as readable strings (empty when it is well placed). */
function misplaced(text: string, d: Diagnostic): string[] {
  const lines = splitLines(text)
  const count = Math.max(1, lines.length)
  const width = (line: number) => (lines[line - 1] ?? '').length + 1
  const problems: string[] = []
  const where = `${d.code} at ${d.line}:${d.column}`
  if (!/^[A-Z]{3}\d{3}$/.test(d.code)) problems.push(`${where}: code`)
  if (!d.message) problems.push(`${where}: no message`)
  if (!Number.isInteger(d.line) || d.line < 1 || d.line > count) problems.push(`${where}: line outside 1..${count}`)
  else if (!Number.isInteger(d.column) || d.column < 1 || d.column > width(d.line)) problems.push(`${where}: column outside 1..${width(d.line)}`)
  if (d.endLine !== undefined && (d.endLine < d.line || d.endLine > count)) problems.push(`${where}: end line ${d.endLine}`)
  if (d.endColumn !== undefined && (d.endColumn < 1 || (d.endLine === d.line && d.endColumn < d.column))) problems.push(`${where}: end column ${d.endColumn}`)
  return problems
}

const BOUND_MS = 4000

/** Parses, checks every diagnostic's place, prints each family and reads the print back. */
function check(text: string): void {
  const started = performance.now()
  const { value, diagnostics } = parseInput(text)
  const elapsed = performance.now() - started
  const problems = diagnostics.flatMap((d) => misplaced(text, d))
  if (diagnostics.some((d) => d.code === 'IPT999')) problems.push(`internal error: ${diagnostics.find((d) => d.code === 'IPT999')?.message}`)
  if (elapsed > BOUND_MS) problems.push(`parse took ${Math.round(elapsed)} ms`)
  // Text a listing or a broken rule kept verbatim cannot survive printing; what the printer writes once must then
  // read back to itself.
  for (const family of [4, 6] as const) {
    const ruleset = value.rulesets[family]
    if (!ruleset) continue
    const reread = (t: string) => {
      const r = parseInput(t).value.rulesets[family]
      return r ? printSave(r, { counters: true }) : ''
    }
    const printed = reread(printSave(ruleset, { counters: true }))
    const reprinted = reread(printed)
    if (reprinted !== printed) problems.push(`IPv${family} print does not read back:\n${firstDifference(printed, reprinted)}`)
  }
  expect(problems).toEqual([])
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n')
  const y = b.split('\n')
  const i = x.findIndex((l, k) => l !== y[k])
  return `- ${JSON.stringify(x[i])}\n+ ${JSON.stringify(y[i])}`
}

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\u200b']
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d']
const LONG = ['A'.repeat(10_000), '-'.repeat(10_000), 'ISTIO_'.repeat(1700), '1.'.repeat(5000), '"'.repeat(10_000), '!'.repeat(10_000), '#'.repeat(10_000), '\\'.repeat(10_000)]

type Mutation = (text: string, at: number, pick: number) => string
const lineOp = (f: (lines: string[], i: number, pick: number) => string[]): Mutation => (text, at, pick) => {
  const lines = text.split('\n')
  return f(lines, at % Math.max(1, lines.length), pick).join('\n')
}
const swapWords = (line: string, pick: number): string => {
  const words = line.split(' ')
  if (words.length < 2) return line
  const i = pick % words.length
  const j = (pick * 7 + 1) % words.length
  ;[words[i], words[j]] = [words[j] as string, words[i] as string]
  return words.join(' ')
}
const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, at) => t.slice(0, at),
  dropHead: (t, at) => t.slice(at),
  duplicateLine: lineOp((l, i) => [...l.slice(0, i + 1), ...l.slice(i)]),
  duplicateBlock: lineOp((l, i, p) => [...l.slice(0, i), ...l.slice(i, i + 1 + (p % 20)), ...l.slice(i)]),
  swapLines: lineOp((l, i, p) => {
    const copy = [...l]
    const j = p % Math.max(1, l.length)
    ;[copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? '']
    return copy
  }),
  swapFields: lineOp((l, i, p) => l.map((line, k) => (k === i ? swapWords(line, p) : line))),
  control: (t, at, p) => t.slice(0, at) + (CONTROL[p % CONTROL.length] as string) + t.slice(at),
  nul: (t, at) => t.slice(0, at) + '\u0000' + t.slice(at),
  surrogate: (t, at, p) => t.slice(0, at) + (SURROGATES[p % SURROGATES.length] as string) + t.slice(at),
  longToken: (t, at, p) => t.slice(0, at) + ' ' + (LONG[p % LONG.length] as string) + ' ' + t.slice(at),
  longChainName: (t, _at, p) => t.replace(/ISTIO_[A-Z_]+/g, (m, offset: number) => ((offset + p) % 3 === 0 ? m + 'X'.repeat(10_000) : m)),
  joinLines: (t) => t.replace(/\n/g, ' '),
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  loneCr: (t) => t.replace(/\n/g, '\r'),
  deleteSpan: (t, at, p) => t.slice(0, at) + t.slice(at + 1 + (p % 40)),
}
const NAMES = Object.keys(MUTATIONS)

const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
  )
  .map(([text, steps]) => steps.reduce((t, [name, at, pick]) => (MUTATIONS[name] as Mutation)(t, t.length ? at % t.length : 0, pick), text))

/** Thousands of cases take tens of seconds, more on a shared machine: past vitest's default timeout. */
const SLOW = 300_000

describe('hostile input: the parser and the printer', () => {
  it('has every fixture and example to mutate', () => {
    expect(corpus.length).toBeGreaterThan(80)
  })

  it('survives random bytes read as UTF-8 and as Latin-1 (2 × 1000 cases)', () => {
    const utf8 = new TextDecoder('utf-8')
    const latin1 = new TextDecoder('latin1')
    const decoded = new Set<string>()
    for (const decoder of [utf8, latin1]) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          const text = decoder.decode(bytes)
          decoded.add(text)
          check(text)
        }),
        { numRuns: 1000 },
      )
    }
    expect(decoded.size).toBeGreaterThan(1500)
  }, SLOW)

  it('survives random UTF-16 with lone surrogates and control characters (1000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), check), { numRuns: 1000 })
  }, SLOW)

  it(`survives every mutation of every fixture (${NAMES.length} kinds, 3000 cases)`, () => {
    fc.assert(fc.property(mutated, check), { numRuns: 3000 })
  }, SLOW)

  it('survives each kind of mutation applied to each fixture once', () => {
    let cases = 0
    corpus.forEach((text, i) => {
      for (const name of NAMES) {
        check((MUTATIONS[name] as Mutation)(text, Math.floor(text.length / 2), i))
        cases++
      }
    })
    expect(cases).toBe(corpus.length * NAMES.length)
  }, SLOW)

  it('runs the whole analysis (generate, annotate, graph) on mutated fixtures without throwing (100 cases)', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const source = resolveSource({ text })
        const analysis = analyzeResolved(source, { text })
        expect(analysis.diagnostics.flatMap((d) => misplaced(text, d))).toEqual([])
      }),
      { numRuns: 100 },
    )
  }, SLOW)
})
