import { formatIPv4, formatIPv6, maskOf, parseIPv4, parseIPv6, type IpVersion } from '../net/ip.ts'
import type { ShareState } from './share-state.ts'

/**
 * Address redaction for shared links. Every IP address in the text is replaced by a placeholder so that:
 * - the same address always becomes the same placeholder, and different addresses different ones;
 * - structure survives: prefix lengths are kept, an address inside a network that the text names stays inside that
 *   network's placeholder, and the last IPv4 octet (the last IPv6 group) is kept, so `.1` gateways and `.10` DNS
 *   servers still read as such;
 * - what the explanation depends on is kept as is: 0.0.0.0/8, loopback (127.0.0.1, 127.0.0.6, ::1), the small
 *   `::x` addresses Istio uses (::6), link-local, multicast and prefixes too short to identify anything;
 * - placeholders come from ranges no real dump uses (IPv4 240.0.0.0/4, IPv6 2001:db8::/32), which redaction leaves
 *   alone: redacting twice changes nothing more.
 * The result still parses, draws and simulates like the original. Text that is not an address is never changed.
 */

/** An address (or network) found in a text: where it is and what it says. */
export interface AddressToken {
  start: number
  end: number
  version: IpVersion
  value: bigint
  prefix: number
  /** How to write a replacement: a plain address (keeping any `/len` or `/mask` suffix) or an `ip-a-b-c-d` host name. */
  form: 'plain' | 'dashed'
  /** Length of the address part (before any `/…` suffix). */
  addressLength: number
}

const V4 = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}|\d{1,3}(?:\.\d{1,3}){3}))?(?![\w]|\.\d)/g
// Candidates only: times (09:03:35) and MAC addresses match here and are dropped because they do not parse.
const V6 = /(?<![\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:\/(\d{1,3}))?(?![\w:]|\.\d)/g
// Cloud host names that spell the node address (ip-10-0-1-23.ec2.internal).
const DASHED = /(?<![\w-])ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?![\w]|-\d)/g

