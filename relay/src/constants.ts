// Defaults of the weft node, in one place.

/**
 * Where `weft node` listens unless --listen says otherwise: loopback only, ports chosen by the
 * OS, one address per transport (TCP for nodes, WebSockets and WebRTC-direct for browsers).
 */
export const DEFAULT_LISTEN_ADDRS: readonly string[] = [
  '/ip4/127.0.0.1/tcp/0',
  '/ip4/127.0.0.1/tcp/0/ws',
  '/ip4/127.0.0.1/udp/0/webrtc-direct',
]

/** Exit status for a command line the CLI cannot run (unknown flag, bad value). */
export const EXIT_USAGE = 2

/** Prefix of the line `weft node` prints once it listens; tests and scripts wait for it. */
export const LISTENING_LINE_PREFIX = 'weft: listening '
