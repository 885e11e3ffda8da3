// The HTTP API, its WebSocket subscriptions and the metrics endpoint against a real node: `weft
// node` as a child process, the only validator of a fresh chain (blocks every quarter second),
// with a faucet. Every answer is checked as an outside tool would read it — JSON over HTTP.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { formatAddress } from '@weft/core'
import type { Transaction, WeftCore } from '@weft/wasm'
import { readKeyFile } from '../../src/index.ts'
import { type Answer, ApiTestNode, apiCall, apiPost, until, WEFT } from '../helpers/api-node.ts'
import type { WeftProcess } from '../helpers/weft-process.ts'

const CHAIN = 'weft-api-test'
const KEEP_BLOCKS = 30

let node: ApiTestNode
let core: WeftCore
let weft: WeftProcess
let api: string
let metrics: string
let validatorKey: Uint8Array
/** The first transfer, kept to look it up again once its block is pruned. */
let firstTransfer: { hash: string; height: number; blockHash: string }

const alice = new Uint8Array(32).fill(7)
const aliceKey = ed25519.getPublicKey(alice)
let aliceAddress: Uint8Array
const bob = new Uint8Array(20).fill(0xb0)

const call = (path: string, init: RequestInit = {}) => apiCall(api, path, init)
const post = (path: string, body: unknown) => apiPost(api, path, body)

/** Asserts the documented error shape: a 4xx (or the given status) with a code and a message. */
function assertError(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body))
  assert.equal(answer.body.error.code, code)
  assert.equal(typeof answer.body.error.message, 'string')
  assert.ok(answer.body.error.message.length > 0)
}

async function height(): Promise<number> {
  return (await call('/v1/status')).body.height
}

function transfer(nonce: bigint, amount: bigint, to = bob): Uint8Array {
  const tx: Transaction = {
    kind: 'transfer',
    sender: aliceKey,
    nonce,
    maxFeePerByte: 5000n,
    tipPerByte: 10n,
    to,
    amount,
  }
  const digest = core.chain.transactionSignDigest(CHAIN, tx)
  return core.chain.encodeTransaction({ ...tx, signature: ed25519.sign(digest, alice) })
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))

before(async () => {
  node = await ApiTestNode.create(CHAIN)
  core = node.core
  validatorKey = readKeyFile(node.validatorFile).publicKey
  aliceAddress = core.chain.addressOf(aliceKey)
  await node.start({
    accounts: [{ address: aliceAddress, balance: 1000n * WEFT }],
    faucetAmount: '2.5',
    // Few enough that the first blocks are pruned while the tests run.
    args: ['--prune', String(KEEP_BLOCKS)],
  })
  weft = node.weft
  api = node.api
  metrics = node.metrics
})

after(() => node?.stop())