/** The addresses in a text, in order, without overlaps. */
export function findAddresses(text: string): AddressToken[] {
  const found: AddressToken[] = []
  for (const m of text.matchAll(V4)) {
    const address = parseIPv4(m[1] as string)
    if (!address) continue
    const prefix = prefixOf(4, m[2])
    if (prefix === null) continue
    found.push({ start: m.index, end: m.index + m[0].length, version: 4, value: address.value, prefix, form: 'plain', addressLength: (m[1] as string).length })
  }
  if (text.includes(':')) {
    for (const m of text.matchAll(V6)) {
      const address = parseIPv6(m[1] as string)
      if (!address) continue
      const prefix = m[2] === undefined ? 128 : Number(m[2])
      if (prefix > 128) continue
      found.push({ start: m.index, end: m.index + m[0].length, version: 6, value: address.value, prefix, form: 'plain', addressLength: (m[1] as string).length })
    }
  }
  if (text.includes('ip-')) {
    for (const m of text.matchAll(DASHED)) {
      const address = parseIPv4(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`)
      if (!address) continue
      found.push({ start: m.index, end: m.index + m[0].length, version: 4, value: address.value, prefix: 32, form: 'dashed', addressLength: m[0].length })
    }
  }
  found.sort((a, b) => a.start - b.start)
  const out: AddressToken[] = []
  let end = -1
  for (const t of found) {
    if (t.start < end) continue
    out.push(t)
    end = t.end
  }
  return out
}

function prefixOf(version: IpVersion, suffix: string | undefined): number | null {
  const bits = version === 4 ? 32 : 128
  if (suffix === undefined) return bits
  if (!suffix.includes('.')) {
    const n = Number(suffix)
    return n <= bits ? n : null
  }
  // A dotted mask (10.0.0.0/255.0.0.0, as iptables accepts): its length if contiguous; otherwise a host.
  const mask = parseIPv4(suffix)
  if (!mask) return null
  for (let p = 0; p <= 32; p++) if (maskOf(4, p) === mask.value) return p
  return 32
}

interface Family {
  version: IpVersion
  bits: number
  /** Bits kept from the original below a block: the host octet (IPv4) or group (IPv6). */
  hostBits: number
  /** Prefixes this short or shorter identify nothing and are kept. */
  shortest: number
  /** Placeholder space: [start, end). */
  space: { start: bigint; end: bigint }
  kept(value: bigint, prefix: number): boolean
  format(value: bigint): string
}

function inRange(value: bigint, base: bigint, prefix: number, bits: number): boolean {
  return value >> BigInt(bits - prefix) === base >> BigInt(bits - prefix)
}

const V4_FAMILY: Family = {
  version: 4,
  bits: 32,
  hostBits: 8,
  shortest: 7,
  space: { start: 0xf0000000n, end: 0xff000000n },
  kept: (v, prefix) =>
    prefix <= 7 ||
    inRange(v, 0n, 8, 32) ||
    inRange(v, 0x7f000000n, 8, 32) ||
    inRange(v, 0xa9fe0000n, 16, 32) ||
    // Multicast, the reserved 240.0.0.0/4 (our placeholders) and the broadcast address.
    inRange(v, 0xe0000000n, 3, 32),
  format: formatIPv4,
}

const DOC6 = 0x20010db8n << 96n

const V6_FAMILY: Family = {
  version: 6,
  bits: 128,
  hostBits: 16,
  shortest: 32,
  space: { start: DOC6, end: DOC6 + (1n << 96n) },
  kept: (v, prefix) =>
    prefix <= 32 ||
    // ::, ::1, ::6 and the other ::x addresses; IPv4-mapped addresses are written with a dotted tail that the IPv4
    // pass redacts.
    inRange(v, 0n, 112, 128) ||
    inRange(v, 0xffffn << 32n, 96, 128) ||
    inRange(v, 0xfe80n << 112n, 10, 128) ||
    inRange(v, 0xffn << 120n, 8, 128) ||
    inRange(v, DOC6, 32, 128),
  format: formatIPv6,
}

interface Block {
  net: bigint
  prefix: number
  order: number
  mapped?: bigint
  /** Next free offset for a child block inside this one's placeholder. */
  cursor: bigint
}

/** The consistent address map of one family, built from every address the shared state holds. */
class FamilyMap {
  private readonly blocks = new Map<string, Block>()
  private readonly occupied: { start: bigint; end: bigint }[] = []
  private maxEnd: bigint[] = []
  private readonly family: Family

  constructor(family: Family, tokens: readonly { value: bigint; prefix: number }[]) {
    this.family = family
    const { bits } = family
    for (const t of tokens) {
      if (family.kept(t.value, t.prefix)) {
        const net = t.value & maskOf(family.version, t.prefix)
        // Placeholders already in the text (a redacted link edited and shared again) are not handed out twice.
        if (t.prefix > family.shortest && net >= family.space.start && net < family.space.end) this.occupied.push({ start: net, end: net + (1n << BigInt(bits - t.prefix)) })
        continue
      }
      this.addBlock(t.value, Math.min(t.prefix, bits - family.hostBits))
      // A network written with its host part (10.10.13.113/24) is also that host: register the host's own block.
      const bp = this.blockPrefix(t.value, t.prefix)
      if (bp !== Math.min(t.prefix, bits - family.hostBits)) this.addBlock(t.value, bp)
    }
    this.occupied.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    let running = -1n
    this.maxEnd = this.occupied.map((o) => (running = o.end > running ? o.end : running))
    // Bigger blocks first: then every block's parent is placed before it, and sizes that only shrink pack without gaps.
    const sorted = [...this.blocks.values()].sort((a, b) => a.prefix - b.prefix || a.order - b.order)
    let rootCursor = family.space.start
    for (const b of sorted) {
      const size = 1n << BigInt(bits - b.prefix)
      const parent = this.parentOf(b)
      if (parent?.mapped !== undefined) {
        b.mapped = parent.mapped + parent.cursor
        parent.cursor += size
        continue
      }
      let at = alignUp(rootCursor, size)
      for (let end = this.clashEnd(at, size); end !== null && at + size <= family.space.end; end = this.clashEnd(at, size)) at = alignUp(end, size)
      if (at + size > family.space.end) {
        // Out of placeholder space (more than fifteen /8 networks, or about a million /24s): wrap around. Two
        // networks may then share a placeholder, which is still better than showing either. Every block size
        // divides the space's size, so the slot stays aligned.
        at = family.space.start + ((BigInt(b.order) * size) % (family.space.end - family.space.start))
      }
      b.mapped = at
      rootCursor = at + size
    }
  }

  /**
   * Where a candidate slot [at, at + size) would clash with a placeholder already in the text: the end past which to
   * look next, or null when the slot is free. Binary search over the intervals sorted by start, with a running maximum
   * of their ends.
   */
  private clashEnd(at: bigint, size: bigint): bigint | null {
    let lo = 0
    let hi = this.occupied.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.occupied[mid] as { start: bigint }).start < at + size) lo = mid + 1
      else hi = mid
    }
    const end = lo > 0 ? (this.maxEnd[lo - 1] as bigint) : null
    return end !== null && end > at ? end : null
  }

  private addBlock(value: bigint, prefix: number): void {
    const net = value & maskOf(this.family.version, prefix)
    const key = `${net}/${prefix}`
    if (!this.blocks.has(key)) this.blocks.set(key, { net, prefix, order: this.blocks.size, cursor: 0n })
  }

  /**
   * The block an address is placed by: hosts (and networks written with a host part) by the block of their last
   * octet (group), so neighbours stay neighbours; networks by themselves.
   */
  private blockPrefix(value: bigint, prefix: number): number {
    const hostBlock = this.family.bits - this.family.hostBits
    const hostPart = value & ~maskOf(this.family.version, prefix) & ((1n << BigInt(this.family.bits)) - 1n)
    return hostPart !== 0n ? hostBlock : Math.min(prefix, hostBlock)
  }

  private parentOf(b: Block): Block | undefined {
    for (let p = b.prefix - 1; p > this.family.shortest; p--) {
      const parent = this.blocks.get(`${b.net & maskOf(this.family.version, p)}/${p}`)
      if (parent) return parent
    }
    return undefined
  }

  map(value: bigint, prefix: number): bigint {
    if (this.family.kept(value, prefix)) return value
    const bp = this.blockPrefix(value, prefix)
    const block = this.blocks.get(`${value & maskOf(this.family.version, bp)}/${bp}`)
    if (block?.mapped === undefined) return value
    return block.mapped | (value & ~maskOf(this.family.version, bp) & ((1n << BigInt(this.family.bits)) - 1n))
  }

  format(value: bigint): string {
    return this.family.format(value)
  }
}

function alignUp(value: bigint, size: bigint): bigint {
  return ((value + size - 1n) / size) * size
}

/** Replaces addresses consistently across several texts (the input, configuration values, the packet). */
export class AddressRedactor {
  private readonly v4: FamilyMap
  private readonly v6: FamilyMap
  /** How many address occurrences were replaced by the last calls to {@link redact}. */
  replaced = 0

  constructor(texts: readonly string[]) {
    const tokens = texts.flatMap(findAddresses)
    this.v4 = new FamilyMap(V4_FAMILY, tokens.filter((t) => t.version === 4))
    this.v6 = new FamilyMap(V6_FAMILY, tokens.filter((t) => t.version === 6))
  }

  redact(text: string): string {
    const tokens = findAddresses(text)
    if (tokens.length === 0) return text
    const parts: string[] = []
    let last = 0
    for (const t of tokens) {
      const map = t.version === 4 ? this.v4 : this.v6
      const value = map.map(t.value, t.prefix)
      if (value === t.value) continue
      this.replaced++
      const address = map.format(value)
      parts.push(text.slice(last, t.start))
      parts.push(t.form === 'dashed' ? `ip-${address.replaceAll('.', '-')}` : address + text.slice(t.start + t.addressLength, t.end))
      last = t.end
    }
    parts.push(text.slice(last))
    return parts.join('')
  }
}

/** Redacts one text on its own. */
export function redactAddresses(text: string): string {
  return new AddressRedactor([text]).redact(text)
}

/** A shared state with every address in it redacted, consistently across the input, the overrides and the packet. */
export function redactShareState(state: ShareState): { state: ShareState; replaced: number } {
  const texts: string[] = []
  if (state.input.kind !== 'generated') texts.push(state.input.text)
  if (state.overrides) texts.push(...Object.values(state.overrides))
  const packet = state.scenario?.kind === 'packet' ? state.scenario.packet : undefined
  if (packet?.src) texts.push(packet.src)
  if (packet?.dst) texts.push(packet.dst)
  const redactor = new AddressRedactor(texts)
  const out: ShareState = { ...state }
  if (state.input.kind !== 'generated') out.input = { kind: state.input.kind, text: redactor.redact(state.input.text) }
  if (state.overrides) out.overrides = Object.fromEntries(Object.entries(state.overrides).map(([k, v]) => [k, redactor.redact(v)]))
  if (packet) {
    const p = { ...packet }
    if (p.src) p.src = redactor.redact(p.src)
    if (p.dst) p.dst = redactor.redact(p.dst)
    out.scenario = { kind: 'packet', packet: p }
  }
  return { state: out, replaced: redactor.replaced }
}
