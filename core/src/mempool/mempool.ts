// The transaction pool a node keeps between blocks: admission through the consensus core, a byte
// cap with eviction by fee rate and a rising minimum tip, per-sender slots and nonce queues,
// replace-by-fee, expiry, the order a block builder takes, statuses and fee estimates.
// Rules and defaults: docs/mempool.md; fees: docs/protocol/transactions.md §2.
import { hex } from '@scure/base'
import { formatAddress } from '../chain/address.ts'
import { type AddResult, reject } from './add-result.ts'
import {
  DEFAULT_ACCOUNT_SLOTS,
  DEFAULT_FEE_HISTORY_BLOCKS,
  DEFAULT_MAX_AGE_MS,
  DEFAULT_MAX_BLOCK_BYTES,
  DEFAULT_MAX_FEE_BASE_MULTIPLIER,
  DEFAULT_MAX_POOL_BYTES,
  DEFAULT_MAX_QUEUED_PER_ACCOUNT,
  DEFAULT_MIN_TIP_INCREMENT_PER_BYTE,
  DEFAULT_MIN_TIP_PER_BYTE,
  DEFAULT_REPLACEMENT_BUMP_PERCENT,
  DEFAULT_STATUS_HISTORY,
  DROP_REASONS,
  MIN_TIP_DECAY_DIVISOR,
  NEARLY_FULL_MARGIN_BYTES,
} from './constants.ts'
import { estimateFees, type FeeEstimates, FeeHistory } from './fee-estimator.ts'
import { effectiveTipPerByte, maxOf, minOf, raisedBy, raisedMinimum } from './fee-math.ts'
import { Heap } from './heap.ts'
import { MempoolConfigError } from './mempool-errors.ts'
import {
  bidsLess,
  type EvictionKey,
  evictsBefore,
  type PoolEntry,
  SenderTxs,
} from './sender-txs.ts'
import {
  type SettledRecord,
  type SettledStatus,
  StatusHistory,
  type TxStatusReport,
} from './status.ts'
import {
  type AdmitVerdict,
  type DecodedTx,
  isMalformedReason,
  type MempoolValidator,
  WAIT_REASONS,
} from './validator.ts'

export interface MempoolInit {
  /** Total encoded bytes held (default 8 MiB). */
  maxBytes?: number
  /** Transactions per sender, pending and queued (default 16); also how far ahead a nonce may be. */
  accountSlots?: number
  /** Future-nonce transactions a sender may have waiting when a new one arrives (default 8). */
  maxQueuedPerAccount?: number
  /** Age at which a transaction is dropped, in the host clock's milliseconds (default 3 h). */
  maxAgeMs?: number
  /** Percentage both fee fields must rise by to replace a transaction (default 10). */
  replacementBumpPercent?: number
  /** The node's static floor on the effective tip per byte (default 0). */
  minTipPerByte?: bigint
  /** Added to an evicted transaction's rate to give the new dynamic floor (default 1). */
  minTipIncrementPerByte?: bigint
  /** Recent blocks the fee estimator remembers (default 20). */
  feeHistoryBlocks?: number
  /** Block capacity assumed before the first block reports one (default 2 MiB). */
  maxBlockBytes?: number
  /** Estimated max fee = base × this + tip (default 2). */
  maxFeeBaseMultiplier?: bigint
  /** Settled transactions whose status is remembered (default 100 000). */
  statusHistory?: number
}

export interface MempoolComponents {
  validator: MempoolValidator
  /** The host's clock in milliseconds; only expiry reads it. */
  now(): number
}

/** A committed block as the pool needs to know it. Call after the validator's head moved to it. */
export interface CommittedBlock {
  height: bigint
  /** Ids (bytes or hex) of every transaction in the block. */
  includedTxIds: readonly (Uint8Array | string)[]
  /** The base fee per byte this block charged. */
  baseFeePerByte: bigint
  /** Bytes of transactions in the block, and the block's capacity. */
  fullness: { usedBytes: number; maxBytes: number }
  /**
   * The tip per byte each of its transactions paid (receipt tip ÷ size). When absent the pool
   * uses the transactions it had itself, so hosts that have receipts should pass them.
   */
  tipsPerByte?: readonly bigint[]
  /** The highest final height; Weft's committed blocks are final, so it defaults to `height`. */
  finalizedHeight?: bigint
}

