// The first vertical slice, end to end: a real node, the built web app in Chromium. The page
// loads the consensus core, connects over WebSockets, signs, and the node verifies.
import { createServer } from 'node:net'
import { expect, test } from '@playwright/test'
import { type RunningNode, startWeftNode } from './weft-node.ts'

let node: RunningNode

test.beforeAll(async () => {
  node = await startWeftNode()
})

test.afterAll(async () => {
  await node?.stop()
})

function pageFor(nodeAddr: string, extra = ''): string {
  return `/?node=${encodeURIComponent(nodeAddr)}${extra}`
}

test('the node verifies the page’s signature, and reports a tampered one invalid', async ({
  page,
}) => {
  await page.goto(pageFor(node.ws))
  await expect(page.getByTestId('peer-id')).toHaveText(node.peerId)
  await expect(page.getByTestId('core-status')).toHaveText('loaded')
  await expect(page.getByTestId('local-result')).toHaveText('valid')
  await expect(page.getByTestId('remote-result')).toHaveText('valid')

  await page.getByTestId('send-tampered').click()
  await expect(page.getByTestId('tampered-local-result')).toHaveText('invalid')
  await expect(page.getByTestId('tampered-remote-result')).toHaveText('invalid')
})

test('?tamper=1 sends the tampered signature without a click', async ({ page }) => {
  await page.goto(pageFor(node.ws, '&tamper=1'))
  await expect(page.getByTestId('remote-result')).toHaveText('valid')
  await expect(page.getByTestId('tampered-remote-result')).toHaveText('invalid')
})

test('a page without ?node= says how to give one', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('error')).toContainText('open this page with ?node=<multiaddr>')
})

test('a malformed ?node= is named in the error', async ({ page }) => {
  await page.goto(pageFor('/ip4/127.0.0.1/tcp/notaport/ws'))
  await expect(page.getByTestId('error')).toContainText(
    '?node=/ip4/127.0.0.1/tcp/notaport/ws is not a valid multiaddr',
  )
})

test('a node that is not listening shows as a connection error', async ({ page }) => {
  // A port that was free a moment ago: nothing answers there, so the dial is refused.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      )
    })
  })
  const absent = `/ip4/127.0.0.1/tcp/${port}/ws/p2p/${node.peerId}`
  await page.goto(pageFor(absent))
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'failed')
  await expect(page.getByTestId('connection')).toContainText(`cannot open a WebSocket to ${absent}`)
  await expect(page.getByTestId('remote-result')).toHaveAttribute('data-state', 'failed')
  await expect(page.getByTestId('local-result')).toHaveText('valid')
})
