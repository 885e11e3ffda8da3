// A go-libp2p peer (interop/go-peer) against a real `weft node` on loopback: identify and ping
// over TCP and over WebSockets, then a circuit-relay-v2 reservation that a second go peer
// reaches through the relay. Skipped, saying why, where there is no Go toolchain.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ListeningInfo } from '../../src/index.ts'
import { RELAY_LIMITS } from '../../src/node/create-node.ts'
import {
  buildGoPeer,
  GO_MISSING_MESSAGE,
  type GoPeer,
  type GoPeerEvent,
  runGoPeer,
} from '../helpers/go-peer.ts'
import { runWeft, type WeftProcess } from '../helpers/weft-process.ts'

const HOP = '/libp2p/circuit/relay/0.2.0/hop'
// Bounds each go peer by itself too, so none outlives a test run that dies.
const PEER_TIMEOUT = '30s'
// A first build on a fresh machine downloads go-libp2p and compiles it: minutes, not seconds.
const BUILD_TIMEOUT_MS = 300_000
const TEST_TIMEOUT_MS = 20_000

const transports = {
  tcp: (ma: string) => /\/tcp\/\d+\/p2p\//.test(ma),
  ws: (ma: string) => /\/tcp\/\d+\/ws\/p2p\//.test(ma),
}

describe('go-libp2p interop', () => {
  let binary: string | undefined
  let weft: WeftProcess | undefined
  let relay: ListeningInfo
  const peers: GoPeer[] = []

  before(
    async () => {
      binary = await buildGoPeer()
      if (binary === undefined) return
      weft = runWeft(['node'])
      relay = await weft.listening
    },
    { timeout: BUILD_TIMEOUT_MS },
  )

  after(async () => {
    await Promise.all(peers.map((p) => p.stop()))
    if (weft !== undefined && weft.child.exitCode === null) {
      weft.child.kill('SIGKILL')
      await weft.exited
    }
  })

  function relayAddr(transport: keyof typeof transports): string {
    const addr = relay.multiaddrs.find(transports[transport])
    assert.ok(addr, `no ${transport} address in ${relay.multiaddrs.join(' ')}`)
    return addr
  }

  function goPeer(path: string, args: string[]): GoPeer {
    const peer = runGoPeer(path, [...args, '--timeout', PEER_TIMEOUT])
    peers.push(peer)
    return peer
  }

  for (const transport of ['tcp', 'ws'] as const) {
    it(`identifies and pings the relay over ${transport}`, {
      timeout: TEST_TIMEOUT_MS,
    }, async (t) => {
      if (binary === undefined) return t.skip(GO_MISSING_MESSAGE)
      const connect = relayAddr(transport)
      const peer = goPeer(binary, ['--mode', 'ping', '--pings', '3', '--connect', connect])
      await peer.next('done')
      assert.equal(await peer.exited, 0)

      const identify = await peer.next('identify')
      assert.equal(identify.peer, relay.peerId)
      assert.equal(identify.addr, withoutPeerId(relayAddr(transport)))
      assert.match(String(identify.agentVersion), /^js-libp2p\/\d/)
      const protocols = identify.protocols as string[]
      assert.ok(protocols.includes(HOP), `no ${HOP} in ${protocols.join(' ')}`)
      // What the relay tells peers about itself includes both addresses a go peer can use.
      const listenAddrs = identify.listenAddrs as string[]
      for (const kind of ['tcp', 'ws'] as const) {
        const addr = withoutPeerId(relayAddr(kind))
        assert.ok(listenAddrs.includes(addr), `no ${addr} in ${listenAddrs.join(' ')}`)
      }

      const pings = peer.events.filter((e) => e.event === 'ping')
      assert.equal(pings.length, 3)
      for (const ping of pings) assert.ok((ping.rttMs as number) > 0, JSON.stringify(ping))
    })
  }

  it('lets a go peer reserve a slot over TCP and another reach it through the relay from WebSockets', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    if (binary === undefined) return t.skip(GO_MISSING_MESSAGE)
    const tcp = relayAddr('tcp')
    const listener = goPeer(binary, ['--mode', 'reserve', '--connect', tcp])
    const listenerId = (await listener.next('started')).peer
    const reserved = await listener.next('reserved')
    assert.equal(reserved.addr, `${tcp}/p2p-circuit/p2p/${listenerId}`)
    assert.ok((reserved.limitDataBytes as number) > 0, JSON.stringify(reserved))

    const dialer = goPeer(binary, [
      '--mode',
      'dial',
      '--connect',
      relayAddr('ws'),
      '--target',
      String(reserved.addr),
    ])
    const dialerId = (await dialer.next('started')).peer
    const echo = await dialer.next('echo')
    assert.equal(echo.ok, true)
    assert.equal(await dialer.exited, 0)
    const relayed = connectionTo(dialer.events, String(listenerId))
    assert.equal(relayed?.limited, true, JSON.stringify(relayed))
    assert.match(String(relayed?.addr), /\/p2p-circuit$/)

    const served = await listener.next('echo-served')
    assert.equal(served.peer, dialerId)
    assert.equal(served.limited, true)
    assert.equal(served.bytes, echo.bytes)

    assert.equal(await listener.stop(), 0)
    assert.equal((await listener.next('stopping')).reason, 'stdin closed')
  })

  // Circuit v2 gives Limit.duration in seconds; js-libp2p 4.2.13 sends the duration limit in
  // milliseconds (2 minutes as 120000) and still cuts relayed connections after it, so a go peer
  // believes it has 33 hours. Pinned here so the js-libp2p upgrade that fixes it is noticed: this
  // test then fails, and should expect 120. See docs/interop.md.
  it('hears the relay limits in its reservation, the duration in milliseconds (js-libp2p deviation)', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    if (binary === undefined) return t.skip(GO_MISSING_MESSAGE)
    const listener = goPeer(binary, ['--mode', 'reserve', '--connect', relayAddr('tcp')])
    const reserved = await listener.next('reserved')
    assert.equal(await listener.stop(), 0)
    // Weft's own relay limits (relay/src/node/create-node.ts), as the go peer hears them.
    assert.equal(reserved.limitDataBytes, Number(RELAY_LIMITS.dataLimitBytes))
    assert.equal(reserved.limitDurationSec, RELAY_LIMITS.durationLimitMs)
  })
})

function withoutPeerId(addr: string): string {
  return addr.replace(/\/p2p\/[^/]+$/, '')
}

function connectionTo(events: GoPeerEvent[], peer: string): GoPeerEvent | undefined {
  return events.find((e) => e.event === 'connected' && e.peer === peer)
}
