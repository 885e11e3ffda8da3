// `weft wallet send`: a transfer built and signed here — through the core, with the node's chain
// id, the sender's nonce and a fee estimate from its API — checked against the sender's balance
// before anything is sent, submitted to POST /v1/txs, and with --wait followed until final.
import { formatAddress } from '@weft/core'
import type { Transaction, WeftCore } from '@weft/wasm'
import { formatWeft } from '../config/value-types.ts'
import {
  type AccountAnswer,
  answerU64,
  type FeesAnswer,
  type StatusAnswer,
  type TxSubmittedAnswer,
} from './api-answers.ts'
import type { CommandIo } from './command-io.ts'
import { WalletError } from './errors.ts'
import { type NodeApi, NodeApiError } from './node-api.ts'
import { type TxOutcome, watchTx } from './tx-watch.ts'
import { readWalletKey, unlockWalletKey } from './wallet-key.ts'

export interface SendOptions {
  /** The sender's key file, resolved. */
  from: string
  /** The recipient's 20-byte address. */
  to: Uint8Array
  /** Base units, above 0. */
  amount: bigint
  /** Base units per byte; the node's `fast` estimate when undefined. */
  tipPerByte: bigint | undefined
  maxFeePerByte: bigint | undefined
  passwordFile: string | undefined
  /** How long to follow the transfer until final; undefined returns once it is submitted. */
  waitMs: number | undefined
}

export interface SendComponents {
  api: NodeApi
  core: WeftCore
  io: CommandIo
}

export async function walletSend(
  options: SendOptions,
  { api, core, io }: SendComponents,
): Promise<number> {
  const key = readWalletKey(options.from)
  const sender = formatAddress(core.chain.addressOf(key.publicKey))
  const [status, account, fees] = await Promise.all([
    api.get<StatusAnswer>('/v1/status'),
    api.get<AccountAnswer>(`/v1/accounts/${sender}`),
    api.get<FeesAnswer>('/v1/fees'),
  ])
  const fast = {
    maxFeePerByte: answerU64(fees.fast?.maxFeePerByte, 'fast max fee'),
    tipPerByte: answerU64(fees.fast?.tipPerByte, 'fast tip'),
  }
  // A given fee bounds the other: a tip cannot exceed the max fee it is paid out of.
  const maxFeePerByte = options.maxFeePerByte ?? maxOf(fast.maxFeePerByte, options.tipPerByte ?? 0n)
  const tipPerByte = options.tipPerByte ?? minOf(fast.tipPerByte, maxFeePerByte)
  const tx: Transaction = {
    kind: 'transfer',
    sender: key.publicKey,
    // After this account's transfers still in the node's pool, so a second send need not wait
    // for the first to be final.
    nonce: answerU64(account.pendingNonce ?? account.nonce, 'nonce'),
    maxFeePerByte,
    tipPerByte,
    to: options.to,
    amount: options.amount,
  }

  // The size does not depend on the signature's value, so funds are checked before the password.
  const size = BigInt(core.chain.encodeTransaction(tx).length)
  const balance = answerU64(account.balance, 'balance')
  const maxFee = maxFeePerByte * size
  const needed = options.amount + maxFee
  if (balance < needed) {
    throw new WalletError(
      'INSUFFICIENT_FUNDS',
      `${sender} holds ${formatWeft(balance)} WEFT; sending ${formatWeft(options.amount)} WEFT with a fee of up to ${formatWeft(maxFee)} WEFT (${maxFeePerByte} base units per byte × ${size} bytes) needs ${formatWeft(needed)} WEFT: ${formatWeft(needed - balance)} WEFT missing. Nothing was sent`,
    )
  }

  const sign = await unlockWalletKey(options.from, key, options.passwordFile, io)
  const digest = core.chain.transactionSignDigest(status.chainId, tx)
  const bytes = core.chain.encodeTransaction({ ...tx, signature: sign(digest) })
  const check = core.chain.checkTransaction(bytes, status.chainId)
  if (!check.ok) {
    throw new WalletError(
      'INVALID_TX',
      `the core refuses this transfer: ${check.reason} (docs/protocol/transactions.md). Nothing was sent`,
    )
  }

  const submitted = await submit(api, bytes)
  io.stdout(`from:     ${sender}`)
  io.stdout(`to:       ${formatAddress(options.to)}`)
  io.stdout(`amount:   ${formatWeft(options.amount)} WEFT`)
  io.stdout(
    `fee:      at most ${formatWeft(maxFee)} WEFT (${maxFeePerByte} per byte, tip ${tipPerByte} per byte, ${size} bytes)`,
  )
  io.stdout(`nonce:    ${tx.nonce}`)
  io.stdout(`chain:    ${status.chainId}`)
  if (submitted.replaced !== undefined) {
    io.stdout(
      `replaces: ${submitted.replaced} (this account's pending transaction with the same nonce)`,
    )
  }
  if (submitted.queued === true) {
    io.stdout('queued:   waiting in the pool for an earlier nonce or a lower base fee')
  }
  io.stdout(`hash:     ${submitted.hash}`)
  if (options.waitMs === undefined) return 0

  const outcome = await watchTx(api, submitted.hash, {
    timeoutMs: options.waitMs,
    stopRequested: io.stopRequested,
  })
  if (outcome.status === 'final' && outcome.error === null) {
    io.stdout(
      `final:    height ${outcome.height}${outcome.blockHash === undefined ? '' : ` (block ${outcome.blockHash})`}`,
    )
    return 0
  }
  throw new WalletError('NOT_FINAL', notFinal(submitted.hash, outcome, options.waitMs))
}

async function submit(api: NodeApi, bytes: Uint8Array): Promise<TxSubmittedAnswer> {
  try {
    return await api.post<TxSubmittedAnswer>('/v1/txs', { tx: Buffer.from(bytes).toString('hex') })
  } catch (err) {
    // The nonce is the chain's: a transfer still pooled from this account holds it too.
    if (
      err instanceof NodeApiError &&
      (err.code === 'NONCE_TOO_LOW' || err.code === 'REPLACEMENT_UNDERPRICED')
    ) {
      throw new NodeApiError(
        err.status,
        err.code,
        `${err.detail}; an earlier transfer from this account may still be pending or just final: wait for it (--wait) and send again`,
        err.reason,
      )
    }
    throw err
  }
}

function notFinal(hash: string, outcome: TxOutcome, waitMs: number): string {
  switch (outcome.status) {
    case 'final':
      return `${hash} was included at height ${outcome.height} but failed: ${outcome.error}; its fee was paid, the amount was not sent`
    case 'replaced':
      return `${hash} was replaced by ${outcome.replacedBy ?? 'another transaction'} with the same sender and nonce`
    case 'dropped':
      return `${hash} was dropped from the pool without being included: ${outcome.reason ?? 'no reason given'}`
    case 'timeout':
      return `${hash} is not final after ${waitMs / 1000} s (last seen ${outcome.last}); it may still be included`
    case 'stopped':
      return `stopped waiting (${outcome.signal}); ${hash} was submitted and may still be included`
  }
}

const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b)
const minOf = (a: bigint, b: bigint): bigint => (a < b ? a : b)
