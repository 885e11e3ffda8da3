// Turns whatever a step threw into one sentence a user can act on. Errors of this codebase carry
// their own words; libp2p and the browser's are translated where they say too little.
import { LightClientError, ProtocolError } from '@weft/core'

export function describeError(err: unknown): string {
  if (err instanceof LightClientError) return `${err.message} (${err.code})`
  if (err instanceof ProtocolError) return `the peer did not answer: ${err.message}`
  if (typeof Event !== 'undefined' && err instanceof Event) {
    return 'a connection failed to open (the browser console has details)'
  }
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map(describeError).join('; ')
  }
  if (!(err instanceof Error)) return String(err)
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time'
  return err.message || err.name
}
