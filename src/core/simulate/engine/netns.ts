import { inCidr, isLoopbackWords, isMulticast, isUnspecified, maskWords, parseAddr, sameWords, words, type Cidr4w, type Words } from '../addr.ts'
import { ADDRTYPE_BITS } from '../compile/misc-clauses.ts'
import type { PolicyRoute } from '../types.ts'
import { IFACE_ETH0, IFACE_LO, type Iface } from './packet.ts'

/**
 * The pod's and the remote side's addressing and routing, as the oracle builds them:
 * pod: lo 127.0.0.1/8 (::1) plus added bind addresses, eth0 with the pod address, default via the gateway;
 * remote: the gateway address, AnyIP for everything arriving on eth0, no route beyond the pod's subnet.
 */
export interface Route {
  readonly dev: Iface
  readonly type: 'local' | 'unicast' | 'broadcast' | 'multicast'
  /** Which policy route (fwmark) decided, if any. */
  readonly policy: PolicyRoute | null
}

const LOCAL: Route = Object.freeze({ dev: IFACE_LO, type: 'local', policy: null })
const UNICAST: Route = Object.freeze({ dev: IFACE_ETH0, type: 'unicast', policy: null })
const BROADCAST: Route = Object.freeze({ dev: IFACE_ETH0, type: 'broadcast', policy: null })
const MULTICAST: Route = Object.freeze({ dev: IFACE_ETH0, type: 'multicast', policy: null })

export class PodNet {
  readonly family: 4 | 6
  readonly address: Words
  readonly prefix: number
  readonly subnet: Cidr4w
  readonly gateway: Words
  readonly broadcast: Words | null
  readonly linkLocal: Words | null
  /** Addresses the oracle adds to the pod's lo for this packet (a bind address the pod does not own). */
  readonly loExtra: Words[] = []
  readonly policyRoutes: readonly PolicyRoute[]
  private readonly policyRouteObjects: readonly Route[]
  readonly loopbackAddr: Words

  constructor(family: 4 | 6, address: Words, prefix: number, gateway: Words, policyRoutes: readonly PolicyRoute[]) {
    this.family = family
    this.address = address
    this.prefix = prefix
    const mask = maskWords(family, prefix)
    this.subnet = {
      net: words(address[0] & mask[0], address[1] & mask[1], address[2] & mask[2], address[3] & mask[3]),
      mask,
      prefix,
      family,
    }
    this.gateway = gateway
    this.broadcast = family === 4 && prefix < 31 ? [0, 0, 0, ((this.subnet.net[3] | ~mask[3]) >>> 0)] : null
    // The link-local address the kernel derives from the oracle's fixed MAC 02:6b:6f:00:00:01 (EUI-64).
    this.linkLocal = family === 6 ? [0xfe800000, 0, 0x006b6fff, 0xfe000001] : null
    this.policyRoutes = policyRoutes
    this.policyRouteObjects = policyRoutes.map((policy) => Object.freeze({ dev: IFACE_LO, type: 'local', policy }) as Route)
    this.loopbackAddr = family === 4 ? [0, 0, 0, 0x7f000001] : [0, 0, 0, 1]
  }

  /** An address in the local routing table, and the device its local route names. */
  localDev(w: Readonly<Words>): Iface | 0 {
    if (sameWords(w, this.address)) return IFACE_ETH0
    if (this.linkLocal && sameWords(w, this.linkLocal)) return IFACE_ETH0
    if (isLoopbackWords(this.family, w)) return IFACE_LO
    for (const a of this.loExtra) if (sameWords(a, w)) return IFACE_LO
    return 0
  }

  isLocal(w: Readonly<Words>): boolean {
    if (this.family === 4 && this.isBroadcast(w)) return false
    return this.localDev(w) !== 0
  }

  isBroadcast(w: Readonly<Words>): boolean {
    if (this.family !== 4) return false
    if (w[3] === 0xffffffff || w[3] === 0x7fffffff) return true
    return this.broadcast !== null && sameWords(w, this.broadcast)
  }

  /** XT_ADDRTYPE bits of an address, looked up in the local table as inet_addr_type does. */
  addrType(w: Readonly<Words>, dev: Iface | null): number {
    if (this.family === 4) {
      if (w[3] >>> 24 === 0 || w[3] === 0xffffffff) return ADDRTYPE_BITS.BROADCAST as number
      if (isMulticast(4, w)) return ADDRTYPE_BITS.MULTICAST as number
      let type = 0
      let typeDev: Iface = IFACE_LO
      if (this.isBroadcast(w)) {
        type = ADDRTYPE_BITS.BROADCAST as number
        typeDev = w[3] === 0x7fffffff ? IFACE_LO : IFACE_ETH0
      } else {
        const d = this.localDev(w)
        if (d !== 0) {
          type = ADDRTYPE_BITS.LOCAL as number
          typeDev = d
        }
      }
      if (type === 0) return ADDRTYPE_BITS.UNICAST as number
      if (dev !== null && dev !== typeDev) return ADDRTYPE_BITS.UNICAST as number
      return type
    }
    if (isUnspecified(w)) return ADDRTYPE_BITS.UNSPEC as number
    if (isMulticast(6, w)) return ADDRTYPE_BITS.MULTICAST as number
    const d = this.localDev(w)
    if (d !== 0 && (dev === null || dev === d)) return ADDRTYPE_BITS.LOCAL as number
    return ADDRTYPE_BITS.UNICAST as number
  }

