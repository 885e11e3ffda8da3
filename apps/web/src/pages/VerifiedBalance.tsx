// The balance and nonce as proven at the verified head, with the height that proves them.

import { formatWeft } from '../format/weft-amount.ts'
import type { AccountState } from '../wallet/use-verified-account.ts'

export function VerifiedBalance({ account }: { account: AccountState }) {
  if (account.phase === 'loading') return <p data-testid="balance-status">verifying the balance…</p>
  const shown = account.phase === 'verified' ? account.account : account.last
  return (
    <div className="balance">
      {shown === undefined ? null : (
        <>
          <p className="amount">
            <span data-testid="balance">{formatWeft(shown.balance)} WEFT</span>
          </p>
          <p className="provenance" data-testid="balance-proof">
            verified at height {shown.height}
          </p>
          <p className="provenance">
            nonce <span data-testid="nonce">{shown.nonce.toString()}</span> · proof from{' '}
            <code>{shown.provenBy.slice(0, 16)}…</code>, checked here against the verified state
            root
          </p>
        </>
      )}
      {account.phase === 'failed' ? (
        <p className="error" role="alert" data-testid="balance-error">
          The balance could not be verified: {account.error}
        </p>
      ) : null}
    </div>
  )
}
