// Keeps the node connected to its bootstrap peers: dials each at start and redials after a
// disconnect with exponential backoff and jitter, so a network whose nodes start in any order —
// or lose a peer for a while — reconnects by itself without hammering anyone.
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'

const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 30_000
const DIAL_TIMEOUT_MS = 10_000

export function keepBootstrapConnected(node: Libp2p, addresses: readonly string[]): () => void {
  let stopped = false
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const peers = addresses.map((a) => {
    const ma = multiaddr(a)
    return {
      ma,
      peerId: ma.getComponents().findLast((c) => c.name === 'p2p')?.value,
      delay: FIRST_RETRY_MS,
    }
  })

  const dial = (peer: (typeof peers)[number]): void => {
    if (stopped) return
    if (
      peer.peerId !== undefined &&
      node.getConnections().some((c) => c.remotePeer.toString() === peer.peerId)
    ) {
      peer.delay = FIRST_RETRY_MS
      return
    }
    node
      .dial(peer.ma, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })
      .then(() => {
        peer.delay = FIRST_RETRY_MS
      })
      .catch(() => {
        const wait = peer.delay * (0.5 + Math.random())
        peer.delay = Math.min(peer.delay * 2, MAX_RETRY_MS)
        const timer = setTimeout(() => {
          timers.delete(timer)
          dial(peer)
        }, wait)
        timers.add(timer)
      })
  }

  const onDisconnect = (evt: CustomEvent<{ toString(): string }>): void => {
    const peer = peers.find((p) => p.peerId === evt.detail.toString())
    if (peer === undefined || stopped) return
    const timer = setTimeout(
      () => {
        timers.delete(timer)
        dial(peer)
      },
      peer.delay * (0.5 + Math.random()),
    )
    timers.add(timer)
  }
  node.addEventListener('peer:disconnect', onDisconnect)
  for (const p of peers) dial(p)
  return () => {
    stopped = true
    node.removeEventListener('peer:disconnect', onDisconnect)
    for (const t of timers) clearTimeout(t)
  }
}
