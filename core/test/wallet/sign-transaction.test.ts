// Signing with a key derived from a phrase: the core's stateless check accepts the transfer,
// refuses it once any bit changes or on another chain, and the signer names what it refuses.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { loadCore } from '@weft/wasm'
import fc from 'fast-check'
import { parseAddress } from '../../src/chain/address.ts'
import { accountAddress, deriveAccountKey } from '../../src/wallet/account.ts'
import { SigningError } from '../../src/wallet/errors.ts'
import { generateMnemonic, mnemonicToSeed } from '../../src/wallet/mnemonic.ts'
import { signTransaction, type UnsignedTransaction } from '../../src/wallet/sign-transaction.ts'

const core = await loadCore()
const CHAIN = 'weft-wallet-test'
const seed = await mnemonicToSeed(generateMnemonic())
const alice = deriveAccountKey(seed, 0)
const bob = deriveAccountKey(seed, 1)
const transfer: UnsignedTransaction = {
  kind: 'transfer',
  nonce: 3n,
  maxFeePerByte: 2000n,
  tipPerByte: 10n,
  to: parseAddress(accountAddress(core, bob.publicKey)),
  amount: 1_500_000_000n,
}

function signingFails(run: () => unknown, code: string, reason?: string) {
  assert.throws(run, (e: unknown) => {
    return (
      e instanceof SigningError && e.code === code && (reason === undefined || e.reason === reason)
    )
  })
}

describe('signing transactions', () => {
  it('produces a transfer the core accepts, from the derived account, with its id', () => {
    const signed = signTransaction(core, CHAIN, transfer, alice)
    const check = core.chain.checkTransaction(signed.bytes, CHAIN)
    assert.equal(check.ok, true)
    assert.equal(bytesToHex(signed.id), bytesToHex(sha256(signed.bytes)))
    const { tx } = core.chain.decodeTransaction(signed.bytes)
    assert.deepEqual(tx.sender, alice.publicKey)
    assert.deepEqual(tx.to, transfer.to)
    assert.equal(tx.amount, transfer.amount)
    assert.equal(tx.nonce, transfer.nonce)
  })

  it('signs stake transactions too', () => {
    const stake: UnsignedTransaction = {
      kind: 'stake',
      nonce: 0n,
      maxFeePerByte: 2000n,
      tipPerByte: 0n,
      validator: bob.publicKey,
      amount: 1_000_000_000n,
    }
    assert.equal(
      core.chain.checkTransaction(signTransaction(core, CHAIN, stake, alice).bytes, CHAIN).ok,
      true,
    )
  })

  it('is refused by the core after any one-bit change', () => {
    const { bytes } = signTransaction(core, CHAIN, transfer, alice)
    fc.assert(
      fc.property(fc.nat({ max: bytes.length * 8 - 1 }), (bit) => {
        const tampered = bytes.slice()
        tampered[bit >> 3] = (tampered[bit >> 3] ?? 0) ^ (1 << (bit & 7))
        assert.equal(core.chain.checkTransaction(tampered, CHAIN).ok, false)
      }),
      { numRuns: 300 },
    )
  })

  it('is valid on its own chain only', () => {
    const { bytes } = signTransaction(core, CHAIN, transfer, alice)
    assert.deepEqual(core.chain.checkTransaction(bytes, 'weft-other'), {
      ok: false,
      reason: 'TxError.BadSignature',
    })
  })

  it('replaces a signature left on the object rather than reusing it', () => {
    const first = signTransaction(core, CHAIN, transfer, alice)
    const bumped = { ...first.tx, tipPerByte: 20n } as UnsignedTransaction
    const second = signTransaction(core, CHAIN, bumped, alice)
    assert.equal(core.chain.checkTransaction(second.bytes, CHAIN).ok, true)
  })

  it('refuses a sender that is not the key', () => {
    signingFails(
      () => signTransaction(core, CHAIN, { ...transfer, sender: bob.publicKey }, alice),
      'WRONG_SENDER',
    )
  })

  it("passes on the core's reason for a transaction it would never accept", () => {
    signingFails(
      () => signTransaction(core, CHAIN, { ...transfer, amount: 0n }, alice),
      'REFUSED_BY_CORE',
      'TxError.ZeroAmount',
    )
    signingFails(
      () => signTransaction(core, CHAIN, { ...transfer, tipPerByte: 3000n }, alice),
      'REFUSED_BY_CORE',
      'TxError.TipAboveMaxFee',
    )
  })

  it('cannot sign with a wiped key, which prints as a placeholder', () => {
    const key = deriveAccountKey(seed, 7)
    assert.equal(JSON.stringify({ key }), '{"key":"[AccountKey: redacted]"}')
    assert.equal(`${key}`, '[AccountKey: redacted]')
    key.destroy()
    assert.equal(key.destroyed, true)
    signingFails(() => signTransaction(core, CHAIN, transfer, key), 'KEY_DESTROYED')
  })
})
