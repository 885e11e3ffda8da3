// Sending: a form checked before anything is signed (address checksum, amount, verified funds),
// a review of what it costs, then signing through the core, submitting, and following it.
import { AddressError, parseAddress } from '@weft/core'
import { type FormEvent, useEffect, useState } from 'react'
import type { Chain } from '../chain/connect-chain.ts'
import { describeError } from '../format/describe-error.ts'
import { toHex } from '../format/hex.ts'
import { AmountError, parseWeft } from '../format/weft-amount.ts'
import type { FeeEstimates, FeeLevel } from '../net/node-api.ts'
import { href } from '../routing/use-hash-route.ts'
import {
  checkFunds,
  draftTransfer,
  type TransferDraft,
  UnverifiedBalanceError,
} from '../wallet/draft-transfer.ts'
import type { UnlockedWallet } from '../wallet/unlocked-wallet.ts'
import type { AccountState } from '../wallet/use-verified-account.ts'
import { SendReview } from './SendReview.tsx'
import { TransferProgress } from './TransferProgress.tsx'

const FEE_LEVELS: { level: FeeLevel; label: string }[] = [
  { level: 'economy', label: 'Economy' },
  { level: 'nextBlock', label: 'Next block' },
  { level: 'fast', label: 'Fast' },
]

type Stage =
  | { step: 'form' }
  | { step: 'review'; draft: TransferDraft; to: string; verifiedAt: number }
  | { step: 'sent'; draft: TransferDraft; hash: string; txId: Uint8Array }

export function Send({
  wallet,
  chain,
  account,
}: {
  wallet: UnlockedWallet
  chain: Chain | undefined
  account: AccountState
}) {
  const [stage, setStage] = useState<Stage>({ step: 'form' })
  const [fees, setFees] = useState<FeeEstimates>()
  const [feeError, setFeeError] = useState<string>()
  useEffect(() => {
    chain?.api.fees().then(setFees, (err: unknown) => setFeeError(describeError(err)))
  }, [chain])

  if (chain === undefined) return <p>Waiting for the network…</p>
  if (stage.step === 'review') {
    return (
      <SendReview
        draft={stage.draft}
        to={stage.to}
        verifiedAt={stage.verifiedAt}
        onBack={() => setStage({ step: 'form' })}
        onSend={async () => {
          // Checked again at the moment of signing: the verified balance may have moved.
          chain.client.assertCanSend()
          const latest = await chain.client.account(wallet.addressBytes)
          checkFunds(stage.draft, latest.balance)
          const signed = await wallet.sign(chain.core, chain.chainId, stage.draft.tx)
          const submitted = await chain.api.submit(toHex(signed.bytes))
          setStage({ step: 'sent', draft: stage.draft, hash: submitted.hash, txId: signed.id })
        }}
      />
    )
  }
  if (stage.step === 'sent') {
    return (
      <TransferProgress
        chain={chain}
        wallet={wallet}
        draft={stage.draft}
        hash={stage.hash}
        txId={stage.txId}
      />
    )
  }
  return (
    <SendForm
      fees={fees}
      feeError={feeError}
      onReview={(input) => {
        if (account.phase !== 'verified') {
          throw new UnverifiedBalanceError(
            'The balance is not verified yet: wait for it before sending.',
          )
        }
        // Throws ConflictHaltedError while a witness conflict stands: nothing is signed then.
        chain.client.assertCanSend()
        const draft = draftTransfer(chain.core, {
          sender: wallet.publicKey,
          nonce: account.account.nonce,
          to: input.to,
          amount: input.amount,
          fee: input.fee,
        })
        checkFunds(draft, account.account.balance)
        setStage({ step: 'review', draft, to: input.toText, verifiedAt: account.account.height })
      }}
    />
  )
}

interface FormInput {
  to: Uint8Array
  toText: string
  amount: bigint
  fee: FeeEstimates[FeeLevel]
}

function SendForm({
  fees,
  feeError,
  onReview,
}: {
  fees: FeeEstimates | undefined
  feeError: string | undefined
  onReview: (input: FormInput) => void
}) {
  const [errors, setErrors] = useState<{ to?: string; amount?: string; send?: string }>({})
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (fees === undefined) return
    const form = new FormData(event.currentTarget)
    const toText = String(form.get('to') ?? '').trim()
    const found: typeof errors = {}
    let to: Uint8Array | undefined
    let amount: bigint | undefined
    try {
      to = parseAddress(toText)
    } catch (err) {
      if (!(err instanceof AddressError)) throw err
      found.to = err.message
    }
    try {
      amount = parseWeft(String(form.get('amount') ?? ''))
    } catch (err) {
      if (!(err instanceof AmountError)) throw err
      found.amount = err.message
    }
    if (to !== undefined && amount !== undefined) {
      try {
        onReview({ to, toText, amount, fee: fees[String(form.get('fee')) as FeeLevel] })
      } catch (err) {
        found.send = describeError(err)
      }
    }
    setErrors(found)
  }
  return (
    <form onSubmit={submit}>
      <h2>Send WEFT</h2>
      <label>
        To
        <input name="to" placeholder="weft1…" autoComplete="off" spellCheck={false} required />
      </label>
      {errors.to === undefined ? null : (
        <p className="error" role="alert" data-testid="to-error">
          {errors.to}
        </p>
      )}
      <label>
        Amount (WEFT)
        <input name="amount" inputMode="decimal" autoComplete="off" required />
      </label>
      {errors.amount === undefined ? null : (
        <p className="error" role="alert" data-testid="amount-error">
          {errors.amount}
        </p>
      )}
      <fieldset>
        <legend>Fee (the node's estimate)</legend>
        {fees === undefined ? (
          <p className={feeError === undefined ? '' : 'error'}>{feeError ?? 'asking the node…'}</p>
        ) : (
          FEE_LEVELS.map(({ level, label }) => (
            <label key={level} className="inline">
              <input type="radio" name="fee" value={level} defaultChecked={level === 'fast'} />{' '}
              {label}{' '}
              <small>(up to {fees[level].maxFeePerByte.toString()} base units per byte)</small>
            </label>
          ))
        )}
      </fieldset>
      {errors.send === undefined ? null : (
        <p className="error" role="alert" data-testid="send-error">
          {errors.send}
        </p>
      )}
      <p className="actions">
        <button type="submit" disabled={fees === undefined}>
          Review
        </button>
        <a className="button secondary" href={href('home')}>
          Cancel
        </a>
      </p>
    </form>
  )
}
