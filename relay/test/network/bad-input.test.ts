// A hostile peer against a running validator: malformed and oversized protocol requests,
// garbage and invalid messages on every gossip topic. Each is refused, and the node keeps
// committing blocks throughout — and a valid transaction batched with a forged one still lands.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import {
  BLOCKS_LIMITS,
  BLOCKS_PROTOCOL,
  decodeBlocksResponse,
  decodeStatus,
  encodeBlocksRequest,
  encodeConsensusMessage,
  encodeStatus,
  encodeTxBatch,
  GOSSIP_SIGNATURE_POLICY,
  gossipMessageId,
  MAX_TX_BATCH_BYTES,
  ProtocolError,
  STATUS_LIMITS,
  STATUS_PROTOCOL,
  sendRequest,
  weftTopics,
} from '@weft/core'
import { loadCore } from '@weft/wasm'
import { createLibp2p } from 'libp2p'
import { createDevnetLayout, type DevnetLayout } from '../../src/devnet/devnet-layout.ts'
import { decryptKey } from '../../src/keys/decrypt-key.ts'
import { ed25519Signer } from '../../src/keys/ed25519-key.ts'
import { readKeyFile } from '../../src/keys/key-file-io.ts'
import { type RunningNode, startNode, stopNode } from '../helpers/devnet-node.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-hostile-'))
let layout: DevnetLayout
let node: RunningNode
let attacker: Awaited<ReturnType<typeof makeAttacker>>

async function makeAttacker() {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        // Speaks Weft's gossip settings, so its messages reach the node's own checks.
        globalSignaturePolicy: GOSSIP_SIGNATURE_POLICY,
        msgIdFn: gossipMessageId,
        allowPublishToZeroTopicPeers: true,
        maxInboundDataLength: 8 * 1024 * 1024,
      }),
    },
  })
}

before(async () => {
  layout = await createDevnetLayout(core, {
    dir: join(dir, 'net'),
    validators: 1,
    params: { timeoutCommitMs: 200 },
    scrypt: { N: 2 ** 14, r: 8, p: 1 },
  })
  node = await startNode(layout, layout.validators[0] as (typeof layout.validators)[number], [], {
    api: true,
  })
  await node.waitForHeight(2, 20_000)
  attacker = await makeAttacker()
  await attacker.dial(multiaddr(node.address))
})

