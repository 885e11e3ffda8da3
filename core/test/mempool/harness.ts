// Shared set-up for the mempool tests: a pool over the test chain model, a hand-driven clock,
// and helpers to build, offer and commit transactions.
import assert from 'node:assert/strict'
import {
  type AddAccepted,
  type AddRejectionCode,
  type AddResult,
  Mempool,
  type MempoolEvent,
  type MempoolInit,
} from '../../src/index.ts'
import {
  ChainModel,
  type ChainModelInit,
  encodeModelTx,
  type ModelTx,
  modelTxId,
} from './chain-model.ts'

export const RICH = 10n ** 15n

export type TxSpec = Partial<ModelTx> & { sender: number; nonce: bigint }

export interface Offered {
  bytes: Uint8Array
  id: string
  result: AddResult
}

export function setup(init: MempoolInit = {}, chain: ChainModelInit = {}) {
  const model = new ChainModel({
    balances: { 1: RICH, 2: RICH, 3: RICH, 4: RICH, 5: RICH, 6: RICH },
    ...chain,
  })
  let time = 1_000_000
  const pool = new Mempool({ validator: model, now: () => time }, init)
  const events: MempoolEvent[] = []
  pool.subscribe((e) => events.push(e))
  const tx = (spec: TxSpec) => encodeModelTx({ maxFeePerByte: 2000n, tipPerByte: 10n, ...spec })
  const offer = (spec: TxSpec): Offered => {
    const bytes = tx(spec)
    return { bytes, id: modelTxId(bytes), result: pool.add(bytes) }
  }
  /** Commits a block of the given transactions (default: the pool's pending order) and tells the pool. */
  const block = (candidates?: readonly Uint8Array[], maxBlockBytes?: number) => {
    const committed = model.commit(candidates ?? pool.pending().map((t) => t.bytes), maxBlockBytes)
    return { committed, outcome: pool.onBlock(committed) }
  }
  return {
    model,
    pool,
    events,
    tx,
    offer,
    block,
    advance(ms: number) {
      time += ms
    },
    now: () => time,
  }
}

export function accepted(result: AddResult): AddAccepted {
  assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
  return result as AddAccepted
}

export function refused(result: AddResult, code: AddRejectionCode, reason?: string): void {
  assert.equal(result.ok, false, 'expected a refusal')
  if (result.ok) return
  assert.equal(result.code, code, result.message)
  if (reason !== undefined) assert.equal(result.reason, reason)
}
