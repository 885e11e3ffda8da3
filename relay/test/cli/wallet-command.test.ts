// `weft wallet balance` and `weft wallet send`, run in process against a real node (the only
// validator of a fresh chain, with a faucet): balances in exact WEFT with their proofs checked,
// transfers signed from key files and followed to final, and the refusals made before sending.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { main } from '../../src/index.ts'
import {
  ApiTestNode,
  apiCall,
  apiPost,
  closedPort,
  TEST_KEY_PASSWORD,
  until,
  WEFT,
} from '../helpers/api-node.ts'
import { testIo } from '../helpers/command-io.ts'

const CHAIN = 'weft-wallet-test'
let node: ApiTestNode
/** 100 WEFT at genesis. */
let alice: string
/** Funded by the faucet in the first test. */
let carol: string
let carolAddress: string
/** Receives; holds no key file, so balances are asked by address. */
const bob = formatAddress(new Uint8Array(20).fill(0xb0))

before(async () => {
  node = await ApiTestNode.create(CHAIN)
  alice = await node.createKey('alice.json')
  carol = await node.createKey('carol.json')
  // Never funded.
  await node.createKey('empty.json')
  carolAddress = formatAddress(node.addressOf(carol))
  await node.start({
    accounts: [{ address: node.addressOf(alice), balance: 100n * WEFT }],
    faucetAmount: '2.5',
  })
})
after(() => node?.stop())

/** Runs `weft …` in process from the key files' folder, the API named by WEFT_API_URL. */
async function weft(argv: string[], env: Record<string, string> = {}) {
  const io = testIo({ cwd: node.dir, env: { WEFT_API_URL: node.api, ...env } })
  const status = await main(argv, io)
  return { status, out: io.out.join('\n'), err: io.err.join('\n') }
}

function field(out: string, name: string): string {
  const m = new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(out)
  assert.ok(m, `no ${name} in:\n${out}`)
  return m[1] as string
}

async function balanceOf(address: string): Promise<bigint> {
  return BigInt((await apiCall(node.api, `/v1/accounts/${address}`)).body.balance)
}

/** Base units as WEFT, the way the CLI prints them. */
function formatWeft(units: bigint): string {
  const fraction = (units % WEFT).toString().padStart(9, '0').replace(/0+$/, '')
  return fraction === '' ? `${units / WEFT}` : `${units / WEFT}.${fraction}`
}

async function text(req: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of req) body += chunk
  return body
}

async function final(hash: string): Promise<number> {
  return until(`${hash} to be final`, async () => {
    const { body } = await apiCall(node.api, `/v1/txs/${hash}`)
    return body.status === 'final' ? (body.height as number) : undefined
  })
}

describe('weft wallet balance', { timeout: 30_000 }, () => {
  it('is 0 for a fresh account, then the faucet amount, its proof verified', async () => {
    const fresh = await weft(['wallet', 'balance', carolAddress, '--verify'])
    assert.equal(fresh.status, 0, fresh.err)
    assert.equal(field(fresh.out, 'address'), carolAddress)
    assert.equal(field(fresh.out, 'balance'), '0 WEFT (0 base units)')
    assert.equal(field(fresh.out, 'nonce'), '0')
    // A proof of absence checks too.
    assert.match(field(fresh.out, 'proof'), /^verified against state root [0-9a-f]{64} at height/)

    const paid = await apiPost(node.api, '/v1/faucet', { address: carolAddress })
    assert.equal(paid.status, 202, JSON.stringify(paid.body))
    await final(paid.body.hash)

    // By key file this time: the same account.
    const funded = await weft(['wallet', 'balance', 'carol.json', '--verify'])
    assert.equal(funded.status, 0, funded.err)
    assert.equal(field(funded.out, 'address'), carolAddress)
    assert.equal(field(funded.out, 'balance'), '2.5 WEFT (2500000000 base units)')
    const height = field(funded.out, 'height')
    const root = (await apiCall(node.api, `/v1/blocks/${height}`)).body.header.stateRoot
    assert.equal(
      field(funded.out, 'proof'),
      `verified against state root ${root} at height ${height}`,
    )
    assert.match(funded.out, /the root is the one this node reported/)
  })

  it('exits 2 naming a mistyped address', async () => {
    const typo = `${bob.slice(0, -1)}${bob.endsWith('q') ? 'p' : 'q'}`
    const { status, out, err } = await weft(['wallet', 'balance', typo])
    assert.equal(status, 2)
    assert.equal(out, '')
    assert.equal(err, `weft wallet balance: "${typo}" has a typo: its checksum does not match`)
  })

  it('exits 1 saying so when no node answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const { status, err } = await weft(['wallet', 'balance', bob, '--api', url])
    assert.equal(status, 1)
    assert.equal(
      err,
      `weft wallet balance: cannot reach the node at ${url}: connect ECONNREFUSED ${url.slice(7)}`,
    )
  })
})

