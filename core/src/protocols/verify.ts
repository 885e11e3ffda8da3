// /weft/dev/verify/1.0.0 — a development protocol proving the pipeline end to end: a peer sends
// (publicKey, signature, message), the node checks it with the consensus core and answers valid,
// invalid, or why it could not answer. Framing: see verify-codec.ts.
import type { AbortOptions, Libp2p, Stream, StreamHandler } from '@libp2p/interface'
import { type ReadToEndResult, readToEnd } from './read-to-end.ts'
import {
  decodeVerifyRequest,
  decodeVerifyResponse,
  encodeVerifyRequest,
  encodeVerifyResponse,
  MAX_VERIFY_REQUEST_BYTES,
  MAX_VERIFY_RESPONSE_BYTES,
  type VerifyRequest,
  type VerifyResponse,
} from './verify-codec.ts'
import { VerifyDecodeError, VerifyRemoteError, VerifyTimeoutError } from './verify-errors.ts'

export const VERIFY_PROTOCOL = '/weft/dev/verify/1.0.0'
/** How long a whole exchange may take, on either side. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 10_000
/** Concurrent verify streams a node accepts per connection. */
export const DEFAULT_VERIFY_MAX_INBOUND_STREAMS = 8

/** Checks one Ed25519 signature; the host passes the consensus core's verifier. */
export type SignatureVerifier = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean | Promise<boolean>

/**
 * Makes a signal that aborts after `ms`. The deadline is the one use of a clock here, so a host
 * (or a test driving deadlines by hand) can supply it; the default is AbortSignal.timeout.
 */
export type TimeoutSignal = (ms: number) => AbortSignal

const systemTimeout: TimeoutSignal = (ms) => AbortSignal.timeout(ms)

export interface VerifyHandlerInit {
  verify: SignatureVerifier
  /** Deadline for the whole request to arrive, and again for the answer to be flushed. */
  timeoutMs?: number
  timeoutSignal?: TimeoutSignal
}

/**
 * The answer the server gives to one request's bytes. Pure apart from `verify`; every outcome,
 * including a verifier that throws, becomes a response.
 */
export async function answerVerifyRequest(
  read: ReadToEndResult,
  verify: SignatureVerifier,
): Promise<VerifyResponse> {
  if (read.outcome === 'too-large') {
    return { status: 'TOO_LARGE', detail: `request exceeds ${MAX_VERIFY_REQUEST_BYTES} bytes` }
  }
  if (read.outcome === 'aborted') {
    return {
      status: 'TIMEOUT',
      detail: `request incomplete at the deadline (${read.received} bytes arrived)`,
    }
  }
  let request: VerifyRequest
  try {
    request = decodeVerifyRequest(read.bytes)
  } catch (err) {
    if (err instanceof VerifyDecodeError) return { status: err.code, detail: err.message }
    throw err
  }
  try {
    const valid = await verify(request.publicKey, request.message, request.signature)
    return { status: valid ? 'VALID' : 'INVALID' }
  } catch (err) {
    const name = err instanceof Error ? err.name : typeof err
    return { status: 'INTERNAL', detail: `the verifier failed (${name})` }
  }
}

/** A stream handler for VERIFY_PROTOCOL. Never throws; a stream that fails is aborted. */
export function createVerifyHandler(init: VerifyHandlerInit): StreamHandler {
  const timeoutMs = init.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS
  const timeoutSignal = init.timeoutSignal ?? systemTimeout
  return async (stream: Stream) => {
    try {
      const read = await readToEnd(stream, MAX_VERIFY_REQUEST_BYTES, timeoutSignal(timeoutMs))
      const response = await answerVerifyRequest(read, init.verify)
      stream.send(encodeVerifyResponse(response))
      // A request we stopped reading may still be arriving: drop the rest rather than buffer it.
      if (read.outcome !== 'ended') await stream.closeRead()
      await stream.close({ signal: timeoutSignal(timeoutMs) })
    } catch (err) {
      stream.log.error('verify handler failed - %e', err)
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }
}

/** The part of a libp2p node the client needs (a full `Libp2p` satisfies it). */
export type VerifyDialer = Pick<Libp2p, 'dialProtocol'>
export type VerifyPeer = Parameters<Libp2p['dialProtocol']>[0]

export interface VerifyClientOptions extends AbortOptions {
  /** Used when no `signal` is given. */
  timeoutMs?: number
  timeoutSignal?: TimeoutSignal
}

/**
 * Asks `peer` to verify a signature. Resolves true (valid) or false (invalid); throws
 * VerifyInputError before dialing for a request that cannot be sent, VerifyRemoteError when the
 * node answers with an error, VerifyDecodeError for an answer that does not decode, and
 * VerifyTimeoutError when no answer arrives in time.
 */
export async function requestVerify(
  dialer: VerifyDialer,
  peer: VerifyPeer,
  request: VerifyRequest,
  options: VerifyClientOptions = {},
): Promise<boolean> {
  const frame = encodeVerifyRequest(request)
  const signal = clientSignal(options)
  let stream: Stream
  try {
    stream = await dialer.dialProtocol(peer, VERIFY_PROTOCOL, { signal })
  } catch (err) {
    // The deadline covers the whole exchange, dialing included; other dial errors are libp2p's.
    if (signal.aborted)
      throw new VerifyTimeoutError('no verify answer before the deadline', { cause: err })
    throw err
  }
  return exchange(stream, frame, signal)
}

/** Runs the client side of the protocol on a stream already negotiated for VERIFY_PROTOCOL. */
export function requestVerifyOnStream(
  stream: Stream,
  request: VerifyRequest,
  options: VerifyClientOptions = {},
): Promise<boolean> {
  const frame = encodeVerifyRequest(request)
  return exchange(stream, frame, clientSignal(options))
}

function clientSignal(options: VerifyClientOptions): AbortSignal {
  if (options.signal !== undefined) return options.signal
  return (options.timeoutSignal ?? systemTimeout)(options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS)
}

async function exchange(stream: Stream, frame: Uint8Array, signal: AbortSignal): Promise<boolean> {
  let response: VerifyResponse
  try {
    // Listen before sending so a fast answer is never missed.
    const reading = readToEnd(stream, MAX_VERIFY_RESPONSE_BYTES, signal)
    stream.send(frame)
    // Closing our writable end marks the request complete. The answer may arrive before the
    // close settles, so it is the answer we wait for; a failed close fails the read as well.
    stream.close({ signal }).catch(() => undefined)
    const read = await reading
    if (read.outcome === 'aborted') {
      throw new VerifyTimeoutError('no verify answer before the deadline', { cause: signal.reason })
    }
    if (read.outcome === 'too-large') {
      throw new VerifyDecodeError(
        'TOO_LARGE',
        `the answer exceeds ${MAX_VERIFY_RESPONSE_BYTES} bytes`,
      )
    }
    response = decodeVerifyResponse(read.bytes)
  } catch (err) {
    const error =
      signal.aborted && !(err instanceof VerifyTimeoutError)
        ? new VerifyTimeoutError('no verify answer before the deadline', { cause: err })
        : err
    stream.abort(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
  if (response.status === 'VALID') return true
  if (response.status === 'INVALID') return false
  throw new VerifyRemoteError(response.status, response.detail)
}
