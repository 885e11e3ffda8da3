// The last look before signing: who gets what, and the most it can cost.
import { useState } from 'react'
import { describeError } from '../format/describe-error.ts'
import { formatWeft } from '../format/weft-amount.ts'
import type { TransferDraft } from '../wallet/draft-transfer.ts'

export function SendReview({
  draft,
  to,
  verifiedAt,
  onBack,
  onSend,
}: {
  draft: TransferDraft
  to: string
  verifiedAt: number
  onBack: () => void
  onSend: () => Promise<void>
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const send = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await onSend()
    } catch (err) {
      setError(describeError(err))
      setBusy(false)
    }
  }
  return (
    <section>
      <h2>Review</h2>
      <dl data-testid="review">
        <dt>To</dt>
        <dd>
          <code>{to}</code>
        </dd>
        <dt>Amount</dt>
        <dd data-testid="review-amount">{formatWeft(draft.tx.amount)} WEFT</dd>
        <dt>Fee, at most</dt>
        <dd>
          {formatWeft(draft.maxFee)} WEFT ({draft.tx.maxFeePerByte.toString()} base units per byte ×{' '}
          {draft.size.toString()} bytes; the unused part is never charged)
        </dd>
        <dt>Total, at most</dt>
        <dd data-testid="review-total">{formatWeft(draft.total)} WEFT</dd>
        <dt>Nonce</dt>
        <dd>
          {draft.tx.nonce.toString()} (verified at height {verifiedAt})
        </dd>
      </dl>
      {error === undefined ? null : (
        <p className="error" role="alert" data-testid="send-error">
          {error}
        </p>
      )}
      <p className="actions">
        <button type="button" onClick={send} disabled={busy}>
          {busy ? 'Signing…' : 'Sign and send'}
        </button>
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>
          Back
        </button>
      </p>
    </section>
  )
}
