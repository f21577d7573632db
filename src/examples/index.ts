import type { ExampleCatalog } from '../store/commands.ts'

/** Curated inputs a user can load from the header. Each says where its text came from. */
interface Example {
  id: string
  title: { en: string; zh: string }
  generated?: { generator: 'kube-proxy'; services: number; seed: number }
  load?: () => Promise<string>
}

const EXAMPLES: readonly Example[] = [
  {
    id: 'seed-001-vm-log',
    title: { en: 'Istio 1.9 on a VM: start-up log (journald)', zh: 'Istio 1.9 虚拟机：启动日志（journald）' },
    load: async () => (await import('./seed-001-istio-1.9-vm-log.txt?raw')).default,
  },
  {
    id: 'seed-000-k8s-listing',
    title: { en: 'Kubernetes sidecar: iptables -t nat -L -v (rules ①–⑨)', zh: 'Kubernetes sidecar：iptables -t nat -L -v（规则 ①–⑨）' },
    load: async () => (await import('./seed-000-k8s-nat-listing.txt?raw')).default,
  },
  {
    id: 'k8s-latest-sidecar',
    title: { en: 'Kubernetes sidecar, Istio 1.25+ defaults (iptables-save)', zh: 'Kubernetes sidecar，Istio 1.25+ 默认配置（iptables-save）' },
    load: async () => (await import('./k8s-latest-sidecar.txt?raw')).default,
  },
  {
    id: 'k8s-tproxy-sidecar',
    title: { en: 'TPROXY interception mode (mangle + nat)', zh: 'TPROXY 拦截模式（mangle + nat）' },
    load: async () => (await import('./k8s-tproxy-sidecar.txt?raw')).default,
  },
  {
    id: 'k8s-dns-capture',
    title: { en: 'DNS capture to the agent on :15053', zh: 'DNS 捕获：转发到 agent 的 :15053' },
    load: async () => (await import('./k8s-dns-capture.txt?raw')).default,
  },
  {
    id: 'k8s-dual-stack-ipv6',
    title: { en: 'Dual stack: iptables-save + ip6tables-save', zh: '双栈：iptables-save + ip6tables-save' },
    load: async () => (await import('./k8s-dual-stack-ipv6.txt?raw')).default,
  },
  {
    id: 'kube-proxy-1000',
    title: { en: 'kube-proxy node, 1,000 services (generated)', zh: 'kube-proxy 节点，1,000 个 Service（生成）' },
    generated: { generator: 'kube-proxy', services: 1000, seed: 1 },
  },
]

export const DEFAULT_EXAMPLE_ID = 'seed-001-vm-log'

/** Generates a kube-proxy dump in a one-shot worker, or here when workers are unavailable. */
function generateKubeProxy(services: number, seed: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./kube-proxy.worker.ts', import.meta.url), { type: 'module', name: 'kube-proxy-example' })
    } catch {
      void import('./kube-proxy.ts').then((m) => resolve(m.generateKubeProxyDump({ services, seed }).text), reject)
      return
    }
    worker.addEventListener('message', (e: MessageEvent<string>) => {
      worker.terminate()
      resolve(e.data)
    })
    worker.addEventListener('error', (e) => {
      worker.terminate()
      reject(new Error(e.message || 'the example generator stopped'))
    })
    worker.postMessage({ services, seed })
  })
}

export function createExampleCatalog(): ExampleCatalog {
  return {
    list: EXAMPLES.map(({ id, title, generated }) => (generated ? { id, title, generated } : { id, title })),
    async load(id) {
      const example = EXAMPLES.find((e) => e.id === id)
      if (!example) throw new Error(`no example ${id}`)
      if (example.generated) return { text: await generateKubeProxy(example.generated.services, example.generated.seed), generated: example.generated }
      return { text: await (example.load as () => Promise<string>)() }
    },
    generate: (g) => generateKubeProxy(g.services, g.seed),
  }
}
