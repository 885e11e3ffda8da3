// Devnet coins over libp2p (/weft/faucet/1.0.0): asked of each connected node in turn, since
// only nodes started with a faucet key serve the protocol. The payment is an ordinary transfer
// in the node's pool; the balance shows it once the light client proves it.
import { ProtocolError, requestFaucet } from '@weft/core'
import type { BrowserNode } from '../net/create-browser-node.ts'

export interface FaucetPayment {
  txId: Uint8Array
  amount: bigint
}

/** A faucet answered but would not pay (rate limit, empty account), or none was reachable. */
export class FaucetError extends Error {
  override readonly name = 'FaucetError'
}

export async function requestDevnetCoins(
  node: BrowserNode,
  address: Uint8Array,
): Promise<FaucetPayment> {
  const refusals: string[] = []
  for (const peer of node.getPeers()) {
    try {
      const answer = await requestFaucet(node, peer, { address })
      if (answer.status === 'OK') return { txId: answer.txId, amount: answer.amount }
      const wait =
        answer.retryAfterMs === undefined
          ? ''
          : ` (ask again in ${Math.ceil(answer.retryAfterMs / 1000)} s)`
      refusals.push(`${answer.message}${wait}`)
    } catch (err) {
      // A node without a faucet does not list the protocol: the dial is refused. Try the next.
      if (!(err instanceof ProtocolError)) throw err
    }
  }
  throw new FaucetError(
    refusals.length > 0
      ? `the faucet refused: ${refusals.join('; ')}`
      : 'no connected node runs a faucet (only devnet nodes started with --faucet-key do)',
  )
}
