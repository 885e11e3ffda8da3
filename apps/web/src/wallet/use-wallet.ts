// The wallet's lifecycle in the page: no vault yet → create or import; a vault → locked until
// its password opens it; unlocked → locked again by the user or after a while without activity.
import { createVault, openVault } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { useCallback, useEffect, useRef, useState } from 'react'
import { describeError } from '../format/describe-error.ts'
import { UnlockedWallet } from './unlocked-wallet.ts'
import { loadVaultRecord, saveVaultRecord } from './vault-store.ts'

export type WalletState =
  | { phase: 'loading' }
  | { phase: 'none' }
  | { phase: 'locked' }
  | { phase: 'unlocked'; wallet: UnlockedWallet }
  | { phase: 'failed'; error: string }

export interface WalletActions {
  /** Seals `phrase` (already normalized and confirmed) under `password`, stores it, unlocks. */
  create(phrase: string, password: string): Promise<void>
  /** Opens the stored vault; rejects with VaultError (WRONG_PASSWORD, TAMPERED…) otherwise. */
  unlock(password: string): Promise<void>
  lock(): void
}

/** Unlocked secrets are dropped after this long without a click or a key press. */
const AUTO_LOCK_MS = 15 * 60_000

export function useWallet(core: WeftCore | undefined): [WalletState, WalletActions] {
  const [state, setState] = useState<WalletState>({ phase: 'loading' })
  const unlocked = useRef<UnlockedWallet | undefined>(undefined)

  useEffect(() => {
    loadVaultRecord().then(
      (record) => setState({ phase: record === undefined ? 'none' : 'locked' }),
      (err: unknown) =>
        setState({
          phase: 'failed',
          error: `cannot read the wallet's storage: ${describeError(err)}`,
        }),
    )
  }, [])

  const lock = useCallback(() => {
    unlocked.current?.lock()
    unlocked.current = undefined
    setState((s) => (s.phase === 'unlocked' ? { phase: 'locked' } : s))
  }, [])

  const open = useCallback(
    async (password: string) => {
      if (core === undefined) throw new Error('the consensus core is still loading')
      const secrets = await openVault(await loadVaultRecord(), password)
      const wallet = await UnlockedWallet.from(core, secrets)
      unlocked.current = wallet
      setState({ phase: 'unlocked', wallet })
    },
    [core],
  )

  const create = useCallback(
    async (phrase: string, password: string) => {
      await saveVaultRecord(
        await createVault({ phrase, passphrase: '', accounts: [{ index: 0 }] }, password),
      )
      // Opening what was stored proves the record round-trips before the phrase leaves the screen.
      await open(password)
    },
    [open],
  )

  useEffect(() => {
    if (state.phase !== 'unlocked') return
    let timer = setTimeout(lock, AUTO_LOCK_MS)
    const activity = () => {
      clearTimeout(timer)
      timer = setTimeout(lock, AUTO_LOCK_MS)
    }
    window.addEventListener('pointerdown', activity)
    window.addEventListener('keydown', activity)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('pointerdown', activity)
      window.removeEventListener('keydown', activity)
    }
  }, [state.phase, lock])

  useEffect(() => () => unlocked.current?.lock(), [])

  return [state, { create, unlock: open, lock }]
}
