// The proof, query and faucet protocols against a running archive node with a faucet, from a
// plain libp2p client: answers verify with the core, unknown ids are NOT_FOUND, the faucet's
// limits hold across libp2p and HTTP, and bad requests are refused while the node keeps serving.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import {
  type Answer,
  decodeAccountProofAnswer,
  FAUCET_LIMITS,
  FAUCET_PROTOCOL,
  formatAddress,
  PROOF_LIMITS,
  PROOF_PROTOCOL,
  ProtocolError,
  QUERY_LIMITS,
  QUERY_PROTOCOL,
  requestAccountProof,
  requestAddressTxs,
  requestBlockHeight,
  requestFaucet,
  requestTxInclusionProof,
  requestTxLocation,
  sendRequest,
} from '@weft/core'
import { createLibp2p } from 'libp2p'
import { ApiTestNode, apiCall, apiPost, until, WEFT } from '../helpers/api-node.ts'

const FAUCET_AMOUNT = (5n * WEFT) / 2n

let node: ApiTestNode
let client: Libp2p
let peer: Multiaddr
/** The first faucet payment, to `paidAddress`, once it is final. */
let paid: { txId: Uint8Array; height: number }
const paidAddress = new Uint8Array(20).fill(0xa1)

before(async () => {
  node = await ApiTestNode.create('protocols-test')
  await node.start({ args: ['--archive'] })
  const info = await node.weft.listening
  const tcpAddress = info.multiaddrs.find((a) => a.includes('/tcp/') && !a.includes('/ws'))
  assert.ok(tcpAddress !== undefined, `no TCP address in ${info.multiaddrs.join(' ')}`)
  peer = multiaddr(tcpAddress)
  client = await createLibp2p({
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
})

after(async () => {
  await client?.stop()
  await node?.stop()
})

function ok<T extends object>(answer: Answer<T>): T {
  assert.equal(answer.status, 'OK', 'message' in answer ? answer.message : undefined)
  return answer as T
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

async function refusalCode(request: Promise<unknown>): Promise<string> {
  try {
    await request
  } catch (err) {
    assert.ok(err instanceof ProtocolError, String(err))
    return err.code
  }
  return 'answered'
}

describe('the proof, query and faucet protocols', { timeout: 120_000 }, () => {
  it('the faucet pays over libp2p, and its transfer is proven included', async () => {
    const answer = ok(await requestFaucet(client, peer, { address: paidAddress }))
    assert.equal(answer.amount, FAUCET_AMOUNT)
    assert.equal(hex(answer.from), hex(node.addressOf(node.faucetFile)))
    const proven = await until('the faucet transfer to be included', async () => {
      const p = await requestTxInclusionProof(client, peer, { txId: answer.txId })
      return p.status === 'OK' ? p : undefined
    })
    const { core } = node
    const header = core.views.decode('header', proven.header)
    assert.equal(Number(header.height), proven.height)
    const { id, tx } = core.chain.decodeTransaction(proven.tx)
    assert.equal(hex(id), hex(answer.txId), 'the proven transaction is the one asked for')
    assert.equal(hex(tx.to as Uint8Array), hex(paidAddress))
    assert.ok(
      core.blocks.verifyTxProof(header.txRoot, {
        txId: id,
        index: BigInt(proven.index),
        count: BigInt(proven.count),
        path: proven.path,
      }),
      "the inclusion proof verifies against the header's tx root",
    )
    // A proof for another transaction's id does not verify with this path.
    assert.ok(
      !core.blocks.verifyTxProof(header.txRoot, {
        txId: new Uint8Array(32).fill(7),
        index: BigInt(proven.index),
        count: BigInt(proven.count),
        path: proven.path,
      }),
    )
    paid = { txId: answer.txId, height: proven.height }
  })

  it('proves the paid balance at the head, at its block, and its absence just before', async () => {
    const { core } = node
    const key = core.blocks.accountKey(paidAddress)
    const check = (p: { header: Uint8Array; value: Uint8Array | undefined; proof: Uint8Array }) => {
      const root = core.views.decode('header', p.header).stateRoot
      const verdict = core.verifyStateProof(root, key, p.value ?? null, p.proof)
      assert.ok(verdict.valid, `the state proof does not verify: ${JSON.stringify(verdict)}`)
      return p.value === undefined ? undefined : core.views.decode('account', p.value).balance
    }
    const atHead = ok(await requestAccountProof(client, peer, { address: paidAddress }))
    assert.ok(atHead.height >= paid.height)
    assert.equal(check(atHead), FAUCET_AMOUNT)
    const atBlock = ok(
      await requestAccountProof(client, peer, { address: paidAddress, height: paid.height }),
    )
    assert.equal(atBlock.height, paid.height)
    assert.equal(check(atBlock), FAUCET_AMOUNT)
    const before = ok(
      await requestAccountProof(client, peer, { address: paidAddress, height: paid.height - 1 }),
    )
    assert.equal(before.value, undefined)
    assert.equal(check(before), undefined, 'a proof of absence before the payment')

    // The node's word must match the proof: a different record does not verify.
    const root = core.views.decode('header', atHead.header).stateRoot
    const forged = core.views.encode('account', { balance: 1000n * WEFT, nonce: 0n })
    assert.equal(core.verifyStateProof(root, key, forged, atHead.proof).valid, false)
  })

  it('answers NOT_FOUND for unknown transactions and heights above the head', async () => {
    const tx = await requestTxInclusionProof(client, peer, { txId: new Uint8Array(32).fill(9) })
    assert.equal(tx.status, 'NOT_FOUND')
    const future = await requestAccountProof(client, peer, {
      address: paidAddress,
      height: 1_000_000_000,
    })
    assert.equal(future.status, 'NOT_FOUND')
    assert.ok('message' in future)
    assert.match(future.message, /above this node's head/)
  })

  it("queries an archive node's indexes: tx location, address history, block heights", async () => {
    const location = ok(await requestTxLocation(client, peer, { txId: paid.txId }))
    assert.equal(location.height, paid.height)
    assert.equal(location.error, null)

    const history = ok(await requestAddressTxs(client, peer, { address: paidAddress, limit: 8 }))
    assert.deepEqual(
      history.txs.map((t) => hex(t.txId)),
      [hex(paid.txId)],
    )

    // Two more payments (over HTTP), then the faucet's own history a page of one at a time:
    // newest first, every payment once, and an empty page at the end.
    const more: string[] = []
    for (const fill of [0xc1, 0xc2]) {
      const address = formatAddress(new Uint8Array(20).fill(fill))
      const answer = await apiPost(node.api, '/v1/faucet', { address })
      assert.equal(answer.status, 202, JSON.stringify(answer.body))
      more.push(answer.body.hash)
    }
    await until('both payments to be included', async () => {
      for (const hash of more) {
        const at = await requestTxLocation(client, peer, { txId: Buffer.from(hash, 'hex') })
        if (at.status !== 'OK') return undefined
      }
      return true
    })
    const faucetAddress = node.addressOf(node.faucetFile)
    const pages: string[] = []
    let cursor: { height: number; index: number } | undefined
    for (;;) {
      const page = ok(
        await requestAddressTxs(client, peer, {
          address: faucetAddress,
          limit: 1,
          ...(cursor === undefined ? {} : { before: cursor }),
        }),
      )
      if (page.txs.length === 0) break
      const [entry] = page.txs
      assert.ok(entry !== undefined)
      if (cursor !== undefined) {
        const older =
          entry.height < cursor.height ||
          (entry.height === cursor.height && entry.index < cursor.index)
        assert.ok(older, 'newest first')
      }
      pages.push(hex(entry.txId))
      cursor = { height: entry.height, index: entry.index }
      assert.ok(pages.length <= 50, 'paging terminates')
    }
    assert.deepEqual(new Set(pages), new Set([hex(paid.txId), ...more]))
    assert.equal(pages.length, 3, 'no entry repeats across pages')
    assert.equal(pages.at(-1), hex(paid.txId), 'the oldest payment comes last')

    const block = (await apiCall(node.api, `/v1/blocks/${paid.height}`)).body
    const byId = ok(
      await requestBlockHeight(client, peer, { blockId: Buffer.from(block.hash, 'hex') }),
    )
    assert.equal(byId.height, paid.height)
    const unknown = await requestBlockHeight(client, peer, { blockId: new Uint8Array(32) })
    assert.equal(unknown.status, 'NOT_FOUND')
    const unknownTx = await requestTxLocation(client, peer, { txId: new Uint8Array(32) })
    assert.equal(unknownTx.status, 'NOT_FOUND')
  })

  it('shares the faucet limits with POST /v1/faucet in both directions', async () => {
    const again = await requestFaucet(client, peer, { address: paidAddress })
    assert.equal(again.status, 'RATE_LIMITED')
    assert.ok('retryAfterMs' in again && (again.retryAfterMs ?? 0) > 0)
    const http = await apiPost(node.api, '/v1/faucet', { address: formatAddress(paidAddress) })
    assert.equal(http.status, 429, JSON.stringify(http.body))

    const other = new Uint8Array(20).fill(0xb2)
    const viaHttp = await apiPost(node.api, '/v1/faucet', { address: formatAddress(other) })
    assert.equal(viaHttp.status, 202, JSON.stringify(viaHttp.body))
    assert.equal((await requestFaucet(client, peer, { address: other })).status, 'RATE_LIMITED')
  })

  it('refuses malformed and oversized requests and keeps answering', async () => {
    for (const [protocol, limits] of [
      [PROOF_PROTOCOL, PROOF_LIMITS],
      [QUERY_PROTOCOL, QUERY_LIMITS],
      [FAUCET_PROTOCOL, FAUCET_LIMITS],
    ] as const) {
      // Garbage that fits: an answer saying what is wrong.
      const garbage = decodeAccountProofAnswer(
        await sendRequest(client, peer, protocol, Uint8Array.of(0xee, 1, 2), limits),
      )
      assert.equal(garbage.status, 'BAD_REQUEST', protocol)
      assert.ok('message' in garbage)
      assert.match(garbage.message, /unknown .* 238|cut short/, protocol)
      // Past the request cap: the stream is reset before the request is read.
      const big = new Uint8Array(limits.maxRequestBytes + 1)
      assert.equal(
        await refusalCode(
          sendRequest(client, peer, protocol, big, { ...limits, maxRequestBytes: big.length }),
        ),
        'REFUSED',
        protocol,
      )
    }
    const still = ok(await requestAccountProof(client, peer, { address: paidAddress }))
    assert.ok(still.height >= paid.height, 'the node still answers')
  })
})
