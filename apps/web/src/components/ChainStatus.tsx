// The header's account of the chain: how far the light client has verified it, from how many
// witnesses, or why it has not.
import type { ChainState } from '../chain/use-chain.ts'

export function ChainStatus({ state }: { state: ChainState }) {
  if (state.phase === 'connecting') {
    return (
      <p className="chain-status" data-testid="chain-status" data-state="connecting">
        joining the network…
      </p>
    )
  }
  if (state.phase === 'failed') {
    return (
      <p className="chain-status error" data-testid="chain-status" data-state="failed" role="alert">
        not connected: {state.error}
      </p>
    )
  }
  const { chain, head, syncError } = state
  return (
    <p className="chain-status" data-testid="chain-status" data-state="ready">
      <span data-testid="verified-height">verified height {head.height}</span>
      <span>
        {chain.chainId} · {chain.node.getPeers().length} peer(s) ·{' '}
        {chain.minWitnesses === 0
          ? 'no witnesses: every header checked against its commit, not cross-checked with a second peer'
          : `each head cross-checked with ${chain.minWitnesses} witnesses`}
      </span>
      {syncError === undefined ? null : (
        <span className="error" data-testid="sync-error">
          not moving: {syncError}
        </span>
      )}
    </p>
  )
}
