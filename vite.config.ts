/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

/**
 * Runs src/boot.ts (an entry of its own) from a script at the top of the built index.html, ahead of the app's module
 * graph: a worker's thread starts only when the page's main thread is free, and the app's script keeps it busy for a
 * few hundred milliseconds once downloaded. Started here, the engine worker loads while the rest downloads.
 * main.tsx imports the same chunk, so the worker it started is the one the app uses.
 */
function bootFirst(): Plugin {
  return {
    name: 'boot-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
        if (!boot) return html
        return { html, tags: [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' }] }
      },
    },
  }
}

export default defineConfig({
  plugins: [react(), tailwindcss(), bootFirst()],
  worker: { format: 'es' },
  optimizeDeps: { include: ['elkjs/lib/elk.bundled.js', 'comlink'] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      input: { index: 'index.html', boot: 'src/boot.ts' },
      checks: { pluginTimings: false },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              priority: 10,
              test: /node_modules[\\/](react|react-dom|scheduler|@xyflow|zustand|classcat|d3-[a-z-]+)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
})
