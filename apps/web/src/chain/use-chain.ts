// The chain as the page knows it: joined once, then kept at the network's head by asking the
// light client to sync on a timer. Each verified head re-renders what depends on it.
import type { VerifiedHead } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { useEffect, useState } from 'react'
import type { PageConfig } from '../config/page-config.ts'
import { describeError } from '../format/describe-error.ts'
import { type Chain, connectChain } from './connect-chain.ts'

export type ChainState =
  | { phase: 'connecting' }
  | { phase: 'ready'; chain: Chain; head: VerifiedHead; syncError: string | undefined }
  | { phase: 'failed'; error: string }

/** Blocks come about every second on a devnet; a sync is one status round trip when idle. */
const SYNC_EVERY_MS = 2_000

export function useChain(core: WeftCore | undefined, config: PageConfig): ChainState {
  const [state, setState] = useState<ChainState>({ phase: 'connecting' })
  useEffect(() => {
    if (core === undefined) return
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let joined: Chain | undefined
    const syncLoop = async (chain: Chain) => {
      let syncError: string | undefined
      try {
        await chain.client.sync()
      } catch (err) {
        // The last verified head stays valid; the page says why it is not moving.
        syncError = describeError(err)
      }
      if (!live) return
      const head = chain.client.head
      if (head !== undefined) setState({ phase: 'ready', chain, head, syncError })
      timer = setTimeout(() => void syncLoop(chain), SYNC_EVERY_MS)
    }
    connectChain(core, config).then(
      (chain) => {
        joined = chain
        if (!live) return void chain.stop()
        const head = chain.client.head
        if (head !== undefined) setState({ phase: 'ready', chain, head, syncError: undefined })
        timer = setTimeout(() => void syncLoop(chain), SYNC_EVERY_MS)
      },
      (err: unknown) => live && setState({ phase: 'failed', error: describeError(err) }),
    )
    return () => {
      live = false
      clearTimeout(timer)
      void joined?.stop()
    }
  }, [core, config])
  return state
}