describe('weft wallet send', { timeout: 30_000 }, () => {
  it('sends with --wait until final; the recipient gains exactly the amount', async () => {
    const before = await balanceOf(bob)
    const { status, out, err } = await weft([
      'wallet',
      'send',
      '--from',
      'alice.json',
      '--to',
      bob,
      '--amount',
      '12.5',
      '--password-file',
      node.passwordFile,
      '--wait',
      '--timeout',
      '20',
    ])
    assert.equal(status, 0, err)
    assert.equal(field(out, 'to'), bob)
    assert.equal(field(out, 'amount'), '12.5 WEFT')
    assert.equal(field(out, 'nonce'), '0')
    const hash = field(out, 'hash')
    assert.match(hash, /^[0-9a-f]{64}$/)
    const height = /^height (\d+) \(block [0-9a-f]{64}\)$/.exec(field(out, 'final'))
    assert.ok(height !== null, out)
    const tx = (await apiCall(node.api, `/v1/txs/${hash}`)).body
    assert.equal(tx.status, 'final')
    assert.equal(tx.height, Number(height[1]))
    assert.equal(tx.error, null)
    assert.equal((await balanceOf(bob)) - before, 12_500_000_000n)
  })

  it('takes the password from WEFT_KEY_PASSWORD and the fees given', async () => {
    const before = await balanceOf(bob)
    const { status, out, err } = await weft(
      [
        'wallet',
        'send',
        '--from=alice.json',
        `--to=${bob}`,
        '--amount=0.000000001',
        '--max-fee=3000',
        '--tip=7',
      ],
      { WEFT_KEY_PASSWORD: TEST_KEY_PASSWORD },
    )
    assert.equal(status, 0, err)
    assert.equal(field(out, 'nonce'), '1')
    assert.equal(
      field(out, 'fee'),
      'at most 0.00045 WEFT (3000 per byte, tip 7 per byte, 150 bytes)',
    )
    const hash = field(out, 'hash')
    await final(hash)
    const tx = (await apiCall(node.api, `/v1/txs/${hash}`)).body.tx
    assert.equal(tx.maxFeePerByte, '3000')
    assert.equal(tx.tipPerByte, '7')
    assert.equal((await balanceOf(bob)) - before, 1n)
  })

  it('sends twice in a row without waiting: the second takes the next nonce', async () => {
    const send = (amount: string) =>
      weft([
        'wallet',
        'send',
        '--from',
        'alice.json',
        '--to',
        bob,
        '--amount',
        amount,
        '--password-file',
        node.passwordFile,
      ])
    const first = await send('1')
    assert.equal(first.status, 0, first.err)
    const second = await send('2')
    assert.equal(second.status, 0, second.err)
    assert.equal(BigInt(field(second.out, 'nonce')), BigInt(field(first.out, 'nonce')) + 1n)
  })

  it('falls back to polling where WebSockets do not pass, and says when time is up', async () => {
    // An HTTP-only proxy to the node: plain requests pass, WebSocket upgrades are cut.
    const proxy = createServer(async (req, res) => {
      const answer = await fetch(`${node.api}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        ...(req.method === 'POST' ? { body: await text(req) } : {}),
      })
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(await answer.text())
    })
    proxy.on('upgrade', (_req, socket) => socket.destroy())
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const api = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    try {
      const send = (amount: string, ...wait: string[]) =>
        weft(['wallet', 'send', '--from', 'carol.json', '--to', bob, '--amount', amount, ...wait], {
          WEFT_API_URL: api,
          WEFT_KEY_PASSWORD: TEST_KEY_PASSWORD,
        })
      const polled = await send('0.5', '--wait', '--timeout', '20')
      assert.equal(polled.status, 0, polled.err)
      assert.match(field(polled.out, 'final'), /^height \d+/)

      const late = await send('0.25', '--wait', '--timeout', '0.001')
      assert.equal(late.status, 1)
      const hash = field(late.out, 'hash')
      assert.match(
        late.err,
        new RegExp(
          `^weft wallet send: ${hash} is not final after 0\\.001 s \\(last seen \\w+\\); it may still be included$`,
        ),
      )
      await final(hash)
    } finally {
      proxy.closeAllConnections()
      await new Promise((resolve) => proxy.close(resolve))
    }
  })

  it('refuses more than the balance before asking a password or submitting', async () => {
    const mempool = (await apiCall(node.api, '/v1/mempool')).body.totals
    const carolBalance = await balanceOf(carolAddress)
    // No password anywhere: the refusal must come first.
    const { status, out, err } = await weft([
      'wallet',
      'send',
      '--from',
      'carol.json',
      '--to',
      bob,
      '--amount',
      '3',
      '--max-fee',
      '2000',
      '--tip',
      '0',
    ])
    assert.equal(status, 1)
    assert.equal(out, '')
    assert.equal(
      err,
      `weft wallet send: ${carolAddress} holds ${formatWeft(carolBalance)} WEFT; sending 3 WEFT with a fee of up to 0.0003 WEFT (2000 base units per byte × 150 bytes) needs 3.0003 WEFT: ${formatWeft(3_000_300_000n - carolBalance)} WEFT missing. Nothing was sent`,
    )
    const never = await weft([
      'wallet',
      'send',
      '--from',
      'empty.json',
      '--to',
      bob,
      '--amount',
      '1',
    ])
    assert.equal(never.status, 1)
    assert.match(never.err, /holds 0 WEFT; sending 1 WEFT .* WEFT missing\. Nothing was sent$/)
    assert.deepEqual((await apiCall(node.api, '/v1/mempool')).body.totals, mempool)
  })

  it('says why the core refuses a transfer, before sending it', async () => {
    const { status, err } = await weft(
      ['wallet', 'send', '--from', 'alice.json', '--to', bob, '--amount', '1', '--max-fee', '5'],
      { WEFT_KEY_PASSWORD: TEST_KEY_PASSWORD },
    )
    assert.equal(status, 1)
    assert.match(err, /the core refuses this transfer: TxError\.FeeBelowMinimum .*Nothing was sent/)
  })

  it('exits 2 naming a mistyped --to, and other values it cannot use', async () => {
    const typo = bob.replace(/.$/, (c) => (c === 'q' ? 'p' : 'q'))
    const cases: [string[], RegExp][] = [
      [
        ['--to', typo, '--amount', '1'],
        new RegExp(`^weft wallet send: --to: "${typo}" has a typo: its checksum does not match$`),
      ],
      [['--to', 'bob', '--amount', '1'], /--to: "bob" is not a Weft address/],
      [['--to', bob, '--amount', '1.0000000001'], /--amount '1\.0000000001' is not allowed/],
      [['--to', bob, '--amount', '0'], /--amount '0' is not allowed \(must be more than 0\)/],
      [['--to', bob], /--amount <WEFT> is required/],
      [['--to', bob, '--amount', '1', '--tip', '9', '--max-fee', '8'], /--tip 9 is above/],
      [['--to', bob, '--amount', '1', '--tip', '-1'], /--tip needs a value/],
      [['--to', bob, '--amount', '1', '--max-fee', '1.5'], /--max-fee '1\.5' is not allowed/],
      [['--to', bob, '--amount', '1', '--timeout', '5'], /--timeout is only used with --wait/],
      [['--to', bob, '--amount', '1', '--wait', '--timeout', '0'], /--timeout '0' is not/],
      [['--to', bob, '--amount', '1', '--memo', 'x'], /unknown flag --memo; allowed: --from/],
    ]
    for (const [args, message] of cases) {
      const { status, out, err } = await weft(['wallet', 'send', '--from', 'alice.json', ...args])
      assert.equal(status, 2, `${args.join(' ')}: ${err}`)
      assert.equal(out, '')
      assert.match(err, message)
    }
    const sub = await weft(['wallet', 'transfer'])
    assert.equal(sub.status, 2)
    assert.match(sub.err, /unknown command 'transfer'; allowed: balance, send/)
  })

  it('exits 1 saying so when no node answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const { status, err } = await weft([
      'wallet',
      'send',
      '--from',
      'alice.json',
      '--to',
      bob,
      '--amount',
      '1',
      '--api',
      url,
    ])
    assert.equal(status, 1)
    assert.equal(
      err,
      `weft wallet send: cannot reach the node at ${url}: connect ECONNREFUSED ${url.slice(7)}`,
    )
  })
})
