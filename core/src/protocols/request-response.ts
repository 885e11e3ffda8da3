// One request, one response, on a fresh libp2p stream: the shape of Weft's status, blocks and
// query protocols. Both sides read with a byte cap and a deadline (readToEnd), so neither a slow
// nor a flooding peer can hold a handler or the client beyond what the protocol allows.
import type { Connection, Libp2p, Stream, StreamHandler } from '@libp2p/interface'
import { readToEnd } from './read-to-end.ts'

export interface ProtocolLimits {
  maxRequestBytes: number
  maxResponseBytes: number
  timeoutMs: number
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
  readonly code: 'TIMEOUT' | 'TOO_LARGE' | 'REFUSED'

  constructor(code: 'TIMEOUT' | 'TOO_LARGE' | 'REFUSED', message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** A guard's decision on a whole request, before it is answered. */
export type Admission =
  | { ok: true }
  /** Refused: with `answer` (a protocol's own refusal, RATE_LIMITED) or, without, a reset. */
  | { ok: false; answer?: Uint8Array }

/** Why a server refused a request on its own, for the host to judge the peer by. */
export type RequestFault = 'too-large' | 'timeout' | 'bad-request'

/** What a host adds to a server: rate limits before answering, and word of refused requests. */
export interface RequestGuard {
  admit(request: Uint8Array, connection: Connection): Admission
  refused?(connection: Connection, fault: RequestFault): void
}

/**
 * Serves `answer` on every stream: the whole request is read first (within the limits), then the
 * answer is sent and the stream closed. An answer of undefined, or one that throws, resets the
 * stream: the client sees a refusal, the handler never crashes the node. A `guard` sees each
 * whole request first and may refuse it; it hears of requests over the cap, too slow, or
 * answered undefined (not understood) — not of answers that throw, which are the node's fault.
 */
export function serveRequests(
  limits: ProtocolLimits,
  answer: (
    request: Uint8Array,
    connection: Connection,
  ) => Promise<Uint8Array | undefined> | Uint8Array | undefined,
  guard?: RequestGuard,
): StreamHandler {
  return async (stream: Stream, connection: Connection) => {
    try {
      const read = await readToEnd(
        stream,
        limits.maxRequestBytes,
        AbortSignal.timeout(limits.timeoutMs),
      )
      if (read.outcome !== 'ended') {
        const tooLarge = read.outcome === 'too-large'
        guard?.refused?.(connection, tooLarge ? 'too-large' : 'timeout')
        stream.abort(new Error(tooLarge ? 'request too large' : 'request timed out'))
        return
      }
      const admission = guard?.admit(read.bytes, connection) ?? { ok: true }
      if (!admission.ok) {
        if (admission.answer === undefined) {
          stream.abort(new Error('request refused'))
          return
        }
        stream.send(admission.answer)
        await stream.close({ signal: AbortSignal.timeout(limits.timeoutMs) })
        return
      }
      const response = await answer(read.bytes, connection)
      if (response === undefined) {
        guard?.refused?.(connection, 'bad-request')
        stream.abort(new Error('request refused'))
        return
      }
      stream.send(response)
      await stream.close({ signal: AbortSignal.timeout(limits.timeoutMs) })
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }
}

export async function sendRequest(
  node: Pick<Libp2p, 'dialProtocol'>,
  peer: Parameters<Libp2p['dialProtocol']>[0],
  protocol: string,
  request: Uint8Array,
  limits: ProtocolLimits,
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, protocol, { signal })
  } catch (err) {
    if (signal.aborted)
      throw new ProtocolError('TIMEOUT', `${protocol}: no stream before the deadline`, {
        cause: err,
      })
    throw new ProtocolError('REFUSED', `${protocol}: the peer does not serve it`, { cause: err })
  }
  try {
    const reading = readToEnd(stream, limits.maxResponseBytes, signal)
    stream.send(request)
    stream.close({ signal }).catch(() => undefined)
    const read = await reading
    if (read.outcome === 'aborted')
      throw new ProtocolError('TIMEOUT', `${protocol}: no answer before the deadline`)
    if (read.outcome === 'too-large') {
      throw new ProtocolError(
        'TOO_LARGE',
        `${protocol}: the answer exceeds ${limits.maxResponseBytes} bytes`,
      )
    }
    // Every answer of Weft's protocols has at least one byte; a stream reset before any arrived
    // (how a server refuses) can read as an empty, ended stream.
    if (read.bytes.length === 0)
      throw new ProtocolError('REFUSED', `${protocol}: the peer refused the request`)
    return read.bytes
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
    if (err instanceof ProtocolError) throw err
    throw new ProtocolError('REFUSED', `${protocol}: the peer reset the stream`, { cause: err })
  }
}
