package main

// Connecting to the relay, and what identify and ping say about it.

import (
	"context"
	"errors"
	"fmt"

	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/p2p/host/eventbus"
	"github.com/libp2p/go-libp2p/p2p/protocol/ping"
)

func probeRelay(ctx context.Context, h host.Host, opts options, rep *reporter) error {
	// Subscribed before dialing: the host runs identify as part of Connect, and the outcome is
	// only ever announced on the bus.
	sub, err := h.EventBus().Subscribe(
		[]any{new(event.EvtPeerIdentificationCompleted), new(event.EvtPeerIdentificationFailed)},
		eventbus.BufSize(16),
	)
	if err != nil {
		rep.fail("identify", err)
		return err
	}
	defer sub.Close()

	if err := h.Connect(ctx, opts.relay); err != nil {
		rep.fail("connect", err)
		return err
	}
	for _, c := range h.Network().ConnsToPeer(opts.relay.ID) {
		rep.emit("connected", map[string]any{
			"peer":    opts.relay.ID.String(),
			"addr":    c.RemoteMultiaddr().String(),
			"limited": c.Stat().Limited,
		})
	}

	if err := awaitIdentify(ctx, sub, opts, rep); err != nil {
		rep.fail("identify", err)
		return err
	}

	pingCtx, stopPing := context.WithCancel(ctx)
	defer stopPing()
	results := ping.Ping(pingCtx, h, opts.relay.ID)
	for i := 0; i < opts.pings; i++ {
		select {
		case res := <-results:
			if res.Error != nil {
				rep.fail("ping", res.Error)
				return res.Error
			}
			rep.emit("ping", map[string]any{"rttMs": millis(res.RTT)})
		case <-ctx.Done():
			err := fmt.Errorf("ping: %w", ctx.Err())
			rep.fail("ping", err)
			return err
		}
	}
	return nil
}

func awaitIdentify(ctx context.Context, sub event.Subscription, opts options, rep *reporter) error {
	for {
		select {
		case e := <-sub.Out():
			switch evt := e.(type) {
			case event.EvtPeerIdentificationCompleted:
				if evt.Peer != opts.relay.ID {
					continue
				}
				protocols := make([]string, 0, len(evt.Protocols))
				for _, p := range evt.Protocols {
					protocols = append(protocols, string(p))
				}
				listenAddrs := make([]string, 0, len(evt.ListenAddrs))
				for _, a := range evt.ListenAddrs {
					listenAddrs = append(listenAddrs, a.String())
				}
				observed := ""
				if evt.ObservedAddr != nil {
					observed = evt.ObservedAddr.String()
				}
				rep.emit("identify", map[string]any{
					"peer":            evt.Peer.String(),
					"addr":            evt.Conn.RemoteMultiaddr().String(),
					"agentVersion":    evt.AgentVersion,
					"protocolVersion": evt.ProtocolVersion,
					"protocols":       protocols,
					"listenAddrs":     listenAddrs,
					"observedAddr":    observed,
				})
				return nil
			case event.EvtPeerIdentificationFailed:
				if evt.Peer == opts.relay.ID {
					return evt.Reason
				}
			}
		case <-ctx.Done():
			return errors.New("no identify result from the relay before the timeout")
		}
	}
}
