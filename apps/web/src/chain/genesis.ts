// The genesis the page is served with, read through the core: its canonical bytes, its chain id,
// and the hash the light client pins (the configured one, or the core's hash of the text).
import { MemoryNodeStore, type WeftCore } from '@weft/wasm'

export interface ServedGenesis {
  bytes: Uint8Array
  chainId: string
  /** The pin: the configured hash when there is one (the light client checks it matches). */
  hash: Uint8Array
}

/** The page's genesis text is not a genesis; the message says what the core found wrong. */
export class GenesisConfigError extends Error {
  override readonly name = 'GenesisConfigError'
}

export function readGenesis(
  core: WeftCore,
  json: string,
  pinned: Uint8Array | undefined,
): ServedGenesis {
  let bytes: Uint8Array
  try {
    bytes = core.views.encodeJson('genesis', json)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new GenesisConfigError(`the page's genesis is not a Weft genesis: ${reason}`)
  }
  const { chainId } = core.views.decode('genesis', bytes)
  return { bytes, chainId, hash: pinned ?? hashOf(core, bytes) }
}

function hashOf(core: WeftCore, genesis: Uint8Array): Uint8Array {
  // Loading the genesis state is how the core names its hash; the state is dropped at once.
  const tree = core.openStateTree(new MemoryNodeStore())
  try {
    return core.blocks.loadGenesis(tree, genesis).genesisHash
  } finally {
    tree.close()
  }
}
