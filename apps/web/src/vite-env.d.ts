/// <reference types="vite/client" />

// The chain config a build (or the dev server) can carry; the page's URL overrides each one.
interface ImportMetaEnv {
  /** Bootstrap multiaddrs, comma-separated. */
  readonly VITE_WEFT_NODE?: string
  /** The genesis JSON text, as `weft genesis` writes it. */
  readonly VITE_WEFT_GENESIS?: string
  /** The genesis hash to pin (64 hex digits). */
  readonly VITE_WEFT_GENESIS_HASH?: string
  /** A node's HTTP API base URL. */
  readonly VITE_WEFT_API?: string
}
