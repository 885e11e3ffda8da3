// TEST MODEL of the consensus core for the mempool's tests — not the chain's rules. It keeps
// accounts (balance, nonce) and a base fee, treats signatures as a flag, and answers the
// MempoolValidator questions the way docs/protocol/transactions.md §1–2 says the real core does,
// in a toy byte layout of its own. It also builds and commits blocks so tests can drive onBlock.
import { createHash } from 'node:crypto'
import type { AdmitVerdict, CommittedBlock, DecodedTx, MempoolValidator } from '../../src/index.ts'

// magic u8 ‖ sender 20 ‖ nonce u64 ‖ maxFee u64 ‖ tip u64 ‖ amount u64 ‖ signed u8 ‖ padding
const HEADER_BYTES = 54
const MAGIC = 0x57
export const MODEL_MAX_TX_BYTES = 4096

export interface ModelTx {
  /** A small number naming the sender; its address is 20 bytes of that value. */
  sender: number
  nonce: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
  amount?: bigint
  /** Total encoded length (≥ 54; default 150, a transfer's size). */
  size?: number
  /** False makes the signature invalid. */
  signed?: boolean
  /** Distinguishes otherwise identical transactions. */
  salt?: number
}

export interface ModelDecoded extends DecodedTx {
  amount: bigint
  size: number
  signed: boolean
}

interface Account {
  balance: bigint
  nonce: bigint
}

export function addressOf(sender: number): Uint8Array {
  return new Uint8Array(20).fill(sender)
}

export function encodeModelTx(tx: ModelTx): Uint8Array {
  const size = tx.size ?? 150
  if (size < HEADER_BYTES) throw new RangeError(`a model tx is at least ${HEADER_BYTES} bytes`)
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  bytes[0] = MAGIC
  bytes.set(addressOf(tx.sender), 1)
  view.setBigUint64(21, tx.nonce)
  view.setBigUint64(29, tx.maxFeePerByte)
  view.setBigUint64(37, tx.tipPerByte)
  view.setBigUint64(45, tx.amount ?? 1n)
  bytes[53] = tx.signed === false ? 0 : 1
  if (size >= HEADER_BYTES + 4) view.setUint32(HEADER_BYTES, tx.salt ?? 0)
  return bytes
}

export function modelTxId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface ChainModelInit {
  baseFeePerByte?: bigint
  minBaseFeePerByte?: bigint
  maxBlockBytes?: number
  balances?: Record<number, bigint>
  /** Answer admitRun (one question per sender's run) as the node's validator does. */
  answersRuns?: boolean
}

/** The test model: a head state the pool asks about, and blocks that move it. */
export class ChainModel implements MempoolValidator {
  readonly accounts = new Map<string, Account>()
  base: bigint
  readonly minBase: bigint
  readonly maxBlockBytes: number
  height = 0n
  /** Calls to admit and admitRun, for tests that count the pool's questions. */
  admitCalls = 0
  admitRun?: (txs: readonly Uint8Array[], ahead: readonly Uint8Array[]) => AdmitVerdict[]

  constructor(init: ChainModelInit = {}) {
    this.base = init.baseFeePerByte ?? 1000n
    this.minBase = init.minBaseFeePerByte ?? 1n
    this.maxBlockBytes = init.maxBlockBytes ?? 2 * 1024 * 1024
    for (const [sender, balance] of Object.entries(init.balances ?? {})) {
      this.setBalance(Number(sender), balance)
    }
    if (init.answersRuns === true) this.admitRun = (txs, ahead) => this.#admitRun(txs, ahead)
  }

  #admitRun(txs: readonly Uint8Array[], ahead: readonly Uint8Array[]): AdmitVerdict[] {
    this.admitCalls++
    const first = txs[0]
    if (first === undefined) return []
    const decoded = this.decodeModel(first)
    if ('error' in decoded) return [{ ok: false, reason: decoded.error }]
    const scratch = { ...this.#account(decoded.sender) }
    for (const earlier of ahead) {
      const verdict = this.#apply(scratch, earlier)
      if (!verdict.ok) return [verdict]
    }
    const verdicts: AdmitVerdict[] = []
    for (const tx of txs) {
      const verdict = this.#apply(scratch, tx)
      verdicts.push(verdict)
      if (!verdict.ok) break
    }
    return verdicts
  }

  setBalance(sender: number, balance: bigint): void {
    this.#account(addressOf(sender)).balance = balance
  }

  account(sender: number): Account {
    return { ...this.#account(addressOf(sender)) }
  }

  #account(address: Uint8Array): Account {
    const key = Buffer.from(address).toString('hex')
    let account = this.accounts.get(key)
    if (account === undefined) {
      account = { balance: 0n, nonce: 0n }
      this.accounts.set(key, account)
    }
    return account
  }

