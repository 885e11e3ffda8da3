// Runs the real `weft` executable: usage errors and their exit status, then a node on loopback
// that a Node libp2p client reaches over TCP, WebSockets and WebRTC-direct to verify signatures,
// and stops.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { webRTCDirect } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import { multiaddr } from '@multiformats/multiaddr'
import { ed25519 } from '@noble/curves/ed25519.js'
import { requestVerify, type VerifyRequest } from '@weft/core'
import { createLibp2p } from 'libp2p'
import type { ListeningInfo } from '../../src/index.ts'
import { runWeft, runWeftToEnd, type WeftProcess } from '../helpers/weft-process.ts'

function signed(text: string): VerifyRequest {
  const secretKey = ed25519.utils.randomSecretKey()
  const message = new TextEncoder().encode(text)
  return {
    publicKey: ed25519.getPublicKey(secretKey),
    signature: ed25519.sign(message, secretKey),
    message,
  }
}

function tampered(request: VerifyRequest): VerifyRequest {
  const signature = request.signature.slice()
  signature[63] = (signature[63] as number) ^ 0x40
  return { ...request, signature }
}

describe('weft usage errors', { timeout: 30_000 }, () => {
  it('names an unknown flag and exits 2', async () => {
    const { status, stderr, stdout } = await runWeftToEnd(['node', '--verbose'])
    assert.equal(status, 2)
    assert.match(stderr, /unknown flag --verbose/)
    assert.equal(stdout, '')
  })

  it('names the flag and value of a bad multiaddr and exits 2', async () => {
    const { status, stderr } = await runWeftToEnd([
      'node',
      '--listen',
      '/ip4/127.0.0.1/tcp/notaport',
    ])
    assert.equal(status, 2)
    assert.match(
      stderr,
      /invalid listen: flag --listen is '\/ip4\/127\.0\.0\.1\/tcp\/notaport' \(not a valid multiaddr/,
    )
  })

  it('rejects an unknown command with exit 2', async () => {
    const { status, stderr } = await runWeftToEnd(['serve'])
    assert.equal(status, 2)
    assert.match(stderr, /unknown command 'serve'/)
  })

  it('prints help with exit 0', async () => {
    const { status, stdout } = await runWeftToEnd(['node', '--help'])
    assert.equal(status, 0)
    assert.match(stdout, /Usage: weft node \[options\]/)
    assert.match(stdout, /--listen <multiaddr>\n.*\n\s+env WEFT_LISTEN \(comma-separated\)/)
  })

  it('names a bad environment variable, its value and what is allowed, and exits 2', async () => {
    const { status, stderr, stdout } = await runWeftToEnd(['node'], { env: { WEFT_PRUNE: 'abc' } })
    assert.equal(status, 2)
    assert.match(
      stderr,
      /^weft node: invalid prune: environment variable WEFT_PRUNE is 'abc' \(not a whole number\); allowed: a whole number of blocks/m,
    )
    assert.equal(stdout, '')
  })

  it('says which address it could not listen on, and exits 1', async () => {
    // TEST-NET-3 (RFC 5737) is never assigned to this machine, so binding to it fails.
    const { status, stderr } = await runWeftToEnd(['node', '--listen', '/ip4/203.0.113.7/tcp/0'])
    assert.equal(status, 1)
    assert.match(stderr, /cannot start listening on \/ip4\/203\.0\.113\.7\/tcp\/0/)
  })
})

describe('weft node on loopback', { timeout: 60_000 }, () => {
  let weft: WeftProcess
  let info: ListeningInfo
  let client: Libp2p

  before(async () => {
    weft = runWeft(['node'])
    info = await weft.listening
    client = await createLibp2p({
      transports: [tcp(), webSockets(), webRTCDirect()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
    })
  })

  after(async () => {
    await client?.stop()
    if (weft?.child.exitCode === null) {
      weft.child.kill('SIGKILL')
      await weft.exited
    }
  })

  it('prints each multiaddr on its own line, each ending in its peer id', () => {
    const lines = weft
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('/'))
    assert.deepEqual(lines, info.multiaddrs)
    assert.match(info.peerId, /^12D3KooW/)
    for (const ma of info.multiaddrs) assert.ok(ma.endsWith(`/p2p/${info.peerId}`), ma)
    const transports = info.multiaddrs.map((ma) =>
      ma.includes('/webrtc-direct/') ? 'webrtc-direct' : ma.includes('/ws/') ? 'ws' : 'tcp',
    )
    assert.deepEqual(transports.sort(), ['tcp', 'webrtc-direct', 'ws'])
    for (const ma of info.multiaddrs) assert.match(ma, /^\/ip4\/127\.0\.0\.1\//)
  })

  const kinds = {
    tcp: (ma: string) => ma.includes('/tcp/') && !ma.includes('/ws/'),
    ws: (ma: string) => ma.includes('/ws/'),
    'webrtc-direct': (ma: string) => ma.includes('/webrtc-direct/'),
  }
  for (const [transport, matches] of Object.entries(kinds)) {
    it(`verifies over ${transport}: valid, then tampered is invalid`, async () => {
      const addr = info.multiaddrs.find(matches)
      assert.ok(addr, `no ${transport} address in ${info.multiaddrs.join(' ')}`)
      const target = multiaddr(addr)
      const connection = await client.dial(target)
      try {
        assert.equal(connection.remotePeer.toString(), info.peerId)
        assert.ok(matches(connection.remoteAddr.toString()), connection.remoteAddr.toString())
        const request = signed(`over ${transport}`)
        assert.equal(await requestVerify(client, target, request), true)
        assert.equal(await requestVerify(client, target, tampered(request)), false)
      } finally {
        await connection.close()
      }
    })
  }

  it('stops cleanly on SIGTERM', async () => {
    weft.child.kill('SIGTERM')
    assert.equal(await weft.exited, 0)
    assert.match(weft.stderr(), /SIGTERM, stopping\nweft node: stopped/)
  })
})

describe('weft node with --listen', { timeout: 30_000 }, () => {
  it('listens only where asked, and stops on SIGINT', async () => {
    const weft = runWeft(['node', '--listen', '/ip4/127.0.0.1/tcp/0/ws'])
    try {
      const info = await weft.listening
      assert.equal(info.multiaddrs.length, 1)
      assert.match(info.multiaddrs[0] as string, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\//)
      weft.child.kill('SIGINT')
      assert.equal(await weft.exited, 0)
      assert.match(weft.stderr(), /SIGINT, stopping/)
    } finally {
      if (weft.child.exitCode === null) weft.child.kill('SIGKILL')
    }
  })
})
