import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBase64Url } from './base64url.ts'
import type { DictionaryId } from './dictionaries.ts'
import { decodeShareHash, encodeShareState, MAX_DECODED_BYTES, MAX_LINK_CHARS } from './share-codec.ts'
import { metaWireV1 } from './share-schema.ts'
import type { ShareState } from './share-state.ts'

/**
 * Links from strangers: whatever the fragment holds, the decoder returns either a state that the schema accepts or
 * exactly one SHR diagnostic with a position, never throws, and stays within its size limits and time.
 */
const here = import.meta.dirname
const dictionaryBytes = (id: DictionaryId) => new Uint8Array(readFileSync(join(here, 'dictionaries', `v1-${id}.txt`)))
const goldens = (JSON.parse(readFileSync(join(here, 'golden', 'links.json'), 'utf8')) as { name: string; hash: string }[]).map((g) => g.hash)

/** The one shape every decode must have: a state and no diagnostics, or no state and one positioned diagnostic. */
function checkDecoded(hash: string): ShareState | null {
  const started = performance.now()
  const r = decodeShareHash(hash, dictionaryBytes)
  expect(performance.now() - started, 'decoding is bounded in time').toBeLessThan(5000)
  const refused = r.value === null
  const shape = r.diagnostics.map((d) => ({ code: /^SHR0\d\d$/.test(d.code), severity: d.severity, line: d.line, column: d.column, message: d.message.length > 0 }))
  // A state that comes out is one the encoder can write again, and that reads back the same. (Without dictionaries:
  // trying all three at level 9 costs more than the check is worth here.)
  const again = r.value === null ? null : decodeShareHash(encodeShareState(r.value).hash).value
  const positioned = { code: true, severity: 'error', line: 1, column: 1, message: true }
  expect({ shape, again }).toEqual(refused ? { shape: [positioned], again: null } : { shape: [], again: r.value })
  return r.value
}

const raw = (meta: unknown, body = '', index = 0) =>
  '#v1.' + toBase64Url(new Uint8Array([index, ...deflateSync(new TextEncoder().encode(`${typeof meta === 'string' ? meta : JSON.stringify(meta)}\n${body}`))]))

type Mutation = (hash: string, at: number, c: string) => string
const MUTATIONS: readonly Mutation[] = [
  (h, at) => h.slice(0, at),
  (h, at, c) => h.slice(0, at) + c + h.slice(at + 1),
  (h, at, c) => h.slice(0, at) + c + h.slice(at),
  (h, at) => h.slice(0, at) + h.slice(at + 1),
  (h, at) => h.slice(0, at) + h.slice(at, at + 8) + h.slice(at),
  (h, at) => h.slice(0, 4) + h.slice(at) + h.slice(4, at),
]
const linkChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=%.#\u0000\ud800é')

const textWithHostileChars = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'-A ISTIO_OUTPUT -j RETURN 127.0.0.6 \n#'.split('')) },
    { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001b', '\r', '\u2028', '\ufeff', '\ud800', '\udfff', '<', '>', '"', '&', '💥') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  ),
  maxLength: 300,
})
const state: fc.Arbitrary<ShareState> = fc.record(
  {
    input: fc.oneof(
      fc.record({ kind: fc.constant('text' as const), text: textWithHostileChars }),
      fc.record({ kind: fc.constant('config' as const), text: textWithHostileChars }),
      fc.record({ kind: fc.constant('generated' as const), generator: fc.constant('kube-proxy' as const), services: fc.integer({ min: 1, max: 20000 }), seed: fc.integer({ min: 0, max: 2 ** 31 }) }),
    ),
    language: fc.constantFrom('en' as const, 'zh' as const),
    family: fc.constantFrom(4 as const, 6 as const),
    overrides: fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
    exampleId: fc.string({ maxLength: 20 }).filter((s) => s !== ''),
    rule: fc.record({ table: fc.constantFrom('nat' as const, 'mangle' as const), chain: fc.string({ maxLength: 30 }), index: fc.integer({ min: 1, max: 1000 }) }),
    step: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: ['input', 'language'] },
)

/** Thousands of cases (an encode costs about 10 ms at level 9) take longer than vitest's default, more on a shared machine. */
const SLOW = 180_000

