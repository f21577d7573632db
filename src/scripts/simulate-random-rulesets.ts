import type { PacketSpec } from '../core/simulate/types.ts'
import { mulberry32 } from '../core/seeded-random.ts'
import { seedOf } from './simulate-packet-generator.ts'

/**
 * Deterministic random rulesets for the simulator's kernel comparison (src/fixtures/simulate/random): each built-in
 * chain of raw, mangle, nat and filter gets a few rules drawn from the matches and targets kube-proxy, Docker and
 * istio-iptables use (owner, mark/connmark, conntrack/state, addrtype, socket, TPROXY, REDIRECT/DNAT/SNAT/
 * MASQUERADE, CT zones, NOTRACK, REJECT…), some behind user chains, plus eight packets. Seeded by the set's name.
 * The IPv6 variant rewrites the IPv4 addresses into the oracle's IPv6 topology.
 */

const PRE_MATCH = [
  '-p tcp', '-p udp', '-s 10.10.13.1/32', '! -s 10.10.13.0/24', '-d 10.10.13.113/32', '! -d 127.0.0.1/32', '-i eth0', '-i lo', '! -i lo',
  '-p tcp --dport 8080', '-p tcp -m multiport --dports 22,8080,9090', '-p udp --dport 53', '-m mark --mark 0x10/0xff', '-m mark ! --mark 0x0',
  '-m connmark --mark 0x7', '-m conntrack --ctstate NEW', '-m conntrack --ctstate ESTABLISHED', '-m conntrack --ctstate RELATED,ESTABLISHED',
  '-m state --state NEW', '-m addrtype --dst-type LOCAL', '-m addrtype --src-type LOCAL', '-p tcp --tcp-flags SYN,ACK SYN', '-p tcp --syn',
  '-m length --length 0:55', '-m comment --comment c', '-m iprange --dst-range 10.10.13.100-10.10.13.120', '-m pkttype --pkt-type unicast',
  '-m mac --mac-source 02:6b:6f:00:00:02', '-m conntrack --ctstate DNAT', '-m conntrack --ctdir REPLY', '-p tcp -m socket',
  '-p tcp -m socket --transparent', '-p tcp -m socket --nowildcard', '-p udp -m socket', '-m socket --transparent --restore-skmark',
  '-p tcp -m tcp --tcp-option 8', '-m ttl --ttl-gt 10', '-m tos --tos 0x00',
]

const OUT_MATCH = [
  '-p tcp', '-p udp', '-o lo', '-o eth0', '! -o lo', '-d 127.0.0.1/32', '! -d 127.0.0.0/8', '-d 10.10.13.113/32', '-s 127.0.0.6/32',
  '-p tcp --dport 80', '-p tcp ! --dport 15008', '-p udp --sport 15053', '-m owner --uid-owner 1337', '-m owner ! --uid-owner 1337',
  '-m owner --gid-owner 997', '-m owner --uid-owner 0', '-m owner --socket-exists', '-m mark --mark 0x10/0xff', '-m connmark --mark 0x7',
  '-m conntrack --ctstate NEW', '-m conntrack --ctstate ESTABLISHED', '-m conntrack --ctstate SNAT', '-m addrtype --dst-type LOCAL',
  '-m addrtype --dst-type LOCAL --limit-iface-out', '-p tcp --tcp-flags RST RST', '-m length --length 41:60', '-m comment --comment c',
]

const CHAINS: Record<string, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'OUTPUT'],
}

function targets(table: string, chain: string): string[] {
  const t = ['-j ACCEPT', '', '-j RETURN', '-j MARK --set-mark 0x10', '-j MARK --or-mark 0x1', '-j LOG']
  if (table === 'filter') t.push('-j DROP', '-j REJECT', '-p tcp -j REJECT --reject-with tcp-reset')
  if (table === 'mangle') t.push('-j CONNMARK --set-mark 0x7', '-j CONNMARK --save-mark', '-j CONNMARK --restore-mark')
  if (table === 'raw') t.push('-j CT --zone 1', '-j CT --notrack', '-j NOTRACK')
  if (table === 'nat' && chain === 'OUTPUT') {
    t.push('-p tcp -j REDIRECT --to-ports 15001', '-p tcp -j DNAT --to-destination 10.10.13.113:15006', '-p tcp -j DNAT --to-destination 10.10.13.1:8080', '-p udp -j REDIRECT --to-ports 15053', '-p tcp -j DNAT --to-destination 127.0.0.1:15006')
  }
  if (table === 'nat' && chain === 'PREROUTING') t.push('-p tcp -j REDIRECT --to-ports 15006', '-p tcp -j DNAT --to-destination 10.10.13.113:15006', '-p udp -j REDIRECT --to-ports 15053')
  if (table === 'nat' && chain === 'POSTROUTING') t.push('-j MASQUERADE', '-p tcp -j SNAT --to-source 10.10.13.113:7000', '-j SNAT --to-source 10.10.13.113')
  if (table === 'nat' && chain === 'INPUT') t.push('-j SNAT --to-source 10.10.13.7')
  if (table === 'mangle' && chain === 'PREROUTING') t.push('-p tcp -j TPROXY --on-port 15006 --tproxy-mark 0x539/0xffffffff', '-p udp -j TPROXY --on-port 15053 --tproxy-mark 0x539')
  return t
}

