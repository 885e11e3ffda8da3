// A peer that floods a running node's proof protocol: it is answered RATE_LIMITED once over its
// limit, then banned — hung up on and unable to connect again, even after the node restarts —
// while an honest client's requests are answered throughout, and the API says why.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { ProtocolError, requestAccountProof } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { createLibp2p } from 'libp2p'
import { createDevnetLayout, type DevnetLayout } from '../../src/devnet/devnet-layout.ts'
import { main } from '../../src/index.ts'
import { apiCall } from '../helpers/api-node.ts'
import { testIo } from '../helpers/command-io.ts'
import { type RunningNode, startNode, stopNode } from '../helpers/devnet-node.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-bans-'))
// Four proofs a second per peer (a bucket of eight); the first ban lasts an hour.
const ARGS = ['--rate-limit-proof', '4/1000', '--ban-duration', '3600']
let layout: DevnetLayout
let node: RunningNode
let address: Multiaddr
let hostile: Libp2p
let honest: Libp2p

const client = () =>
  createLibp2p({ transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
const account = { address: new Uint8Array(20).fill(7) }

async function start(): Promise<void> {
  const validator = layout.validators[0] as (typeof layout.validators)[number]
  node = await startNode(layout, validator, [], { api: true, args: ARGS })
  address = multiaddr(node.address)
  await node.waitForHeight(2, 20_000)
}

before(async () => {
  layout = await createDevnetLayout(core, {
    dir: join(dir, 'net'),
    validators: 1,
    params: { timeoutCommitMs: 200 },
    scrypt: { N: 2 ** 14, r: 8, p: 1 },
  })
  await start()
  hostile = await client()
  honest = await client()
})

after(async () => {
  await hostile?.stop()
  await honest?.stop()
  if (node !== undefined) await stopNode(node, 'SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

// The gater turns the connection down once the peer's identity is known, after the encryption
// handshake: the dialer may see the dial succeed, but nothing it asks is ever answered.
async function keptOut(): Promise<void> {
  await hostile.dial(address).catch(() => undefined)
  await assert.rejects(requestAccountProof(hostile, address, account), ProtocolError)
  const view = await peersView()
  assert.ok(
    !view.peers.some((p: { peerId: string }) => p.peerId === hostile.peerId.toString()),
    'the node holds no connection to it',
  )
}

async function peersView() {
  const answer = await apiCall(node.apiUrl as string, '/v1/peers')
  assert.equal(answer.status, 200)
  return answer.body
}

describe('a peer flooding a protocol', { timeout: 90_000 }, () => {
  it('is refused, then banned and kept out; an honest client is served', async () => {
    const statuses: string[] = []
    let retryAfterMs = 0
    const disconnected = new Promise<void>((resolve) =>
      hostile.addEventListener('peer:disconnect', () => resolve(), { once: true }),
    )
    // Sequential, as fast as the node answers: far more than four a second. Bounded: at the
    // default weights about the fiftieth refusal bans (a little decay between them), so the loop ends long before its bound.
    for (let i = 0; i < 200; i++) {
      try {
        const answer = await requestAccountProof(hostile, address, account)
        statuses.push(answer.status)
        if (answer.status === 'RATE_LIMITED') retryAfterMs = answer.retryAfterMs ?? 0
      } catch (err) {
        assert.ok(err instanceof ProtocolError, String(err))
        break
      }
      if (i === 20) {
        const mine = await requestAccountProof(honest, address, account)
        assert.equal(mine.status, 'OK', 'an honest client is served during the flood')
      }
    }
    assert.equal(statuses[0], 'OK')
    const limited = statuses.filter((s) => s === 'RATE_LIMITED').length
    assert.ok(limited >= 40 && limited <= 55, `${limited} RATE_LIMITED answers before the ban`)
    assert.ok(retryAfterMs > 0 && retryAfterMs <= 250, `retry after ${retryAfterMs} ms`)
    await disconnected
    await keptOut()

    const mine = await requestAccountProof(honest, address, account)
    assert.equal(mine.status, 'OK', 'an honest client is served after the ban')

    const view = await peersView()
    const entry = view.reputations.find(
      (r: { peerId: string }) => r.peerId === hostile.peerId.toString(),
    )
    assert.ok(entry !== undefined, JSON.stringify(view))
    assert.equal(entry.connected, false)
    assert.equal(entry.banned.reason, 'rate-limited')
    assert.equal(entry.banned.offences, 1)
    assert.ok(entry.banned.until > Date.now() + 3500 * 1000)
    assert.ok(entry.score <= -50, `score ${entry.score}`)
    assert.deepEqual(
      entry.reasons.map((r: { event: string; detail: string }) => [r.event, r.detail]),
      [['rate-limited', 'proof']],
    )
    const honestPeer = view.peers.find(
      (p: { peerId: string }) => p.peerId === honest.peerId.toString(),
    )
    assert.equal(honestPeer?.score, 0)

    const io = testIo()
    assert.equal(await main(['peers', '--api', node.apiUrl as string], io), 0, io.err.join('\n'))
    const line = io.out.find((l) => l.includes(hostile.peerId.toString()) && l.includes('BANNED'))
    assert.match(line ?? io.out.join('\n'), /BANNED (59|60) min more \(rate-limited, offence 1\)/)
    assert.ok(
      io.out.some((l) => /rate-limited ×\d+ \(proof\)/.test(l)),
      io.out.join('\n'),
    )
  })

  it('stays banned across a restart of the node', async () => {
    await stopNode(node)
    await start()
    const view = await peersView()
    const entry = view.reputations.find(
      (r: { peerId: string }) => r.peerId === hostile.peerId.toString(),
    )
    assert.equal(entry?.banned?.reason, 'rate-limited')
    await keptOut()
    const mine = await requestAccountProof(honest, address, account)
    assert.equal(mine.status, 'OK')
  })
})
