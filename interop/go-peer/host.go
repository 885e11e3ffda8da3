package main

// The go-libp2p host: only what a Weft node offers (relay/src/node/create-node.ts), so the
// connection cannot fall back to anything js-libp2p does not speak — TCP and WebSockets,
// Noise, Yamux — plus the circuit-relay-v2 client to reserve slots and dial through them.

import (
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	"github.com/libp2p/go-libp2p/p2p/transport/websocket"
)

const userAgent = "weft-interop-go-peer"

func newHost() (host.Host, error) {
	return libp2p.New(
		libp2p.UserAgent(userAgent),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(websocket.New),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Muxer(yamux.ID, yamux.DefaultTransport),
		// The peer never listens directly: it is reached only through the relay. NoListenAddrs
		// turns the relay client off unless asked for, hence EnableRelay after it.
		libp2p.NoListenAddrs,
		libp2p.EnableRelay(),
		libp2p.DisableMetrics(),
	)
}
