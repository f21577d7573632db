import type { PacketSpec } from '../core/simulate/types.ts'
import { mulberry32 } from '../core/seeded-random.ts'

/**
 * Deterministic pseudo-random packets for the differential test: directions, uids 0/997/1000/1337 (and the
 * ruleset's own), gids, destinations inside and outside the pod, 127.0.0.1, 127.0.0.6 sources, the Istio ports and
 * the ports the rules name, tcp and udp. Seeded by the set's name, so re-recording yields the same packets.
 */

export function seedOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

const V4 = {
  pod: '10.10.13.113',
  gw: '10.10.13.1',
  outDst: ['93.184.216.34', '93.184.216.34', '10.10.13.113', '10.10.13.113', '127.0.0.1', '127.0.0.53', '10.96.0.10', '10.10.13.50', '9.9.1.1', '1.1.1.1', '127.1.2.3', '10.10.10.6'],
  outSrc: [null, null, null, null, null, null, '127.0.0.6', '127.0.0.6', '10.10.13.113'],
  inSrc: ['10.10.13.1', '10.10.13.1', '10.10.13.1', '10.10.13.1', '192.168.5.5', '10.10.13.7', '127.0.0.6'],
  inDst: ['10.10.13.113', '10.10.13.113', '10.10.13.113', '10.10.13.113', '10.10.13.113', '10.10.13.50', '9.9.1.1'],
}

const V6 = {
  pod: 'fd00:10:13::113',
  gw: 'fd00:10:13::1',
  outDst: ['2001:db8::80', '2001:db8::80', 'fd00:10:13::113', 'fd00:10:13::113', '::1', '::7f00:35', 'fd00:10:96::a', 'fd00:10:13::50', '2001:db8:1::1', '2001:db9::1', '::1'],
  outSrc: [null, null, null, null, null, null, '::6', '::6', 'fd00:10:13::113'],
  inSrc: ['fd00:10:13::1', 'fd00:10:13::1', 'fd00:10:13::1', 'fd00:10:13::1', '2001:db8::5', 'fd00:10:13::7'],
  inDst: ['fd00:10:13::113', 'fd00:10:13::113', 'fd00:10:13::113', 'fd00:10:13::113', 'fd00:10:13::113', 'fd00:10:13::50'],
}

const PORTS = [22, 53, 80, 8080, 15001, 15006, 15008, 15090, 15020, 15021, 15053, 9999]

export function generateDifferentialPackets(set: string, family: 4 | 6, rulesText: string, count = 24): PacketSpec[] {
  const rnd = mulberry32(seedOf(set))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const a = family === 4 ? V4 : V6
  const named = [...rulesText.matchAll(/--(?:dport|dports|to-ports?|on-port)\s+([\d,:]+)/g)].flatMap((m) => (m[1] as string).split(/[,:]/).map(Number))
  const ports = [...new Set([...PORTS, ...named.filter((p) => p > 0 && p < 65536)])]
  const owners = [...rulesText.matchAll(/--(?:uid|gid)-owner\s+(\d+)/g)].map((m) => Number(m[1]))
  const uids = [...new Set([0, 997, 1000, 1337, ...owners])]
  const gids = [...new Set([0, 997, 1000, 1337, 1, 2, ...owners])]
  const out: PacketSpec[] = []
  for (let i = 0; i < count; i++) {
    const proto = rnd() < 0.65 ? 'tcp' : 'udp'
    const dport = rnd() < 0.2 ? 53 : pick(ports)
    if (rnd() < 0.55) {
      const uid = pick(uids)
      const gid = rnd() < 0.7 ? uid : pick(gids)
      const dst = pick(a.outDst)
      const src = pick(a.outSrc)
      const p: PacketSpec = { name: '', direction: 'outbound', proto, dst, dport, uid, gid }
      if (src) p.src = src
      if (rnd() < 0.1) p.groups = [pick(gids)]
      if (rnd() < 0.05) p.sport = pick([15053, 15001, 53])
      p.name = `out ${proto} uid ${uid}/${gid}${src ? ` from ${src}` : ''} -> ${dst}:${dport}`
      out.push(p)
    } else {
      const src = pick(a.inSrc)
      const dst = pick(a.inDst)
      const p: PacketSpec = { name: `in ${proto} ${src} -> ${dst}:${dport}`, direction: 'inbound', proto, dport }
      if (src !== a.gw) p.src = src
      if (dst !== a.pod) p.dst = dst
      out.push(p)
    }
  }
  return out
}
