import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface InputsArgs {
  dir: string
  sizes: number[]
  seed: number
  /** The bundled kube-proxy example generator (see build-runner.ts). */
  generator: string
}

export interface InputFile {
  services: number
  path: string
  bytes: number
  lines: number
  rules: number
  chains: number
  generateMs: number
}

/** The part of src/examples/kube-proxy.ts the bench uses (that module is bundled on its own; see build-runner.ts). */
interface KubeProxyModule {
  generateKubeProxyDump(options: { services: number; seed: number }): {
    text: string
    stats: { rules: number; chains: number; lines: number }
  }
}

/** Writes one kube-proxy-style dump per size, so our parser and iptables-restore read the very same bytes. */
export async function writeInputs(args: InputsArgs): Promise<InputFile[]> {
  const { generateKubeProxyDump } = (await import(pathToFileURL(args.generator).href)) as KubeProxyModule
  return args.sizes.map((services) => {
    const start = performance.now()
    const dump = generateKubeProxyDump({ services, seed: args.seed })
    const generateMs = performance.now() - start
    const path = join(args.dir, `kube-proxy-${services}-seed${args.seed}.rules`)
    writeFileSync(path, dump.text)
    const { rules, chains, lines } = dump.stats
    return { services, path, bytes: Buffer.byteLength(dump.text), lines, rules, chains, generateMs }
  })
}
