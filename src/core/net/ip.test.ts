import { describe, expect, it } from 'vitest'
import { cidrContains, formatCidr, formatIPv6, networkOf, parseCidr, parseIp, parseIPv6 } from './ip.ts'

describe('parseIp / format', () => {
  it('round-trips IPv6 in RFC 5952 form', () => {
    for (const [input, canonical] of [
      ['::1', '::1'],
      ['::6', '::6'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['::127.0.0.53', '::7f00:35'],
      ['fd00:10:13::113', 'fd00:10:13::113'],
      ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
      ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ] as const) {
      const a = parseIPv6(input)
      expect(a, input).not.toBeNull()
      expect(formatIPv6(a!.value)).toBe(canonical)
    }
  })
  it('rejects malformed addresses', () => {
    for (const bad of ['1.2.3', '256.1.1.1', '01.2.3.4', '1::2::3', 'g::1', '']) expect(parseIp(bad), bad).toBeNull()
  })
  it('parses CIDRs with prefix or dotted mask and clears host bits on request', () => {
    expect(formatCidr(parseCidr('10.1.2.3/255.0.0.0')!)).toBe('10.1.2.3/8')
    expect(formatCidr(networkOf(parseCidr('10.1.2.3/8')!))).toBe('10.0.0.0/8')
    expect(formatCidr(parseCidr('127.0.0.6')!)).toBe('127.0.0.6/32')
    expect(cidrContains(parseCidr('127.0.0.0/8')!, parseIp('127.0.0.6')!)).toBe(true)
    expect(cidrContains(parseCidr('127.0.0.0/8')!, parseIp('::1')!)).toBe(false)
  })
})
