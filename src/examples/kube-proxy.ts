import { mulberry32 as prng } from '../core/seeded-random.ts'

/**
 * A deterministic, kube-proxy-style (iptables mode) `iptables-save` dump of a node with `services` service ports:
 * nat KUBE-SERVICES with one ClusterIP jump per service, KUBE-SVC-* chains spreading connections over their
 * endpoints with `-m statistic --mode random`, KUBE-SEP-* chains that DNAT to a pod, NodePort KUBE-EXT-* chains, and
 * the filter chains kube-proxy always installs. Same (services, seed) → same text, in any JavaScript engine.
 * Pure: used by the example picker (in a worker) and by the benchmark.
 */
export interface KubeProxyOptions {
  services: number
  seed?: number
}

export interface KubeProxyDump {
  text: string
  stats: { services: number; withEndpoints: number; endpoints: number; nodePorts: number; rules: number; chains: number; lines: number }
}

const CLUSTER_CIDR = '10.244.0.0/16'
const WORDS = ['api', 'web', 'auth', 'cart', 'search', 'db', 'cache', 'queue', 'mail', 'report', 'billing', 'user', 'order', 'inventory', 'gateway', 'metrics', 'logs', 'media', 'chat', 'feed']
const NAMESPACES = ['default', 'prod', 'staging', 'payments', 'platform', 'data', 'ml', 'frontend', 'backend', 'monitoring', 'kube-system', 'istio-system']
const PORTS: readonly (readonly [number, string])[] = [
  [80, 'http'], [443, 'https'], [8080, 'http-alt'], [9090, 'metrics'], [5432, 'postgres'],
  [6379, 'redis'], [3306, 'mysql'], [8443, 'grpc'], [9200, 'es'], [53, 'dns'],
]
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** kube-proxy names chains base32(sha256(…))[:16]; any stable 80-bit hash gives the same look. */
function chainName(prefix: string, key: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x9e3779b9
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13)
  }
  let out = prefix
  let bits = (BigInt(h1 >>> 0) << 32n) | BigInt(h2 >>> 0)
  bits = (bits << 16n) | BigInt(Math.imul(h1 ^ h2, 0x27d4eb2d) >>> 16)
  for (let i = 0; i < 16; i++) {
    out += BASE32[Number(bits & 31n)]
    bits >>= 5n
  }
  return out
}

