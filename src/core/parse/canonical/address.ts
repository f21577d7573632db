import type { Family } from '../../model/ruleset.ts'
import { formatIPv6, parseIPv6 } from '../../net/ip.ts'
import { wellKnownAddress } from '../tables/names.ts'

/**
 * Addresses of `-s`/`-d` and the address-valued extension options, read as iptables reads them and written as
 * iptables-save writes them: the address is masked, a contiguous mask is a prefix length, any other mask stays dotted
 * (`10.0.2.0/255.0.255.0`), IPv6 in RFC 5952 form. IPv4 uses plain numbers: this runs once per rule of a
 * 100 000-rule dump.
 */
export type AddressResult =
  | { kind: 'address'; text: string; host: boolean }
  | { kind: 'name'; text: string }
  | { kind: 'error'; message: string }

/** One v4 component as iptables' own parser reads it (strtoul base 0, 0–255). */
function octet(text: string): number | null {
  if (text === '' || text.length > 4) return null
  let n: number
  if (text.length > 1 && text[0] === '0') {
    if (text[1] === 'x' || text[1] === 'X') n = /^0[xX][0-9a-fA-F]+$/.test(text) ? parseInt(text.slice(2), 16) : NaN
    else n = /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN
  } else {
    n = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48
      if (c < 0 || c > 9) return null
      n = n * 10 + c
    }
  }
  return n >= 0 && n <= 255 ? n : null
}

/** `10`, `10.1`, `10.1.2.3`: iptables fills missing trailing components with zeros (a network shorthand). */
export function parseIPv4Loose(text: string, strict = false): number | null {
  let value = 0
  let parts = 0
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 46) {
      const n = octet(text.slice(start, i))
      if (n === null || parts === 4) return null
      value = value * 256 + n
      parts++
      start = i + 1
    }
  }
  if (strict && parts !== 4) return null
  for (; parts < 4; parts++) value *= 256
  return value
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

function maskV4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
}

function prefixOfMaskV4(mask: number): number | null {
  for (let p = 0; p <= 32; p++) if (maskV4(p) === mask) return p
  return null
}

/**
 * `-s`/`-d` argument (one address, no commas) → canonical `addr/len`. Names every host knows (`localhost`,
 * `loopback`) are resolved; other names are returned as `name` for the caller to keep and warn about.
 */
export function canonicalAddress(text: string, family: Family): AddressResult {
  if (family === 4) {
    const same = canonicalV4Text(text)
    if (same !== null) return same
  }
  const slash = text.indexOf('/')
  const addrText = slash < 0 ? text : text.slice(0, slash)
  const maskText = slash < 0 ? null : text.slice(slash + 1)
  return family === 4 ? canonicalV4(addrText, maskText, text, 'rule') : canonicalV6(addrText, maskText, text, 'rule')
}

/**
 * `a.b.c.d/len` that is already iptables-save's form (no leading zeros, no host bits under the prefix): the same
 * text back without building a new one. Dumps are made of these, so this is the path 100 000 rules take.
 */
function canonicalV4Text(text: string): AddressResult | null {
  let value = 0
  let parts = 0
  let n = 0
  let digits = 0
  let i = 0
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      if (digits > 0 && n === 0) return null
      n = n * 10 + (c - 48)
      if (++digits > 3 || n > 255) return null
      continue
    }
    if (digits === 0) return null
    value = value * 256 + n
    parts++
    n = 0
    digits = 0
    if (c === 46 && parts < 4) continue
    if (c === 47 && parts === 4) break
    return null
  }
  if (parts !== 4 || i >= text.length) return null
  const prefixText = text.slice(i + 1)
  if (!/^(?:[0-9]|[12][0-9]|3[0-2])$/.test(prefixText)) return null
  const prefix = Number(prefixText)
  if (prefix < 32 && (value % 2 ** (32 - prefix)) !== 0) return null
  return { kind: 'address', text, host: prefix === 32 }
}

/**
 * The conntrack match's form (`--ctorigdst`): the address is kept as given, not masked; a host has no suffix, a
 * prefix keeps its length (even /0), and a non-contiguous mask is not printed back at all (iptables-nft 1.8.9).
 */
export function conntrackAddress(text: string, family: Family): AddressResult {
  const slash = text.indexOf('/')
  const addrText = slash < 0 ? text : text.slice(0, slash)
  const maskText = slash < 0 ? null : text.slice(slash + 1)
  return family === 4 ? canonicalV4(addrText, maskText, text, 'conntrack') : canonicalV6(addrText, maskText, text, 'conntrack')
}

type AddressStyle = 'rule' | 'conntrack'

