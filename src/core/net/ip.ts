/**
 * IPv4/IPv6 addresses as bigints, with the textual forms iptables and Go's net/netip print.
 * Pure and allocation-light: the simulator calls these per packet.
 */
export type IpVersion = 4 | 6

export interface IpAddress {
  version: IpVersion
  /** 32-bit (v4) or 128-bit (v6) value. */
  value: bigint
}

export interface Cidr {
  address: IpAddress
  prefix: number
}

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

export function parseIPv4(text: string): IpAddress | null {
  const m = V4_RE.exec(text)
  if (!m) return null
  let value = 0n
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string
    // Go's parser and iptables both refuse leading zeros that would read as octal.
    if (part.length > 1 && part.startsWith('0')) return null
    const n = Number(part)
    if (n > 255) return null
    value = (value << 8n) | BigInt(n)
  }
  return { version: 4, value }
}

export function parseIPv6(text: string): IpAddress | null {
  if (text.length === 0 || text.length > 45) return null
  let head = text
  let tailV4: IpAddress | null = null
  const lastColon = text.lastIndexOf(':')
  if (lastColon >= 0 && text.indexOf('.', lastColon) > lastColon) {
    tailV4 = parseIPv4(text.slice(lastColon + 1))
    if (!tailV4) return null
    head = text.slice(0, lastColon + 1) + '0:0'
  }
  const doubleColon = head.indexOf('::')
  if (doubleColon !== head.lastIndexOf('::')) return null
  let groups: string[]
  if (doubleColon >= 0) {
    const left = head.slice(0, doubleColon)
    const right = head.slice(doubleColon + 2)
    const l = left === '' ? [] : left.split(':')
    const r = right === '' ? [] : right.split(':')
    const missing = 8 - l.length - r.length
    if (missing < 1) return null
    groups = [...l, ...Array<string>(missing).fill('0'), ...r]
  } else {
    groups = head.split(':')
  }
  if (groups.length !== 8) return null
  let value = 0n
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
    value = (value << 16n) | BigInt(parseInt(g, 16))
  }
  if (tailV4) value = (value & ~0xffffffffn) | tailV4.value
  return { version: 6, value }
}

export function parseIp(text: string): IpAddress | null {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text)
}

export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => Number((value >> s) & 0xffn)).join('.')
}

/** RFC 5952 compressed lower-case form, as iptables-save and Go print IPv6. */
export function formatIPv6(value: bigint): string {
  const groups: number[] = []
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn))
  // IPv4-mapped addresses print with a dotted tail (::ffff:1.2.3.4), as both inet_ntop and Go do.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return '::ffff:' + formatIPv4(value & 0xffffffffn)
  }
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestLen < 2) return hex.join(':')
  const left = hex.slice(0, bestStart).join(':')
  const right = hex.slice(bestStart + bestLen).join(':')
  return `${left}::${right}`
}

export function formatIp(address: IpAddress): string {
  return address.version === 4 ? formatIPv4(address.value) : formatIPv6(address.value)
}

export function bitsOf(version: IpVersion): number {
  return version === 4 ? 32 : 128
}

export function maskOf(version: IpVersion, prefix: number): bigint {
  const bits = BigInt(bitsOf(version))
  if (prefix <= 0) return 0n
  const all = (1n << bits) - 1n
  return (all >> BigInt(bitsOf(version) - prefix)) << BigInt(bitsOf(version) - prefix) & all
}

/** Parses `addr` or `addr/len` or `addr/dotted-mask` (iptables accepts both). A bare address gets a host prefix. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/')
  const addrText = slash < 0 ? text : text.slice(0, slash)
  const address = parseIp(addrText)
  if (!address) return null
  const bits = bitsOf(address.version)
  if (slash < 0) return { address, prefix: bits }
  const maskText = text.slice(slash + 1)
  if (/^\d{1,3}$/.test(maskText)) {
    const prefix = Number(maskText)
    if (prefix > bits) return null
    return { address, prefix }
  }
  const mask = parseIp(maskText)
  if (!mask || mask.version !== address.version) return null
  const prefix = prefixOfMask(mask)
  if (prefix === null) return null
  return { address, prefix }
}

function prefixOfMask(mask: IpAddress): number | null {
  const bits = bitsOf(mask.version)
  for (let p = 0; p <= bits; p++) if (maskOf(mask.version, p) === mask.value) return p
  return null
}

export function networkOf(cidr: Cidr): Cidr {
  return { address: { version: cidr.address.version, value: cidr.address.value & maskOf(cidr.address.version, cidr.prefix) }, prefix: cidr.prefix }
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.address)}/${cidr.prefix}`
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.address.version !== address.version) return false
  const mask = maskOf(address.version, cidr.prefix)
  return (cidr.address.value & mask) === (address.value & mask)
}

export function isLoopback(address: IpAddress): boolean {
  if (address.version === 4) return address.value >> 24n === 127n
  return address.value === 1n
}

export function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.version === b.version && a.value === b.value
}
