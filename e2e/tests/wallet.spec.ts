// The wallet end to end against a real one-validator devnet: two wallets in two browser
// contexts, funded from the faucet, a transfer followed to final, every balance verified by the
// light client in the page; then a reload, a wrong password and the right one. The page must
// run under its Content-Security-Policy without a single violation.
import { expect, test } from '@playwright/test'
import { watchPage } from './page-watch.ts'
import { createWallet, shot, withTypo } from './wallet-screens.ts'
import { type Devnet, startDevnet } from './weft-devnet.ts'

let devnet: Devnet

test.beforeAll(async () => {
  // Two scrypt key files, a genesis and a node start: more than a hook's default 30 s on a busy machine.
  test.setTimeout(60_000)
  devnet = await startDevnet()
})

test.afterAll(async () => {
  await devnet?.stop()
})

function walletUrl(d: Devnet): string {
  const params = new URLSearchParams({ genesis: d.genesisJson, node: d.node.ws, api: d.node.api })
  return `/?${params}`
}

test('create, fund, send and unlock again, with every balance verified in the page', async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000)
  const passwordA = 'correct horse battery staple'
  const contextA = await browser.newContext()
  const contextB = await browser.newContext()
  try {
    const a = await contextA.newPage()
    const b = await contextB.newPage()
    const watchA = watchPage(a)
    const watchB = watchPage(b)

    // Wallet A: the light client joins from the served genesis; a new wallet passes its backup check.
    await a.goto(walletUrl(devnet))
    await expect(a.getByTestId('verified-height')).toHaveText(/^verified height \d+$/)
    await expect(a.getByTestId('phrase-notice')).toContainText(
      'Weft never asks for your recovery phrase',
    )
    await shot(a, testInfo, 'a-welcome')
    const addressA = await createWallet(a, passwordA, { testInfo, prefix: 'a' })

    // Devnet coins over libp2p, shown once the light client proves them.
    await expect(a.getByTestId('balance')).toHaveText('0 WEFT')
    await a.getByRole('button', { name: 'Get devnet coins' }).click()
    await expect(a.getByTestId('faucet-status')).toContainText('The faucet sent 10 WEFT')
    await expect(a.getByTestId('balance')).toHaveText('10 WEFT', { timeout: 20_000 })
    await expect(a.getByTestId('balance-proof')).toHaveText(/^verified at height \d+$/)
    await shot(a, testInfo, 'a-home-funded')

    // Wallet B, in its own browser context (its own IndexedDB).
    await b.goto(walletUrl(devnet))
    const addressB = await createWallet(b, 'another long password')
    expect(addressB).not.toBe(addressA)

    // Send: a typo, then more than the balance, are refused before anything is signed.
    await a.getByRole('link', { name: 'Send' }).click()
    await a.getByLabel('To', { exact: true }).fill(withTypo(addressB))
    await a.getByLabel('Amount (WEFT)').fill('3')
    await a.getByRole('button', { name: 'Review' }).click()
    await expect(a.getByTestId('to-error')).toContainText('has a typo: its checksum does not match')

    await a.getByLabel('To', { exact: true }).fill(addressB)
    await a.getByLabel('Amount (WEFT)').fill('10')
    await a.getByRole('button', { name: 'Review' }).click()
    await expect(a.getByTestId('send-error')).toContainText('Insufficient funds')
    await expect(a.getByTestId('send-error')).toContainText('Nothing was signed')
    await expect(a.getByTestId('to-error')).toHaveCount(0)
    await expect(a.getByTestId('review')).toHaveCount(0)

    await a.getByLabel('Amount (WEFT)').fill('3')
    await a.getByRole('button', { name: 'Review' }).click()
    await expect(a.getByTestId('review-amount')).toHaveText('3 WEFT')
    await expect(a.getByTestId('review-total')).toHaveText(/^3\.\d+ WEFT$/)
    await shot(a, testInfo, 'a-send-review')
    await a.getByRole('button', { name: 'Sign and send' }).click()
    const status = a.getByTestId('tx-status')
    await expect(status).toHaveAttribute('data-stage', /^(pending|included|final)$/)
    await expect(status).toHaveAttribute('data-stage', 'final', { timeout: 30_000 })
    await expect(status).toContainText('verified here')
    await shot(a, testInfo, 'a-sent-final')

    // B sees what A sent, proven in B's own page; A's balance paid the amount and the fee.
    await expect(b.getByTestId('balance')).toHaveText('3 WEFT', { timeout: 20_000 })
    await expect(b.getByTestId('balance-proof')).toHaveText(/^verified at height \d+$/)
    await shot(b, testInfo, 'b-home-received')
    await a.getByRole('link', { name: 'Back to the account' }).click()
    await expect(a.getByTestId('balance')).toHaveText(/^6\.9\d* WEFT$/)
    await expect(a.getByTestId('nonce')).toHaveText('1')

    // A reload locks the wallet; a wrong password is refused, the right one opens it.
    await a.reload()
    await expect(a.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible()
    await a.getByLabel('Password').fill('not the password')
    await a.getByRole('button', { name: 'Unlock' }).click()
    await expect(a.getByTestId('unlock-error')).toContainText('Wrong password')
    await shot(a, testInfo, 'a-unlock-wrong-password')
    await a.getByLabel('Password').fill(passwordA)
    await a.getByRole('button', { name: 'Unlock' }).click()
    await expect(a.getByTestId('address')).toHaveText(addressA)
    await expect(a.getByTestId('balance')).toHaveText(/^6\.9\d* WEFT$/)
    await expect(a.getByTestId('balance-proof')).toHaveText(/^verified at height \d+$/)

    for (const watch of [watchA, watchB]) {
      expect(watch.cspViolations).toEqual([])
      expect(watch.pageErrors).toEqual([])
    }
  } finally {
    await contextA.close()
    await contextB.close()
  }
})
