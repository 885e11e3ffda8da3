// Follows one transaction until it is final, replaced or dropped: through the node's WebSocket
// subscription (`{"subscribe": "tx"}`, answered at once with the current status, so nothing is
// missed), and by polling GET /v1/txs/{hash} when the WebSocket cannot be used.
import type { TxStatusAnswer } from './api-answers.ts'
import type { NodeApi } from './node-api.ts'

const POLL_INTERVAL_MS = 500

export type TxOutcome =
  | { status: 'final'; height: number; blockHash: string | undefined; error: string | null }
  | { status: 'replaced'; replacedBy: string | undefined }
  | { status: 'dropped'; reason: string | undefined }
  /** Still not settled when the time was up; `last` is the last status seen. */
  | { status: 'timeout'; last: string }
  /** The command was asked to stop (a signal) while waiting. */
  | { status: 'stopped'; signal: string }

export interface WatchTxInit {
  timeoutMs: number
  /** Resolves when the caller wants to stop waiting. */
  stopRequested?: Promise<string>
}

/** Resolves with how the transaction ended; rejects when the node cannot be reached. */
export function watchTx(api: NodeApi, hash: string, init: WatchTxInit): Promise<TxOutcome> {
  return new Promise((resolve, reject) => {
    let settled = false
    let last = 'unknown'
    let socket: WebSocket | undefined
    let polling = false
    let pollTimer: ReturnType<typeof setTimeout> | undefined

    const finish = (end: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      clearTimeout(pollTimer)
      socket?.close()
      end()
    }
    const deadline = setTimeout(
      () => finish(() => resolve({ status: 'timeout', last })),
      init.timeoutMs,
    )
    init.stopRequested?.then((signal) => finish(() => resolve({ status: 'stopped', signal })))

    const seen = (report: TxStatusAnswer) => {
      last = report.status
      const outcome = settledOutcome(report)
      if (outcome !== undefined) finish(() => resolve(outcome))
    }
    const poll = () => {
      if (settled || polling) return
      polling = true
      socket?.close()
      const tick = async () => {
        try {
          seen(await api.get<TxStatusAnswer>(`/v1/txs/${hash}`))
        } catch (err) {
          finish(() => reject(err))
          return
        }
        if (!settled) pollTimer = setTimeout(tick, POLL_INTERVAL_MS)
      }
      void tick()
    }

    try {
      socket = new WebSocket(api.wsUrl)
    } catch {
      poll()
      return
    }
    const ws = socket
    ws.addEventListener('open', () => ws.send(JSON.stringify({ subscribe: 'tx', hash })))
    ws.addEventListener('message', (event) => {
      let message: { type?: unknown } & Partial<TxStatusAnswer>
      try {
        message = JSON.parse(String(event.data))
      } catch {
        poll()
        return
      }
      if (message.type === 'tx' && message.hash === hash) seen(message as TxStatusAnswer)
      else if (message.type === 'error') poll()
    })
    // A failed or lost connection (an 'error' is followed by 'close') falls back to polling.
    ws.addEventListener('close', () => poll())
  })
}

function settledOutcome(report: TxStatusAnswer): TxOutcome | undefined {
  switch (report.status) {
    case 'final':
      return {
        status: 'final',
        height: report.height ?? 0,
        blockHash: report.blockHash,
        error: report.error ?? null,
      }
    case 'replaced':
      return { status: 'replaced', replacedBy: report.replacedBy }
    case 'dropped':
      return { status: 'dropped', reason: report.reason }
    default:
      return undefined
  }
}
