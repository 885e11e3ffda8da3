// A sent transfer's way to finality, each stage labelled with how it is known.
import { useEffect, useState } from 'react'
import type { Chain } from '../chain/connect-chain.ts'
import { formatWeft } from '../format/weft-amount.ts'
import { href } from '../routing/use-hash-route.ts'
import type { TransferDraft } from '../wallet/draft-transfer.ts'
import { followTransfer, type TransferStatus } from '../wallet/follow-transfer.ts'
import type { UnlockedWallet } from '../wallet/unlocked-wallet.ts'

export function TransferProgress({
  chain,
  wallet,
  draft,
  hash,
  txId,
}: {
  chain: Chain
  wallet: UnlockedWallet
  draft: TransferDraft
  hash: string
  txId: Uint8Array
}) {
  const [status, setStatus] = useState<TransferStatus>({ stage: 'pending', queued: false })
  useEffect(
    () =>
      followTransfer(
        {
          client: chain.client,
          api: chain.api,
          txId,
          hash,
          sender: wallet.addressBytes,
          nonce: draft.tx.nonce,
        },
        setStatus,
      ),
    [chain, wallet, txId, hash, draft],
  )
  return (
    <section>
      <h2>Sent {formatWeft(draft.tx.amount)} WEFT</h2>
      <p>
        Transaction <code data-testid="tx-hash">{hash}</code>
      </p>
      <p
        className={`tx-status ${status.stage}`}
        data-testid="tx-status"
        data-stage={status.stage}
        role="status"
      >
        {describe(status)}
      </p>
      <a className="button" href={href('home')}>
        Back to the account
      </a>
    </section>
  )
}

function describe(status: TransferStatus): string {
  switch (status.stage) {
    case 'pending':
      return 'Pending: accepted into the node’s pool (reported by the node), waiting for a block.'
    case 'included':
      return `Included at height ${status.height}: inclusion proof verified against the block’s header.`
    case 'final':
      return status.failedWith === null
        ? `Final at height ${status.height}: verified here — included, and the proven state shows it applied.`
        : `Final at height ${status.height}, but it failed: ${status.failedWith} (reported by the node); its fee was paid, the amount was not sent.`
    case 'failed':
      return `Not sent: ${status.reason}`
  }
}
