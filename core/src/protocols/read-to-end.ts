// Reads a libp2p stream until the remote closes its writable end, with a byte cap and a deadline,
// so a protocol handler never buffers more than it allows nor waits forever.
import type { MessageStream, StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface'

export type ReadToEndResult =
  /** The remote closed its writable end; `bytes` is everything it sent. */
  | { outcome: 'ended'; bytes: Uint8Array }
  /** The remote sent more than `maxBytes`; reading stopped and the excess was left unread. */
  | { outcome: 'too-large'; received: number }
  /** `signal` fired before the remote closed its writable end. */
  | { outcome: 'aborted'; received: number }

/**
 * Collects the stream's bytes until 'end'. Rejects only when the stream itself fails (reset,
 * abort, transport error); every other outcome is a value the caller answers.
 * Start it before anything else awaits, so no event is missed.
 */
export function readToEnd(
  stream: MessageStream,
  maxBytes: number,
  signal: AbortSignal,
): Promise<ReadToEndResult> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let received = 0

    const cleanup = () => {
      stream.removeEventListener('message', onMessage)
      stream.removeEventListener('end', onEnd)
      stream.removeEventListener('close', onClose)
      signal.removeEventListener('abort', onAbort)
    }
    const onMessage = (evt: StreamMessageEvent) => {
      const chunk = evt.data instanceof Uint8Array ? evt.data : evt.data.subarray()
      received += chunk.byteLength
      if (received > maxBytes) {
        cleanup()
        resolve({ outcome: 'too-large', received })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve({ outcome: 'ended', bytes: concat(chunks, received) })
    }
    const onClose = (evt: StreamCloseEvent) => {
      if (evt.error === undefined) {
        onEnd()
        return
      }
      cleanup()
      reject(evt.error)
    }
    const onAbort = () => {
      cleanup()
      resolve({ outcome: 'aborted', received })
    }

    if (signal.aborted) {
      resolve({ outcome: 'aborted', received })
      return
    }
    stream.addEventListener('message', onMessage)
    stream.addEventListener('end', onEnd)
    stream.addEventListener('close', onClose)
    signal.addEventListener('abort', onAbort)
    // 'end' fires once; a stream that already ended before we listened reports it here.
    if (stream.readableEnded) onEnd()
  })
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
