// The page without a usable chain config, and its Content-Security-Policy: no node needed.
import { expect, test } from '@playwright/test'
import { watchPage } from './page-watch.ts'

const GENESIS = encodeURIComponent('{"chainId":"weft-devnet"}')

test('a page without a genesis says how to give one', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('config-error')).toContainText(
    'no genesis: open this page with ?genesis=',
  )
  await expect(page.getByTestId('phrase-notice')).toContainText(
    'Weft never asks for your recovery phrase',
  )
})

test('a malformed ?node= is named in the error', async ({ page }) => {
  await page.goto(`/?genesis=${GENESIS}&node=/ip4/127.0.0.1/tcp/notaport/ws&api=http://127.0.0.1:1`)
  await expect(page.getByTestId('config-error')).toContainText(
    '?node=/ip4/127.0.0.1/tcp/notaport/ws is not a valid multiaddr',
  )
})

test('the served page refuses inline script under its Content-Security-Policy', async ({
  page,
}) => {
  const watch = watchPage(page)
  await page.goto('/')
  await expect(page.getByTestId('config-error')).toBeVisible()
  expect(watch.cspViolations).toEqual([])
  // What an injection would try: the policy must stop it, and the browser must say so.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.append(script)
    return (window as unknown as { __injected?: boolean }).__injected === true
  })
  expect(ran).toBe(false)
  await expect.poll(() => watch.cspViolations.length).toBeGreaterThan(0)
  expect(watch.cspViolations[0]).toContain("script-src 'self' 'wasm-unsafe-eval'")
})
