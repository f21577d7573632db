import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cidrContains, formatIPv4, formatIPv6, parseCidr } from '../net/ip.ts'
import { parseInput } from '../parse/index.ts'
import { AddressRedactor, findAddresses, redactAddresses, redactShareState } from './redact.ts'

const examples = join(import.meta.dirname, '..', '..', 'examples')
const parseFixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'parse', 'real')
const corpus = [
  ...readdirSync(examples).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(examples, f), 'utf8')),
  ...readdirSync(parseFixtures).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(parseFixtures, f), 'utf8')),
]

/** The text with every address token cut out: what redaction must leave byte for byte. */
function withoutAddresses(text: string): string[] {
  const parts: string[] = []
  let last = 0
  for (const t of findAddresses(text)) {
    parts.push(text.slice(last, t.start))
    last = t.end
  }
  parts.push(text.slice(last))
  return parts
}

function isPlaceholder(address: string): boolean {
  const c = parseCidr(address.replace(/^ip-(\d+)-(\d+)-(\d+)-(\d+).*/, '$1.$2.$3.$4'))
  if (!c) return false
  return c.address.version === 4 ? c.address.value >> 28n === 0xfn : c.address.value >> 96n === 0x20010db8n
}

describe('address redaction', () => {
  const text = [
    '-A ISTIO_OUTPUT -s 127.0.0.6/32 -o lo -j RETURN',
    '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -j ISTIO_IN_REDIRECT',
    '-A ISTIO_OUTPUT -d 10.10.10.6/32 -p tcp --dport 53 -j REDIRECT --to-ports 15053',
    'ISTIO_SERVICE_CIDR=10.96.0.0/12,10.244.0.0/16 pod 10.244.3.7 svc 10.96.0.10 dns [10.10.10.6],[]',
    'DNAT tcp -- 0.0.0.0/0 10.96.0.1 tcp dpt:443 to:172.18.0.2:6443 at 09:03:35 mac 02:6b:6f:00:00:02',
    'v6 fd00:10:244::1a/64 [fd00:10:96::a]:53 ::1 ::6 :: ::ffff:10.1.2.3 fe80::1 ff02::1 224.0.0.251 169.254.169.254',
    'node ip-10-0-1-23.ec2.internal Istio v1.9.4 build 1.2.3.4.5 mask 10.0.0.0/255.0.0.0',
  ].join('\n')
  const out = redactAddresses(text)

  it('keeps the addresses the explanation depends on', () => {
    for (const kept of ['127.0.0.6/32', '! -d 127.0.0.1/32', '0.0.0.0/0', ' ::1 ', ' ::6 ', ' :: ', 'fe80::1', 'ff02::1', '224.0.0.251', '169.254.169.254']) {
      expect(out, kept).toContain(kept)
    }
  })

  it('replaces every other address, in IPv4-mapped and cloud host-name form too', () => {
    for (const gone of ['10.10.10.6', '10.96.0.0', '10.244.', '172.18.0.2', 'fd00:', '::ffff:10.1.2.3', 'ip-10-0-1-23', '10.0.0.0/255']) {
      expect(out, gone).not.toContain(gone)
    }
    const changed = findAddresses(out).filter((t, i) => out.slice(t.start, t.end) !== text.slice(findAddresses(text)[i]!.start, findAddresses(text)[i]!.end))
    expect(changed.length).toBeGreaterThan(10)
    for (const t of changed) expect(isPlaceholder(out.slice(t.start, t.end)), out.slice(t.start, t.end)).toBe(true)
  })

  it('keeps prefix lengths, ports, the last octet and every non-address character', () => {
    expect(out).toMatch(/ISTIO_SERVICE_CIDR=240\.\d+\.\d+\.\d+\/12,240\.\d+\.\d+\.\d+\/16 pod 240\.\d+\.\d+\.7 svc 240\.\d+\.\d+\.10 /)
    expect(out).toMatch(/to:24\d\.\d+\.\d+\.2:6443 at 09:03:35 mac 02:6b:6f:00:00:02/)
    expect(out).toMatch(/\[2001:db8:[0-9a-f:]+:a\]:53/)
    expect(out).toContain('Istio v1.9.4 build 1.2.3.4.5 mask ')
    expect(out).toMatch(/ip-240-\d+-\d+-23\.ec2\.internal/)
    expect(withoutAddresses(out)).toEqual(withoutAddresses(text))
  })

  it('maps the same address to the same placeholder and keeps networks around their hosts', () => {
    const dns = [...out.matchAll(/(240\.\d+\.\d+\.6)/g)].map((m) => m[1])
    expect(new Set(dns).size).toBe(1)
    const svc = parseCidr(/ISTIO_SERVICE_CIDR=([\d./]+),/.exec(out)![1]!)!
    const pods = parseCidr(/,([\d./]+) pod/.exec(out)![1]!)!
    expect(cidrContains(svc, parseCidr(/svc ([\d.]+)/.exec(out)![1]!)!.address)).toBe(true)
    expect(cidrContains(pods, parseCidr(/pod ([\d.]+)/.exec(out)![1]!)!.address)).toBe(true)
    expect(cidrContains(svc, parseCidr(/pod ([\d.]+)/.exec(out)![1]!)!.address)).toBe(false)
  })

  it('is idempotent', () => {
    expect(redactAddresses(out)).toBe(out)
  })

  it('redacts a shared state consistently across the input, the overrides and the packet', () => {
    const { state, replaced } = redactShareState({
      input: { kind: 'config', text: 'ISTIO_SERVICE_CIDR=10.96.0.0/12\nISTIO_LOCAL_EXCLUDE_PORTS=15090' },
      language: 'en',
      overrides: { OutboundIPRangesExclude: '10.96.0.1/32' },
      scenario: { kind: 'packet', packet: { direction: 'outbound', proto: 'tcp', dst: '10.96.0.1', dport: 443, src: '127.0.0.6' } },
      rule: { table: 'nat', chain: 'ISTIO_OUTPUT', index: 2 },
    })
    expect(replaced).toBe(3)
    const packet = state.scenario?.kind === 'packet' ? state.scenario.packet : null
    expect(packet?.src).toBe('127.0.0.6')
    expect(state.overrides?.OutboundIPRangesExclude).toBe(`${packet?.dst}/32`)
    const cidr = parseCidr(/=([\d./]+)/.exec(state.input.kind === 'config' ? state.input.text : '')![1]!)!
    expect(cidrContains(cidr, parseCidr(packet!.dst!)!.address)).toBe(true)
    expect(state.input).toMatchObject({ kind: 'config', text: expect.stringContaining('ISTIO_LOCAL_EXCLUDE_PORTS=15090') })
    expect(state.rule).toEqual({ table: 'nat', chain: 'ISTIO_OUTPUT', index: 2 })
    // A generated input carries no text: nothing to redact.
    expect(redactShareState({ input: { kind: 'generated', generator: 'kube-proxy', services: 10, seed: 1 }, language: 'en' }).replaced).toBe(0)
  })

  it('still covers everything when the placeholder space runs out (wrapping, never keeping an address)', () => {
    const many = Array.from({ length: 40 }, (_, i) => `${i + 11}.0.0.0/8 ${i + 11}.1.2.3`).join('\n')
    const r = redactAddresses(many)
    for (const t of findAddresses(r)) expect(isPlaceholder(r.slice(t.start, t.end)), r.slice(t.start, t.end)).toBe(true)
    expect(redactAddresses(r)).toBe(r)
  })

  it('leaves every fixture parsing into the same chains, rules and diagnostics', () => {
    expect(corpus.length).toBeGreaterThan(20)
    let replaced = 0
    for (const original of corpus) {
      const redactor = new AddressRedactor([original])
      const redacted = redactor.redact(original)
      replaced += redactor.replaced
      const shape = (t: string) => {
        const { value, diagnostics } = parseInput(t)
        const tables = Object.values(value.rulesets).flatMap((r) => r.tables.map((tb) => `${r.family}/${tb.name}: ${tb.chains.map((c) => `${c.name}(${c.rules.length})`).join(' ')}`))
        return { tables, codes: diagnostics.map((d) => `${d.code}@${d.line}`).toSorted() }
      }
      expect(shape(redacted)).toEqual(shape(original))
    }
    expect(replaced).toBeGreaterThan(50)
  })
})

