import { parseInput } from '../../core/parse/index.ts'
import { timeRuns, type Timings } from './timing.ts'
import { mulberry32 as prng } from '../../core/seeded-random.ts'

/** One kind of hostile 1 MB paste and what parsing it cost. */
export interface GarbageResult extends Timings {
  kind: string
  characters: number
  diagnostics: number
}

const SIZE = 1_000_000


function fill(make: (random: () => number) => string, seed: number): string {
  const random = prng(seed)
  const parts: string[] = []
  let length = 0
  while (length < SIZE) {
    const part = make(random)
    parts.push(part)
    length += part.length
  }
  return parts.join('').slice(0, SIZE)
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

const WORDS = ['-A', '-I', '-N', '-j', '-m', '-p', '!', '--dport', '--comment', '"', "'", '\\', '[0:0]', '*nat', ':', 'COMMIT', 'Chain', 'pkts', 'tcp', 'ISTIO_OUTPUT', '10.0.0.1/32', '::1', '{', '}', '=', '#', 'iptables', 'export']

/**
 * The shapes that stress a paste parser differently: noise, control characters and lone surrogates, one endless line,
 * rule-like lines with unbalanced quotes and unknown options, endless continuations, listing headers with junk rows,
 * and an nft ruleset (detected and refused as a whole).
 */
const KINDS: Record<string, () => string> = {
  'printable noise': () => fill((r) => `${Array.from({ length: 1 + Math.floor(r() * 120) }, () => String.fromCharCode(32 + Math.floor(r() * 95))).join('')}\n`, 1),
  'control characters, NUL, lone surrogates': () => fill((r) => String.fromCharCode(pick(r, [0, 1, 7, 9, 10, 13, 27, 0xd800, 0xdfff, 0xfeff, 0x202e, 65 + Math.floor(r() * 26)])), 2),
  'one 1 MB line': () => fill((r) => `${pick(r, WORDS)} `, 3).replace(/\n/g, ' '),
  'rule-like lines, unbalanced quotes': () => fill((r) => `-A ${pick(r, ['OUTPUT', 'ISTIO_OUTPUT', 'X'])} ${Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(r, WORDS)).join(' ')}\n`, 4),
  'continuations (\\ at every line end)': () => fill((r) => `iptables -t nat -A OUTPUT ${pick(r, WORDS)} \\\n`, 5),
  'listing headers and junk rows': () => fill((r) => (r() < 0.3 ? `Chain C${Math.floor(r() * 1e6)} (policy ACCEPT 1K packets, 2M bytes)\n pkts bytes target prot opt in out source destination\n` : `${Math.floor(r() * 1e4)} ${pick(r, WORDS)} ${pick(r, WORDS)} -- any any anywhere anywhere ${pick(r, WORDS)}\n`), 6),
  'nft ruleset': () => `table inet filter {\n${fill((r) => `\tchain c${Math.floor(r() * 1e6)} {\n\t\ttcp dport ${Math.floor(r() * 65536)} counter accept\n\t}\n`, 7)}}\n`,
}

export function measureGarbage(args: { runs: number; warmups: number }): GarbageResult[] {
  return Object.entries(KINDS).map(([kind, make]) => {
    const text = make()
    let diagnostics = 0
    const timings = timeRuns(() => {
      diagnostics = parseInput(text).diagnostics.length
    }, args.runs, args.warmups)
    return { kind, characters: text.length, diagnostics, ...timings }
  })
}
