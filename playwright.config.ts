import { defineConfig, devices } from '@playwright/test'

// E2E_PORT / E2E_OUT let two runs on one machine use their own port and build folder; npm test uses the defaults.
const port = Number(process.env.E2E_PORT ?? 4173)
const out = process.env.E2E_OUT ?? 'dist'
const suffix = port === 4173 ? '' : `-${port}`

export default defineConfig({
  testDir: 'e2e',
  outputDir: `test-results${suffix}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [[process.env.CI ? 'line' : 'list'], ['json', { outputFile: `reports/playwright${suffix}.json` }]],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    },
  },
  webServer: {
    command: `npx vite build --outDir ${out} --emptyOutDir && npx vite preview --outDir ${out} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