// Properties over generated texts: words, separators and addresses of both families, with and without prefixes.
const octet = fc.integer({ min: 0, max: 255 })
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'))
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map(formatIPv6)
// Realistic clustering: many addresses in few networks, so containment and reuse get exercised.
const clustered = fc.tuple(fc.constantFrom(10, 172, 192, 8, 93, 240), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), octet).map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`)
const special = fc.constantFrom('127.0.0.1', '127.0.0.6', '0.0.0.0', '::1', '::6', '::', '169.254.169.254', '2001:db8::7', '240.0.0.9', 'fe80::2')
const address = fc
  .tuple(fc.oneof(v4, clustered, clustered, v6, special), fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }))
  .map(([a, p]) => (p === undefined ? a : `${a}/${a.includes(':') ? p * 4 : p}`))
const word = fc.oneof(
  fc.constantFrom('-A', 'ISTIO_OUTPUT', '-d', '-j', 'RETURN', 'dpt:53', 'to:', '09:03:35', 'v1.9.4', '02:6b:6f:00:00:02', 'ip-', '=', '[', ']', ',', '#注释', 'x'),
  fc.string({ maxLength: 6 }),
)
const separator = fc.constantFrom(' ', ' ', '\n', ',', ':', '=', '[', '] ', '\t', '/')
const soup = fc.array(fc.tuple(fc.oneof(address, word), separator), { maxLength: 40 }).map((parts) => parts.map(([a, s]) => a + s).join(''))

describe('address redaction properties (3 × 1500 generated texts)', () => {
  it('is idempotent and never changes non-address text', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const once = redactAddresses(text)
        expect(redactAddresses(once)).toBe(once)
        expect(withoutAddresses(once)).toEqual(withoutAddresses(text))
      }),
      { numRuns: 1500 },
    )
  })

  it('is consistent: equal addresses give equal placeholders, different ones different (per prefix length), prefix lengths kept', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const out = redactAddresses(text)
        const before = findAddresses(text)
        const after = findAddresses(out)
        expect(after.length).toBe(before.length)
        const seen = new Map<string, string>()
        const back = new Map<string, string>()
        before.forEach((t, i) => {
          const a = after[i]!
          expect(a.prefix).toBe(t.prefix)
          // Among addresses of one prefix length (hosts with hosts, /24s with /24s) the map is one-to-one.
          const from = `${t.version}/${t.prefix}:${t.value}`
          const to = `${a.version}/${a.prefix}:${a.value}`
          expect(seen.get(from) ?? to).toBe(to)
          expect(back.get(to) ?? from).toBe(from)
          seen.set(from, to)
          back.set(to, from)
        })
      }),
      { numRuns: 1500 },
    )
  })

  it('keeps every host inside every network it was inside, and outside the others', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const out = redactAddresses(text)
        const before = findAddresses(text)
        const after = findAddresses(out)
        const cidr = (t: (typeof before)[number]) => ({ address: { version: t.version, value: t.value }, prefix: t.prefix })
        before.forEach((n, i) => {
          if (n.prefix < (n.version === 4 ? 8 : 33) || n.prefix === (n.version === 4 ? 32 : 128)) return
          before.forEach((h, j) => {
            if (h.version !== n.version || h.prefix !== (h.version === 4 ? 32 : 128)) return
            const host = { version: h.version, value: after[j]!.value }
            const inside = cidrContains(cidr(n), { version: h.version, value: h.value })
            // Kept addresses (loopback, link-local…) stay put while a network around them may move: only placeholders are compared.
            if (after[j]!.value === h.value && !isPlaceholder(h.version === 4 ? formatIPv4(h.value) : formatIPv6(h.value))) return
            expect(cidrContains(cidr(after[i]!), host), `${text.slice(n.start, n.end)} ∋ ${text.slice(h.start, h.end)}`).toBe(inside)
          })
        })
      }),
      { numRuns: 1500 },
    )
  })
})
