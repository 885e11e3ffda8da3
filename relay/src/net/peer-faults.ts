// Which score event a failed request to a peer is: slowness and refusals are mild (honest peers
// are slow or busy), answers that break the protocol are not.
import { MessageFormatError, type PeerEventName, ProtocolError } from '@weft/core'

/** The event a failed request's error stands for; undefined when it was not the peer's doing. */
export function faultOf(err: unknown): PeerEventName | undefined {
  if (err instanceof MessageFormatError) return 'invalid-response'
  if (!(err instanceof ProtocolError)) return undefined
  if (err.code === 'TIMEOUT') return 'timeout'
  if (err.code === 'TOO_LARGE') return 'invalid-response'
  return 'refused'
}