describe('permalinks from strangers', () => {
  it('refuses random fragments without throwing (2000 cases)', () => {
    let refused = 0
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', '#', '#v1.', '#v2.', '#v0.'), (s, prefix) => {
        if (checkDecoded(prefix + s) === null) refused++
      }),
      { numRuns: 2000 },
    )
    expect(refused).toBeGreaterThan(1990)
  }, SLOW)

  it('refuses random bytes in a well-formed envelope (2000 cases)', () => {
    let refused = 0
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        if (checkDecoded('#v1.' + toBase64Url(bytes)) === null) refused++
      }),
      { numRuns: 2000 },
    )
    expect(refused).toBeGreaterThan(1990)
  }, SLOW)

  it('refuses random deflated payloads and hostile metadata under every dictionary (1500 cases)', () => {
    const meta = fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify({ i: 't', l: 'en', x: v })), fc.constant('{"i":"t","l":"en","__proto__":{"polluted":1}}'))
    fc.assert(
      fc.property(meta, fc.string({ maxLength: 100 }), fc.integer({ min: 0, max: 5 }), (m, body, index) => {
        checkDecoded(raw(m, body, index))
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 1500 },
    )
  }, SLOW)

  it('never lets a mutated golden link through as anything but a valid state or one reason (3000 cases)', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(4)
    let refused = 0
    fc.assert(
      fc.property(
        fc.constantFrom(...goldens),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: MUTATIONS.length - 1 }), linkChar), { minLength: 1, maxLength: 3 }),
        (hash, steps) => {
          const mutated = steps.reduce((h, [at, m, c]) => (MUTATIONS[m] as Mutation)(h, 4 + (at % Math.max(1, h.length - 4)), c), hash)
          if (checkDecoded(mutated) === null) refused++
        },
      ),
      { numRuns: 3000 },
    )
    expect(refused).toBeGreaterThan(1500)
  }, SLOW)

  it('refuses every truncation of every golden link with a reason', () => {
    for (const hash of goldens) {
      for (let n = 0; n < hash.length; n++) expect(checkDecoded(hash.slice(0, n)), `${hash.slice(0, 20)}… cut at ${n}`).toBeNull()
    }
  })

  it('round-trips any state, control characters, NUL and HTML included; lone surrogates become U+FFFD (400 cases)', () => {
    fc.assert(
      fc.property(state, (s) => {
        const decoded = decodeShareHash(encodeShareState(s).hash)
        expect(decoded.diagnostics).toEqual([])
        const expected = s.input.kind === 'generated' ? s : { ...s, input: { ...s.input, text: (s.input.text as string & { toWellFormed(): string }).toWellFormed() } }
        if (expected.overrides && Object.keys(expected.overrides).length === 0) delete expected.overrides
        expect(decoded.value).toEqual(expected)
      }),
      { numRuns: 400 },
    )
  }, SLOW)

  it('stops a decompression bomb at the cap, quickly, with or without a dictionary', () => {
    for (const index of [0, 1, 3]) {
      const bomb = deflateSync(new Uint8Array(MAX_DECODED_BYTES * 4).fill(65), { level: 9 })
      const started = performance.now()
      const r = decodeShareHash('#v1.' + toBase64Url(new Uint8Array([index, ...bomb])), dictionaryBytes)
      expect(r.value).toBeNull()
      expect(r.diagnostics.map((d) => d.code)).toEqual(['SHR006'])
      expect(r.diagnostics[0]!.message).toMatch(/more than 8 MB/)
      expect(performance.now() - started).toBeLessThan(3000)
    }
  })

  it('refuses an oversized link before reading it, and a link from a newer format version', () => {
    const started = performance.now()
    expect(decodeShareHash('#v1.' + 'A'.repeat(MAX_LINK_CHARS)).diagnostics.map((d) => d.code)).toEqual(['SHR009'])
    expect(performance.now() - started).toBeLessThan(200)
    expect(decodeShareHash('#v2.' + goldens[0]!.slice(4)).diagnostics.map((d) => d.code)).toEqual(['SHR002'])
    expect(decodeShareHash('#v0.AAAA').diagnostics.map((d) => d.code)).toEqual(['SHR001'])
    expect(decodeShareHash('#v12345678.AAAA').diagnostics.map((d) => d.code)).toEqual(['SHR001'])
  })

  it('accepts only Go field names as override keys (no __proto__, no constructor)', () => {
    for (const key of ['__proto__', 'constructor', 'proxyUID', 'Proxy UID', '']) {
      expect(decodeShareHash(raw({ i: 'c', l: 'en', x: [[key, '1']] })).diagnostics.map((d) => d.code), key).toEqual(['SHR008'])
    }
    expect(decodeShareHash(raw({ i: 'c', l: 'en', x: [['ProxyUID', '1']] })).value?.overrides).toEqual({ ProxyUID: '1' })
    expect(metaWireV1.safeParse({ i: 't', l: 'en', x: [['toString', '1']] }).success).toBe(false)
  })

  it('keeps HTML and script in a shared input as the exact text (rendering it is the UI’s job: as text)', () => {
    const text = '-A OUTPUT -m comment --comment "<img src=x onerror=alert(1)>" -j ISTIO_OUTPUT\n-N <script>alert(1)</script>\n'
    expect(decodeShareHash(encodeShareState({ input: { kind: 'text', text }, language: 'en' }).hash).value?.input).toEqual({ kind: 'text', text })
  })
})