  /**
   * The source a socket that did not bind one gets: the preferred source of the route to `dst`. Addresses are never
   * written into (packet.ts), so this and the other address answers below are shared words, not copies.
   */
  sourceFor(dst: Readonly<Words>, route: Route): Words {
    if (route.type === 'local') {
      // 127.x takes 127.0.0.1 (the /8's prefsrc) unless the /32 was added; a local address is its own source.
      if (route.policy === null && this.family === 4 && isLoopbackWords(4, dst) && !this.loExtra.some((a) => sameWords(a, dst))) return this.loopbackAddr
      return dst as Words
    }
    return this.family === 6 && this.linkLocal && dst[0] >>> 22 === 0x3fa ? this.linkLocal : this.address
  }

  /**
   * MASQUERADE's new source for a packet leaving through `out`. IPv4 (inet_select_addr): the first global address
   * of the device, the one equal to the next hop first, else the first global address of any device (lo's
   * 127.0.0.1 is host scope). IPv6 (ipv6_dev_get_saddr): the destination itself when it is local (rule 1), else
   * an address of the outgoing device (rule 5), else the pod's.
   */
  masqueradeSource(dst: Readonly<Words>, out: Iface): Words {
    if (out !== IFACE_LO) return this.sourceFor(dst, UNICAST)
    if (this.family === 6 && this.isLocal(dst)) return dst as Words
    return this.loExtra.find((x) => sameWords(x, dst)) ?? this.loExtra[0] ?? this.address
  }

  /** ip_route_output: local table, then the fwmark rules, then main. Routes are shared objects: do not mutate. */
  routeOutput(dst: Readonly<Words>, mark: number): Route {
    if (this.isBroadcast(dst)) return BROADCAST
    if (isMulticast(this.family, dst)) return MULTICAST
    // isLocal without its broadcast test, just made.
    if (this.localDev(dst) !== 0) return LOCAL
    for (let i = 0; i < this.policyRoutes.length; i++) {
      const r = this.policyRoutes[i] as PolicyRoute
      if (((mark & r.mask) >>> 0) === r.fwmark) return this.policyRouteObjects[i] as Route
    }
    return UNICAST
  }

  /** Input routing for a packet arriving on eth0: local delivery, or nothing (forwarding is off). */
  routeInput(dst: Readonly<Words>, mark: number): { local: boolean; policy: PolicyRoute | null } {
    if (this.isLocal(dst)) return { local: true, policy: null }
    for (const r of this.policyRoutes) if (((mark & r.mask) >>> 0) === r.fwmark) return { local: true, policy: r }
    return { local: false, policy: null }
  }

  /** A packet from `src` leaving through `dev`: IPv4 refuses a loopback source off lo (EINVAL). */
  sourceValid(src: Readonly<Words>, dev: Iface): boolean {
    return !(this.family === 4 && dev !== IFACE_LO && isLoopbackWords(4, src))
  }

  /** The address REDIRECT in PREROUTING and TPROXY use: the first (primary) address of the incoming device. */
  primaryAddress(dev: Iface): Words {
    return dev === IFACE_LO ? this.loopbackAddr : this.address
  }

  inSubnet(w: Readonly<Words>): boolean {
    return inCidr(this.subnet, w)
  }

  /** Forgets the addresses added for the previous packet (each oracle packet gets fresh namespaces). */
  reset(): void {
    // Setting the length is a runtime call even when nothing changes, and most connections add nothing.
    if (this.loExtra.length !== 0) this.loExtra.length = 0
  }
}

/** The remote namespace: its own addresses, AnyIP for anything the pod sends it, routes only into the pod subnet. */
export class RemoteNet {
  readonly family: 4 | 6
  readonly address: Words
  readonly loExtra: Words[] = []
  private readonly pod: PodNet
  /** The route the oracle adds for an inbound destination outside the subnet (via the pod). */
  extraRoute: Words | null = null

  constructor(pod: PodNet, gateway: Words) {
    this.family = pod.family
    this.pod = pod
    this.address = gateway
  }

  /** Addresses the remote side owns (for its own connections; packets from eth0 are all local by AnyIP). */
  isOwn(w: Readonly<Words>): boolean {
    if (sameWords(w, this.address) || isLoopbackWords(this.family, w)) return true
    return this.loExtra.some((a) => sameWords(a, w))
  }

  canReach(dst: Readonly<Words>): boolean {
    if (this.pod.inSubnet(dst)) return true
    return this.extraRoute !== null && sameWords(this.extraRoute, dst)
  }

  reset(): void {
    if (this.loExtra.length !== 0) this.loExtra.length = 0
    this.extraRoute = null
  }
}

export function parseFacts(family: 4 | 6, address: string, gateway: string): { address: Words; gateway: Words } | null {
  const a = parseAddr(address)
  const g = parseAddr(gateway)
  if (!a || !g || a.family !== family || g.family !== family) return null
  return { address: a.w, gateway: g.w }
}