export interface BlockOutcome {
  /** Pool transactions the block included. */
  included: number
  /** Transactions dropped while re-validating against the new head, and expired ones. */
  dropped: number
  pending: number
  queued: number
}

/** A pooled transaction as callers see it. */
export interface MempoolTx {
  id: string
  bytes: Uint8Array
  /** `weft1…` */
  sender: string
  nonce: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
  /** What a proposer would receive per byte at the next block's base fee. */
  effectiveTipPerByte: bigint
  size: number
  addedAt: number
  queued: boolean
}

export interface MempoolStats {
  count: number
  bytes: number
  maxBytes: number
  pending: { count: number; bytes: number }
  queued: { count: number; bytes: number }
  senders: number
  /** The next block's base fee per byte: a transaction's max fee must reach it. */
  baseFeePerByte: bigint
  /** The least effective tip per byte admitted now: the static floor or the risen one. */
  minTipPerByte: bigint
  /** Counters since start, for metrics. */
  totals: { added: number; included: number; replaced: number; dropped: number; rejected: number }
}

export type MempoolEvent =
  | { type: 'added'; tx: MempoolTx; replaced?: string }
  | {
      type: 'removed'
      id: string
      sender: string
      nonce: bigint
      status: SettledStatus
      reason?: string
      height?: bigint
      replacedBy?: string
    }

export type MempoolListener = (event: MempoolEvent) => void

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new MempoolConfigError(`${name} must be a positive integer, got ${value}`)
  }
  return value
}

function nonNegative(name: string, value: bigint): bigint {
  if (typeof value !== 'bigint' || value < 0n) {
    throw new MempoolConfigError(`${name} must be a bigint ≥ 0, got ${String(value)}`)
  }
  return value
}

function errorName(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code
    return typeof code === 'string' ? code : err.name
  }
  return typeof err
}

/** The core's own name for a rejection it threw (WeftCoreError's "Domain.Reason" code). */
function coreReason(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.includes('.') ? code : undefined
}

function idKey(id: Uint8Array | string): string | undefined {
  if (typeof id === 'string') return /^[0-9a-fA-F]{64}$/.test(id) ? id.toLowerCase() : undefined
  if (id instanceof Uint8Array && id.length === 32) return hex.encode(id)
  return undefined
}

function isDecoded(d: unknown): d is DecodedTx {
  if (typeof d !== 'object' || d === null) return false
  const t = d as Partial<DecodedTx>
  return (
    t.id instanceof Uint8Array &&
    t.id.length === 32 &&
    t.sender instanceof Uint8Array &&
    typeof t.nonce === 'bigint' &&
    typeof t.maxFeePerByte === 'bigint' &&
    typeof t.tipPerByte === 'bigint'
  )
}

/** A sender's last transaction as an eviction candidate; no entry for the newcomer itself. */
type Candidate = EvictionKey & { entry?: PoolEntry }

export class Mempool {
  readonly #validator: MempoolValidator
  readonly #now: () => number
  readonly #maxBytes: number
  readonly #accountSlots: number
  readonly #maxQueued: number
  readonly #maxAgeMs: number
  readonly #bumpPercent: bigint
  readonly #staticMinTip: bigint
  readonly #minTipIncrement: bigint
  readonly #maxFeeMultiplier: bigint

  /** Every pooled transaction, in arrival order (so expiry reads from the front). */
  readonly #byId = new Map<string, PoolEntry>()
  readonly #senders = new Map<string, SenderTxs>()
  readonly #history: StatusHistory
  readonly #fees: FeeHistory
  readonly #listeners = new Set<MempoolListener>()
  readonly #totals = { added: 0, included: 0, replaced: 0, dropped: 0, rejected: 0 }
  #bytes = 0
  #seq = 0
  #base: bigint | undefined
  #risenMinTip = 0n
  #maxBlockBytes: number
  #finalizedHeight = -1n

