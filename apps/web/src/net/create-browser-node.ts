// The page's libp2p node: dials out over WebSockets, encrypts with Noise, multiplexes with yamux.
// It listens on nothing yet; WebRTC and circuit-relay reservations come with the light client.
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { webSockets } from '@libp2p/websockets'
import { createLibp2p } from 'libp2p'
import { connectionGater } from './allow-local-dials.ts'

export interface BrowserNodeInit {
  allowLocalDials: boolean
}

export function createBrowserNode(init: BrowserNodeInit) {
  return createLibp2p({
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: connectionGater(init.allowLocalDials),
    services: { identify: identify() },
  })
}

export type BrowserNode = Awaited<ReturnType<typeof createBrowserNode>>