after(async () => {
  await attacker?.stop()
  if (node !== undefined) await stopNode(node, 'SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function refused(request: Promise<unknown>): Promise<string> {
  try {
    await request
  } catch (err) {
    assert.ok(err instanceof ProtocolError, String(err))
    return err.code
  }
  return 'answered'
}

describe('a hostile peer', { timeout: 60_000 }, () => {
  it('gets malformed and oversized protocol requests refused, good ones answered', async () => {
    const peer = multiaddr(node.address)
    const genesisHash = core.sha256(
      core.views.encodeJson('genesis', readFileSync(layout.genesisFile, 'utf8')),
    )
    const status = decodeStatus(
      await sendRequest(
        attacker,
        peer,
        STATUS_PROTOCOL,
        encodeStatus({ genesisHash, height: 0 }),
        STATUS_LIMITS,
      ),
    )
    assert.ok(status.height >= 2)
    assert.equal(
      await refused(
        sendRequest(attacker, peer, STATUS_PROTOCOL, Uint8Array.of(1, 2, 3), STATUS_LIMITS),
      ),
      'REFUSED',
    )
    assert.equal(
      await refused(
        sendRequest(attacker, peer, STATUS_PROTOCOL, new Uint8Array(4096), {
          ...STATUS_LIMITS,
          maxRequestBytes: 8192,
        }),
      ),
      'REFUSED',
      'a request over the cap is not read',
    )
    assert.equal(
      await refused(
        sendRequest(attacker, peer, BLOCKS_PROTOCOL, Uint8Array.of(0, 0), BLOCKS_LIMITS),
      ),
      'REFUSED',
    )
    assert.equal(
      await refused(
        sendRequest(
          attacker,
          peer,
          BLOCKS_PROTOCOL,
          encodeBlocksRequest({ from: 1, count: 200 }),
          BLOCKS_LIMITS,
        ),
      ),
      'REFUSED',
      'more blocks than a request may ask for',
    )
    const blocks = decodeBlocksResponse(
      await sendRequest(
        attacker,
        peer,
        BLOCKS_PROTOCOL,
        encodeBlocksRequest({ from: 1, count: 2 }),
        BLOCKS_LIMITS,
      ),
    )
    assert.equal(blocks.length, 2)
  })

  it('cannot stop the chain with garbage, forged and oversized gossip', async () => {
    const genesisHash = core.sha256(
      core.views.encodeJson('genesis', readFileSync(layout.genesisFile, 'utf8')),
    )
    const topics = weftTopics(genesisHash)
    const pubsub = attacker.services.pubsub
    for (const t of Object.values(topics)) pubsub.subscribe(t)
    // Let the subscriptions reach the node so the messages are delivered rather than dropped.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (pubsub.getSubscribers(topics.consensus).length > 0) return resolve()
        setTimeout(check, 50)
      }
      check()
    })
    // A forged transaction: well formed, signature wrong; alone, not in a batch, in a batch.
    const forged = core.chain.encodeTransaction({
      kind: 'transfer',
      sender: new Uint8Array(32).fill(3),
      nonce: 0n,
      maxFeePerByte: 2000n,
      tipPerByte: 1n,
      to: new Uint8Array(20),
      amount: 1n,
      signature: new Uint8Array(64).fill(1),
    })
    // First, a batch of a valid transfer and the forged one: the batch is rejected, the transfer
    // is still taken and committed. (What follows gets this peer banned, so it comes first.)
    const password = readFileSync(layout.passwordFile, 'utf8').trim()
    const sign = ed25519Signer(await decryptKey(readKeyFile(layout.faucet.keyFile), password))
    const transfer = {
      kind: 'transfer' as const,
      sender: layout.faucet.publicKey,
      nonce: 0n,
      maxFeePerByte: 5000n,
      tipPerByte: 10n,
      to: new Uint8Array(20).fill(42),
      amount: 1_000_000n,
    }
    const good = core.chain.encodeTransaction({
      ...transfer,
      signature: sign(core.chain.transactionSignDigest(layout.chainId, transfer)),
    })
    await pubsub.publish(topics.txs, encodeTxBatch([good, forged]))
    const before = node.height()
    const garbage = [
      Uint8Array.of(),
      Uint8Array.of(9, 9, 9),
      crypto.getRandomValues(new Uint8Array(1000)),
      encodeConsensusMessage({ type: 'vote', vote: crypto.getRandomValues(new Uint8Array(80)) }),
      encodeConsensusMessage({
        type: 'proposal',
        proposal: new Uint8Array(100),
        block: new Uint8Array(500),
      }),
    ]
    for (const g of garbage) {
      for (const t of Object.values(topics)) await pubsub.publish(t, g).catch(() => undefined)
    }
    await pubsub.publish(topics.txs, forged).catch(() => undefined)
    await pubsub.publish(topics.txs, encodeTxBatch([forged])).catch(() => undefined)
    await pubsub.publish(topics.txs, new Uint8Array(MAX_TX_BATCH_BYTES + 1)).catch(() => undefined)
    const hash = Buffer.from(core.sha256(good)).toString('hex')
    const deadline = Date.now() + 20_000
    for (;;) {
      const status = (await (await fetch(`${node.apiUrl}/v1/txs/${hash}`)).json()) as {
        status: string
      }
      if (status.status === 'final') break
      assert.ok(Date.now() < deadline, `the valid transfer is not final: ${status.status}`)
      await once(node.process.child.stderr, 'data')
    }
    const forgedHash = Buffer.from(core.sha256(forged)).toString('hex')
    const forgedStatus = (await (await fetch(`${node.apiUrl}/v1/txs/${forgedHash}`)).json()) as {
      status: string
    }
    assert.equal(forgedStatus.status, 'unknown', 'the forged transaction was never taken')
    await node.waitForHeight(before + 3, 20_000)
    assert.equal(node.process.child.exitCode, null, 'the node is still running')
    assert.ok(!node.logs.some((l) => l.msg === 'consensus step failed'), 'no step failed')
    // The flood of rejected gossip cost the attacker its standing: it is banned, with reasons.
    const seen = (await (await fetch(`${node.apiUrl}/v1/peers`)).json()) as {
      reputations: { peerId: string; banned: unknown; reasons: { event: string }[] }[]
    }
    const attackerRecord = seen.reputations.find((r) => r.peerId === attacker.peerId.toString())
    assert.ok(attackerRecord?.banned, 'the attacker is banned')
    assert.ok(attackerRecord?.reasons.some((r) => r.event === 'invalid-gossip'))
  })
})