describe('the HTTP API', { timeout: 120_000 }, () => {
  it('prints where it serves the API and metrics, on loopback', () => {
    assert.match(api, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.match(metrics, /^http:\/\/127\.0\.0\.1:\d+$/)
    assert.notEqual(api, metrics)
    assert.match(weft.stderr(), /^weft node: faucet weft1\w+ pays 2\.5 WEFT a request$/m)
  })

  it('GET /v1/status names the chain and how far it is', async () => {
    const { status, body, headers } = await call('/v1/status')
    assert.equal(status, 200)
    assert.match(headers.get('content-type') ?? '', /^application\/json/)
    assert.equal(body.chainId, CHAIN)
    assert.match(body.genesisHash, /^[0-9a-f]{64}$/)
    assert.ok(Number.isInteger(body.height) && body.height >= 2)
    assert.equal(body.finalizedHeight, body.height)
    assert.equal(body.peers, 0)
    assert.equal(body.syncing, false)
    assert.equal(body.validator, true)
    assert.match(body.nodeId, /^12D3KooW/)
    assert.deepEqual(body.history, { mode: 'prune', keepBlocks: KEEP_BLOCKS, lowestBlock: 1 })
  })

  it('GET /v1/blocks/latest lists the newest blocks first', async () => {
    const { status, body } = await call('/v1/blocks/latest?limit=2')
    assert.equal(status, 200)
    assert.equal(body.blocks.length, 2)
    const [first, second] = body.blocks
    assert.equal(first.height, second.height + 1)
    assert.equal(first.header.previousBlock, second.hash)
    assert.equal(first.header.height, String(first.height), 'u64 fields are decimal strings')
    assert.equal(typeof first.header.baseFeePerByte, 'string')
    assert.match(first.proposer, /^weft1/)
    const older = await call(`/v1/blocks/latest?limit=100&before=${first.height}`)
    assert.equal(older.body.blocks[0].height, second.height)
    assert.equal(older.body.blocks.at(-1).height, 1, 'paging stops at the first block')
    assertError(await call('/v1/blocks/latest?limit=0'), 400, 'BAD_QUERY')
    assertError(await call('/v1/blocks/latest?limit=101'), 400, 'BAD_QUERY')
    assertError(await call('/v1/blocks/latest?limit=ten'), 400, 'BAD_QUERY')
  })

  it('GET /v1/blocks/{height|hash} gives one block; 400 for neither, 404 for none', async () => {
    const byHeight = await call('/v1/blocks/1')
    assert.equal(byHeight.status, 200)
    assert.equal(byHeight.body.height, 1)
    assert.match(byHeight.body.hash, /^[0-9a-f]{64}$/)
    assert.equal(typeof byHeight.body.time, 'number')
    assert.deepEqual(byHeight.body.txs, [])
    const byHash = await call(`/v1/blocks/${byHeight.body.hash}`)
    assert.deepEqual(byHash.body, byHeight.body)
    const upper = await call(`/v1/blocks/${byHeight.body.hash.toUpperCase()}`)
    assert.equal(upper.body.height, 1)
    assertError(await call('/v1/blocks/xyz'), 400, 'BAD_BLOCK_ID')
    assertError(await call('/v1/blocks/-1'), 400, 'BAD_BLOCK_ID')
    assertError(await call('/v1/blocks/1e3'), 400, 'BAD_BLOCK_ID')
    assertError(await call('/v1/blocks/123456789'), 404, 'NOT_FOUND')
    assertError(await call('/v1/blocks/0'), 404, 'NOT_FOUND')
    assertError(await call(`/v1/blocks/${'ab'.repeat(32)}`), 404, 'NOT_FOUND')
  })

  it('POST /v1/txs takes a signed transfer: pending, then final with its proof', async () => {
    const tx = transfer(0n, 3n * WEFT)
    const submitted = await post('/v1/txs', { tx: hex(tx) })
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body))
    const hash = hex(core.views.id('transaction', tx))
    assert.equal(submitted.body.hash, hash)
    assert.equal(submitted.body.status, 'pending')

    assertError(await post('/v1/txs', { tx: hex(tx) }), 409, 'ALREADY_KNOWN')
    // Pooled or already final, the account's next transaction takes nonce 1.
    const waiting = (await call(`/v1/accounts/${formatAddress(aliceAddress)}`)).body
    assert.equal(waiting.pendingNonce, '1')

    const final = await until('the transfer to be final', async () => {
      const { body } = await call(`/v1/txs/${hash}`)
      assert.ok(['pending', 'final'].includes(body.status), body.status)
      return body.status === 'final' ? body : undefined
    })
    assert.equal(final.index, 0)
    assert.equal(final.error, null)
    firstTransfer = { hash, height: final.height, blockHash: final.blockHash }
    assert.equal(final.tx.from, formatAddress(aliceAddress))
    assert.equal(final.tx.to, formatAddress(bob))
    assert.equal(final.tx.amount, (3n * WEFT).toString())
    const block = (await call(`/v1/blocks/${final.height}`)).body
    assert.equal(final.blockHash, block.hash)
    assert.equal(block.txs[0].hash, hash)
    assert.equal(final.proof.txRoot, block.header.txRoot)
    const verified = core.blocks.verifyTxProof(bytes(block.header.txRoot), {
      txId: bytes(hash),
      index: BigInt(final.proof.index),
      count: BigInt(final.proof.count),
      path: bytes(final.proof.path.join('')),
    })
    assert.equal(verified, true)

    // Bob's account now holds the amount, and its proof checks against the returned root.
    const account = (await call(`/v1/accounts/${formatAddress(bob)}`)).body
    assert.equal(account.balance, (3n * WEFT).toString())
    assert.equal(account.nonce, '0')
    assert.equal(account.exists, true)
    const check = core.verifyStateProof(
      bytes(account.root),
      bytes(account.key),
      bytes(account.value),
      bytes(account.proof),
    )
    assert.deepEqual(check, { valid: true })
    assert.equal(core.views.decode('account', bytes(account.value)).balance, 3n * WEFT)
    const sender = (await call(`/v1/accounts/${formatAddress(aliceAddress)}`)).body
    assert.equal(sender.nonce, '1')
    assert.ok(BigInt(sender.balance) < 997n * WEFT, 'the amount and the fee left')
  })

  it('GET /v1/accounts proves an absent account empty', async () => {
    const nobody = formatAddress(new Uint8Array(20).fill(0x42))
    const { status, body } = await call(`/v1/accounts/${nobody}`)
    assert.equal(status, 200)
    assert.equal(body.balance, '0')
    assert.equal(body.nonce, '0')
    assert.equal(body.exists, false)
    assert.equal(body.value, null)
    const check = core.verifyStateProof(bytes(body.root), bytes(body.key), null, bytes(body.proof))
    assert.deepEqual(check, { valid: true })
  })

  it('GET /v1/txs answers unknown for a hash no one has seen, 400 for a bad hash', async () => {
    const { status, body } = await call(`/v1/txs/${'00'.repeat(32)}`)
    assert.equal(status, 200)
    assert.equal(body.status, 'unknown')
    assert.equal(body.proof, null)
    assertError(await call('/v1/txs/abc'), 400, 'BAD_TX_HASH')
  })

  it('refuses bad input with the documented 4xx, never a 5xx', async () => {
    assertError(await post('/v1/txs', { tx: 'zz' }), 400, 'BAD_HEX')
    assertError(await post('/v1/txs', { tx: 'abc' }), 400, 'BAD_HEX')
    assertError(await post('/v1/txs', { tx: 42 }), 400, 'BAD_HEX')
    assertError(await post('/v1/txs', ['tx']), 400, 'BAD_BODY')
    assertError(await post('/v1/txs', { tx: 'deadbeef' }), 400, 'MALFORMED')
    const forged = transfer(1n, WEFT)
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1
    const invalid = await post('/v1/txs', { tx: hex(forged) })
    assertError(invalid, 400, 'INVALID')
    assert.equal(invalid.body.error.reason, 'TxError.BadSignature')
    assertError(await post('/v1/txs', { tx: hex(transfer(0n, WEFT)) }), 409, 'NONCE_TOO_LOW')

    assertError(await call('/v1/accounts/weft1notanaddress'), 400, 'BAD_ADDRESS')
    const good = formatAddress(bob)
    const typo = await call(`/v1/accounts/${good.slice(0, -1)}${good.endsWith('q') ? 'p' : 'q'}`)
    assertError(typo, 400, 'BAD_ADDRESS')
    assert.match(typo.body.error.message, /checksum/)

    const malformed = await call('/v1/txs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tx":',
    })
    assertError(malformed, 400, 'MALFORMED_JSON')
    const wrongType = await call('/v1/txs', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ tx: '00' }),
    })
    assertError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE')
    const large = await post('/v1/txs', { tx: '00'.repeat(64 * 1024) })
    assertError(large, 413, 'BODY_TOO_LARGE')

    assertError(await call('/v1/nothing'), 404, 'NOT_FOUND')
    assertError(await call('/v2/status'), 404, 'NOT_FOUND')
    const wrongMethod = await call('/v1/status', { method: 'DELETE' })
    assertError(wrongMethod, 405, 'METHOD_NOT_ALLOWED')
    assert.match(wrongMethod.headers.get('allow') ?? '', /GET/)
    assertError(await call('/v1/blocks/latest', { method: 'POST' }), 405, 'METHOD_NOT_ALLOWED')
    assertError(await call('/v1/blocks/%E0%A4%A'), 400, 'BAD_PATH')
  })

  it('allows any origin without credentials (CORS)', async () => {
    const preflight = await fetch(`${api}/v1/txs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://wallet.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*')
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/)
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/)
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null)
    const { headers } = await call('/v1/status', { headers: { origin: 'https://x.example' } })
    assert.equal(headers.get('access-control-allow-origin'), '*')
  })

  it('answers HEAD like GET, without the body', async () => {
    const res = await fetch(`${api}/v1/status`, { method: 'HEAD' })
    assert.equal(res.status, 200)
    assert.ok(Number(res.headers.get('content-length')) > 0)
    assert.equal(await res.text(), '')
  })

  it('GET /v1/fees, /v1/mempool, /v1/validators and /v1/peers', async () => {
    const fees = (await call('/v1/fees')).body
    for (const level of ['nextBlock', 'fast', 'economy']) {
      assert.match(fees[level].maxFeePerByte, /^\d+$/)
      assert.match(fees[level].tipPerByte, /^\d+$/)
    }
    assert.match(fees.baseFeePerByte, /^\d+$/)
    const pool = (await call('/v1/mempool')).body
    assert.equal(typeof pool.count, 'number')
    assert.equal(pool.maxBytes, 8 * 1024 * 1024)
    assert.match(pool.baseFeePerByte, /^\d+$/)
    const validators = (await call('/v1/validators')).body
    assert.equal(validators.validators.length, 1)
    assert.equal(validators.validators[0].publicKey, hex(validatorKey))
    assert.equal(
      validators.validators[0].address,
      formatAddress(core.chain.addressOf(validatorKey)),
    )
    assert.equal(validators.validators[0].power, '1000')
    assert.equal(validators.totalPower, '1000')
    const peers = (await call('/v1/peers')).body
    assert.deepEqual(peers, { count: 0, peers: [], reputations: [] })
  })

  it('POST /v1/faucet pays an address, once a minute, and ten times an hour per IP', async () => {
    const first = new Uint8Array(20).fill(0xf1)
    const paid = await post('/v1/faucet', { address: formatAddress(first) })
    assert.equal(paid.status, 202, JSON.stringify(paid.body))
    assert.match(paid.body.hash, /^[0-9a-f]{64}$/)
    assert.equal(paid.body.amount, '2500000000')
    assert.match(paid.body.from, /^weft1/)
    const again = await post('/v1/faucet', { address: formatAddress(first) })
    assertError(again, 429, 'RATE_LIMITED')
    assert.ok(Number(again.headers.get('retry-after')) > 0)
    assertError(await post('/v1/faucet', { address: 'weft1nope' }), 400, 'BAD_ADDRESS')
    assertError(await post('/v1/faucet', {}), 400, 'BAD_ADDRESS')

    // Nine more addresses make ten from this IP within the hour; the eleventh is refused.
    const hashes = [paid.body.hash as string]
    for (let i = 0; i < 9; i++) {
      const answer = await post('/v1/faucet', {
        address: formatAddress(new Uint8Array(20).fill(0xe0 + i)),
      })
      assert.equal(answer.status, 202, JSON.stringify(answer.body))
      hashes.push(answer.body.hash)
    }
    const eleventh = await post('/v1/faucet', {
      address: formatAddress(new Uint8Array(20).fill(0xd0)),
    })
    assertError(eleventh, 429, 'RATE_LIMITED')

    // The faucet numbered its transfers itself: all of them land.
    await until('the faucet transfers to be final', async () => {
      for (const hash of hashes) {
        if ((await call(`/v1/txs/${hash}`)).body.status !== 'final') return undefined
      }
      return true
    })
    const account = (await call(`/v1/accounts/${formatAddress(first)}`)).body
    assert.equal(account.balance, '2500000000')
  })

  it('answers 410 for a pruned block, and still knows where its transactions landed', async () => {
    const lowest = await until(
      'the first transfer to be pruned',
      async () => {
        const { history } = (await call('/v1/status')).body
        return history.lowestBlock > firstTransfer.height ? history.lowestBlock : undefined
      },
      60_000,
    )
    const pruned = await call(`/v1/blocks/${firstTransfer.height}`)
    assertError(pruned, 410, 'PRUNED')
    assert.match(pruned.body.error.message, new RegExp(`prunes blocks below ${lowest}`))
    assert.equal(pruned.body.error.lowestBlock, lowest)
    assertError(await call(`/v1/blocks/${firstTransfer.blockHash}`), 404, 'NOT_FOUND')
    const latest = (await call('/v1/blocks/latest?limit=100')).body.blocks
    assert.equal(latest.at(-1).height, lowest, 'listings stop at the lowest kept block')
    const tx = (await call(`/v1/txs/${firstTransfer.hash}`)).body
    assert.equal(tx.status, 'final')
    assert.equal(tx.height, firstTransfer.height)
    assert.equal(tx.proof, null)
  })
})

describe('WebSocket subscriptions', { timeout: 60_000 }, () => {
  interface Socket {
    next(predicate: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
    send(message: unknown): void
    close(): void
  }

  async function connect(): Promise<Socket> {
    const ws = new WebSocket(`${api.replace('http', 'ws')}/v1/ws`)
    const received: Record<string, unknown>[] = []
    const waiting = new Set<() => void>()
    ws.addEventListener('message', (event) => {
      received.push(JSON.parse(String(event.data)))
      for (const w of [...waiting]) w()
    })
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve())
      ws.addEventListener('error', () => reject(new Error('the WebSocket did not open')))
    })
    return {
      next: (predicate) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no such message')), 15_000)
          const check = () => {
            const i = received.findIndex(predicate)
            if (i < 0) return
            const [m] = received.splice(i, 1)
            waiting.delete(check)
            clearTimeout(timer)
            resolve(m as Record<string, unknown>)
          }
          waiting.add(check)
          check()
        }),
      send: (message) => ws.send(JSON.stringify(message)),
      close: () => ws.close(),
    }
  }

  it('pushes each new block to a blocks subscriber', async () => {
    const socket = await connect()
    try {
      const now = await height()
      socket.send({ subscribe: 'blocks' })
      const subscribed = await socket.next((m) => m.type === 'subscribed')
      assert.equal(subscribed.subscribe, 'blocks')
      const event = await socket.next((m) => m.type === 'block')
      assert.equal(event.subscription, subscribed.subscription)
      const block = event.block as { height: number; hash: string }
      assert.ok(block.height > now)
      assert.equal((await call(`/v1/blocks/${block.height}`)).body.hash, block.hash)
      socket.send({ unsubscribe: subscribed.subscription })
      await socket.next((m) => m.type === 'unsubscribed')
    } finally {
      socket.close()
    }
  })

  it("follows a transaction to final, and an account's balance as it changes", async () => {
    const socket = await connect()
    try {
      const to = new Uint8Array(20).fill(0xc3)
      socket.send({ subscribe: 'account', address: formatAddress(to) })
      const empty = await socket.next((m) => m.type === 'account')
      assert.equal(empty.balance, '0')
      const nonce = BigInt((await call(`/v1/accounts/${formatAddress(aliceAddress)}`)).body.nonce)
      const tx = transfer(nonce, 7n, to)
      const hash = hex(core.views.id('transaction', tx))
      socket.send({ subscribe: 'tx', hash })
      const unknown = await socket.next((m) => m.type === 'tx')
      assert.equal(unknown.status, 'unknown')
      assert.equal((await post('/v1/txs', { tx: hex(tx) })).status, 202)
      const final = await socket.next((m) => m.type === 'tx' && m.status === 'final')
      assert.equal(final.hash, hash)
      assert.equal(typeof final.height, 'number')
      const funded = await socket.next((m) => m.type === 'account' && m.balance === '7')
      assert.equal(funded.height, final.height)
    } finally {
      socket.close()
    }
  })

  it('answers bad messages with an error and bounds subscriptions per connection', async () => {
    const socket = await connect()
    try {
      socket.send('not json')
      assert.equal(
        ((await socket.next((m) => m.type === 'error')).error as { code: string }).code,
        'BAD_MESSAGE',
      )
      socket.send({ subscribe: 'tx', hash: 'zz' })
      assert.equal(
        ((await socket.next((m) => m.type === 'error')).error as { code: string }).code,
        'BAD_TX_HASH',
      )
      for (let i = 0; i < 32; i++) socket.send({ subscribe: 'blocks' })
      socket.send({ subscribe: 'blocks' })
      assert.equal(
        ((await socket.next((m) => m.type === 'error')).error as { code: string }).code,
        'TOO_MANY_SUBSCRIPTIONS',
      )
    } finally {
      socket.close()
    }
  })
})

describe('metrics, health and readiness', { timeout: 30_000 }, () => {
  const scrape = async () => (await fetch(`${metrics}/metrics`)).text()
  const value = (text: string, name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `))
    return line === undefined ? undefined : Number(line.slice(name.length + 1))
  }

  it('exposes the chain height, and it rises', async () => {
    const res = await fetch(`${metrics}/metrics`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/)
    const text = await res.text()
    const first = value(text, 'weft_chain_height')
    assert.ok(first !== undefined && first >= 2, text)
    for (const name of [
      'weft_consensus_round',
      'weft_mempool_max_bytes',
      'weft_lmdb_bytes',
      'weft_sync_progress',
      'weft_relay_reservations',
      'weft_relay_circuits',
      'weft_connected_peers',
    ]) {
      assert.notEqual(value(text, name), undefined, name)
    }
    for (const series of [
      'weft_peers{transport="tcp"}',
      'weft_mempool_txs{state="pending"}',
      'weft_block_interval_seconds_bucket',
      'weft_block_validation_seconds_count',
      'weft_block_txs_total',
      'process_cpu_seconds_total',
    ]) {
      assert.ok(text.includes(series), series)
    }
    assert.ok((value(text, 'weft_lmdb_bytes') as number) > 0)
    await until('the height metric to rise', async () =>
      (value(await scrape(), 'weft_chain_height') as number) > first ? true : undefined,
    )
  })

  it('/healthz and /readyz: alive, and ready as the lone validator', async () => {
    const health = await fetch(`${metrics}/healthz`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok' })
    const ready = await fetch(`${metrics}/readyz`)
    assert.equal(ready.status, 200)
    assert.deepEqual(await ready.json(), { ready: true })
    assert.equal((await fetch(`${metrics}/other`)).status, 404)
    assert.equal((await fetch(`${metrics}/metrics`, { method: 'POST' })).status, 405)
  })
})

describe('stopping', { timeout: 30_000 }, () => {
  it('closes the servers and exits 0 on SIGTERM', async () => {
    weft.child.kill('SIGTERM')
    assert.equal(await weft.exited, 0)
    await assert.rejects(fetch(`${api}/v1/status`))
  })
})
