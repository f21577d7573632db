import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate'
import type { WithDiagnostics } from '../model/diagnostic.ts'
import { fromBase64Url, toBase64Url } from './base64url.ts'
import { DICTIONARY_IDS_V1, type DictionaryId } from './dictionaries.ts'
import { metaWireV1, type MetaWireV1, type PacketWireV1 } from './share-schema.ts'
import type { SharePacket, ShareState } from './share-state.ts'

/**
 * Permalink codec. A link is `#v1.<base64url>`; the bytes are one dictionary index followed by deflate-raw of
 * `<metadata JSON>\n<input text>`. The dictionary (a frozen text chosen by the encoder because it makes the link
 * shortest) lets a link to a familiar paste, say the seed log with one line changed, stay a few hundred characters.
 * Each version keeps its decoder forever; golden tests pin links made by every version.
 */
export const CURRENT_PREFIX = 'v1.'

/** Output limit while inflating: a link is small, a hostile one must not expand into gigabytes. */
export const MAX_DECODED_BYTES = 8 * 1024 * 1024

/**
 * Longest fragment read at all: 1 MiB of base64url is 768 KiB deflated, about what MAX_DECODED_BYTES of rules
 * compress to, and half of the longest URL Chromium accepts.
 */
export const MAX_LINK_CHARS = 1024 * 1024

export type DictionaryLoader = (id: DictionaryId) => Uint8Array

export interface EncodeResult {
  /** The fragment including `#`. */
  hash: string
  dictionary: DictionaryId | null
}

/** Encodes a state; with `dictionaries`, tries each and keeps the shortest link. */
export function encodeShareState(state: ShareState, dictionaries?: DictionaryLoader): EncodeResult {
  const payload = strToU8(`${JSON.stringify(toWire(state))}\n${bodyOf(state)}`)
  let best = { bytes: withHeader(0, deflateSync(payload, { level: 9, mem: 12 })), dictionary: null as DictionaryId | null }
  if (dictionaries) {
    DICTIONARY_IDS_V1.forEach((id, i) => {
      const dictionary = dictionaries(id)
      const bytes = withHeader(i + 1, deflateSync(payload, { level: 9, mem: 12, dictionary }))
      if (bytes.length < best.bytes.length) best = { bytes, dictionary: id }
    })
  }
  return { hash: `#${CURRENT_PREFIX}${toBase64Url(best.bytes)}`, dictionary: best.dictionary }
}

/** The dictionary a link needs, so the caller can load it before decoding; null when none (or not a link). */
export function dictionaryOf(hash: string): DictionaryId | null {
  const bytes = linkBytes(hash)
  if (!bytes || bytes.length === 0) return null
  const index = bytes[0] as number
  return index === 0 ? null : (DICTIONARY_IDS_V1[index - 1] ?? null)
}

/** Whether the fragment looks like one of our links (any version). */
export function isShareHash(hash: string): boolean {
  return /^#v\d+\./.test(hash)
}

function fail(code: string, message: string): WithDiagnostics<null> {
  return { value: null, diagnostics: [{ code, severity: 'error', message, line: 1, column: 1 }] }
}

/**
 * Decodes a link. Never throws: a damaged, hostile or unknown link gives `value: null` and a diagnostic saying why.
 */
export function decodeShareHash(hash: string, dictionaries?: DictionaryLoader): WithDiagnostics<ShareState | null> {
  const version = /^#v(\d{1,6})\./.exec(hash)?.[1]
  if (!version) return fail('SHR001', 'not a permalink of this app')
  if (version !== '1') {
    return Number(version) > 1 ? fail('SHR002', `this link was made by a newer version of the app (format v${version})`) : fail('SHR001', 'not a permalink of this app')
  }
  if (hash.length > MAX_LINK_CHARS) return fail('SHR009', `the link is ${hash.length} characters long; links up to ${MAX_LINK_CHARS} characters are read`)
  const bytes = linkBytes(hash)
  if (!bytes || bytes.length < 2) return fail('SHR003', 'the link is damaged (not base64url)')
  const index = bytes[0] as number
  let dictionary: Uint8Array | undefined
  if (index > 0) {
    const id = DICTIONARY_IDS_V1[index - 1]
    if (!id) return fail('SHR004', `the link refers to an unknown dictionary #${index}`)
    if (!dictionaries) return fail('SHR005', `the link needs the dictionary "${id}"`)
    dictionary = dictionaries(id)
  }
  const inflated = inflateBounded(bytes.subarray(1), dictionary)
  if (typeof inflated === 'string') return fail('SHR006', inflated)
  const text = strFromU8(inflated)
  const newline = text.indexOf('\n')
  if (newline < 0) return fail('SHR007', 'the link is damaged (no metadata)')
  let json: unknown
  try {
    json = JSON.parse(text.slice(0, newline))
  } catch {
    return fail('SHR007', 'the link is damaged (metadata is not JSON)')
  }
  const meta = metaWireV1.safeParse(json)
  if (!meta.success) return fail('SHR008', `the link holds values this app does not accept: ${meta.error.issues[0]?.message ?? 'invalid'}`)
  return { value: fromWire(meta.data, text.slice(newline + 1)), diagnostics: [] }
}

