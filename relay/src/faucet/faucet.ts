// The devnet faucet: pays a fixed amount from the key the node was started with to whoever asks,
// within per-address, per-IP and per-peer limits that its HTTP and libp2p paths share. It signs
// transfers itself and tracks its own nonces: the next one is the lowest at or above the
// account's nonce at the head that none of its pooled transfers holds, so a dropped transfer's
// nonce is reused rather than left as a gap.
import { isIPv6 } from 'node:net'
import type { AddResult } from '@weft/core'
import { formatAddress } from '@weft/core'
import type { Transaction, WeftCore } from '@weft/wasm'
import type { ChainReader, MempoolReader } from '../api/node-view.ts'
import {
  FAUCET_ADDRESS_INTERVAL_MS,
  FAUCET_IP_LIMIT,
  FAUCET_IP_WINDOW_MS,
  FAUCET_MAX_TRACKED,
  FAUCET_PEER_LIMIT,
  FAUCET_PEER_WINDOW_MS,
} from '../constants.ts'
import { RateLimiter } from './rate-limit.ts'

export type FaucetErrorCode = 'RATE_LIMITED' | 'FAUCET_EMPTY' | 'FAUCET_FAILED'

export class FaucetError extends Error {
  override readonly name = 'FaucetError'
  readonly code: FaucetErrorCode
  /** RATE_LIMITED: when the caller may ask again. */
  readonly retryAfterMs: number | undefined

  constructor(code: FaucetErrorCode, message: string, retryAfterMs?: number) {
    super(message)
    this.code = code
    this.retryAfterMs = retryAfterMs
  }
}

export interface FaucetInit {
  /** Base units per payment. */
  amount: bigint
  addressIntervalMs?: number
  ipLimit?: number
  ipWindowMs?: number
  peerLimit?: number
  peerWindowMs?: number
  maxTracked?: number
}

/**
 * Who asks: the IP the request came from (HTTP, or a direct libp2p connection) and, over libp2p,
 * the peer id. Each one given is counted against its own limit; HTTP and libp2p share them all.
 */
export interface FaucetCaller {
  ip?: string
  peer?: string
}

export interface FaucetComponents {
  core: WeftCore
  chain: Pick<ChainReader, 'chainId' | 'head' | 'tree'>
  mempool: Pick<MempoolReader, 'status' | 'estimateFees'>
  submitTx(tx: Uint8Array): Promise<AddResult>
  publicKey: Uint8Array
  sign(digest: Uint8Array): Uint8Array
  now?: () => number
}

export interface FaucetPayment {
  hash: string
  amount: bigint
  nonce: bigint
}

export class Faucet {
  readonly #c: FaucetComponents
  readonly #from: Uint8Array
  readonly #byAddress: RateLimiter
  readonly #byIp: RateLimiter
  readonly #byPeer: RateLimiter
  /** The faucet's transfers in the pool, by nonce (their ids). */
  readonly #pooled = new Map<bigint, string>()
  readonly amount: bigint
  /** The faucet's own account, `weft1…`. */
  readonly address: string

  constructor(components: FaucetComponents, init: FaucetInit) {
    this.#c = components
    this.amount = init.amount
    this.#from = components.core.chain.addressOf(components.publicKey)
    this.address = formatAddress(this.#from)
    const maxKeys = init.maxTracked ?? FAUCET_MAX_TRACKED
    const now = components.now ?? Date.now
    this.#byAddress = new RateLimiter({
      limit: 1,
      windowMs: init.addressIntervalMs ?? FAUCET_ADDRESS_INTERVAL_MS,
      maxKeys,
      now,
    })
    this.#byIp = new RateLimiter({
      limit: init.ipLimit ?? FAUCET_IP_LIMIT,
      windowMs: init.ipWindowMs ?? FAUCET_IP_WINDOW_MS,
      maxKeys,
      now,
    })
    this.#byPeer = new RateLimiter({
      limit: init.peerLimit ?? FAUCET_PEER_LIMIT,
      windowMs: init.peerWindowMs ?? FAUCET_PEER_WINDOW_MS,
      maxKeys,
      now,
    })
  }

  /** Pays `to` (20 bytes) for `caller`. Throws FaucetError. */
  async send(to: Uint8Array, caller: FaucetCaller): Promise<FaucetPayment> {
    const counted: [RateLimiter, string, string][] = [
      [this.#byAddress, Buffer.from(to).toString('hex'), 'this address was paid'],
    ]
    if (caller.peer !== undefined)
      counted.push([this.#byPeer, caller.peer, 'this peer asked too often'])
    if (caller.ip !== undefined)
      counted.push([this.#byIp, callerKey(caller.ip), 'this IP asked too often'])
    for (const [limiter, key, what] of counted) {
      const check = limiter.check(key)
      if (!check.ok) {
        throw new FaucetError(
          'RATE_LIMITED',
          `${what} recently; try again in ${Math.ceil(check.retryAfterMs / 1000)} s`,
          check.retryAfterMs,
        )
      }
    }
    const nonce = this.#nextNonce()
    const bytes = this.#transfer(to, nonce)
    // Counted before the await: a second request racing this one sees it.
    for (const [limiter, key] of counted) limiter.record(key)
    const added = await this.#c.submitTx(bytes)
    if (!added.ok) {
      for (const [limiter, key] of counted) limiter.release(key)
      const broke =
        added.reason === 'TxError.InsufficientBalance' || added.reason === 'TxError.CannotPayFee'
      throw new FaucetError(
        broke ? 'FAUCET_EMPTY' : 'FAUCET_FAILED',
        broke
          ? `the faucet ${this.address} cannot pay ${this.amount} base units now`
          : `the faucet's transfer was refused: ${added.code}: ${added.message}`,
      )
    }
    this.#pooled.set(nonce, added.id)
    return { hash: added.id, amount: this.amount, nonce }
  }

  #nextNonce(): bigint {
    const { core, chain } = this.#c
    const head = chain.head
    const record = chain.tree.get(head.root, core.blocks.accountKey(this.#from))
    const accountNonce = record === undefined ? 0n : core.views.decode('account', record).nonce
    for (const [nonce, id] of this.#pooled) {
      if (nonce < accountNonce || this.#c.mempool.status(id).status !== 'pending') {
        this.#pooled.delete(nonce)
      }
    }
    let nonce = accountNonce
    while (this.#pooled.has(nonce)) nonce++
    return nonce
  }

  #transfer(to: Uint8Array, nonce: bigint): Uint8Array {
    const { core, chain } = this.#c
    const fees = this.#c.mempool.estimateFees().fast
    const tx: Transaction = {
      kind: 'transfer',
      sender: this.#c.publicKey,
      nonce,
      maxFeePerByte: fees.maxFeePerByte,
      tipPerByte: fees.tipPerByte,
      to,
      amount: this.amount,
    }
    const digest = core.chain.transactionSignDigest(chain.chainId, tx)
    return core.chain.encodeTransaction({ ...tx, signature: this.#c.sign(digest) })
  }
}

/**
 * What the per-IP limit counts: an IPv4 address (IPv4-mapped IPv6 included) as itself, an IPv6
 * address by its /64 — one subscriber's network, which hands its hosts any of 2^64 addresses.
 */
export function callerKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped !== null) return mapped[1] as string
  if (!isIPv6(ip)) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head === '' ? [] : head.split(':')
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** The js-libp2p style factory: `faucet(init)(components)`. */
export function faucet(init: FaucetInit): (components: FaucetComponents) => Faucet {
  return (components) => new Faucet(components, init)
}
