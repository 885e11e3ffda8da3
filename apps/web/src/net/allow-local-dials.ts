// js-libp2p in browsers refuses, by default, to dial loopback and private addresses and
// unencrypted ws:// (a public page has no business probing the visitor's LAN, and mixed content
// is noisy). A development node on this machine is exactly such an address, so the page lifts
// the rule only when it is itself served from localhost, by the Vite dev server, or when the URL
// says ?allowLocal=1 (see config.ts). Production pages keep libp2p's default.
import type { Libp2pOptions } from 'libp2p'

type ConnectionGater = NonNullable<Libp2pOptions['connectionGater']>

export function connectionGater(allowLocalDials: boolean): ConnectionGater | undefined {
  if (!allowLocalDials) return undefined
  return { denyDialMultiaddr: () => false }
}
