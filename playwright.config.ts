// Playwright drives the web app in Debian's Chromium against real Weft nodes on loopback.
// The app is built and served by `vite preview` on a port chosen here; each spec starts the
// nodes it needs (see e2e/tests/weft-node.ts).
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

const root = fileURLToPath(new URL('.', import.meta.url))
// The pinned Node 24 runs Vite whatever PATH holds (the system Node is too old for it).
const vite = `${root}node_modules/.bin/node ${root}node_modules/vite/bin/vite.js`

/** A port the OS says is free now; Vite is told to fail rather than drift if it is taken. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

// Workers load this file again; the port chosen by the runner reaches them through the environment.
process.env.WEFT_WEB_PORT ??= String(await freePort())
const port = Number(process.env.WEFT_WEB_PORT)
const baseURL = `http://127.0.0.1:${port}`

export default defineConfig({
  testDir: 'e2e/tests',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Lets WebRTC use loopback candidates instead of mDNS names that nothing here resolves.
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    },
  },
  webServer: {
    // The production build, served as a static site: what a user's browser would get.
    command: `${vite} build --logLevel warn && ${vite} preview --host 127.0.0.1 --port ${port} --strictPort`,
    cwd: 'apps/web',
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
