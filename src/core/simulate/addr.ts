/**
 * Addresses as four 32-bit words (IPv4 uses only the last word), so the simulator compares and masks addresses of
 * both families with plain number arithmetic and no allocation per packet. BigInt-based helpers in core/net are for
 * text; this form is for the hot path.
 */
export type Words = [number, number, number, number]

export interface Cidr4w {
  net: Words
  mask: Words
  prefix: number
  family: 4 | 6
}

export function words(a: number, b: number, c: number, d: number): Words {
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0]
}

export const ZERO: Readonly<Words> = [0, 0, 0, 0]

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

function parse4(text: string): number | null {
  const m = V4.exec(text)
  if (!m) return null
  let v = 0
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string
    if (part.length > 1 && part.startsWith('0')) return null
    const n = Number(part)
    if (n > 255) return null
    v = v * 256 + n
  }
  return v >>> 0
}

function parse6(text: string): Words | null {
  if (text.length === 0 || text.length > 45) return null
  let head = text
  let tail: number | null = null
  const lastColon = text.lastIndexOf(':')
  if (lastColon >= 0 && text.indexOf('.', lastColon) > lastColon) {
    tail = parse4(text.slice(lastColon + 1))
    if (tail === null) return null
    head = text.slice(0, lastColon + 1) + '0:0'
  }
  const dbl = head.indexOf('::')
  if (dbl !== head.lastIndexOf('::')) return null
  let groups: string[]
  if (dbl >= 0) {
    const l = head.slice(0, dbl) === '' ? [] : head.slice(0, dbl).split(':')
    const r = head.slice(dbl + 2) === '' ? [] : head.slice(dbl + 2).split(':')
    const missing = 8 - l.length - r.length
    if (missing < 1) return null
    groups = [...l, ...Array<string>(missing).fill('0'), ...r]
  } else groups = head.split(':')
  if (groups.length !== 8) return null
  const g: number[] = []
  for (const s of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(s)) return null
    g.push(parseInt(s, 16))
  }
  const w = words(
    ((g[0] as number) << 16) | (g[1] as number),
    ((g[2] as number) << 16) | (g[3] as number),
    ((g[4] as number) << 16) | (g[5] as number),
    ((g[6] as number) << 16) | (g[7] as number),
  )
  if (tail !== null) w[3] = tail
  return w
}

const cache = new Map<string, { family: 4 | 6; w: Words } | null>()
let recentText0: string | null = null
let recentHit0: { family: 4 | 6; w: Words } | null = null
let recentText1: string | null = null
let recentHit1: { family: 4 | 6; w: Words } | null = null

/**
 * Parses an address of either family; `family` is 4 or 6 by syntax. Results are cached (batches repeat the same
 * few addresses) and shared: never write into the words returned.
 */
export function parseAddr(text: string): { family: 4 | 6; w: Words } | null {
  // A connection parses its source and destination when it is read and again when it is simulated: the last two
  // answers are checked before the map (the same string objects, so a pointer comparison).
  if (text === recentText0) return recentHit0
  if (text === recentText1) return recentHit1
  let hit = cache.get(text)
  if (hit === undefined) {
    if (text.includes(':')) {
      const w = parse6(text)
      hit = w ? { family: 6, w } : null
    } else {
      const v = parse4(text)
      hit = v === null ? null : { family: 4, w: [0, 0, 0, v] }
    }
    if (cache.size > 4096) cache.clear()
    cache.set(text, hit)
  }
  recentText1 = recentText0
  recentHit1 = recentHit0
  recentText0 = text
  recentHit0 = hit
  return hit
}

export function maskWords(family: 4 | 6, prefix: number): Words {
  const m: Words = [0, 0, 0, 0]
  const base = family === 4 ? 96 : 0
  const total = base + prefix
  for (let i = 0; i < 4; i++) {
    const bits = Math.max(0, Math.min(32, total - i * 32))
    m[i] = bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0
  }
  if (family === 4) {
    m[0] = 0
    m[1] = 0
    m[2] = 0
  }
  return m
}

