// The chain config the app is served with (genesis, its hash, bootstrap addresses, an optional
// checkpoint), read through the core into what the client checks against. The genesis bytes
// give the chain id, the trusting period and the validator set that signs block 1; the hash
// pins them, so a page served with a wrong genesis fails here rather than trusting it.
import { MemoryNodeStore, type WeftCore } from '@weft/wasm'
import { LightClientError } from './errors.ts'

export interface Checkpoint {
  height: number
  /** The block id (header hash) at `height`. */
  blockId: Uint8Array
}

export interface LightClientConfig {
  /** The genesis in its canonical encoding. */
  genesis: Uint8Array
  /** The hash the core computes for `genesis`; the pin the app is built with. */
  genesisHash: Uint8Array
  /** Multiaddrs the host dials first; the client itself only names peers the transport has. */
  bootstrap?: readonly string[]
  /**
   * A recent block to trust instead of block 1: needed once the chain is older than its
   * trusting period, and faster to sync from. Its header must be younger than that period.
   */
  checkpoint?: Checkpoint
}

/** What the client checks everything against, derived once from the config by the core. */
export interface ChainTrust {
  chainId: string
  genesisHash: Uint8Array
  /** The validator set of heights 1 and 2 (canonical encoding): block 1's signers. */
  genesisValidators: Uint8Array
  trustingPeriodMs: number
  maxValidators: number
  checkpoint: Checkpoint | undefined
}

export function chainTrust(core: WeftCore, config: LightClientConfig): ChainTrust {
  if (!(config?.genesis instanceof Uint8Array) || !(config.genesisHash instanceof Uint8Array)) {
    throw new LightClientError('BAD_CONFIG', 'the config needs genesis and genesisHash bytes')
  }
  const checkpoint = config.checkpoint
  if (checkpoint !== undefined) {
    if (!Number.isSafeInteger(checkpoint.height) || checkpoint.height < 1) {
      throw new LightClientError('BAD_CONFIG', 'checkpoint.height must be a height from 1 on')
    }
    if (!(checkpoint.blockId instanceof Uint8Array) || checkpoint.blockId.length !== 32) {
      throw new LightClientError('BAD_CONFIG', 'checkpoint.blockId must be 32 bytes')
    }
  }
  const view = core.views.decode('genesis', config.genesis)
  // The genesis state only lives long enough to name the hash and the first validator set.
  const tree = core.openStateTree(new MemoryNodeStore())
  try {
    const loaded = core.blocks.loadGenesis(tree, config.genesis)
    if (!equalBytes(loaded.genesisHash, config.genesisHash)) {
      throw new LightClientError(
        'GENESIS_MISMATCH',
        'the configured genesis does not hash to the configured genesis hash',
      )
    }
    return {
      chainId: view.chainId,
      genesisHash: loaded.genesisHash,
      genesisValidators: loaded.validators,
      trustingPeriodMs: Number(view.params.trustingPeriodMs),
      maxValidators: view.params.maxValidators,
      checkpoint,
    }
  } finally {
    tree.close()
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
