/** Curated inputs a user can load from the header. Each names where its text came from. */
export interface Example {
  id: string
  title: { en: string; zh: string }
  load: () => Promise<string>
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'seed-001-vm-log',
    title: { en: 'Istio 1.9 VM start log (journald)', zh: 'Istio 1.9 虚拟机启动日志（journald）' },
    load: async () => (await import('./seed-001-istio-1.9-vm-log.txt?raw')).default,
  },
  {
    id: 'seed-000-k8s-listing',
    title: { en: 'Kubernetes sidecar, iptables -t nat -L -v (rules ①–⑨)', zh: 'Kubernetes sidecar，iptables -t nat -L -v（规则 ①–⑨）' },
    load: async () => (await import('./seed-000-k8s-nat-listing.txt?raw')).default,
  },
]

export const DEFAULT_EXAMPLE_ID = 'seed-001-vm-log'
