// The chain config the page is served with — the trust root of everything it verifies — read
// from its URL and, at build or dev time, Vite's env. Pure: the core turns the genesis text into
// bytes later (chain/connect-chain.ts), so a page with a bad config says so before any network.
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { DEFAULT_MIN_WITNESSES } from '@weft/core'

export interface PageConfig {
  /** The genesis as `weft genesis` writes it (JSON): ?genesis=, else VITE_WEFT_GENESIS. */
  genesisJson: string
  /**
   * The genesis hash the page pins (?genesisHash=, else VITE_WEFT_GENESIS_HASH). Without it the
   * genesis text itself is the pin; with it, a genesis that hashes otherwise is refused.
   */
  genesisHash: Uint8Array | undefined
  /** Nodes to dial first, over WebSockets: ?node= (repeatable), else VITE_WEFT_NODE (comma-separated). */
  bootstrap: Multiaddr[]
  /** A node's HTTP API for fee estimates and submitting transactions: ?api=, else VITE_WEFT_API. */
  api: URL
  /**
   * Peers that must agree with the primary before a synced head is adopted: ?witnesses=, else
   * as many as the other bootstrap nodes allow, up to the light client's default.
   */
  minWitnesses: number
  /** Whether the browser may dial loopback/private addresses and plain ws:// (see allow-local-dials.ts). */
  allowLocalDials: boolean
}

export type PageConfigResult = { ok: true; config: PageConfig } | { ok: false; error: string }

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** The parts of Vite's import.meta.env the page reads; passed in so the function stays pure. */
export interface PageEnv {
  DEV: boolean
  VITE_WEFT_NODE?: string
  VITE_WEFT_GENESIS?: string
  VITE_WEFT_GENESIS_HASH?: string
  VITE_WEFT_API?: string
}

const EXAMPLE =
  '?genesis=<genesis.json text>&node=/ip4/127.0.0.1/tcp/26601/ws/p2p/12D3KooW…&api=http://127.0.0.1:8645'

export function readPageConfig(
  location: Pick<Location, 'search' | 'hostname'>,
  env: PageEnv,
): PageConfigResult {
  const params = new URLSearchParams(location.search)
  const given = (name: string, fallback: string | undefined) => {
    const value = params.get(name) ?? fallback
    return value === undefined || value === null || value.trim() === '' ? undefined : value.trim()
  }
  try {
    const genesisJson = given('genesis', env.VITE_WEFT_GENESIS)
    if (genesisJson === undefined)
      throw new ConfigError(`no genesis: open this page with ${EXAMPLE}`)
    const hashText = given('genesisHash', env.VITE_WEFT_GENESIS_HASH)
    const nodes = params.getAll('node').filter((n) => n.trim() !== '')
    const nodeTexts =
      nodes.length > 0 ? nodes : (env.VITE_WEFT_NODE ?? '').split(',').filter((n) => n.trim())
    if (nodeTexts.length === 0) {
      throw new ConfigError(`no node to connect to: open this page with ${EXAMPLE}`)
    }
    const bootstrap = nodeTexts.map(parseNode)
    const apiText = given('api', env.VITE_WEFT_API)
    if (apiText === undefined) throw new ConfigError(`no node API: open this page with ${EXAMPLE}`)
    return {
      ok: true,
      config: {
        genesisJson,
        genesisHash: hashText === undefined ? undefined : parseHash(hashText),
        bootstrap,
        api: parseApi(apiText),
        minWitnesses: parseWitnesses(
          params.get('witnesses'),
          Math.min(DEFAULT_MIN_WITNESSES, bootstrap.length - 1),
        ),
        allowLocalDials:
          env.DEV || LOCAL_HOSTNAMES.has(location.hostname) || flag(params, 'allowLocal'),
      },
    }
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, error: err.message }
    throw err
  }
}

/** A config value the page cannot use; its message is shown as it is. */
class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

function parseNode(text: string): Multiaddr {
  try {
    return multiaddr(text.trim())
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new ConfigError(`?node=${text} is not a valid multiaddr (${reason})`)
  }
}

function parseHash(text: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new ConfigError(`?genesisHash=${text} is not a hash: it should be 64 hex digits`)
  }
  return Uint8Array.from(text.match(/../g) as string[], (byte) => Number.parseInt(byte, 16))
}

function parseApi(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`?api=${text} is not a URL, e.g. http://127.0.0.1:8645`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`?api=${text} should be an http:// or https:// URL`)
  }
  return url
}

function parseWitnesses(text: string | null, fallback: number): number {
  if (text === null) return Math.max(0, fallback)
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0 || n > 16) {
    throw new ConfigError(`?witnesses=${text} should be a whole number from 0 to 16`)
  }
  return n
}

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name)
  return value !== null && value !== '0' && value !== 'false'
}
