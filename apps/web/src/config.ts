// What the page is asked to do, read from its URL (and, at dev time, Vite's env).
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'

export interface PageConfig {
  /** The node to connect to: ?node=<multiaddr>, else VITE_WEFT_NODE. */
  node: Multiaddr
  /** ?tamper=1 also sends a tampered signature as soon as the honest one is answered. */
  tamper: boolean
  /** Whether the browser may dial loopback/private addresses and plain ws:// (see allow-local-dials.ts). */
  allowLocalDials: boolean
}

export type PageConfigResult = { ok: true; config: PageConfig } | { ok: false; error: string }

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** The parts of Vite's import.meta.env the page reads; passed in so the function stays pure. */
export interface PageEnv {
  DEV: boolean
  VITE_WEFT_NODE?: string
}

export function readPageConfig(
  location: Pick<Location, 'search' | 'hostname'>,
  env: PageEnv,
): PageConfigResult {
  const params = new URLSearchParams(location.search)
  const raw = params.get('node') ?? env.VITE_WEFT_NODE
  if (raw === undefined || raw === null || raw.trim() === '') {
    return {
      ok: false,
      error:
        'No node to connect to: open this page with ?node=<multiaddr>, e.g. ?node=/ip4/127.0.0.1/tcp/4002/ws/p2p/12D3KooW…',
    }
  }
  let node: Multiaddr
  try {
    node = multiaddr(raw.trim())
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return { ok: false, error: `?node=${raw} is not a valid multiaddr (${reason})` }
  }
  return {
    ok: true,
    config: {
      node,
      tamper: flag(params, 'tamper'),
      allowLocalDials:
        env.DEV || LOCAL_HOSTNAMES.has(location.hostname) || flag(params, 'allowLocal'),
    },
  }
}

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name)
  return value !== null && value !== '0' && value !== 'false'
}
