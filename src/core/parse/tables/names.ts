import type { Family } from '../../model/ruleset.ts'
import { PROTOCOLS_TEXT } from './protocols-data.ts'
import { SERVICES_TEXT } from './services-data.ts'

/**
 * The name databases iptables consults while reading and printing rules: /etc/services, /etc/protocols,
 * /etc/networks, /etc/hosts and the passwd/group databases. Only facts that hold on every Linux host are built in;
 * anything host-specific (a user such as `istio-proxy`, a DNS name) is left to the caller to keep as written.
 */

let servicesByName: Map<string, number> | null = null

function services(): Map<string, number> {
  if (servicesByName) return servicesByName
  const map = new Map<string, number>()
  for (const line of SERVICES_TEXT.split('\n')) {
    const fields = line.split(' ')
    const name = fields[0]
    const portProto = fields[1]
    if (!name || !portProto) continue
    const slash = portProto.indexOf('/')
    const port = Number(portProto.slice(0, slash))
    const proto = portProto.slice(slash + 1)
    for (const n of [name, ...fields.slice(2)]) {
      const key = `${n}/${proto}`
      if (!map.has(key)) map.set(key, port)
    }
  }
  servicesByName = map
  return map
}

/** getservbyname(name, proto): the port of a service name for `tcp`, `udp`, `sctp` or `dccp`, or null. */
export function servicePort(name: string, proto: string): number | null {
  return services().get(`${name}/${proto}`) ?? null
}

interface ProtocolTables {
  byName: Map<string, number>
  nameOf: Map<number, string>
}

let protocolTables: ProtocolTables | null = null

function protocols(): ProtocolTables {
  if (protocolTables) return protocolTables
  const byName = new Map<string, number>()
  const nameOf = new Map<number, string>()
  for (const line of PROTOCOLS_TEXT.split('\n')) {
    const fields = line.split(' ')
    if (fields.length < 2) continue
    const n = Number(fields[0])
    for (const name of fields.slice(1)) if (!byName.has(name)) byName.set(name, n)
    if (!nameOf.has(n)) nameOf.set(n, fields[1] as string)
  }
  // xtables' own list, consulted when /etc/protocols has no such name.
  for (const [name, n] of [['icmpv6', 58], ['ipv6-mh', 135], ['mh', 135], ['all', 0]] as const) {
    if (!byName.has(name)) byName.set(name, n)
  }
  protocolTables = { byName, nameOf }
  return protocolTables
}

/**
 * The protocol number of a `-p` argument as iptables reads it: lower-cased, then a number 0–255 or a name of
 * /etc/protocols or xtables' list (`icmpv6`, `mh`, `all`). Null when iptables would say "unknown protocol".
 */
export function protocolNumber(text: string): number | null {
  const lower = text.toLowerCase()
  if (/^[0-9]+$/.test(lower)) {
    const n = Number(lower)
    return n <= 255 ? n : null
  }
  return protocols().byName.get(lower) ?? null
}

/** The name iptables-save prints for a protocol number (`gre` for 47), the number itself when it has none, '' for 0. */
export function protocolName(n: number): string {
  if (n === 0) return ''
  return protocols().nameOf.get(n) ?? String(n)
}

/** /etc/networks of every Debian/Ubuntu/RHEL host: what `iptables -L` prints instead of a network address. */
const NETWORKS: ReadonlyMap<string, string> = new Map([
  ['default', '0.0.0.0'],
  ['loopback', '127.0.0.0'],
  ['link-local', '169.254.0.0'],
])

/** The address of a host or network name every host knows (`localhost`, `loopback`), or null. */
export function wellKnownAddress(name: string, family: Family): string | null {
  if (family === 4) {
    if (name === 'localhost' || name === 'localhost.localdomain') return '127.0.0.1'
    return NETWORKS.get(name) ?? null
  }
  if (name === 'localhost' || name === 'ip6-localhost' || name === 'ip6-loopback' || name === 'localhost6') return '::1'
  return null
}

/** uid/gid 0 is `root` everywhere; every other user or group name depends on the host that printed it. */
export function wellKnownId(name: string): number | null {
  return name === 'root' ? 0 : null
}
