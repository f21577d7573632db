import { join } from 'node:path'
import { build } from 'vite'

export interface RunnerBuild {
  /** The bench's Node side with the core: node/runner.ts bundled. */
  runner: string
  /** The app's kube-proxy example generator, bundled on its own. */
  generator: string
  ms: number
}

/**
 * The production build of the core for Node: node/runner.ts and everything it imports, bundled and minified into
 * one ESM file, as Vite bundles the same modules into the app's worker. It lives inside the repository
 * (node_modules/.cache), never in /tmp, so Node resolves it exactly like the rest of the project.
 *
 * The app's kube-proxy example generator (src/examples/kube-proxy.ts) is a second entry: the bench measures the
 * generator the app ships, and the layer rule (check-boundaries.mjs) keeps bench code from importing src/examples.
 */
export async function buildRunner(root: string, options: { minify?: boolean } = {}): Promise<RunnerBuild> {
  const outDir = join(root, 'node_modules', '.cache', 'istio-iptables-bench', 'runner')
  const start = performance.now()
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    publicDir: false,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      // Unminified only for `--cpu-prof` sessions, where function names matter.
      minify: options.minify !== false,
      target: 'node20',
      reportCompressedSize: false,
      rolldownOptions: {
        input: { runner: join(root, 'src/bench/node/runner.ts'), 'kube-proxy': join(root, 'src/examples/kube-proxy.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  })
  return { runner: join(outDir, 'runner.mjs'), generator: join(outDir, 'kube-proxy.mjs'), ms: performance.now() - start }
}
