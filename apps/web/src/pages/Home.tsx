// The unlocked wallet: its address, its verified balance, devnet coins, and the way to send.
import { useState } from 'react'
import type { Chain } from '../chain/connect-chain.ts'
import { CopyButton } from '../components/CopyButton.tsx'
import { describeError } from '../format/describe-error.ts'
import { toHex } from '../format/hex.ts'
import { formatWeft } from '../format/weft-amount.ts'
import { href } from '../routing/use-hash-route.ts'
import { requestDevnetCoins } from '../wallet/request-devnet-coins.ts'
import type { UnlockedWallet } from '../wallet/unlocked-wallet.ts'
import type { AccountState } from '../wallet/use-verified-account.ts'
import { VerifiedBalance } from './VerifiedBalance.tsx'

export function Home({
  wallet,
  chain,
  account,
  onLock,
}: {
  wallet: UnlockedWallet
  chain: Chain | undefined
  account: AccountState
  onLock: () => void
}) {
  return (
    <section>
      <h2>Your account</h2>
      <p className="address">
        <code data-testid="address">{wallet.address}</code>{' '}
        <CopyButton value={wallet.address} label="Copy address" />
      </p>
      {chain === undefined ? (
        <p>Waiting for the network…</p>
      ) : (
        <VerifiedBalance account={account} />
      )}
      <p className="actions">
        <a className="button" href={href('send')}>
          Send
        </a>
        {chain === undefined ? null : <Faucet chain={chain} address={wallet.addressBytes} />}
        <button type="button" className="secondary" onClick={onLock}>
          Lock
        </button>
      </p>
    </section>
  )
}

function Faucet({ chain, address }: { chain: Chain; address: Uint8Array }) {
  const [status, setStatus] = useState<{ text: string; error: boolean }>()
  const [busy, setBusy] = useState(false)
  const ask = async () => {
    setBusy(true)
    try {
      const paid = await requestDevnetCoins(chain.node, address)
      setStatus({
        text: `The faucet sent ${formatWeft(paid.amount)} WEFT (transaction ${toHex(paid.txId).slice(0, 16)}…); the balance shows it once it is verified in a block.`,
        error: false,
      })
    } catch (err) {
      setStatus({ text: describeError(err), error: true })
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" onClick={ask} disabled={busy}>
        {busy ? 'Asking the faucet…' : 'Get devnet coins'}
      </button>
      {status === undefined ? null : (
        <span className={status.error ? 'error' : 'note'} role="status" data-testid="faucet-status">
          {status.text}
        </span>
      )}
    </>
  )
}
