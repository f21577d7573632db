import { generateKubeProxyDump } from './kube-proxy.ts'

// One-shot worker: builds a kube-proxy dump off the main thread and posts the text back.
self.addEventListener('message', (event: MessageEvent<{ services: number; seed: number }>) => {
  const { services, seed } = event.data
  self.postMessage(generateKubeProxyDump({ services, seed }).text)
})
