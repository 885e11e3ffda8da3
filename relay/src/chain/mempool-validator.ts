// The mempool's questions answered by the consensus core against the chain's head: the pool
// never judges a transaction itself (core/src/mempool/validator.ts).
import type { MempoolValidator } from '@weft/core'
import { WeftCoreError } from '@weft/wasm'
import type { Chain } from './chain.ts'

/** Accounts whose nonce is remembered for the current head: beyond the pool's senders. */
const MAX_CACHED_NONCES = 100_000

export function chainMempoolValidator(chain: Chain): MempoolValidator {
  const core = chain.core
  // Admission verifies a signature once into the chain's memo; re-validation after later blocks,
  // building and validating the block that carries it find it there.
  const signatures = chain.signatures
  const verdict = (err: unknown): { ok: false; reason: string } => {
    // A rule's verdict; anything else (the store failing) means "cannot answer now".
    if (
      err instanceof WeftCoreError &&
      (err.domain === 'TxError' || err.domain === 'DecodeError')
    ) {
      return { ok: false, reason: err.code }
    }
    throw err
  }
  const nonces = new Map<string, bigint>()
  let noncesAt: Uint8Array | undefined
  return {
    // Decoding only: admit() runs every stateless check, the signature included, so each
    // transaction's signature is verified once on its way into the pool.
    decode(bytes) {
      let decoded: ReturnType<typeof core.chain.decodeTransaction>
      try {
        decoded = core.chain.decodeTransaction(bytes)
      } catch (err) {
        if (err instanceof WeftCoreError) return { error: err.code }
        throw err
      }
      const { tx, id } = decoded
      return {
        id,
        sender: core.chain.addressOf(tx.sender),
        nonce: tx.nonce,
        maxFeePerByte: tx.maxFeePerByte,
        tipPerByte: tx.tipPerByte,
      }
    },
    admit(tx, ahead) {
      try {
        const admitted = core.blocks.admit(chain.tree, chain.head.root, tx, chain.chainId, ahead, {
          signatures,
        })
        return { ok: true, feeBurned: admitted.feeBurned, tip: admitted.tip }
      } catch (err) {
        return verdict(err)
      }
    },
    admitRun(txs, ahead) {
      let answers: ReturnType<typeof core.blocks.admitRun>
      try {
        answers = core.blocks.admitRun(chain.tree, chain.head.root, chain.chainId, ahead, txs, {
          signatures,
        })
      } catch (err) {
        return [verdict(err)]
      }
      return answers.map((a) =>
        a.ok ? { ok: true, feeBurned: a.feeBurned, tip: a.tip } : { ok: false, reason: a.reason },
      )
    },
    accountNonce(sender) {
      // The pool asks on every arrival (to notice a head that moved) and for every sender after
      // each block; the state at one root never changes, so each account is read once per head.
      const root = chain.head.root
      if (root !== noncesAt || nonces.size >= MAX_CACHED_NONCES) {
        nonces.clear()
        noncesAt = root
      }
      const key = Buffer.from(sender.buffer, sender.byteOffset, sender.byteLength).toString('hex')
      let nonce = nonces.get(key)
      if (nonce === undefined) {
        const record = chain.tree.get(root, core.blocks.accountKey(sender))
        nonce = record === undefined ? 0n : core.views.decode('account', record).nonce
        nonces.set(key, nonce)
      }
      return nonce
    },
    baseFeePerByte() {
      return core.blocks.chainRecord(chain.tree, chain.head.root).nextBaseFeePerByte
    },
  }
}
