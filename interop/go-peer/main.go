// weft-interop-peer: a go-libp2p peer that checks a Weft relay from the outside. It connects to
// the relay, reports what identify says about it and the ping round trip, and then, by mode,
// stops (ping), reserves a circuit-relay-v2 slot and serves an echo protocol through it
// (reserve), or dials a reserved peer through the relay and checks the echo (dial).
// Each step is one JSON line on stdout; see docs/interop.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/client"
	ma "github.com/multiformats/go-multiaddr"
)

const (
	exitFailed = 1
	exitUsage  = 2
)

type options struct {
	relay   peer.AddrInfo
	connect ma.Multiaddr
	mode    string
	target  string
	pings   int
	timeout time.Duration
}

func main() {
	opts, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "weft-interop-peer: %v\n", err)
		os.Exit(exitUsage)
	}
	rep := newReporter()
	if err := run(opts, rep); err != nil {
		os.Exit(exitFailed)
	}
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("weft-interop-peer", flag.ContinueOnError)
	connect := fs.String("connect", "", "the relay's multiaddr, ending in /p2p/<relay peer id> (required)")
	mode := fs.String("mode", "ping", "ping: identify and ping the relay; reserve: also reserve a slot and serve echo until stdin closes or --timeout; dial: also reach --target through the relay and check the echo")
	target := fs.String("target", "", "dial mode: the reserved peer's id, or its full relayed multiaddr")
	pings := fs.Int("pings", 3, "pings to send to the relay")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long; in reserve mode, how long to stay up at most")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	opts := options{mode: *mode, target: *target, pings: *pings, timeout: *timeout}
	if *connect == "" {
		return opts, errors.New("--connect is required")
	}
	addr, err := ma.NewMultiaddr(*connect)
	if err != nil {
		return opts, fmt.Errorf("--connect: %w", err)
	}
	info, err := peer.AddrInfoFromP2pAddr(addr)
	if err != nil {
		return opts, fmt.Errorf("--connect must end in /p2p/<relay peer id>: %w", err)
	}
	opts.connect, opts.relay = addr, *info
	switch opts.mode {
	case "ping", "reserve":
	case "dial":
		if opts.target == "" {
			return opts, errors.New("dial mode needs --target")
		}
	default:
		return opts, fmt.Errorf("--mode must be ping, reserve or dial, not %q", opts.mode)
	}
	if opts.pings < 1 {
		return opts, errors.New("--pings must be at least 1")
	}
	return opts, nil
}

// run reports each step, and an "error" line for the step that failed, which it also returns.
func run(opts options, rep *reporter) error {
	ctx, cancel := context.WithTimeout(context.Background(), opts.timeout)
	defer cancel()

	h, err := newHost()
	if err != nil {
		rep.fail("host", err)
		return err
	}
	defer h.Close()
	rep.emit("started", map[string]any{"peer": h.ID().String(), "mode": opts.mode})
	if opts.mode == "reserve" {
		// Before the reservation, so no relayed stream can arrive ahead of its handler.
		serveEcho(h, rep)
	}

	if err := probeRelay(ctx, h, opts, rep); err != nil {
		return err
	}

	switch opts.mode {
	case "reserve":
		err = reserve(ctx, h, opts, rep)
	case "dial":
		err = dial(ctx, h, opts, rep)
	}
	if err == nil {
		rep.emit("done", nil)
	}
	return err
}

func reserve(ctx context.Context, h host.Host, opts options, rep *reporter) error {
	rsvp, err := client.Reserve(ctx, h, opts.relay)
	if err != nil {
		rep.fail("reserve", err)
		return err
	}
	relayAddrs := make([]string, 0, len(rsvp.Addrs))
	for _, a := range rsvp.Addrs {
		relayAddrs = append(relayAddrs, a.String())
	}
	// Other peers reach this one through the address it reached the relay on.
	relayed := opts.connect.
		Encapsulate(ma.StringCast("/p2p-circuit")).
		Encapsulate(ma.StringCast("/p2p/" + h.ID().String()))
	rep.emit("reserved", map[string]any{
		"addr":             relayed.String(),
		"relayAddrs":       relayAddrs,
		"expiresAt":        rsvp.Expiration.UTC().Format(time.RFC3339),
		"limitDurationSec": rsvp.LimitDuration.Seconds(),
		"limitDataBytes":   rsvp.LimitData,
	})

	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(stdinClosed)
	}()
	select {
	case <-stdinClosed:
		rep.emit("stopping", map[string]any{"reason": "stdin closed"})
	case <-ctx.Done():
		rep.emit("stopping", map[string]any{"reason": "timeout"})
	}
	return nil
}

func dial(ctx context.Context, h host.Host, opts options, rep *reporter) error {
	target, err := targetInfo(opts)
	if err != nil {
		rep.fail("target", err)
		return err
	}
	// A relayed connection is limited (in time and bytes), and go-libp2p uses one only when
	// told to; otherwise it waits for a direct connection that cannot come.
	ctx = network.WithAllowLimitedConn(ctx, "weft interop echo through the relay")
	if err := h.Connect(ctx, target); err != nil {
		rep.fail("dial", err)
		return err
	}
	for _, c := range h.Network().ConnsToPeer(target.ID) {
		rep.emit("connected", map[string]any{
			"peer":    target.ID.String(),
			"addr":    c.RemoteMultiaddr().String(),
			"limited": c.Stat().Limited,
		})
	}
	n, rtt, err := checkEcho(ctx, h, target.ID)
	if err != nil {
		rep.fail("echo", err)
		return err
	}
	rep.emit("echo", map[string]any{"ok": true, "bytes": n, "rttMs": millis(rtt)})
	return nil
}

// targetInfo reads --target: a full relayed multiaddr, or a bare peer id reached through the
// relay given by --connect.
func targetInfo(opts options) (peer.AddrInfo, error) {
	if id, err := peer.Decode(opts.target); err == nil {
		circuit := opts.connect.Encapsulate(ma.StringCast("/p2p-circuit"))
		return peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{circuit}}, nil
	}
	addr, err := ma.NewMultiaddr(opts.target)
	if err != nil {
		return peer.AddrInfo{}, fmt.Errorf("--target is neither a peer id nor a multiaddr: %w", err)
	}
	info, err := peer.AddrInfoFromP2pAddr(addr)
	if err != nil {
		return peer.AddrInfo{}, fmt.Errorf("--target must end in /p2p/<peer id>: %w", err)
	}
	return *info, nil
}
