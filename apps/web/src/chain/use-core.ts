// Loads the consensus core once for the page: the wallet needs it (addresses, signing) even
// while the chain is still being joined.
import { loadCore, type WeftCore } from '@weft/wasm'
import { useEffect, useState } from 'react'
import { describeError } from '../format/describe-error.ts'

export type CoreState =
  | { phase: 'loading' }
  | { phase: 'ready'; core: WeftCore }
  | { phase: 'failed'; error: string }

export function useCore(): CoreState {
  const [state, setState] = useState<CoreState>({ phase: 'loading' })
  useEffect(() => {
    let live = true
    loadCore().then(
      (core) => live && setState({ phase: 'ready', core }),
      (err: unknown) => live && setState({ phase: 'failed', error: describeError(err) }),
    )
    return () => {
      live = false
    }
  }, [])
  return state
}
