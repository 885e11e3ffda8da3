// The trust anchor (docs/light-client.md, "Trust anchor"): the first light block the client
// trusts without verifying it from another. It is block 1, signed by the genesis validator
// set the configured genesis names, or the block the configured checkpoint names by id. A light
// client executes nothing, so block 1's state root rests on its commit like any later header.
import type { WeftCore } from '@weft/wasm'
import type { ChainTrust } from './config.ts'
import { equalBytes } from './config.ts'
import { lightOptions, type ReadLightBlock, readLightBlock } from './light-block.ts'

export type AnchorCheck = { ok: true; block: ReadLightBlock } | { ok: false; reason: string }

/** The anchor's height: the checkpoint's, else 1. */
export function anchorHeight(chain: ChainTrust): number {
  return chain.checkpoint?.height ?? 1
}

/**
 * Whether `bytes` is the anchor the config names, internally consistent and, judged at `nowMs`,
 * not expired. On reload the stored anchor is judged at its own time (it may since have
 * expired while later blocks verified from it still hold).
 */
export function checkAnchor(
  core: WeftCore,
  chain: ChainTrust,
  bytes: Uint8Array,
  nowMs: number,
): AnchorCheck {
  let block: ReadLightBlock
  try {
    block = readLightBlock(core, bytes)
  } catch (err) {
    return { ok: false, reason: errorCode(err) }
  }
  if (block.header.chainId !== chain.chainId) return { ok: false, reason: 'LightError.WrongChain' }
  if (block.height !== anchorHeight(chain)) return { ok: false, reason: 'LightError.WrongHeight' }
  const validators = core.views.encode('validatorSet', block.view.validators)
  const checkpoint = chain.checkpoint
  if (checkpoint === undefined) {
    // Block 1 is signed by the set genesis gives heights 1 and 2, and no other.
    if (!equalBytes(validators, chain.genesisValidators))
      return { ok: false, reason: 'AnchorError.NotGenesisValidators' }
  } else if (!equalBytes(block.blockId, checkpoint.blockId)) {
    return { ok: false, reason: 'AnchorError.NotCheckpoint' }
  }
  // The core's common checks run in a documented order (light-client.md): expiry of the trusted
  // block, then the untrusted block's well-formedness (its commit is for this header, its set
  // hashes to validators_hash), then the height. A block judged against itself therefore fails
  // at the height exactly when it is unexpired and well formed.
  const self = core.verifyLightBlock({ block: bytes }, bytes, lightOptions(chain), nowMs)
  if (self.ok || self.reason !== 'LightError.NotAfterTrusted')
    return { ok: false, reason: self.ok ? 'LightError.NotAfterTrusted' : self.reason }
  const quorum = core.consensus.verifyCommit({
    chainId: chain.chainId,
    validators,
    commit: core.views.encode('commit', block.view.commit),
    height: BigInt(block.height),
    block: block.blockId,
    maxValidators: chain.maxValidators,
  })
  return quorum.ok ? { ok: true, block } : { ok: false, reason: quorum.reason }
}

export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code
  return err instanceof Error ? err.message : String(err)
}
