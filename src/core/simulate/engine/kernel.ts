import { parseAddr, type Words } from '../addr.ts'
import type { CompiledRuleset } from '../compile/compiled.ts'
import type { PodFacts } from '../types.ts'
import { PodNet, RemoteNet } from './netns.ts'
import { PROTO_TCP, type Sock } from './packet.ts'
import { newSock, ROOT_OWNER } from './sockets.ts'

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
  private readonly listeners = new Map<number, { pod: Sock[]; remote: Sock[]; podPorts: Set<number>; remotePorts: Set<number> }>()

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
  baseListeners(proto: number): { pod: Sock[]; remote: Sock[]; podPorts: Set<number>; remotePorts: Set<number> } {
    let l = this.listeners.get(proto)
    if (!l) {
      const podPorts = new Set([...this.c.podPorts, ...this.facts.listen].filter((p) => p > 0 && p < 65536))
      const remotePorts = new Set(this.c.remotePorts.filter((p) => p > 0 && p < 65536))
      l = {
        pod: [...podPorts].toSorted((a, b) => a - b).map((port, i) => listener('pod', proto, port, -1 - i)),
        remote: [...remotePorts].toSorted((a, b) => a - b).map((port, i) => listener('remote', proto, port, -1000 - i)),
        podPorts,
        remotePorts,
      }
      this.listeners.set(proto, l)
    }
    return l
  }
}

export function listener(netns: 'pod' | 'remote', proto: number, port: number, id: number): Sock {
  return newSock(id, { netns, proto, state: proto === PROTO_TCP ? 'listen' : 'bound', localPort: port, transparent: true, owner: ROOT_OWNER })
}
