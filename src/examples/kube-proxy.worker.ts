import { generateKubeProxyDump } from './kube-proxy.ts'

/** The worker's global scope (the app's TypeScript config has the DOM library, not WebWorker). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<{ services: number; seed: number }>) => void): void
  postMessage(message: unknown, transfer: Transferable[]): void
}

// One-shot worker: builds a kube-proxy dump off the main thread and posts the text back.
scope.addEventListener('message', (event) => {
  const { services, seed } = event.data
  scope.postMessage(generateKubeProxyDump({ services, seed }).text, [])
})