/** `addr`, `addr/len` or `addr/dotted-mask`; null for host names and malformed text. */
export function parseCidr4w(text: string): Cidr4w | null {
  const slash = text.indexOf('/')
  const a = parseAddr(slash < 0 ? text : text.slice(0, slash))
  if (!a) return null
  const bits = a.family === 4 ? 32 : 128
  let prefix = bits
  if (slash >= 0) {
    const m = text.slice(slash + 1)
    if (/^\d{1,3}$/.test(m)) {
      prefix = Number(m)
      if (prefix > bits) return null
    } else {
      const mask = parseAddr(m)
      if (!mask || mask.family !== a.family) return null
      const p = prefixOfMask(a.family, mask.w)
      if (p === null) return null
      prefix = p
    }
  }
  const mask = maskWords(a.family, prefix)
  const net = words(a.w[0] & mask[0], a.w[1] & mask[1], a.w[2] & mask[2], a.w[3] & mask[3])
  return { net, mask, prefix, family: a.family }
}

function prefixOfMask(family: 4 | 6, w: Words): number | null {
  const bits = family === 4 ? 32 : 128
  for (let p = 0; p <= bits; p++) {
    const m = maskWords(family, p)
    if (m[0] === w[0] && m[1] === w[1] && m[2] === w[2] && m[3] === w[3]) return p
  }
  return null
}

export function inCidr(c: Cidr4w, w: Readonly<Words>): boolean {
  return (
    ((w[3] & c.mask[3]) >>> 0) === c.net[3] &&
    ((w[2] & c.mask[2]) >>> 0) === c.net[2] &&
    ((w[1] & c.mask[1]) >>> 0) === c.net[1] &&
    ((w[0] & c.mask[0]) >>> 0) === c.net[0]
  )
}

export function sameWords(a: Readonly<Words>, b: Readonly<Words>): boolean {
  return a[3] === b[3] && a[2] === b[2] && a[1] === b[1] && a[0] === b[0]
}

export function copyWords(w: Readonly<Words>): Words {
  return [w[0], w[1], w[2], w[3]]
}

function format4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`
}

function format6(w: Readonly<Words>): string {
  const g: number[] = []
  for (const x of w) g.push((x >>> 16) & 0xffff, x & 0xffff)
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && g[j] === 0) j++
    if (j - i > bestLen) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  // glibc's inet_ntop (what the kernel tools and Python's socket module print) keeps the dotted tail of
  // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses.
  if (bestStart === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff))) {
    return `::${bestLen === 5 ? 'ffff:' : ''}${format4(w[3])}`
  }
  const hex = g.map((x) => x.toString(16))
  if (bestLen < 2) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
}

export function formatAddr(family: 4 | 6, w: Readonly<Words>): string {
  return family === 4 ? format4(w[3]) : format6(w)
}

/** `1.2.3.4:80` or `[::1]:80`, the oracle's (Python's) endpoint form. */
export function formatEndpoint(family: 4 | 6, w: Readonly<Words>, port: number): string {
  return family === 4 ? `${format4(w[3])}:${port}` : `[${format6(w)}]:${port}`
}

export function isLoopbackWords(family: 4 | 6, w: Readonly<Words>): boolean {
  if (family === 4) return w[3] >>> 24 === 127
  return w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 1
}

export function isUnspecified(w: Readonly<Words>): boolean {
  return w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0
}

export function isMulticast(family: 4 | 6, w: Readonly<Words>): boolean {
  return family === 4 ? w[3] >>> 28 === 0xe : w[0] >>> 24 === 0xff
}

/** A key usable in a Map for an address: the number itself for IPv4 (no string built per lookup). */
export function addrKey(w: Readonly<Words>): number | string {
  return w[0] === 0 && w[1] === 0 && w[2] === 0 ? w[3] : `${w[0]}.${w[1]}.${w[2]}.${w[3]}`
}
