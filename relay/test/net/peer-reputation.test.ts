// The node's reputation against a fake clock and a scratch data dir: bans and scores survive a
// restart of the store, the gater keeps banned peers out, and the request guards refuse a peer
// over its limit (RATE_LIMITED where the protocol can say it, a reset elsewhere), penalise it
// until it is banned and hung up on, and refuse without penalty when the node as a whole is busy.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, PeerId } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import {
  BLOCKS_PROTOCOL,
  DEFAULT_BAN_DURATION_MS,
  decodeAccountProofAnswer,
  encodeBlocksRequest,
  encodeProofRequest,
  PROOF_PROTOCOL,
  type RequestGuard,
} from '@weft/core'
import { PeerReputation, type PeerReputationInit } from '../../src/net/peer-reputation.ts'
import { ReputationStore } from '../../src/storage/reputation-store.ts'

const dirs: string[] = []
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-reputation-'))
  dirs.push(dir)
  return dir
}

async function peerId(): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

function fakeClock() {
  let t = 1_700_000_000_000
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms
    },
  }
}

const connectionOf = (peer: PeerId) => ({ remotePeer: peer }) as Connection
const proofRequest = encodeProofRequest({ kind: 'account', address: new Uint8Array(20) })

function admit(guard: RequestGuard | undefined, peer: PeerId, request: Uint8Array) {
  assert.ok(guard !== undefined)
  return guard.admit(request, connectionOf(peer))
}

describe('PeerReputation', () => {
  it('keeps bans, scores and reasons across a restart, until the ban ends', async () => {
    const path = join(scratch(), 'reputation')
    const clock = fakeClock()
    const init: PeerReputationInit = { path, now: clock.now }
    const [liar, noisy, stranger] = await Promise.all([peerId(), peerId(), peerId()])
    const first = new PeerReputation(init)
    first.report(liar, 'wrong-chain', { detail: 'genesis 00ff' })
    first.report(noisy, 'invalid-gossip', { detail: 'txs' })
    await first.stop()

    const second = new PeerReputation(init)
    assert.equal(second.isBanned(liar), true)
    assert.equal(second.gater.denyDialPeer?.(liar), true)
    assert.equal(second.gater.denyInboundEncryptedConnection?.(liar, {} as never), true)
    assert.equal(second.gater.denyInboundEncryptedConnection?.(stranger, {} as never), false)
    assert.equal(second.score(noisy), -10)
    assert.equal(second.appSpecificScore(noisy.toString()), -10, 'what gossipsub reads')
    assert.deepEqual(
      second.reputation(liar)?.history.map((h) => [h.event, h.detail]),
      [['wrong-chain', 'genesis 00ff']],
    )
    clock.advance(DEFAULT_BAN_DURATION_MS)
    assert.equal(second.isBanned(liar), false)
    assert.equal(second.gater.denyDialPeer?.(liar), false)
    await second.stop()
  })

  it('drops a record it cannot read instead of failing to start', async () => {
    const path = join(scratch(), 'reputation')
    const store = new ReputationStore(path)
    await store.put('garbage', { score: 'nonsense' } as never)
    await store.close()
    const reputation = new PeerReputation({ path })
    assert.deepEqual(reputation.list(), [])
    await reputation.stop()
    const reopened = new ReputationStore(path)
    assert.deepEqual([...reopened.records()], [])
    await reopened.close()
  })

  it('refuses a peer over its proof limit with RATE_LIMITED, and bans it once it persists', async () => {
    const clock = fakeClock()
    const hungUp: string[] = []
    const reputation = new PeerReputation({
      path: join(scratch(), 'reputation'),
      now: clock.now,
      rateLimits: { proof: { perPeer: 4, global: 1000 } },
    })
    reputation.start({ hangUp: async (p) => void hungUp.push(p.toString()) })
    const [flooder, honest] = await Promise.all([peerId(), peerId()])
    const guard = reputation.guards(PROOF_PROTOCOL)
    // The bucket holds two seconds of the rate.
    for (let i = 0; i < 8; i++) assert.deepEqual(admit(guard, flooder, proofRequest), { ok: true })
    const refused = admit(guard, flooder, proofRequest)
    assert.equal(refused.ok, false)
    assert.ok(!refused.ok && refused.answer !== undefined)
    const answer = decodeAccountProofAnswer(refused.answer)
    assert.equal(answer.status, 'RATE_LIMITED')
    assert.ok('retryAfterMs' in answer && answer.retryAfterMs === 250)
    assert.match('message' in answer ? answer.message : '', /rate limited: proof/)
    assert.deepEqual(admit(guard, honest, proofRequest), { ok: true }, 'others are not affected')

    for (let i = 0; i < 48; i++) admit(guard, flooder, proofRequest)
    assert.equal(reputation.isBanned(flooder), false, '49 hits: not yet')
    admit(guard, flooder, proofRequest)
    assert.equal(reputation.isBanned(flooder), true)
    assert.deepEqual(hungUp, [flooder.toString()])
    const reasons = reputation.reputation(flooder)?.history ?? []
    assert.deepEqual(
      reasons.map((h) => [h.event, h.times, h.detail]),
      [['rate-limited', 50, 'proof']],
    )
    assert.equal(reputation.reputation(flooder)?.ban?.reason, 'rate-limited')
    await reputation.stop()
  })

  it('charges blocks by the count asked for, and refuses over it with a reset', async () => {
    const reputation = new PeerReputation({
      path: join(scratch(), 'reputation'),
      now: fakeClock().now,
      rateLimits: { blocks: { perPeer: 16, global: 1000 } },
    })
    const peer = await peerId()
    const guard = reputation.guards(BLOCKS_PROTOCOL)
    const ask32 = encodeBlocksRequest({ from: 1, count: 32 })
    assert.deepEqual(admit(guard, peer, ask32), { ok: true })
    assert.deepEqual(admit(guard, peer, ask32), { ok: false }, 'a reset: blocks has no refusal')
    assert.equal(reputation.score(peer), -1)
    await reputation.stop()
  })

  it('refuses everyone once the global limit is spent, penalising no one for it', async () => {
    const reputation = new PeerReputation({
      path: join(scratch(), 'reputation'),
      now: fakeClock().now,
      rateLimits: { proof: { perPeer: 4, global: 4 } },
    })
    const peers = await Promise.all([peerId(), peerId()])
    const guard = reputation.guards(PROOF_PROTOCOL)
    for (let i = 0; i < 8; i++) admit(guard, peers[i % 2] as PeerId, proofRequest)
    const busy = admit(guard, peers[0] as PeerId, proofRequest)
    assert.ok(!busy.ok && busy.answer !== undefined)
    const answer = decodeAccountProofAnswer(busy.answer)
    assert.match('message' in answer ? answer.message : '', /^busy/)
    assert.equal(reputation.score(peers[0] as PeerId), 0)
    await reputation.stop()
  })

  it('judges requests its servers refused: malformed ones cost more than slow ones', async () => {
    const reputation = new PeerReputation({ path: join(scratch(), 'reputation') })
    const [sloppy, slow] = await Promise.all([peerId(), peerId()])
    const guard = reputation.guards(PROOF_PROTOCOL)
    guard?.refused?.(connectionOf(sloppy), 'bad-request')
    guard?.refused?.(connectionOf(slow), 'timeout')
    assert.ok(reputation.score(sloppy) < reputation.score(slow))
    assert.ok(reputation.score(slow) < 0)
    await reputation.stop()
  })
})
