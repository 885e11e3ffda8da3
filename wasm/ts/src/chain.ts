// Chain objects from TypeScript (docs/protocol.md): transactions are built, read, hashed for
// signing and checked by the core, the only encoder and decoder. Fields cross the boundary in the
// fixed layout documented in wasm/src/abi/exports_chain.cpp.
import { checkBytes } from './check.ts'
import { WeftCoreError, WeftInputError } from './errors.ts'
import type { CoreMemory } from './memory.ts'

export interface ChainExports {
  weft_tx_fields_size(): number
  weft_tx_decode(session: number, bytes: number, len: number): number
  weft_tx_encode(session: number, fields: number): number
  weft_tx_sign_digest(session: number, chainId: number, chainLen: number, fields: number): number
  weft_address_of(publicKey: number, out: number): void
  weft_tx_check(
    session: number,
    bytes: number,
    len: number,
    chainId: number,
    chainLen: number,
  ): number
}

export type TransactionKind = 'transfer' | 'stake' | 'unstake'

export interface Transaction {
  kind: TransactionKind
  /** The sender's Ed25519 public key; the account is the address derived from it. */
  sender: Uint8Array
  nonce: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
  /** Transfers: the recipient's 20-byte address. */
  to?: Uint8Array
  /** Stake and unstake: the validator's public key. */
  validator?: Uint8Array
  amount: bigint
  /** 64 bytes; zeros while unsigned. */
  signature?: Uint8Array
}

export type TransactionCheck = { ok: true; id: Uint8Array } | { ok: false; reason: string }

const KINDS: TransactionKind[] = ['transfer', 'stake', 'unstake']
const FIELDS_BYTES = 181
const U64_MAX = (1n << 64n) - 1n
const MAX_CHAIN_ID_BYTES = 32

function u64(name: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
    throw new WeftInputError('WRONG_TYPE', `${name} must be a bigint from 0 to 2^64-1`)
  }
  return value
}

function packFields(tx: Transaction): Uint8Array {
  if (typeof tx !== 'object' || tx === null)
    throw new WeftInputError('WRONG_TYPE', 'a transaction must be an object')
  const kind = KINDS.indexOf(tx.kind)
  if (kind < 0)
    throw new WeftInputError(
      'WRONG_TYPE',
      `kind must be one of ${KINDS.join(', ')}, got ${String(tx.kind)}`,
    )
  const out = new Uint8Array(FIELDS_BYTES)
  const view = new DataView(out.buffer)
  out[0] = kind + 1
  out.set(checkBytes('sender', tx.sender, 32), 1)
  view.setBigUint64(33, u64('nonce', tx.nonce))
  view.setBigUint64(41, u64('maxFeePerByte', tx.maxFeePerByte))
  view.setBigUint64(49, u64('tipPerByte', tx.tipPerByte))
  if (tx.kind === 'transfer') out.set(checkBytes('to', tx.to, 20), 57)
  else out.set(checkBytes('validator', tx.validator, 32), 77)
  view.setBigUint64(109, u64('amount', tx.amount))
  if (tx.signature !== undefined) out.set(checkBytes('signature', tx.signature, 64), 117)
  return out
}

function unpackFields(bytes: Uint8Array): Transaction {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const kind = KINDS[(bytes[0] ?? 0) - 1] ?? 'transfer'
  const tx: Transaction = {
    kind,
    sender: bytes.slice(1, 33),
    nonce: view.getBigUint64(33),
    maxFeePerByte: view.getBigUint64(41),
    tipPerByte: view.getBigUint64(49),
    amount: view.getBigUint64(109),
    signature: bytes.slice(117, 181),
  }
  if (kind === 'transfer') tx.to = bytes.slice(57, 77)
  else tx.validator = bytes.slice(77, 109)
  return tx
}

export function chainIdBytes(chainId: string): Uint8Array {
  if (typeof chainId !== 'string')
    throw new WeftInputError('WRONG_TYPE', 'chainId must be a string')
  const bytes = new TextEncoder().encode(chainId)
  if (bytes.length === 0 || bytes.length > MAX_CHAIN_ID_BYTES) {
    throw new WeftInputError(
      'WRONG_LENGTH',
      `chainId must be 1 to ${MAX_CHAIN_ID_BYTES} bytes, got ${bytes.length}`,
    )
  }
  return bytes
}

/** The chain functions of one loaded core; WeftCore exposes them as methods. */
export class ChainCodec {
  readonly #x: ChainExports
  readonly #mem: CoreMemory

  constructor(x: ChainExports, mem: CoreMemory) {
    if (x.weft_tx_fields_size() !== FIELDS_BYTES) {
      throw new WeftInputError(
        'WRONG_LENGTH',
        'weft_core.wasm disagrees on the transaction layout; rebuild it',
      )
    }
    this.#x = x
    this.#mem = mem
  }

  encodeTransaction(tx: Transaction): Uint8Array {
    const fields = packFields(tx)
    this.#call('encoding a transaction', fields.length, (base) => {
      this.#mem.write(base, fields)
      return this.#x.weft_tx_encode(this.#mem.session, base)
    })
    return this.#mem.output()
  }

  decodeTransaction(bytes: Uint8Array): { tx: Transaction; id: Uint8Array } {
    checkBytes('bytes', bytes)
    this.#call('decoding a transaction', bytes.length, (base) => {
      this.#mem.write(base, bytes)
      return this.#x.weft_tx_decode(this.#mem.session, base, bytes.length)
    })
    const out = this.#mem.output()
    return { tx: unpackFields(out.subarray(0, FIELDS_BYTES)), id: out.slice(FIELDS_BYTES) }
  }

  /** What the sender signs: sign_digest("tx", chainId, body), 32 bytes. */
  transactionSignDigest(chainId: string, tx: Transaction): Uint8Array {
    const chain = chainIdBytes(chainId)
    const fields = packFields(tx)
    this.#call('hashing a transaction for signing', chain.length + fields.length, (base) => {
      this.#mem.write(base, fields)
      this.#mem.write(base + fields.length, chain)
      return this.#x.weft_tx_sign_digest(
        this.#mem.session,
        base + fields.length,
        chain.length,
        base,
      )
    })
    return this.#mem.output()
  }

  /** Every stateless check (size, encoding, signature, fee fields) with the core's reason. */
  checkTransaction(bytes: Uint8Array, chainId: string): TransactionCheck {
    checkBytes('bytes', bytes)
    const chain = chainIdBytes(chainId)
    const status = this.#mem.withRegion(bytes.length + chain.length, (base) => {
      this.#mem.write(base, bytes)
      this.#mem.write(base + bytes.length, chain)
      return this.#x.weft_tx_check(
        this.#mem.session,
        base,
        bytes.length,
        base + bytes.length,
        chain.length,
      )
    })
    if (status < 0) return { ok: false, reason: this.#mem.errorName(status) }
    return { ok: true, id: this.#mem.output() }
  }

  /** The 20-byte account address of an Ed25519 public key (format it with @weft/core). */
  addressOf(publicKey: Uint8Array): Uint8Array {
    checkBytes('publicKey', publicKey, 32)
    return this.#mem.withRegion(32 + 20, (base) => {
      this.#mem.write(base, publicKey)
      this.#x.weft_address_of(base, base + 32)
      return this.#mem.read(base + 32, 20)
    })
  }

  #call(what: string, size: number, call: (base: number) => number): void {
    const status = this.#mem.withRegion(size, call)
    if (status < 0) {
      const code = this.#mem.errorName(status)
      throw new WeftCoreError(code, `${what}: ${code}`)
    }
  }
}
