// Follows a sent transfer to the end: pending (the node's word) → included (its inclusion proof
// checked against a header the light client verified) → final (the verified head has reached
// that block and the sender's verified nonce has moved past the transfer's: its effects are in
// the proven state, under a commit no block can undo). Replaced or dropped come from the node.
import type { LightClient } from '@weft/core'
import { describeError } from '../format/describe-error.ts'
import type { NodeApi } from '../net/node-api.ts'

export type TransferStatus =
  | { stage: 'pending'; queued: boolean }
  | { stage: 'included'; height: number }
  | { stage: 'final'; height: number; failedWith: string | null }
  | { stage: 'failed'; reason: string }

export interface FollowTarget {
  client: LightClient
  api: NodeApi
  txId: Uint8Array
  hash: string
  sender: Uint8Array
  nonce: bigint
}

const FOLLOW_EVERY_MS = 1_000
/** How long the page keeps asking before it says the transfer was not seen in a block. */
const GIVE_UP_MS = 180_000

/** Calls `onStatus` at every change until final or failed; returns a function that stops it. */
export function followTransfer(
  target: FollowTarget,
  onStatus: (status: TransferStatus) => void,
): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = Date.now() + GIVE_UP_MS
  let included: number | undefined

  const step = async (): Promise<boolean> => {
    if (included === undefined) {
      const proof = await target.client.txInclusion(target.txId)
      if (proof.status === 'included') {
        included = proof.height
        onStatus({ stage: 'included', height: included })
      } else {
        const reported = await target.api.txStatus(target.hash)
        if (reported.status === 'replaced') {
          onStatus({
            stage: 'failed',
            reason: `replaced by ${reported.replacedBy ?? 'another transaction'} (reported by the node)`,
          })
          return true
        }
        if (reported.status === 'dropped') {
          onStatus({
            stage: 'failed',
            reason: `dropped: ${reported.reason ?? 'no reason given'} (reported by the node)`,
          })
          return true
        }
        return false
      }
    }
    const head = target.client.head
    if (head === undefined || head.height < included) return false
    const account = await target.client.account(target.sender)
    if (account.nonce <= target.nonce) return false
    // An included transfer can still fail in execution (its fee paid); the node reports why.
    const reported = await target.api.txStatus(target.hash).catch(() => undefined)
    const failedWith = reported?.status === 'final' ? reported.error : null
    onStatus({ stage: 'final', height: included, failedWith })
    return true
  }

  const loop = async () => {
    if (stopped) return
    let done = false
    try {
      done = await step()
    } catch (err) {
      // A peer that could not prove it this time: ask again, unless time is up.
      if (Date.now() > deadline) {
        onStatus({ stage: 'failed', reason: describeError(err) })
        return
      }
    }
    if (done || stopped) return
    if (Date.now() > deadline) {
      onStatus({ stage: 'failed', reason: 'not seen in a block after 3 minutes' })
      return
    }
    timer = setTimeout(() => void loop(), FOLLOW_EVERY_MS)
  }
  void loop()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
