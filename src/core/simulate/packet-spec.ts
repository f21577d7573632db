import { diagnostic, type Diagnostic } from '../model/diagnostic.ts'
import type { Family } from '../model/ruleset.ts'
import { parseAddr } from './addr.ts'
import type { NormalizedPacket, PacketSpec, PodFacts } from './types.ts'

/**
 * The oracle's packet defaults (normalize_packet): name `packet N`, tcp, inbound dst = the pod, inbound src = the
 * gateway, sport = sportBase + position, gid = uid. Problems become SIM diagnostics (line = the packet's 1-based
 * position) and the packet is skipped.
 */
function int(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return v
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim())
  return null
}

function intList(v: unknown): number[] | null {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) return null
  const out: number[] = []
  for (const x of v) {
    const n = int(x)
    if (n === null) return null
    out.push(n)
  }
  return out
}

function bad(code: string, message: string, line: number): { value: null; diagnostics: Diagnostic[] } {
  return { value: null, diagnostics: [diagnostic(code, 'error', message, line)] }
}

const NO_DIAGNOSTICS: Diagnostic[] = []

export function normalizePacket(spec: unknown, i: number, facts: PodFacts, defaultFamily: Family): { value: NormalizedPacket | null; diagnostics: Diagnostic[] } {
  const line = i + 1
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return bad('SIM001', `packet #${line} is not an object`, line)
  // Each field is read once: batches mix specs of many shapes, so every read is a slow (megamorphic) lookup.
  const p = spec as PacketSpec
  const rawName = p.name
  const name = typeof rawName === 'string' && rawName !== '' ? rawName : `packet ${line}`
  const direction = p.direction
  if (direction !== 'outbound' && direction !== 'inbound') return bad('SIM002', `${name}: direction must be outbound or inbound`, line)
  const rawProto = p.proto
  const proto = typeof rawProto === 'string' ? (rawProto === 'tcp' || rawProto === 'udp' ? rawProto : (rawProto as string).toLowerCase()) : 'tcp'
  if (proto !== 'tcp' && proto !== 'udp') return bad('SIM003', `${name}: proto must be tcp or udp`, line)
  const dport = int(p.dport)
  if (dport === null || dport < 1 || dport > 65535) return bad('SIM004', `${name}: dport must be a port number 1–65535`, line)
  const rawSrc = p.src
  let srcText: string | null = typeof rawSrc === 'string' && rawSrc !== '' ? rawSrc : null
  if (srcText === null) {
    const rawSrcAddr = p.srcAddr
    srcText = typeof rawSrcAddr === 'string' && rawSrcAddr !== '' ? rawSrcAddr : null
  }
  const rawDst = p.dst
  let dstText = typeof rawDst === 'string' && rawDst !== '' ? rawDst : null
  if (direction === 'outbound' && dstText === null) return bad('SIM005', `${name}: an outbound packet needs dst`, line)
  let family: Family | null = null
  for (let k = 0; k < 2; k++) {
    const text = k === 0 ? srcText : dstText
    if (text === null) continue
    const a = parseAddr(text)
    if (!a) return bad('SIM006', `${name}: ${k === 0 ? 'src' : 'dst'} "${text}" is not an IP address`, line)
    if (family !== null && a.family !== family) return bad('SIM007', `${name}: src and dst are of different address families`, line)
    family = a.family
  }
  family ??= defaultFamily
  const ff = family === 4 ? facts.v4 : facts.v6
  let src = srcText
  if (direction === 'inbound') {
    dstText ??= ff.address
    src ??= ff.gateway
  }
  const rawSport = p.sport
  const sportRaw = rawSport === undefined || rawSport === null ? facts.sportBase + i : int(rawSport)
  if (sportRaw === null || sportRaw < 0 || sportRaw > 65535) return bad('SIM008', `${name}: sport must be a port number 0–65535`, line)
  const rawUid = p.uid
  const rawGid = p.gid
  const uid = rawUid === undefined || rawUid === null ? 0 : int(rawUid)
  const gid = rawGid === undefined || rawGid === null ? uid : int(rawGid)
  if (uid === null || gid === null) return bad('SIM009', `${name}: uid and gid must be non-negative integers`, line)
  const groups = intList(p.groups)
  const listen = intList(p.listen)
  if (groups === null || listen === null) return bad('SIM011', `${name}: groups and listen must be lists of integers`, line)
  const outbound = direction === 'outbound'
  const payload = p.payload
  return {
    value: {
      name,
      direction,
      proto,
      src,
      dst: dstText as string,
      sport: sportRaw,
      dport,
      uid: outbound ? uid : 0,
      gid: outbound ? gid : 0,
      groups: outbound ? groups : [],
      listen,
      payload: typeof payload === 'string' && payload !== '' ? payload : 'kernel-oracle',
      family,
    },
    diagnostics: NO_DIAGNOSTICS,
  }
}