  constructor(components: MempoolComponents, init: MempoolInit = {}) {
    this.#validator = components.validator
    this.#now = components.now
    this.#maxBytes = positiveInteger('maxBytes', init.maxBytes ?? DEFAULT_MAX_POOL_BYTES)
    this.#accountSlots = positiveInteger('accountSlots', init.accountSlots ?? DEFAULT_ACCOUNT_SLOTS)
    this.#maxQueued = positiveInteger(
      'maxQueuedPerAccount',
      init.maxQueuedPerAccount ?? DEFAULT_MAX_QUEUED_PER_ACCOUNT,
    )
    this.#maxAgeMs = positiveInteger('maxAgeMs', init.maxAgeMs ?? DEFAULT_MAX_AGE_MS)
    this.#bumpPercent = BigInt(
      positiveInteger(
        'replacementBumpPercent',
        init.replacementBumpPercent ?? DEFAULT_REPLACEMENT_BUMP_PERCENT,
      ),
    )
    this.#staticMinTip = nonNegative(
      'minTipPerByte',
      init.minTipPerByte ?? DEFAULT_MIN_TIP_PER_BYTE,
    )
    this.#minTipIncrement = nonNegative(
      'minTipIncrementPerByte',
      init.minTipIncrementPerByte ?? DEFAULT_MIN_TIP_INCREMENT_PER_BYTE,
    )
    this.#maxFeeMultiplier = nonNegative(
      'maxFeeBaseMultiplier',
      init.maxFeeBaseMultiplier ?? DEFAULT_MAX_FEE_BASE_MULTIPLIER,
    )
    this.#maxBlockBytes = positiveInteger(
      'maxBlockBytes',
      init.maxBlockBytes ?? DEFAULT_MAX_BLOCK_BYTES,
    )
    this.#history = new StatusHistory(
      positiveInteger('statusHistory', init.statusHistory ?? DEFAULT_STATUS_HISTORY),
    )
    this.#fees = new FeeHistory(
      positiveInteger('feeHistoryBlocks', init.feeHistoryBlocks ?? DEFAULT_FEE_HISTORY_BLOCKS),
    )
  }

  /** Offers a transaction. Never throws: every refusal is a result with a stable code. */
  add(bytes: Uint8Array): AddResult {
    let result: AddResult
    try {
      result = this.#add(bytes)
    } catch (err) {
      result = reject('INTERNAL', `the pool could not take the transaction (${errorName(err)})`)
    }
    if (!result.ok) this.#totals.rejected++
    return result
  }

  #add(bytes: Uint8Array): AddResult {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
      return reject('MALFORMED', 'a transaction is a non-empty Uint8Array')
    }
    this.#expire()
    let decoded: unknown
    try {
      decoded = this.#validator.decode(bytes)
    } catch (err) {
      // The wasm loader throws WeftCoreError (code "DecodeError.…") for bytes it cannot read.
      const reason = coreReason(err)
      if (reason === undefined) return reject('MALFORMED', 'the transaction does not decode')
      return this.#refusal(reason)
    }
    if (typeof decoded === 'object' && decoded !== null && 'error' in decoded) {
      return this.#refusal(String((decoded as { error: unknown }).error))
    }
    if (!isDecoded(decoded)) return reject('INTERNAL', 'the validator returned no transaction')
    const tx = decoded
    const id = hex.encode(tx.id)

    const pooled = this.#byId.get(id)
    if (pooled !== undefined) {
      return reject(
        'ALREADY_KNOWN',
        `already in the pool (${pooled.queued ? 'queued' : 'pending'})`,
      )
    }
    const settled = this.#history.get(id)
    if (settled?.status === 'included') {
      return reject('ALREADY_KNOWN', `already included at height ${settled.height}`)
    }

    const sender = this.#sender(tx.sender)
    if (tx.nonce < sender.nonce) {
      return reject(
        'NONCE_TOO_LOW',
        `nonce ${tx.nonce} is used; the account's next nonce is ${sender.nonce}`,
        'TxError.NonceTooLow',
      )
    }
    const base = this.#refreshBase()
    if (tx.maxFeePerByte < base) {
      return reject(
        'FEE_TOO_LOW',
        `max fee per byte ${tx.maxFeePerByte} is below the next block's base fee ${base}`,
        'TxError.FeeBelowBase',
      )
    }
    const tip = effectiveTipPerByte(tx.maxFeePerByte, tx.tipPerByte, base)
    const minTip = this.#minTip()
    if (tip < minTip) {
      return reject(
        'FEE_TOO_LOW',
        `effective tip per byte ${tip} is below the pool's minimum ${minTip}`,
      )
    }

    const { index, found } = sender.find(tx.nonce)
    const old = found ? sender.txs[index] : undefined
    if (old !== undefined) {
      if (
        !raisedBy(old.maxFeePerByte, tx.maxFeePerByte, this.#bumpPercent) ||
        !raisedBy(old.tipPerByte, tx.tipPerByte, this.#bumpPercent)
      ) {
        return reject(
          'REPLACEMENT_UNDERPRICED',
          `replacing ${old.id} needs max fee per byte ≥ ${raisedMinimum(old.maxFeePerByte, this.#bumpPercent)} and tip per byte ≥ ${raisedMinimum(old.tipPerByte, this.#bumpPercent)}`,
        )
      }
    } else {
      if (sender.txs.length >= this.#accountSlots) {
        return reject(
          'ACCOUNT_FULL',
          `the sender already has ${sender.txs.length} transactions in the pool`,
        )
      }
      if (tx.nonce - sender.nonce >= BigInt(this.#accountSlots)) {
        return reject(
          'NONCE_TOO_FAR',
          `nonce ${tx.nonce} is more than ${this.#accountSlots - 1} ahead of the account's next nonce ${sender.nonce}`,
        )
      }
    }

    // Pending when it extends (or replaces within) the gap-free run from the account's nonce.
    const executable = tx.nonce <= sender.pendingEnd
    if (!executable && old === undefined && sender.queuedCount >= this.#maxQueued) {
      return reject(
        'QUEUE_FULL',
        `the sender already has ${sender.queuedCount} transactions waiting for earlier nonces`,
      )
    }
    if (executable) {
      const ahead = sender.txs.slice(0, index).map((e) => e.bytes)
      let verdict: AdmitVerdict
      try {
        verdict = this.#validator.admit(bytes, ahead)
      } catch (err) {
        return reject('INTERNAL', `the core could not check the transaction (${errorName(err)})`)
      }
      if (!verdict.ok) return this.#refusal(verdict.reason)
    }

    const previous = index > 0 ? sender.txs[index - 1] : undefined
    const incoming: EvictionKey = {
      queued: !executable,
      rate: previous === undefined ? tip : minOf(previous.evictionRate, tip),
      seq: Number.POSITIVE_INFINITY,
    }
    const growth = bytes.length - (old?.size ?? 0)
    const victims = this.#victimsFor(sender, index, old !== undefined, incoming, growth)
    if (victims === undefined) {
      return reject(
        'POOL_FULL',
        `the pool is full (${this.#bytes} of ${this.#maxBytes} bytes) of transactions bidding at least an effective tip of ${incoming.rate} per byte`,
      )
    }

    const entry: PoolEntry = {
      id,
      bytes: bytes.slice(), // the caller may reuse its buffer
      sender,
      nonce: tx.nonce,
      maxFeePerByte: tx.maxFeePerByte,
      tipPerByte: tx.tipPerByte,
      size: bytes.length,
      addedAt: this.#now(),
      seq: this.#seq++,
      queued: !executable,
      effectiveTip: tip,
      evictionRate: incoming.rate,
    }
    if (!this.#senders.has(sender.key)) this.#senders.set(sender.key, sender)
    if (old !== undefined) {
      sender.txs[index] = entry
      this.#byId.delete(old.id)
      this.#bytes -= old.size
      this.#settle(old, { status: 'replaced', replacedBy: id, at: this.#now() })
    } else {
      sender.txs.splice(index, 0, entry)
    }
    this.#byId.set(id, entry)
    this.#bytes += entry.size
    this.#totals.added++

    for (const victim of victims) {
      if (!victim.queued) {
        this.#risenMinTip = maxOf(this.#risenMinTip, victim.evictionRate + this.#minTipIncrement)
      }
      this.#remove(victim, { status: 'dropped', reason: DROP_REASONS.evicted, at: this.#now() })
    }
    if (executable) this.#promote(sender, index + 1)
    sender.refreshRates(base)

    this.#emit({
      type: 'added',
      tx: this.#view(entry),
      ...(old === undefined ? {} : { replaced: old.id }),
    })
    return {
      ok: true,
      id,
      queued: entry.queued,
      ...(old === undefined ? {} : { replaced: old.id }),
    }
  }

  /** A core reason as a refusal: the codes that have a reason of their own, else INVALID. */
  #refusal(reason: string): AddResult {
    if (reason === 'TxError.NonceTooLow') {
      return reject('NONCE_TOO_LOW', 'the nonce is already used', reason)
    }
    if (reason === 'TxError.FeeBelowBase') {
      return reject('FEE_TOO_LOW', 'the max fee is below the base fee', reason)
    }
    if (isMalformedReason(reason)) {
      return reject('MALFORMED', `the transaction does not decode (${reason})`, reason)
    }
    return reject('INVALID', `the core refused the transaction (${reason})`, reason)
  }

  /**
   * The transactions to evict so that `growth` more bytes fit, cheapest first, or undefined when
   * that would evict one bidding as much as the newcomer. Only senders' last transactions are
   * candidates: a sender's eviction rate never rises along its nonces, so its last is its
   * cheapest, and evicting it leaves no gap.
   */
  #victimsFor(
    own: SenderTxs,
    index: number,
    replacing: boolean,
    incoming: EvictionKey,
    growth: number,
  ): PoolEntry[] | undefined {
    let excess = this.#bytes + growth - this.#maxBytes
    if (excess <= 0) return []
    if (growth > this.#maxBytes) return undefined
    // The newcomer's sender as it will be: the newcomer in place (no entry: never a victim of
    // its own arrival), and the rates after it capped by it.
    const ownKeys: Candidate[] = []
    let running: bigint | undefined
    const push = (key: EvictionKey, entry?: PoolEntry) => {
      running = running === undefined ? key.rate : minOf(running, key.rate)
      ownKeys.push(
        entry === undefined ? { ...key, rate: running } : { ...key, rate: running, entry },
      )
    }
    for (let i = 0; i <= own.txs.length; i++) {
      if (i === index) push(incoming)
      const e = own.txs[i]
      if (e === undefined || (i === index && replacing)) continue
      push({ queued: e.queued, rate: e.effectiveTip, seq: e.seq }, e)
    }
    const left = new Map<SenderTxs, number>()
    const lengthOf = (s: SenderTxs) => left.get(s) ?? (s === own ? ownKeys.length : s.txs.length)
    const tailOf = (s: SenderTxs): Candidate | undefined => {
      const i = lengthOf(s) - 1
      if (s === own) return ownKeys[i]
      const e = s.txs[i]
      return e === undefined
        ? undefined
        : { queued: e.queued, rate: e.evictionRate, seq: e.seq, entry: e }
    }
    const senders = [...this.#senders.values()]
    if (!this.#senders.has(own.key)) senders.push(own)
    const victims: PoolEntry[] = []
    while (excess > 0) {
      let best: Candidate | undefined
      let bestSender: SenderTxs | undefined
      for (const s of senders) {
        const tail = tailOf(s)
        if (tail?.entry === undefined) continue
        if (best === undefined || evictsBefore(tail, best)) {
          best = tail
          bestSender = s
        }
      }
      if (best?.entry === undefined || bestSender === undefined || !bidsLess(best, incoming)) {
        return undefined
      }
      victims.push(best.entry)
      excess -= best.entry.size
      left.set(bestSender, lengthOf(bestSender) - 1)
    }
    return victims
  }

  /**
   * Extends the sender's pending run from index `from` (everything before is pending and
   * admitted): each next nonce is admitted by the core or, for a reason that can pass (base fee,
   * nonce), waits; for any other reason it is dropped and the rest wait behind the new gap.
   */
  #promote(sender: SenderTxs, from: number): void {
    sender.setPendingCount(from)
    const verdicts = this.#admitRun(sender, from)
    for (let i = from; i < sender.txs.length; i++) {
      const entry = sender.txs[i] as PoolEntry
      if (entry.nonce !== sender.nonce + BigInt(i)) return
      let verdict: AdmitVerdict | undefined
      try {
        verdict =
          verdicts === undefined
            ? this.#validator.admit(
                entry.bytes,
                sender.txs.slice(0, i).map((e) => e.bytes),
              )
            : verdicts[i - from]
      } catch {
        return // the core cannot answer now: it waits, unverified
      }
      if (verdict === undefined) return
      if (verdict.ok) {
        sender.setPendingCount(i + 1)
        continue
      }
      if (!WAIT_REASONS.has(verdict.reason)) {
        this.#remove(entry, { status: 'dropped', reason: verdict.reason, at: this.#now() })
      }
      return
    }
  }

  /**
   * The verdicts for the sender's gap-free run from index `from` in one question, when the
   * validator answers runs; undefined when it does not, or cannot answer now (then the caller
   * asks one by one, or the run waits).
   */
  #admitRun(sender: SenderTxs, from: number): AdmitVerdict[] | undefined {
    if (this.#validator.admitRun === undefined) return undefined
    const run: Uint8Array[] = []
    for (let i = from; i < sender.txs.length; i++) {
      const entry = sender.txs[i] as PoolEntry
      if (entry.nonce !== sender.nonce + BigInt(i)) break
      run.push(entry.bytes)
    }
    if (run.length === 0) return []
    try {
      return this.#validator.admitRun(
        run,
        sender.txs.slice(0, from).map((e) => e.bytes),
      )
    } catch {
      return []
    }
  }

  /**
   * Applies a committed block: its transactions leave as included, the rest are re-validated
   * against the new head (used nonces and newly invalid ones dropped, queued ones promoted),
   * expired ones dropped, and its tips join the fee history. The validator must already answer
   * for the new head. Throws only when the validator cannot give the base fee.
   */
  onBlock(block: CommittedBlock): BlockOutcome {
    const now = this.#now()
    const finalized = block.finalizedHeight ?? block.height
    if (finalized > this.#finalizedHeight) this.#finalizedHeight = finalized
    const before = this.#totals.dropped

    const paidTips: bigint[] = []
    let included = 0
    for (const raw of block.includedTxIds) {
      const id = idKey(raw)
      if (id === undefined) continue
      const entry = this.#byId.get(id)
      if (entry !== undefined) {
        paidTips.push(
          maxOf(
            effectiveTipPerByte(entry.maxFeePerByte, entry.tipPerByte, block.baseFeePerByte),
            0n,
          ),
        )
        this.#remove(entry, { status: 'included', height: block.height, at: now })
        included++
        continue
      }
      const past = this.#history.get(id)
      // A replaced or dropped transaction another node still had can be included after all.
      if (past !== undefined && past.status !== 'included') {
        this.#history.set(id, { status: 'included', height: block.height, at: now })
        this.#totals.included++
      }
    }

    this.#expire()
    this.#base = undefined
    const base = this.#refreshBase()
    for (const sender of [...this.#senders.values()]) this.#revalidate(sender, base)

    const bytes = block.fullness.maxBytes
    if (Number.isSafeInteger(bytes) && bytes > 0) this.#maxBlockBytes = bytes
    this.#fees.record(block.height, block.tipsPerByte ?? paidTips)
    this.#decayMinTip()

    let pending = 0
    for (const s of this.#senders.values()) pending += s.pendingCount
    return {
      included,
      dropped: this.#totals.dropped - before,
      pending,
      queued: this.#byId.size - pending,
    }
  }

  #revalidate(sender: SenderTxs, base: bigint): void {
    try {
      sender.nonce = this.#validator.accountNonce(sender.address)
    } catch {
      sender.setPendingCount(0) // unverifiable for now: nothing of it is offered to builders
      sender.refreshRates(base)
      return
    }
    while (sender.txs.length > 0 && (sender.txs[0] as PoolEntry).nonce < sender.nonce) {
      // Its nonce went to another transaction, one this pool did not have.
      this.#remove(sender.txs[0] as PoolEntry, {
        status: 'dropped',
        reason: 'TxError.NonceTooLow',
        at: this.#now(),
      })
    }
    this.#promote(sender, 0)
    sender.refreshRates(base)
  }

  /** Drops transactions older than the maximum age; returns how many. Hosts may call it on a timer. */
  expire(): number {
    return this.#expire()
  }

  #expire(): number {
    const now = this.#now()
    const expired: PoolEntry[] = []
    for (const entry of this.#byId.values()) {
      if (now - entry.addedAt < this.#maxAgeMs) break
      expired.push(entry)
    }
    for (const entry of expired) {
      this.#remove(entry, { status: 'dropped', reason: DROP_REASONS.expired, at: now })
    }
    return expired.length
  }

  #remove(entry: PoolEntry, record: SettledRecord): void {
    const sender = entry.sender
    const index = sender.txs.indexOf(entry)
    if (index >= 0) sender.removeAt(index)
    if (sender.txs.length === 0) this.#senders.delete(sender.key)
    else if (this.#base !== undefined) sender.refreshRates(this.#base)
    this.#byId.delete(entry.id)
    this.#bytes -= entry.size
    this.#settle(entry, record)
  }

  #settle(entry: PoolEntry, record: SettledRecord): void {
    this.#history.set(entry.id, record)
    this.#totals[record.status]++
    this.#emit({
      type: 'removed',
      id: entry.id,
      sender: entry.sender.label,
      nonce: entry.nonce,
      status: record.status,
      ...(record.reason === undefined ? {} : { reason: record.reason }),
      ...(record.height === undefined ? {} : { height: record.height }),
      ...(record.replacedBy === undefined ? {} : { replacedBy: record.replacedBy }),
    })
  }

  /** The pool's record for `address`, or a fresh one (not yet stored) with its nonce read. */
  #sender(address: Uint8Array): SenderTxs {
    const key = hex.encode(address)
    const known = this.#senders.get(key)
    const nonce = this.#validator.accountNonce(address)
    if (known === undefined)
      return new SenderTxs(key, address.slice(), formatAddress(address), nonce)
    if (known.nonce !== nonce) {
      // The head moved before onBlock told us: re-read its base fee and settle this sender now.
      this.#base = undefined
      this.#revalidate(known, this.#refreshBase())
    }
    return (
      this.#senders.get(key) ?? new SenderTxs(key, address.slice(), formatAddress(address), nonce)
    )
  }

  #refreshBase(): bigint {
    if (this.#base !== undefined) return this.#base
    const base = this.#validator.baseFeePerByte()
    this.#base = base
    for (const sender of this.#senders.values()) sender.refreshRates(base)
    return base
  }

  #minTip(): bigint {
    return maxOf(this.#staticMinTip, this.#risenMinTip)
  }

  /** The risen floor relaxes by 12.5 % a block, or halves while the pool is under half full. */
  #decayMinTip(): void {
    const floor = this.#risenMinTip
    if (floor === 0n) return
    if (this.#bytes * 2 < this.#maxBytes) this.#risenMinTip = floor / 2n
    else this.#risenMinTip = maxOf(floor - maxOf(floor / MIN_TIP_DECAY_DIVISOR, 1n), 0n)
  }

  /** Pending transactions in the order a block builder takes them. */
  pending(): MempoolTx[] {
    return this.#pendingEntries().map((e) => this.#view(e))
  }

  /**
   * Highest effective tip first, earlier arrival among equals, each sender's nonces in order:
   * a merge of the senders' chains by the tip of each chain's next transaction.
   */
  #pendingEntries(): PoolEntry[] {
    const heap = new Heap<PoolEntry>((a, b) =>
      a.effectiveTip !== b.effectiveTip ? a.effectiveTip > b.effectiveTip : a.seq < b.seq,
    )
    for (const s of this.#senders.values()) {
      const head = s.txs[0]
      if (s.pendingCount > 0 && head !== undefined) heap.push(head)
    }
    const out: PoolEntry[] = []
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
      out.push(e)
      const s = e.sender
      const next = s.txs[s.txs.indexOf(e) + 1]
      if (next !== undefined && !next.queued) heap.push(next)
    }
    return out
  }

  /** Queued transactions (waiting for an earlier nonce or a lower base fee), by sender and nonce. */
  queued(): MempoolTx[] {
    const out: MempoolTx[] = []
    for (const s of this.#senders.values()) {
      for (const e of s.txs) if (e.queued) out.push(this.#view(e))
    }
    return out
  }

  /**
   * The nonce `address`'s next transaction should carry: its account nonce at the head, past
   * the transactions of it this pool holds ready in a row. What a wallet sending several
   * transfers before the first is final needs.
   */
  nextNonce(address: Uint8Array): bigint {
    return this.#sender(address).pendingEnd
  }

  get(id: Uint8Array | string): MempoolTx | undefined {
    const key = idKey(id)
    const entry = key === undefined ? undefined : this.#byId.get(key)
    return entry === undefined ? undefined : this.#view(entry)
  }

  status(id: Uint8Array | string): TxStatusReport {
    const key = idKey(id)
    if (key === undefined) {
      const shown = typeof id === 'string' ? id : id instanceof Uint8Array ? hex.encode(id) : ''
      return { id: shown, status: 'unknown' }
    }
    const entry = this.#byId.get(key)
    if (entry !== undefined) return { id: key, status: 'pending', queued: entry.queued }
    const record = this.#history.get(key)
    if (record === undefined) return { id: key, status: 'unknown' }
    const status =
      record.status === 'included' &&
      record.height !== undefined &&
      record.height <= this.#finalizedHeight
        ? 'final'
        : record.status
    return {
      id: key,
      status,
      at: record.at,
      ...(record.reason === undefined ? {} : { reason: record.reason }),
      ...(record.height === undefined ? {} : { height: record.height }),
      ...(record.replacedBy === undefined ? {} : { replacedBy: record.replacedBy }),
    }
  }

  stats(): MempoolStats {
    let pendingCount = 0
    let pendingBytes = 0
    for (const s of this.#senders.values()) {
      for (let i = 0; i < s.pendingCount; i++) {
        pendingCount++
        pendingBytes += (s.txs[i] as PoolEntry).size
      }
    }
    return {
      count: this.#byId.size,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      pending: { count: pendingCount, bytes: pendingBytes },
      queued: { count: this.#byId.size - pendingCount, bytes: this.#bytes - pendingBytes },
      senders: this.#senders.size,
      baseFeePerByte: this.#refreshBase(),
      minTipPerByte: this.#minTip(),
      totals: { ...this.#totals },
    }
  }

  /** Tips and max fees for three speeds; see docs/mempool.md §Fee estimates. */
  estimateFees(): FeeEstimates {
    const base = this.#refreshBase()
    const pending = this.#pendingEntries().map((e) => ({
      effectiveTipPerByte: e.effectiveTip,
      size: e.size,
    }))
    return estimateFees({
      baseFeePerByte: base,
      history: this.#fees,
      pending,
      maxBlockBytes: this.#maxBlockBytes,
      entryTipPerByte: this.#entryTip(),
      maxFeeBaseMultiplier: this.#maxFeeMultiplier,
    })
  }

  /** The least effective tip a new pending transaction needs to get in right now. */
  #entryTip(): bigint {
    const floor = this.#minTip()
    if (this.#maxBytes - this.#bytes >= NEARLY_FULL_MARGIN_BYTES) return floor
    let lowest: PoolEntry | undefined
    for (const s of this.#senders.values()) {
      const tail = s.txs[s.txs.length - 1]
      if (tail === undefined) continue
      const key = { queued: tail.queued, rate: tail.evictionRate, seq: tail.seq }
      if (
        lowest === undefined ||
        evictsBefore(key, { queued: lowest.queued, rate: lowest.evictionRate, seq: lowest.seq })
      ) {
        lowest = tail
      }
    }
    if (lowest === undefined || lowest.queued) return floor
    return maxOf(floor, lowest.evictionRate + 1n)
  }

  /** Calls `listener` for every added and removed transaction; returns the unsubscribe function. */
  subscribe(listener: MempoolListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  #emit(event: MempoolEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // A subscriber's failure is its own; the pool has already changed and goes on.
      }
    }
  }

  #view(e: PoolEntry): MempoolTx {
    return {
      id: e.id,
      bytes: e.bytes,
      sender: e.sender.label,
      nonce: e.nonce,
      maxFeePerByte: e.maxFeePerByte,
      tipPerByte: e.tipPerByte,
      effectiveTipPerByte: e.effectiveTip,
      size: e.size,
      addedAt: e.addedAt,
      queued: e.queued,
    }
  }
}

/** The js-libp2p style factory: `mempool(init)(components)`. */
export function mempool(init: MempoolInit = {}): (components: MempoolComponents) => Mempool {
  return (components) => new Mempool(components, init)
}
