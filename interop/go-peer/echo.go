package main

// A one-shot echo protocol: the dialer writes a payload and closes its write side, the listener
// sends back what it read and closes. Round-tripping random bytes shows that streams cross the
// relay intact in both directions.

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

const (
	echoProtocol protocol.ID = "/weft-interop/echo/1.0.0"
	// Well inside the data a circuit relay lets through per relayed connection (128 KiB by
	// default in js-libp2p), so the limit is never what the test measures.
	echoPayloadBytes  = 4096
	echoMaxBytes      = 64 * 1024
	echoStreamTimeout = 10 * time.Second
)

func serveEcho(h host.Host, rep *reporter) {
	h.SetStreamHandler(echoProtocol, func(s network.Stream) {
		defer s.Close()
		_ = s.SetDeadline(time.Now().Add(echoStreamTimeout))
		data, err := io.ReadAll(io.LimitReader(s, echoMaxBytes))
		if err == nil {
			_, err = s.Write(data)
		}
		if err != nil {
			s.Reset()
			rep.fail("echo-serve", err)
			return
		}
		conn := s.Conn()
		rep.emit("echo-served", map[string]any{
			"peer":    conn.RemotePeer().String(),
			"addr":    conn.RemoteMultiaddr().String(),
			"limited": conn.Stat().Limited,
			"bytes":   len(data),
		})
	})
}

// checkEcho sends random bytes to target and returns how long the round trip took. ctx must
// allow limited connections when target is reached through a relay.
func checkEcho(ctx context.Context, h host.Host, target peer.ID) (int, time.Duration, error) {
	payload := make([]byte, echoPayloadBytes)
	if _, err := rand.Read(payload); err != nil {
		return 0, 0, err
	}
	started := time.Now()
	s, err := h.NewStream(ctx, target, echoProtocol)
	if err != nil {
		return 0, 0, fmt.Errorf("open %s: %w", echoProtocol, err)
	}
	defer s.Close()
	_ = s.SetDeadline(time.Now().Add(echoStreamTimeout))
	if _, err := s.Write(payload); err != nil {
		s.Reset()
		return 0, 0, fmt.Errorf("write: %w", err)
	}
	if err := s.CloseWrite(); err != nil {
		s.Reset()
		return 0, 0, fmt.Errorf("close write: %w", err)
	}
	got, err := io.ReadAll(io.LimitReader(s, echoMaxBytes))
	if err != nil {
		s.Reset()
		return 0, 0, fmt.Errorf("read: %w", err)
	}
	rtt := time.Since(started)
	if !bytes.Equal(got, payload) {
		return len(got), rtt, fmt.Errorf("echo differs: sent %d bytes, got %d back", len(payload), len(got))
	}
	return len(got), rtt, nil
}
