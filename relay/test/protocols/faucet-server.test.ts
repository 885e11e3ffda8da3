// /weft/faucet/1.0.0's answers from a Faucet over a stub chain: limits per peer (relayed callers,
// whose IP is their relay's) and per IP (direct callers inventing peer ids), a refusal the client
// can read when the faucet cannot pay, and a clear BAD_REQUEST for anything not an address.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Connection } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { type AddResult, decodeFaucetAnswer } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { Faucet } from '../../src/faucet/faucet.ts'
import { answerFaucetRequest } from '../../src/protocols/faucet-server.ts'

const core = await loadCore()

function stubFaucet(submit: (tx: Uint8Array) => AddResult = paid) {
  return new Faucet(
    {
      core,
      chain: {
        chainId: 'faucet-test',
        head: { height: 1, blockId: new Uint8Array(32), root: new Uint8Array(32) },
        tree: { get: () => undefined } as never,
      },
      mempool: {
        status: (id) => ({ id: String(id), status: 'pending' }),
        estimateFees: () => ({ fast: { maxFeePerByte: 100n, tipPerByte: 1n } }) as never,
      },
      submitTx: async (tx) => submit(tx),
      publicKey: new Uint8Array(32).fill(5),
      sign: () => new Uint8Array(64),
    },
    { amount: 7n, peerLimit: 2, ipLimit: 3 },
  )
}

function paid(tx: Uint8Array): AddResult {
  return { ok: true, id: Buffer.from(core.sha256(tx)).toString('hex'), queued: false }
}

type Caller = Pick<Connection, 'remotePeer' | 'remoteAddr' | 'direct'>

function caller(peer: string, address: string, direct: boolean): Caller {
  return {
    remotePeer: { toString: () => peer } as Connection['remotePeer'],
    remoteAddr: multiaddr(address),
    direct,
  }
}

const to = (n: number) => new Uint8Array(20).fill(n)

async function ask(faucet: Faucet, address: Uint8Array, from: Caller) {
  return decodeFaucetAnswer(await answerFaucetRequest(faucet, address, from))
}

describe('the faucet over libp2p', () => {
  it('pays, and says what it paid and from which account', async () => {
    const faucet = stubFaucet()
    const answer = await ask(faucet, to(1), caller('peerA', '/ip4/10.0.0.1/tcp/4001', true))
    assert.equal(answer.status, 'OK')
    assert.ok(answer.status === 'OK')
    assert.equal(answer.amount, 7n)
    assert.equal(answer.txId.length, 32)
    assert.equal(
      Buffer.from(answer.from).toString('hex'),
      Buffer.from(core.chain.addressOf(new Uint8Array(32).fill(5))).toString('hex'),
    )
  })

  it('limits a relayed peer by its id, not by its relay’s IP', async () => {
    const faucet = stubFaucet()
    const relayed =
      '/ip4/10.0.0.9/tcp/4001/p2p/12D3KooWRelayRelayRelayRelayRelayRelayRelayRelayRela/p2p-circuit'
    const a = caller('peerA', relayed, false)
    assert.equal((await ask(faucet, to(1), a)).status, 'OK')
    assert.equal((await ask(faucet, to(2), a)).status, 'OK')
    const third = await ask(faucet, to(3), a)
    assert.equal(third.status, 'RATE_LIMITED')
    assert.ok(third.status === 'RATE_LIMITED')
    assert.match(third.message, /this peer asked too often/)
    assert.ok((third.retryAfterMs ?? 0) > 0)
    // Other browsers behind the same relay are not charged for peerA's requests.
    for (let i = 0; i < 4; i++) {
      const other = caller(`peer${i}`, relayed, false)
      assert.equal((await ask(faucet, to(10 + i), other)).status, 'OK')
    }
  })

  it('limits a direct caller by IP however many peer ids it makes up', async () => {
    const faucet = stubFaucet()
    for (let i = 0; i < 3; i++) {
      const fresh = caller(`fresh${i}`, '/ip4/10.0.0.2/tcp/4001', true)
      assert.equal((await ask(faucet, to(20 + i), fresh)).status, 'OK')
    }
    const fourth = await ask(faucet, to(30), caller('fresh9', '/ip4/10.0.0.2/tcp/4001', true))
    assert.equal(fourth.status, 'RATE_LIMITED')
    assert.ok(fourth.status === 'RATE_LIMITED')
    assert.match(fourth.message, /this IP asked too often/)
  })

  it('pays an address once, whoever asks for it', async () => {
    const faucet = stubFaucet()
    assert.equal((await ask(faucet, to(1), caller('p1', '/ip4/10.0.0.3/tcp/1', true))).status, 'OK')
    const again = await ask(faucet, to(1), caller('p2', '/ip4/10.0.0.4/tcp/1', true))
    assert.equal(again.status, 'RATE_LIMITED')
  })

  it('answers UNAVAILABLE when its account cannot pay, and does not count the refusal', async () => {
    let broke = true
    const faucet = stubFaucet((tx) =>
      broke
        ? {
            ok: false,
            code: 'INVALID',
            message: 'cannot pay',
            reason: 'TxError.InsufficientBalance',
          }
        : paid(tx),
    )
    const from = caller('p1', '/ip4/10.0.0.5/tcp/1', true)
    const empty = await ask(faucet, to(1), from)
    assert.equal(empty.status, 'UNAVAILABLE')
    assert.ok(empty.status === 'UNAVAILABLE')
    assert.match(empty.message, /^FAUCET_EMPTY: /)
    broke = false
    assert.equal(
      (await ask(faucet, to(1), from)).status,
      'OK',
      'the failed payment was not counted',
    )
  })

  it('answers BAD_REQUEST for anything but a 20-byte address', async () => {
    const faucet = stubFaucet()
    const answer = decodeFaucetAnswer(
      await answerFaucetRequest(
        faucet,
        new Uint8Array(21),
        caller('p', '/ip4/10.0.0.6/tcp/1', true),
      ),
    )
    assert.equal(answer.status, 'BAD_REQUEST')
    assert.ok(answer.status === 'BAD_REQUEST')
    assert.match(answer.message, /trailing bytes/)
  })
})
