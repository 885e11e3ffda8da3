// Turns whatever a step threw into one sentence a user can act on.
import { VerifyRemoteError, VerifyTimeoutError } from '@weft/core'

export function describeError(err: unknown, context: { node?: string } = {}): string {
  if (err instanceof VerifyRemoteError)
    return `the node could not verify (${err.code}): ${err.detail}`
  if (err instanceof VerifyTimeoutError) return 'the node did not answer in time'
  // A WebSocket that fails to open rejects the dial with its bare 'error' Event, which says
  // nothing (browsers hide the reason from scripts); the console has the details.
  if (typeof Event !== 'undefined' && err instanceof Event) {
    return `cannot open a WebSocket to ${context.node ?? 'the node'}: is the node running, and is the address right? (the browser console has details)`
  }
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map((e: unknown) => describeError(e, context)).join('; ')
  }
  if (!(err instanceof Error)) return String(err)
  if (err.name === 'DialDeniedError') {
    return `the browser refused to dial ${context.node ?? 'the node'}: loopback, private and ws:// addresses are dialed only when this page is served from localhost or opened with ?allowLocal=1`
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return `no connection to ${context.node ?? 'the node'} in time (is it running?)`
  }
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : ''
  return `${err.message || err.name}${cause}`
}
