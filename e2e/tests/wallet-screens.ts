// Steps a user takes through the wallet's screens, shared by wallet specs: each acts only on
// what the page shows (labels, buttons, test ids) and waits on what it shows next.
import { expect, type Page, type TestInfo } from '@playwright/test'

/** A full-page screenshot kept in the test's output folder (test-results/, not committed). */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
}

/** Creates a wallet through the screens (phrase, backup check, password); returns its address. */
export async function createWallet(
  page: Page,
  password: string,
  screenshots?: { testInfo: TestInfo; prefix: string },
): Promise<string> {
  await page.getByRole('link', { name: 'Create a new wallet' }).click()
  const words = await page.getByTestId('phrase-word').allTextContents()
  expect(words).toHaveLength(24)
  if (screenshots) await shot(page, screenshots.testInfo, `${screenshots.prefix}-phrase`)
  await page.getByRole('button', { name: 'I have written it down' }).click()

  const asked = page.getByLabel(/^Word #\d+$/)
  await expect(asked).toHaveCount(3)
  for (const input of await asked.all()) {
    const label = await input.evaluate((el) => el.closest('label')?.textContent ?? '')
    const position = Number(/#(\d+)/.exec(label)?.[1])
    await input.fill(words[position - 1] as string)
  }
  if (screenshots) await shot(page, screenshots.testInfo, `${screenshots.prefix}-backup-check`)
  await page.getByRole('button', { name: 'Confirm' }).click()

  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Repeat password').fill(password)
  await page.getByRole('button', { name: 'Create wallet' }).click()
  const address = page.getByTestId('address')
  await expect(address).toHaveText(/^weft1[02-9ac-hj-np-z]{38}$/, { timeout: 20_000 })
  return (await address.textContent()) as string
}

/** The same address with one character changed: a typo bech32m's checksum must catch. */
export function withTypo(address: string): string {
  const i = 12
  const swapped = address[i] === 'q' ? 'p' : 'q'
  return `${address.slice(0, i)}${swapped}${address.slice(i + 1)}`
}