function linkBytes(hash: string): Uint8Array | null {
  if (hash.length > MAX_LINK_CHARS) return null
  const m = /^#v\d+\.([A-Za-z0-9_-]*)$/.exec(hash)
  return m ? fromBase64Url(m[1] ?? '') : null
}

function withHeader(index: number, deflated: Uint8Array): Uint8Array {
  const out = new Uint8Array(deflated.length + 1)
  out[0] = index
  out.set(deflated, 1)
  return out
}

function inflateBounded(data: Uint8Array, dictionary: Uint8Array | undefined): Uint8Array | string {
  const chunks: Uint8Array[] = []
  const state = { total: 0, tooBig: false }
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk) => {
    state.total += chunk.length
    if (state.total > MAX_DECODED_BYTES) state.tooBig = true
    else chunks.push(chunk)
  })
  try {
    // Small input steps bound how much one push can expand (deflate's ratio is at most about 1:1032).
    const STEP = 1024
    for (let i = 0; i < data.length; i += STEP) {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length)
      if (state.tooBig) break
    }
  } catch {
    return 'the link is damaged (it does not decompress)'
  }
  const total = state.total
  if (state.tooBig) return `the link expands to more than ${MAX_DECODED_BYTES / 1024 / 1024} MB`
  const out = new Uint8Array(total)
  let o = 0
  for (const c of chunks) {
    out.set(c, o)
    o += c.length
  }
  return out
}

function bodyOf(state: ShareState): string {
  return state.input.kind === 'generated' ? '' : state.input.text
}

function toWire(state: ShareState): MetaWireV1 {
  const wire: MetaWireV1 = { i: state.input.kind === 'text' ? 't' : state.input.kind === 'config' ? 'c' : 'g', l: state.language }
  if (state.input.kind === 'generated') wire.g = [state.input.generator, state.input.services, state.input.seed]
  if (state.family) wire.f = state.family
  if (state.profile) wire.o = state.profile
  if (state.compareProfile) wire.c = state.compareProfile
  if (state.regenerate) wire.v = 1
  if (state.overrides && Object.keys(state.overrides).length > 0) wire.x = Object.entries(state.overrides)
  if (state.exampleId) wire.e = state.exampleId
  if (state.rule) wire.r = [state.rule.table, state.rule.chain, state.rule.index]
  if (state.scenario?.kind === 'preset') wire.p = state.scenario.id
  if (state.scenario?.kind === 'packet') wire.k = packetToWire(state.scenario.packet)
  if (state.step !== undefined) wire.s = state.step
  return wire
}

function fromWire(wire: MetaWireV1, body: string): ShareState {
  const state: ShareState = {
    input:
      wire.i === 't'
        ? { kind: 'text', text: body }
        : wire.i === 'c'
          ? { kind: 'config', text: body }
          : { kind: 'generated', generator: wire.g?.[0] ?? 'kube-proxy', services: wire.g?.[1] ?? 1000, seed: wire.g?.[2] ?? 1 },
    language: wire.l,
  }
  if (wire.f) state.family = wire.f
  if (wire.o) state.profile = wire.o
  if (wire.c) state.compareProfile = wire.c
  if (wire.v) state.regenerate = true
  if (wire.x && wire.x.length > 0) state.overrides = Object.fromEntries(wire.x)
  if (wire.e) state.exampleId = wire.e
  if (wire.r) state.rule = { table: wire.r[0], chain: wire.r[1], index: wire.r[2] }
  if (wire.p) state.scenario = { kind: 'preset', id: wire.p }
  else if (wire.k) state.scenario = { kind: 'packet', packet: packetFromWire(wire.k) }
  if (wire.s !== undefined) state.step = wire.s
  return state
}

function packetToWire(p: SharePacket): PacketWireV1 {
  const w: PacketWireV1 = { d: p.direction === 'outbound' ? 'o' : 'i', p: p.proto, dp: p.dport }
  if (p.src) w.s = p.src
  if (p.dst) w.t = p.dst
  if (p.sport !== undefined) w.sp = p.sport
  if (p.uid !== undefined) w.u = p.uid
  if (p.gid !== undefined) w.g = p.gid
  if (p.iface) w.n = p.iface
  return w
}

function packetFromWire(w: PacketWireV1): SharePacket {
  const p: SharePacket = { direction: w.d === 'o' ? 'outbound' : 'inbound', proto: w.p, dport: w.dp }
  if (w.s) p.src = w.s
  if (w.t) p.dst = w.t
  if (w.sp !== undefined) p.sport = w.sp
  if (w.u !== undefined) p.uid = w.u
  if (w.g !== undefined) p.gid = w.g
  if (w.n) p.iface = w.n
  return p
}
