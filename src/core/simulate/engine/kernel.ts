import { parseAddr, type Words } from '../addr.ts'
import type { CompiledRuleset } from '../compile/compiled.ts'
import type { PodFacts } from '../types.ts'
import { PodNet, RemoteNet } from './netns.ts'
import { PROTO_TCP, type Sock } from './packet.ts'
import { newSock, ROOT_OWNER } from './sockets.ts'

export interface BaseListeners {
  pod: Sock[]
  remote: Sock[]
  podPorts: Set<number>
  remotePorts: Set<number>
}

/**
 * One family's simulated pod for a compiled ruleset: addressing and routing, and the listeners every connection
 * starts with (the ports the rules name, the extra --listen ports). Built once per batch; a connection resets the
 * per-packet parts (added addresses, its own sockets). Not re-entrant: one connection at a time.
 */
export class Kernel {
  readonly c: CompiledRuleset
  readonly facts: PodFacts
  readonly net: PodNet
  readonly remote: RemoteNet
  readonly podAddr: Words
  readonly gateway: Words
  /** By protocol number (6, 17): an array read, not a Map lookup, per connection. */
  private readonly listeners: (BaseListeners | undefined)[] = []
  /** The listeners a connection opens for its own ports, by (namespace, protocol, port): a listener never changes. */
  private readonly extra = new Map<number, Sock>()
  private readonly byDport = new Map<number, { pod: readonly Sock[]; remote: readonly Sock[] }>()

  constructor(c: CompiledRuleset, facts: PodFacts) {
    this.c = c
    this.facts = facts
    const family = c.family
    const ff = family === 4 ? facts.v4 : facts.v6
    const pa = parseAddr(ff.address)
    const ga = parseAddr(ff.gateway)
    this.podAddr = pa && pa.family === family ? pa.w : [0, 0, 0, 0]
    this.gateway = ga && ga.family === family ? ga.w : [0, 0, 0, 0]
    this.net = new PodNet(family, this.podAddr, ff.prefix, this.gateway, facts.policyRoutes)
    this.remote = new RemoteNet(this.net, this.gateway)
  }

  /** The listeners the oracle opens for every packet of this protocol (transparent, on the wildcard address). */
  baseListeners(proto: number): BaseListeners {
    let l = this.listeners[proto]
    if (!l) {
      const podPorts = new Set([...this.c.podPorts, ...this.facts.listen].filter((p) => p > 0 && p < 65536))
      const remotePorts = new Set(this.c.remotePorts.filter((p) => p > 0 && p < 65536))
      l = {
        pod: [...podPorts].toSorted((a, b) => a - b).map((port, i) => listener('pod', proto, port, -1 - i)),
        remote: [...remotePorts].toSorted((a, b) => a - b).map((port, i) => listener('remote', proto, port, -1000 - i)),
        podPorts,
        remotePorts,
      }
      this.listeners[proto] = l
    }
    return l
  }

  /**
   * Fills the two namespaces' socket tables with the listeners the oracle opens for one packet: the base ones, then
   * its dport and extra ports where no base listener has them. The lists for a packet without extra ports are kept
   * by (protocol, dport), so most connections only copy two short arrays. The arrays returned are the caller's.
   */
  openListeners(proto: number, dport: number, listen: readonly number[]): { pod: Sock[]; remote: Sock[] } {
    if (listen.length !== 0) return this.listenersFor(proto, dport, listen)
    const key = proto * 65536 + dport
    let t = this.byDport.get(key)
    if (t === undefined) {
      t = this.listenersFor(proto, dport, listen)
      this.byDport.set(key, t)
    }
    return { pod: t.pod.slice(), remote: t.remote.slice() }
  }

  private listenersFor(proto: number, dport: number, listen: readonly number[]): { pod: Sock[]; remote: Sock[] } {
    const base = this.baseListeners(proto)
    const pod = base.pod.slice()
    const remote = base.remote.slice()
    for (let i = -1; i < listen.length; i++) {
      const port = i < 0 ? dport : (listen[i] as number)
      if (port <= 0 || port >= 65536) continue
      if (!base.podPorts.has(port) && !pod.some((s) => s.localPort === port)) pod.push(this.extraListener('pod', proto, port))
      if (!base.remotePorts.has(port) && !remote.some((s) => s.localPort === port)) remote.push(this.extraListener('remote', proto, port))
    }
    return { pod, remote }
  }

  /** The listener the oracle opens on `port` for one packet (its dport, its extra ports). */
  private extraListener(netns: 'pod' | 'remote', proto: number, port: number): Sock {
    const key = ((netns === 'pod' ? 0 : 256) + proto) * 65536 + port
    let s = this.extra.get(key)
    if (s === undefined) {
      s = listener(netns, proto, port, 0)
      this.extra.set(key, s)
    }
    return s
  }
}

export function listener(netns: 'pod' | 'remote', proto: number, port: number, id: number): Sock {
  return newSock(id, { netns, proto, state: proto === PROTO_TCP ? 'listen' : 'bound', localPort: port, transparent: true, owner: ROOT_OWNER })
}
