// How long unlocking the wallet's vault takes (docs/wallet.md): the real openVault with the
// default KDF in Node, the same scrypt (@noble/hashes) in headless Chromium as the web app runs
// it, and beside them the references from the same run — scrypt natively (node:crypto, OpenSSL)
// and PBKDF2-SHA256 at 600 000 iterations through WebCrypto. Each figure is the median of 3.
// Usage: node bench/wallet-kdf.ts
import { scrypt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import {
  createVault,
  DEFAULT_VAULT_KDF,
  generateMnemonic,
  openVault,
  PBKDF2_VAULT_KDF,
} from '@weft/core'

const RUNS = 3
const CHROMIUM = '/usr/bin/chromium'
const PASSWORD = 'correct horse battery staple'
const { N, r, p } = DEFAULT_VAULT_KDF
const iterations = PBKDF2_VAULT_KDF.iterations
const nobleDir = fileURLToPath(new URL('../node_modules/@noble/hashes/', import.meta.url))

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number
}

function pbkdf2(salt: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle
    .importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, ['deriveBits'])
    .then((key) =>
      crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256),
    )
}

const salt = crypto.getRandomValues(new Uint8Array(32))
const record = await createVault({ phrase: generateMnemonic(), accounts: [{ index: 0 }] }, PASSWORD)
const rows: [string, number][] = [
  [
    `openVault, scrypt N=2^${Math.log2(N)} r=${r} p=${p} (@noble/hashes), Node`,
    await median(() => openVault(record, PASSWORD)),
  ],
  [
    `scrypt N=2^${Math.log2(N)} r=${r} p=${p}, node:crypto (native reference)`,
    await median(
      () =>
        new Promise((resolve, reject) =>
          scrypt(PASSWORD, salt, 32, { N, r, p, maxmem: 2 ** 30 }, (e, k) =>
            e ? reject(e) : resolve(k),
          ),
        ),
    ),
  ],
  [`PBKDF2-SHA256 ${iterations} iterations, WebCrypto, Node`, await median(() => pbkdf2(salt))],
]

if (existsSync(CHROMIUM)) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage()
    // The page imports @noble/hashes' own ES modules, served from disk by the route below; the
    // origin is localhost because WebCrypto's subtle API exists only in secure contexts.
    await page.route('http://localhost:9/**', async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1)
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html>' })
      return route.fulfill({
        contentType: 'text/javascript',
        body: await readFile(nobleDir + name, 'utf8'),
      })
    })
    await page.goto('http://localhost:9/')
    const inBrowser = await page.evaluate(
      async ({ N, r, p, iterations, runs }) => {
        const { scryptAsync } = await import('/scrypt.js' as string)
        const salt = crypto.getRandomValues(new Uint8Array(32))
        const time = async (run: () => Promise<unknown>) => {
          const times: number[] = []
          for (let i = 0; i < runs; i++) {
            const start = performance.now()
            await run()
            times.push(performance.now() - start)
          }
          return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number
        }
        const scryptMs = await time(() =>
          scryptAsync('password', salt, { N, r, p, dkLen: 32, maxmem: 2 ** 30 + 4096 }),
        )
        const pbkdf2Ms = await time(async () => {
          const key = await crypto.subtle.importKey(
            'raw',
            new TextEncoder().encode('password'),
            'PBKDF2',
            false,
            ['deriveBits'],
          )
          return crypto.subtle.deriveBits(
            { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
            key,
            256,
          )
        })
        return { scryptMs, pbkdf2Ms, agent: navigator.userAgent }
      },
      { N, r, p, iterations, runs: RUNS },
    )
    const version = /Chrome\/([\d.]+)/.exec(inBrowser.agent)?.[1] ?? '?'
    rows.push([
      `scrypt N=2^${Math.log2(N)} r=${r} p=${p} (@noble/hashes), Chromium ${version}`,
      inBrowser.scryptMs,
    ])
    rows.push([
      `PBKDF2-SHA256 ${iterations} iterations, WebCrypto, Chromium ${version}`,
      inBrowser.pbkdf2Ms,
    ])
  } finally {
    await browser.close()
  }
} else {
  console.log(`(no ${CHROMIUM}: browser figures skipped)`)
}

const reference = rows[1]?.[1] ?? 1
for (const [name, ms] of rows) {
  console.log(
    `${name.padEnd(72)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / reference).toFixed(2)}× native scrypt`,
  )
}
