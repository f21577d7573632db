import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printSave } from '../print/print-save.ts'
import { parseInput } from './index.ts'
import { summarizeParsed } from './summary.ts'

/**
 * The parser never throws and never hits its internal-error guard (IPT999), whatever it is given: random text,
 * iptables-looking token soup behind log prefixes and prompts, and the real and tricky fixtures mutated at random
 * (cut, spliced, lines swapped or glued, characters replaced). 10 500 cases in all.
 */
const root = join(import.meta.dirname, '../../fixtures/parse')
const corpus = ['real', 'cases'].flatMap((sub) =>
  readdirSync(join(root, sub))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(root, sub, f), 'utf8')),
)

function check(text: string): void {
  const { value, diagnostics } = parseInput(text)
  expect(diagnostics.filter((d) => d.code === 'IPT999')).toEqual([])
  for (const family of [4, 6] as const) {
    const r = value.rulesets[family]
    if (r) printSave(r, { counters: true })
  }
  summarizeParsed(value, diagnostics)
}

const TOKENS = [
  '*nat', '* mangle', ':OUTPUT ACCEPT [0:0]', ':X - [1:2]', 'COMMIT', '-A', '-I', '-D', '-N', '-X', '-F', '-P', '-R', '-E',
  'OUTPUT', 'ISTIO_OUTPUT', 'INPUT', '-p', 'tcp', 'udp', '!', '-s', '-d', '127.0.0.1/32', '::1', '10.0.0.0/8', '-i',
  '-o', 'lo', 'eth+', '-m', 'owner', '--uid-owner', '1337', 'tcp', '--dport', '--sport', '53', '1:2', 'multiport',
  '--dports', '80,443', 'mark', '--mark', '0x539/0xfff', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', 'comment',
  '--comment', '"a b"', "'x'", '"', 'statistic', '--mode', 'random', '--probability', '0.5', '-j', '-g', 'RETURN',
  'REDIRECT', '--to-ports', '15001', 'TPROXY', '--on-port', '--tproxy-mark', 'MARK', '--set-xmark', 'CONNMARK',
  '--save-mark', 'DNAT', '--to-destination', '[::1]:80', 'LOG', '--log-prefix', '-c', '5', '[3:4]', '#', '#规则 1',
  'Chain', 'PREROUTING', '(policy', 'ACCEPT', '2701', 'packets,', '162K', 'bytes)', '(1', 'references)', 'pkts', 'bytes',
  'target', 'prot', 'opt', 'in', 'out', 'source', 'destination', '--', 'anywhere', '!localhost', 'owner', 'UID',
  'match', 'redir', 'ports', 'dpt:ssh', 'dpts:!1:2', 'flags:SYN/SYN', '/*', '*/', 'iptables', 'ip6tables',
  'iptables-save', '-t', 'istio-iptables', 'pilot-agent', '-z', '15006', '-x', '""', 'Environment:', 'Variables:',
  'ISTIO_INBOUND_PORTS=*', 'PROXY_UID=1337', 'args:', '- -p', 'Writing following contents to rules file:',
  'Running command:', 'Command output:', 'table', 'inet', 'filter', '{', '}', '...', '—dport', '–j', '“c”', '\\',
]
const PREFIXES = [
  '', '', '', '7月 19 09:03:35 host istio-start.sh[1]: ', 'Jul 19 09:03:35 host x[2]: ', '2022-03-24T15:16:48.606265Z\tinfo\t',
  '2022-03-24T15:16:48Z stdout F ', '2022-03-24T15:16:48Z stdout P ', '[pod/a/b] ', '[istio-init] ', '$ ', '[root@h ~]# ',
  '+ ', '> ', '    ', '```', '<pre>', '{{< highlight >}}', '{"msg":"', 'I0324 15:16:48.606265       1 main.go:1] ',
]

const tokenSoup = fc
  .array(
    fc.tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 })).map(([p, ws]) => p + ws.join(' ')),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'))

type Mutation = (text: string, at: number, extra: string) => string
const MUTATIONS: readonly Mutation[] = [
  (t, at) => t.slice(0, at),
  (t, at) => t.slice(at),
  (t, at, x) => t.slice(0, at) + x + t.slice(at),
  (t, at, x) => t.slice(0, at) + x + t.slice(at + x.length),
  (t, at) => t.slice(0, at) + t.slice(at + 17),
  (t) => t.replace(/\n/g, ' '),
  (t) => t.replace(/\n\n/g, '\n'),
  (t, at) => {
    const lines = t.split('\n')
    const i = at % Math.max(1, lines.length)
    return [...lines.slice(0, i), lines[i] ?? '', ...lines.slice(i)].join('\n')
  },
  (t, at) => {
    const lines = t.split('\n')
    const i = at % Math.max(1, lines.length)
    const j = (at * 7) % Math.max(1, lines.length)
    const copy = [...lines]
    ;[copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? '']
    return copy.join('\n')
  },
  (t) => t.replace(/--/g, '—'),
  (t) => t.replace(/\n/g, '\r\n'),
  (t) => t.toUpperCase(),
]

const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.string({ unit: 'binary', maxLength: 12 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([text, steps]) => steps.reduce((t, [at, m, x]) => (MUTATIONS[m] as Mutation)(t, t.length ? at % t.length : 0, x), text))

/** Thousands of cases take seconds, more when the machine is shared: past vitest's default of 5 s. */
const SLOW = 120_000

describe('the parser never throws', () => {
  it('has a corpus to mutate', () => {
    expect(corpus.length).toBeGreaterThan(50)
  })
  it('on random text (4000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), check), { numRuns: 4000 })
  }, SLOW)
  it('on token soup behind log prefixes and prompts (3500 cases)', () => {
    fc.assert(fc.property(tokenSoup, check), { numRuns: 3500 })
  }, SLOW)
  it('on the cases fuzzing found', () => {
    // An empty -t inside a table section once reached the built-in chain list of table "".
    const found = '2022-03-24T15:16:48Z stdout P -I *nat\n*nat -t ""'
    check(found)
    expect(parseInput(found).diagnostics.map((d) => d.message)).toContain('unknown table ""')
  })
  it('on mutated real and tricky pastes (3000 cases)', () => {
    fc.assert(fc.property(mutated, check), { numRuns: 3000 })
  }, SLOW)
})
