// The wallet's shell: the chain's verified height on top, the screen the wallet's state and the
// hash route call for, and the recovery-phrase notice at the bottom.
import type { ReactNode } from 'react'
import { type ChainState, useChain } from './chain/use-chain.ts'
import { useCore } from './chain/use-core.ts'
import { ChainStatus } from './components/ChainStatus.tsx'
import { PhraseNotice } from './components/PhraseNotice.tsx'
import type { PageConfig, PageConfigResult } from './config/page-config.ts'
import { CreateWallet } from './pages/CreateWallet.tsx'
import { Home } from './pages/Home.tsx'
import { ImportWallet } from './pages/ImportWallet.tsx'
import { Send } from './pages/Send.tsx'
import { Unlock } from './pages/Unlock.tsx'
import { Welcome } from './pages/Welcome.tsx'
import { useHashRoute } from './routing/use-hash-route.ts'
import type { UnlockedWallet } from './wallet/unlocked-wallet.ts'
import { useVerifiedAccount } from './wallet/use-verified-account.ts'
import { useWallet, type WalletActions, type WalletState } from './wallet/use-wallet.ts'

export function App({ config }: { config: PageConfigResult }) {
  if (!config.ok) {
    return (
      <Shell status={null}>
        <p data-testid="config-error" role="alert" className="error">
          {config.error}
        </p>
      </Shell>
    )
  }
  return <Wallet config={config.config} />
}

function Wallet({ config }: { config: PageConfig }) {
  const core = useCore()
  const loaded = core.phase === 'ready' ? core.core : undefined
  const chain = useChain(loaded, config)
  const [wallet, actions] = useWallet(loaded)
  return (
    <Shell status={<ChainStatus state={chain} />}>
      {core.phase === 'failed' ? (
        <p className="error" role="alert">
          The consensus core did not load: {core.error}
        </p>
      ) : core.phase === 'loading' ? (
        <p>Loading the consensus core…</p>
      ) : (
        <Screen wallet={wallet} actions={actions} chain={chain} />
      )}
    </Shell>
  )
}

function Screen({
  wallet,
  actions,
  chain,
}: {
  wallet: WalletState
  actions: WalletActions
  chain: ChainState
}) {
  const route = useHashRoute()
  if (wallet.phase === 'loading') return <p>Opening the wallet…</p>
  if (wallet.phase === 'failed') {
    return (
      <p className="error" role="alert">
        {wallet.error}
      </p>
    )
  }
  // A stored wallet is replaced only through import, which says so; create is for a first one.
  if (route === 'create' && wallet.phase === 'none')
    return <CreateWallet onCreate={actions.create} />
  if (route === 'import' && wallet.phase !== 'unlocked') {
    return <ImportWallet replacing={wallet.phase === 'locked'} onImport={actions.create} />
  }
  if (wallet.phase === 'none') return <Welcome />
  if (wallet.phase === 'locked') return <Unlock onUnlock={actions.unlock} />
  return <Account wallet={wallet.wallet} chain={chain} route={route} onLock={actions.lock} />
}

function Account({
  wallet,
  chain,
  route,
  onLock,
}: {
  wallet: UnlockedWallet
  chain: ChainState
  route: string
  onLock: () => void
}) {
  const ready = chain.phase === 'ready' ? chain : undefined
  const account = useVerifiedAccount(ready?.chain.client, ready?.head.height, wallet.addressBytes)
  if (route === 'send') return <Send wallet={wallet} chain={ready?.chain} account={account} />
  return <Home wallet={wallet} chain={ready?.chain} account={account} onLock={onLock} />
}

function Shell({ status, children }: { status: ReactNode; children: ReactNode }) {
  return (
    <>
      <header>
        <h1>Weft wallet</h1>
        {status}
      </header>
      <main>{children}</main>
      <footer>
        <PhraseNotice />
      </footer>
    </>
  )
}