function canonicalV4(addrText: string, maskText: string | null, whole: string, style: AddressStyle): AddressResult {
  let addr = parseIPv4Loose(addrText)
  if (addr === null) {
    const known = wellKnownAddress(addrText, 4)
    if (known !== null) addr = parseIPv4Loose(known)
    else if (isHostName(addrText)) return { kind: 'name', text: whole }
    if (addr === null) return { kind: 'error', message: `"${whole}" is not an IPv4 address or host name` }
  }
  let mask = 0xffffffff
  if (maskText !== null) {
    if (maskText.includes('.')) {
      const m = parseIPv4Loose(maskText, true)
      if (m === null) return { kind: 'error', message: `"${maskText}" is not a valid IPv4 mask` }
      mask = m
    } else {
      const p = /^[0-9]{1,2}$/.test(maskText) ? Number(maskText) : NaN
      if (!(p >= 0 && p <= 32)) return { kind: 'error', message: `"/${maskText}" is not a valid prefix length (0–32)` }
      mask = maskV4(p)
    }
  }
  const prefix = prefixOfMaskV4(mask)
  if (style === 'conntrack') {
    const suffix = mask === 0xffffffff || prefix === null ? '' : `/${prefix}`
    return { kind: 'address', text: `${formatIPv4(addr)}${suffix}`, host: mask === 0xffffffff }
  }
  const network = (addr & mask) >>> 0
  return {
    kind: 'address',
    text: `${formatIPv4(network)}/${prefix === null ? formatIPv4(mask) : prefix}`,
    host: mask === 0xffffffff,
  }
}

const ALL_V6 = (1n << 128n) - 1n

function maskV6(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL_V6 >> BigInt(128 - prefix)) << BigInt(128 - prefix)
}

function canonicalV6(addrText: string, maskText: string | null, whole: string, style: AddressStyle): AddressResult {
  let addr = parseIPv6(addrText)
  if (!addr) {
    const known = wellKnownAddress(addrText, 6)
    if (known !== null) addr = parseIPv6(known)
    else if (isHostName(addrText)) return { kind: 'name', text: whole }
    if (!addr) return { kind: 'error', message: `"${whole}" is not an IPv6 address or host name` }
  }
  let mask = ALL_V6
  let prefix: number | null = 128
  if (maskText !== null) {
    if (maskText.includes(':')) {
      const m = parseIPv6(maskText)
      if (!m) return { kind: 'error', message: `"${maskText}" is not a valid IPv6 mask` }
      mask = m.value
      prefix = null
      for (let p = 0; p <= 128; p++) if (maskV6(p) === mask) prefix = p
    } else {
      const p = /^[0-9]{1,3}$/.test(maskText) ? Number(maskText) : NaN
      if (!(p >= 0 && p <= 128)) return { kind: 'error', message: `"/${maskText}" is not a valid prefix length (0–128)` }
      mask = maskV6(p)
      prefix = p
    }
  }
  if (style === 'conntrack') {
    const suffix = mask === ALL_V6 || prefix === null ? '' : `/${prefix}`
    return { kind: 'address', text: `${formatIPv6Like(addr.value)}${suffix}`, host: mask === ALL_V6 }
  }
  const network = addr.value & mask
  return {
    kind: 'address',
    text: `${formatIPv6Like(network)}/${prefix === null ? formatIPv6Like(mask) : prefix}`,
    host: mask === ALL_V6,
  }
}

/** inet_ntop's form: like RFC 5952, plus the dotted tail glibc prints for `::a.b.c.d`. */
export function formatIPv6Like(value: bigint): string {
  if (value >> 32n === 0n && value > 0xffffn) return `::${formatIPv4(Number(value))}`
  return formatIPv6(value)
}

/** A bare address (no mask) in canonical form, for options such as `--on-ip` or DNAT ranges. */
export function canonicalHostAddress(text: string, family: Family): string | null {
  if (family === 4) {
    const n = parseIPv4Loose(text, true)
    return n === null ? null : formatIPv4(n)
  }
  const a = parseIPv6(text)
  return a ? formatIPv6Like(a.value) : null
}

/** RFC 1123 host names (letters, digits, `-`, `.`, `_` as some resolvers allow). */
export function isHostName(text: string): boolean {
  return text.length > 0 && text.length <= 253 && /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(text) && /[A-Za-z_]/.test(text)
}

/** Prints `addr/len` the way `iptables -L -n` shows it: a host route without its `/32`. */
export function listingAddress(canonical: string): string {
  return canonical.endsWith('/32') || canonical.endsWith('/128') ? canonical.slice(0, canonical.lastIndexOf('/')) : canonical
}
