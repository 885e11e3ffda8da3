// Transactions through the WASM core: the wallet's path (fields → digest → noble signature →
// canonical bytes → stateless check), round trips, and the core's own reasons for rejections.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import fc from 'fast-check'
import { loadCore, type Transaction, WeftCoreError, WeftInputError } from '../src/index.ts'

const core = await loadCore()
const CHAIN = 'weft-test'
const secret = new Uint8Array(32).fill(7)
const sender = ed25519.getPublicKey(secret)

function signed(fields: Omit<Transaction, 'signature' | 'sender'>, chainId = CHAIN): Uint8Array {
  const tx: Transaction = { ...fields, sender }
  const digest = core.chain.transactionSignDigest(chainId, tx)
  return core.chain.encodeTransaction({ ...tx, signature: ed25519.sign(digest, secret) })
}

const transfer = {
  kind: 'transfer' as const,
  nonce: 0n,
  maxFeePerByte: 2000n,
  tipPerByte: 10n,
  to: new Uint8Array(20).fill(9),
  amount: 5_000_000_000n,
}

describe('transactions in wasm', () => {
  it('accepts a transfer the wallet signed and names its id', () => {
    const bytes = signed(transfer)
    const check = core.chain.checkTransaction(bytes, CHAIN)
    assert.equal(check.ok, true)
    const { tx, id } = core.chain.decodeTransaction(bytes)
    assert.deepEqual(check.ok && check.id, id)
    assert.equal(Buffer.from(id).toString('hex'), Buffer.from(core.sha256(bytes)).toString('hex'))
    assert.deepEqual({ ...tx, signature: undefined }, { ...transfer, sender, signature: undefined })
  })

  it('rejects with the core’s reason: another chain, a tampered field, bad fees', () => {
    assert.deepEqual(core.chain.checkTransaction(signed(transfer, 'weft-other'), CHAIN), {
      ok: false,
      reason: 'TxError.BadSignature',
    })
    const bytes = signed(transfer)
    const tampered = bytes.slice()
    tampered[bytes.length - 70] = (tampered[bytes.length - 70] ?? 0) ^ 1 // inside the amount
    assert.deepEqual(core.chain.checkTransaction(tampered, CHAIN), {
      ok: false,
      reason: 'TxError.BadSignature',
    })
    assert.deepEqual(core.chain.checkTransaction(signed({ ...transfer, amount: 0n }), CHAIN), {
      ok: false,
      reason: 'TxError.ZeroAmount',
    })
    assert.deepEqual(
      core.chain.checkTransaction(signed({ ...transfer, tipPerByte: 3000n }), CHAIN),
      {
        ok: false,
        reason: 'TxError.TipAboveMaxFee',
      },
    )
    assert.deepEqual(core.chain.checkTransaction(bytes.subarray(0, 20), CHAIN), {
      ok: false,
      reason: 'TxError.Malformed',
    })
  })

  it('names decode failures', () => {
    const bytes = signed(transfer)
    const code = (b: Uint8Array) => {
      try {
        core.chain.decodeTransaction(b)
        return 'ok'
      } catch (e) {
        assert.ok(e instanceof WeftCoreError)
        return e.code
      }
    }
    assert.equal(code(bytes), 'ok')
    assert.equal(code(bytes.subarray(0, bytes.length - 1)), 'DecodeError.Truncated')
    assert.equal(code(Uint8Array.of(...bytes, 0)), 'DecodeError.TrailingBytes')
    assert.equal(code(Uint8Array.of(2, ...bytes.subarray(1))), 'DecodeError.UnknownVersion')
    assert.equal(code(Uint8Array.of(1, 9, ...bytes.subarray(2))), 'DecodeError.UnknownType')
  })

  it('round-trips every kind and field value through encode and decode', () => {
    const arb = fc.record({
      kind: fc.constantFrom('transfer' as const, 'stake' as const, 'unstake' as const),
      sender: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      nonce: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      maxFeePerByte: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      tipPerByte: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      amount: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    })
    fc.assert(
      fc.property(arb, ({ key, ...f }) => {
        const tx: Transaction =
          f.kind === 'transfer' ? { ...f, to: key.slice(0, 20) } : { ...f, validator: key }
        const { tx: back } = core.chain.decodeTransaction(core.chain.encodeTransaction(tx))
        assert.deepEqual(back, tx)
      }),
      { numRuns: 300 },
    )
  })

  it('refuses malformed fields before they reach the core', () => {
    assert.throws(
      () => core.chain.encodeTransaction({ ...transfer, sender, nonce: -1n }),
      WeftInputError,
    )
    assert.throws(
      () => core.chain.encodeTransaction({ ...transfer, sender, nonce: 1 as never }),
      WeftInputError,
    )
    assert.throws(
      () => core.chain.encodeTransaction({ ...transfer, sender, kind: 'mint' as never }),
      /kind must be one of/,
    )
    assert.throws(
      () => core.chain.encodeTransaction({ ...transfer, sender, to: new Uint8Array(19) }),
      /to must be 20 bytes/,
    )
    assert.throws(
      () => core.chain.transactionSignDigest('', { ...transfer, sender }),
      /chainId must be 1 to 32 bytes/,
    )
  })

  it('derives account addresses as the protocol says: SHA-256("weft/address/v1" || key)[0..20]', () => {
    // Expected values computed independently with node:crypto from the rule in docs/protocol.md.
    const keys = [
      '00'.repeat(32),
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    ]
    for (const key of keys) {
      const publicKey = Uint8Array.from(Buffer.from(key, 'hex'))
      const expected = createHash('sha256')
        .update('weft/address/v1')
        .update(publicKey)
        .digest()
        .subarray(0, 20)
      assert.equal(
        Buffer.from(core.chain.addressOf(publicKey)).toString('hex'),
        expected.toString('hex'),
      )
    }
    assert.equal(
      Buffer.from(core.chain.addressOf(new Uint8Array(32))).toString('hex'),
      '20719a295c0adf17e9738d72f976c682e5a9b9f5',
    )
    assert.throws(() => core.chain.addressOf(new Uint8Array(31)), WeftInputError)
  })
})
