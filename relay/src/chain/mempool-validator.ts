// The mempool's questions answered by the consensus core against the chain's head: the pool
// never judges a transaction itself (core/src/mempool/validator.ts).
import type { MempoolValidator } from '@weft/core'
import { WeftCoreError } from '@weft/wasm'
import type { Chain } from './chain.ts'

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
      const record = chain.tree.get(chain.head.root, core.blocks.accountKey(sender))
      return record === undefined ? 0n : core.views.decode('account', record).nonce
    },
    baseFeePerByte() {
      return core.blocks.chainRecord(chain.tree, chain.head.root).nextBaseFeePerByte
    },
  }
}
