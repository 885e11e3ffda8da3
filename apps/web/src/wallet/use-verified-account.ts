// The account's balance and nonce as the light client proves them (a state proof against the
// state root of its verified head), asked again at every new verified head.
import type { LightClient, VerifiedAccount } from '@weft/core'
import { useEffect, useState } from 'react'
import { describeError } from '../format/describe-error.ts'

export type AccountState =
  | { phase: 'loading' }
  | { phase: 'verified'; account: VerifiedAccount }
  | { phase: 'failed'; error: string; last: VerifiedAccount | undefined }

export function useVerifiedAccount(
  client: LightClient | undefined,
  headHeight: number | undefined,
  address: Uint8Array,
): AccountState {
  const [state, setState] = useState<AccountState>({ phase: 'loading' })
  useEffect(() => {
    if (client === undefined || headHeight === undefined) return
    let live = true
    client.account(address).then(
      (account) => live && setState({ phase: 'verified', account }),
      (err: unknown) =>
        live &&
        setState((s) => ({
          phase: 'failed',
          error: describeError(err),
          last: s.phase === 'verified' ? s.account : s.phase === 'failed' ? s.last : undefined,
        })),
    )
    return () => {
      live = false
    }
  }, [client, headHeight, address])
  return state
}
