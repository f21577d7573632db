import type { PacketSpec } from '../../core/simulate/index.ts'

/**
 * Connections from the node to service VIPs, as kube-proxy's rules see them: nine in ten to a VIP:port of
 * KUBE-SERVICES (spread over all of them), one in ten to an address no service has, which falls through the whole
 * chain — the case a linear walk pays most for.
 */
export function kubePackets(text: string, size: number): PacketSpec[] {
  const services: { dst: string; dport: number; proto: 'tcp' | 'udp' }[] = []
  for (const m of text.matchAll(/^-A KUBE-SERVICES -d ([\d.]+)\/32 -p (tcp|udp) .*? --dport (\d+) -j KUBE-SVC-/gm)) {
    services.push({ dst: m[1] as string, proto: m[2] as 'tcp' | 'udp', dport: Number(m[3]) })
  }
  if (services.length === 0) throw new Error('no KUBE-SERVICES VIP rules in the dump')
  return Array.from({ length: size }, (_, i) => {
    const sport = 40000 + (i % 20000)
    if (i % 10 === 9) return { direction: 'outbound', proto: 'tcp', dst: `93.184.${(i >> 8) & 0xff}.${i & 0xff}`, dport: 443, uid: 1000, sport }
    const s = services[(i * 7919) % services.length] as (typeof services)[number]
    return { direction: 'outbound', proto: s.proto, dst: s.dst, dport: s.dport, uid: 1000, sport }
  })
}
