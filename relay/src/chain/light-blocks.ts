// A stored height as a light block (docs/protocol/light-client.md): its header and commit from
// the store and the validator set the state at that height holds for it, encoded by the core.
// What /weft/headers/1.0.0 serves and state sync's trust anchor is built as.
import type { Chain } from './chain.ts'

/** The light block at `height`, or undefined when this node does not keep that height. */
export function storedLightBlock(chain: Chain, height: number): Uint8Array | undefined {
  const header = chain.store.header(height)
  const commit = chain.store.commit(height)
  if (header === undefined || commit === undefined) return undefined
  const views = chain.core.views
  const headerView = views.decode('header', header)
  // The state after the block holds its own height's set; so does every later state for the
  // unbonding period, which is where a pruned node (its older states collected) finds it.
  for (const root of [headerView.stateRoot, chain.head.root]) {
    try {
      const validators = chain.core.blocks.validatorSet(chain.tree, root, BigInt(height))
      return lightBlockOf(chain, header, commit, validators)
    } catch {
      // Not in this state: collected, before a state-synced base, or beyond the window.
    }
  }
  return undefined
}

export function lightBlockOf(
  chain: Chain,
  header: Uint8Array,
  commit: Uint8Array,
  validators: Uint8Array,
): Uint8Array {
  const views = chain.core.views
  return views.encode('lightBlock', {
    header: views.decode('header', header),
    commit: views.decode('commit', commit),
    validators: views.decode('validatorSet', validators),
  })
}