const V6_RULES: [string, string][] = [
  ['10.10.13.1/32', 'fd00:10:13::1/128'], ['10.10.13.0/24', 'fd00:10:13::/64'], ['10.10.13.113/32', 'fd00:10:13::113/128'],
  ['127.0.0.1/32', '::1/128'], ['127.0.0.0/8', '::1/128'], ['127.0.0.6/32', '::6/128'], ['10.10.13.100-10.10.13.120', 'fd00:10:13::100-fd00:10:13::120'],
  ['10.10.13.113:15006', '[fd00:10:13::113]:15006'], ['10.10.13.1:8080', '[fd00:10:13::1]:8080'], ['127.0.0.1:15006', '[::1]:15006'],
  ['--to-source 10.10.13.113:7000', '--to-source [fd00:10:13::113]:7000'], ['--to-source 10.10.13.113', '--to-source fd00:10:13::113'],
  ['--to-source 10.10.13.7', '--to-source fd00:10:13::7'], ['-m ttl --ttl-gt 10', '-m hl --hl-gt 10'], ['-m tos --tos 0x00', '-m comment --comment t'],
]

const V6_ADDRS: Record<string, string> = {
  '93.184.216.34': '2001:db8::80', '10.10.13.113': 'fd00:10:13::113', '127.0.0.1': '::1', '10.10.13.1': 'fd00:10:13::1',
  '10.10.13.50': 'fd00:10:13::50', '127.0.0.6': '::6', '192.168.5.5': '2001:db8::5',
}

// A rule is kept when its matches fit the hook (no -o before routing, no -i after, owner only where a socket
// sends, mac only on arrival) and it names one protocol at most.
function fits(chain: string, ms: string[], target: string): boolean {
  const arriving = chain === 'PREROUTING' || chain === 'INPUT'
  if (ms.some((m) => (arriving && /(^|\s)-o /.test(m)) || (!arriving && /(^|\s)-i /.test(m)))) return false
  if (arriving && ms.some((m) => m.includes('owner'))) return false
  if (!arriving && ms.some((m) => m.includes('mac'))) return false
  return [...ms, target].join(' ').split(/\s+/).filter((w) => w === '-p').length <= 1
}

export interface RandomSet {
  rules: string
  packets: PacketSpec[]
}

export function generateRandomSet(name: string, family: 4 | 6): RandomSet {
  const rnd = mulberry32(seedOf(name))
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const sample = <T>(xs: readonly T[], k: number): T[] => {
    const pool = [...xs]
    const out: T[] = []
    for (let i = 0; i < k && pool.length > 0; i++) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0] as T)
    return out
  }
  const matchLine = (chain: string, head: string): string | null => {
    const pool = chain === 'OUTPUT' || chain === 'POSTROUTING' ? OUT_MATCH : PRE_MATCH
    const ms = sample(pool, int(0, 2))
    return fits(chain, ms, head) ? ms.join(' ') : null
  }
  const lines: string[] = []
  const tables = sample(Object.keys(CHAINS), int(1, 4))
  for (const table of ['raw', 'mangle', 'nat', 'filter']) {
    if (!tables.includes(table)) continue
    const start = lines.push(`*${table}`)
    if (table === 'filter' && rnd() < 0.2) lines.push(':INPUT DROP [0:0]')
    const users: [string, string][] = []
    for (const chain of CHAINS[table] as string[]) {
      if (rnd() < 0.3) continue
      for (let n = int(1, 4); n > 0; n--) {
        const target = pick(targets(table, chain))
        if (rnd() < 0.15) {
          const ms = matchLine(chain, '')
          if (ms === null) continue
          const user = `U${users.length}`
          users.push([user, chain])
          lines.push(`-A ${chain} ${ms} -j ${user}`.replace(/\s+/g, ' '))
          continue
        }
        const ms = matchLine(chain, target)
        if (ms !== null) lines.push(`-A ${chain} ${ms} ${target}`.replace(/\s+/g, ' ').trim())
      }
    }
    for (const [user, parent] of users) {
      lines.splice(start, 0, `-N ${user}`)
      for (let n = int(1, 3); n > 0; n--) {
        const target = pick([...targets(table, parent), '-j RETURN', '-j RETURN'])
        const ms = matchLine(parent, target)
        if (ms !== null) lines.push(`-A ${user} ${ms} ${target}`.replace(/\s+/g, ' ').trim())
      }
    }
    lines.push('COMMIT')
  }
  let rules = lines.join('\n') + '\n'
  const packets: PacketSpec[] = []
  for (let i = 0; i < 8; i++) {
    const proto = pick(['tcp', 'tcp', 'udp'] as const)
    if (rnd() < 0.5) {
      const dst = pick(['93.184.216.34', '10.10.13.113', '127.0.0.1', '10.10.13.1', '10.10.13.50'])
      const p: PacketSpec = { name: '', direction: 'outbound', proto, dst, dport: pick([80, 8080, 53, 15001, 15006, 9090]), uid: pick([0, 1000, 1337]), gid: pick([0, 997, 1000, 1337]) }
      if (rnd() < 0.2) p.src = '127.0.0.6'
      packets.push(p)
    } else {
      const p: PacketSpec = { name: '', direction: 'inbound', proto, dport: pick([22, 53, 80, 8080, 9090, 15006]) }
      if (rnd() < 0.2) p.dst = '10.10.13.50'
      if (rnd() < 0.2) p.src = '192.168.5.5'
      packets.push(p)
    }
  }
  if (family === 6) {
    for (const [a, b] of V6_RULES) rules = rules.split(a).join(b)
    for (const p of packets) {
      if (p.dst !== undefined) p.dst = V6_ADDRS[p.dst] ?? p.dst
      if (p.src !== undefined) p.src = V6_ADDRS[p.src] ?? p.src
    }
  }
  for (const p of packets) {
    p.name =
      p.direction === 'outbound'
        ? `out ${p.proto} ${p.src ? `${p.src} ` : ''}-> ${p.dst}:${p.dport} uid ${p.uid}/${p.gid}`
        : `in ${p.proto} ${p.src ?? 'gw'} -> ${p.dst ?? 'pod'}:${p.dport}`
  }
  return { rules, packets }
}