/** libxt_statistic stores round(2^31 · p) and iptables-save prints it with 11 decimals. */
function probability(p: number): string {
  return (Math.round(0x80000000 * p) / 0x80000000).toFixed(11)
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function add(table: Map<string, string[]>, chain: string, rule: string): void {
  const list = table.get(chain)
  if (list) list.push(rule)
  else table.set(chain, [rule])
}

export function generateKubeProxyDump({ services, seed = 1 }: KubeProxyOptions): KubeProxyDump {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const nat = new Map<string, string[]>()
  const filter = new Map<string, string[]>()
  const natChains = new Set(['KUBE-KUBELET-CANARY', 'KUBE-MARK-DROP', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES'])
  const filterChains = new Set(['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES'])

  const fw = '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL'
  add(filter, 'INPUT', fw)
  add(filter, 'INPUT', '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS')
  add(filter, 'INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES')
  add(filter, 'INPUT', '-j KUBE-FIREWALL')
  add(filter, 'FORWARD', fw)
  add(filter, 'FORWARD', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD')
  add(filter, 'FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  add(filter, 'FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES')
  add(filter, 'OUTPUT', fw)
  add(filter, 'OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  add(filter, 'OUTPUT', '-j KUBE-FIREWALL')
  add(filter, 'KUBE-FIREWALL', '! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP')
  add(filter, 'KUBE-FORWARD', '-m conntrack --ctstate INVALID -j DROP')
  add(filter, 'KUBE-FORWARD', '-m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT')
  add(filter, 'KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT')
  add(nat, 'PREROUTING', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  add(nat, 'OUTPUT', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
  add(nat, 'POSTROUTING', '-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING')
  add(nat, 'KUBE-MARK-DROP', '-j MARK --set-xmark 0x8000/0x8000')
  add(nat, 'KUBE-MARK-MASQ', '-j MARK --set-xmark 0x4000/0x4000')
  add(nat, 'KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN')
  add(nat, 'KUBE-POSTROUTING', '-j MARK --set-xmark 0x4000/0x0')
  add(nat, 'KUBE-POSTROUTING', '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully')

  const usedVips = new Set<number>()
  const nextNodePort = { tcp: 30000, udp: 30000 }
  const nodePortRules: string[] = []
  const stats = { services, withEndpoints: 0, endpoints: 0, nodePorts: 0, rules: 0, chains: 0, lines: 0 }
  let pods = 0
  for (let i = 0; i < services; i++) {
    const ns = pick(NAMESPACES)
    const name = `${pick(WORDS)}-${pick(WORDS)}-${i}`
    const [port, portName] = pick(PORTS)
    const proto = portName === 'dns' && random() < 0.7 ? 'udp' : 'tcp'
    const svcPort = `${ns}/${name}:${portName}`
    let v: number
    do v = 1 + Math.floor(random() * ((1 << 20) - 2))
    while (usedVips.has(v))
    usedVips.add(v)
    const vip = `10.${96 + (v >> 16)}.${(v >> 8) & 0xff}.${v & 0xff}`
    const r = random()
    const endpoints = r < 0.05 ? 0 : r < 0.4 ? 1 : r < 0.65 ? 2 : r < 0.85 ? 3 : r < 0.95 ? 5 : 10
    const nodePort = random() < 0.1
    const targetPort = random() < 0.5 ? port : 8000 + Math.floor(random() * 100)
    const svcChain = chainName('KUBE-SVC-', svcPort + proto)
    const matchService = `-p ${proto} -m comment --comment ${quoted(`${svcPort} cluster IP`)} -m ${proto} --dport ${port}`
    if (endpoints === 0) {
      add(filter, 'KUBE-SERVICES', `-d ${vip}/32 -p ${proto} -m comment --comment ${quoted(`${svcPort} has no endpoints`)} -m ${proto} --dport ${port} -j REJECT --reject-with icmp-port-unreachable`)
      continue
    }
    stats.withEndpoints++
    stats.endpoints += endpoints
    natChains.add(svcChain)
    add(nat, 'KUBE-SERVICES', `-d ${vip}/32 ${matchService} -j ${svcChain}`)
    add(nat, svcChain, `! -s ${CLUSTER_CIDR} -d ${vip}/32 ${matchService} -j KUBE-MARK-MASQ`)
    const eps: string[] = []
    for (let k = 0; k < endpoints; k++) {
      pods++
      const n = (pods % 65534) + 1
      eps.push(`10.244.${n >> 8}.${n & 0xff}:${targetPort}`)
    }
    eps.sort()
    eps.forEach((ep, k) => {
      const sep = chainName('KUBE-SEP-', svcPort + proto + ep)
      natChains.add(sep)
      const left = endpoints - k
      const comment = `-m comment --comment ${quoted(`${svcPort} -> ${ep}`)}`
      add(nat, svcChain, left > 1 ? `${comment} -m statistic --mode random --probability ${probability(1 / left)} -j ${sep}` : `${comment} -j ${sep}`)
      add(nat, sep, `-s ${ep.split(':')[0]}/32 -m comment --comment ${quoted(svcPort)} -j KUBE-MARK-MASQ`)
      add(nat, sep, `-p ${proto} -m comment --comment ${quoted(svcPort)} -m ${proto} -j DNAT --to-destination ${ep}`)
    })
    if (nodePort && nextNodePort[proto] <= 32767) {
      const np = nextNodePort[proto]++
      stats.nodePorts++
      const ext = chainName('KUBE-EXT-', svcPort + proto)
      natChains.add(ext)
      nodePortRules.push(`-p ${proto} -m comment --comment ${quoted(svcPort)} -m ${proto} --dport ${np} -j ${ext}`)
      add(nat, ext, `-m comment --comment ${quoted(`masquerade traffic for ${svcPort} external destinations`)} -j KUBE-MARK-MASQ`)
      add(nat, ext, `-j ${svcChain}`)
    }
  }
  for (const rule of nodePortRules) add(nat, 'KUBE-NODEPORTS', rule)
  add(nat, 'KUBE-SERVICES', '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS')

  const out: string[] = []
  const render = (table: string, builtins: string[], chains: Set<string>, rules: Map<string, string[]>) => {
    out.push('# Generated by iptables-save v1.8.9 on Thu Jan  1 00:00:00 1970', `*${table}`)
    for (const b of builtins) out.push(`:${b} ACCEPT [0:0]`)
    const user = [...chains].toSorted()
    for (const c of user) out.push(`:${c} - [0:0]`)
    for (const c of [...builtins, ...user]) {
      for (const r of rules.get(c) ?? []) {
        out.push(`-A ${c} ${r}`)
        stats.rules++
      }
    }
    out.push('COMMIT', '# Completed on Thu Jan  1 00:00:00 1970')
    stats.chains += user.length
  }
  render('filter', ['INPUT', 'FORWARD', 'OUTPUT'], filterChains, filter)
  render('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], natChains, nat)
  stats.lines = out.length
  return { text: out.join('\n') + '\n', stats }
}