  decodeModel(bytes: Uint8Array): ModelDecoded | { error: string } {
    if (bytes.length > MODEL_MAX_TX_BYTES) return { error: 'TxError.TooLarge' }
    if (bytes.length < HEADER_BYTES || bytes[0] !== MAGIC) return { error: 'TxError.Malformed' }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const tx: ModelDecoded = {
      id: Buffer.from(modelTxId(bytes), 'hex'),
      sender: bytes.slice(1, 21),
      nonce: view.getBigUint64(21),
      maxFeePerByte: view.getBigUint64(29),
      tipPerByte: view.getBigUint64(37),
      amount: view.getBigUint64(45),
      size: bytes.length,
      signed: bytes[53] === 1,
    }
    if (tx.amount === 0n) return { error: 'TxError.ZeroAmount' }
    if (tx.tipPerByte > tx.maxFeePerByte) return { error: 'TxError.TipAboveMaxFee' }
    if (tx.maxFeePerByte < this.minBase) return { error: 'TxError.FeeBelowMinimum' }
    if (!tx.signed) return { error: 'TxError.BadSignature' }
    return tx
  }

  decode(bytes: Uint8Array): DecodedTx | { error: string } {
    return this.decodeModel(bytes)
  }

  /** One transaction against an account, changing it when admitted. */
  #apply(account: Account, bytes: Uint8Array): AdmitVerdict {
    const tx = this.decodeModel(bytes)
    if ('error' in tx) return { ok: false, reason: tx.error }
    if (tx.nonce < account.nonce) return { ok: false, reason: 'TxError.NonceTooLow' }
    if (tx.nonce > account.nonce) return { ok: false, reason: 'TxError.NonceTooHigh' }
    if (tx.maxFeePerByte < this.base) return { ok: false, reason: 'TxError.FeeBelowBase' }
    const room = tx.maxFeePerByte - this.base
    let tipPaid = tx.tipPerByte
    if (room < tipPaid) tipPaid = room
    const feeBurned = this.base * BigInt(tx.size)
    const tip = tipPaid * BigInt(tx.size)
    if (account.balance < feeBurned + tip) return { ok: false, reason: 'TxError.CannotPayFee' }
    if (account.balance < tx.amount + feeBurned + tip) {
      return { ok: false, reason: 'TxError.InsufficientBalance' }
    }
    account.balance -= tx.amount + feeBurned + tip
    account.nonce++
    return { ok: true, feeBurned, tip }
  }

  admit(tx: Uint8Array, ahead: readonly Uint8Array[]): AdmitVerdict {
    this.admitCalls++
    const decoded = this.decodeModel(tx)
    if ('error' in decoded) return { ok: false, reason: decoded.error }
    const scratch = { ...this.#account(decoded.sender) }
    for (const earlier of ahead) {
      const verdict = this.#apply(scratch, earlier)
      if (!verdict.ok) return verdict
    }
    return this.#apply(scratch, tx)
  }

  accountNonce(sender: Uint8Array): bigint {
    return this.#account(sender).nonce
  }

  baseFeePerByte(): bigint {
    return this.base
  }

  /**
   * Builds the next block from `candidates` in order, keeping each that passes against the state
   * so far and fits, then commits it: the head moves and the base fee follows the EIP-1559 step of
   * docs/protocol/transactions.md §2.1. Returns what the pool's onBlock takes.
   */
  commit(candidates: readonly Uint8Array[], maxBlockBytes = this.maxBlockBytes): CommittedBlock {
    const included: Uint8Array[] = []
    const tips: bigint[] = []
    let used = 0
    const blockBase = this.base
    for (const bytes of candidates) {
      if (used + bytes.length > maxBlockBytes) continue
      const tx = this.decodeModel(bytes)
      if ('error' in tx) continue
      const account = this.#account(tx.sender)
      const scratch = { ...account }
      const verdict = this.#apply(scratch, bytes)
      if (!verdict.ok) continue
      account.balance = scratch.balance
      account.nonce = scratch.nonce
      included.push(bytes)
      tips.push(verdict.tip / BigInt(bytes.length))
      used += bytes.length
    }
    this.height++
    this.base = nextBaseFee(blockBase, used, maxBlockBytes, this.minBase)
    return {
      height: this.height,
      includedTxIds: included.map(modelTxId),
      baseFeePerByte: blockBase,
      fullness: { usedBytes: used, maxBytes: maxBlockBytes },
      tipsPerByte: tips,
    }
  }

  /** Spends a sender's nonce outside the pool (a transaction the pool never saw). */
  spendElsewhere(sender: number, amount = 0n): void {
    const account = this.#account(addressOf(sender))
    account.nonce++
    account.balance -= amount
  }
}

/** The model's base-fee step (transactions.md §2.1), for moving the model's head. */
export function nextBaseFee(
  base: bigint,
  used: number,
  maxBlockBytes: number,
  min: bigint,
): bigint {
  const target = BigInt(Math.floor(maxBlockBytes / 2))
  const u = BigInt(used)
  const step = base / 8n
  let next = base
  if (u > target) {
    const over = u - target < target ? u - target : target
    let delta = (base * over) / (8n * target)
    if (delta > step) delta = step
    next = base + (delta > 1n ? delta : 1n)
  } else if (u < target) {
    let delta = (base * (target - u)) / (8n * target)
    if (delta > step) delta = step
    next = base - delta
  }
  return next > min ? next : min
}
