// Whatever a caller passes, the loader answers with a named error or a result; it never corrupts
// WASM memory or crashes the process.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadCore, MAX_INPUT_BYTES, WeftInputError } from '../src/index.ts'

const core = await loadCore()
const pk = new Uint8Array(32)
const sig = new Uint8Array(64)
const msg = new Uint8Array(3)

function throwsInput(fn: () => unknown, code: string, mentions: string) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof WeftInputError, `expected WeftInputError, got ${String(err)}`)
    assert.equal(err.name, 'WeftInputError')
    assert.equal(err.code, code)
    assert.match(err.message, new RegExp(mentions))
    return true
  })
}

describe('loader input checks', () => {
  it('rejects wrong types with WRONG_TYPE naming the argument', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'abc',
      42,
      [1, 2, 3],
      new ArrayBuffer(32),
      new Uint16Array(16),
      {},
    ]
    for (const value of bad) {
      throwsInput(() => core.sha256(value as Uint8Array), 'WRONG_TYPE', 'data')
      throwsInput(
        () => core.ed25519Verify(value as Uint8Array, msg, sig),
        'WRONG_TYPE',
        'publicKey',
      )
      throwsInput(() => core.ed25519Verify(pk, value as Uint8Array, sig), 'WRONG_TYPE', 'message')
      throwsInput(() => core.ed25519Verify(pk, msg, value as Uint8Array), 'WRONG_TYPE', 'signature')
    }
    throwsInput(() => core.ed25519VerifyBatch('x' as never), 'WRONG_TYPE', 'items')
    throwsInput(() => core.ed25519VerifyBatch([null as never]), 'WRONG_TYPE', 'items\\[0\\]')
  })

  it('rejects wrong lengths with WRONG_LENGTH stating expected and actual', () => {
    for (const len of [0, 31, 33, 64]) {
      throwsInput(
        () => core.ed25519Verify(new Uint8Array(len), msg, sig),
        'WRONG_LENGTH',
        `32 bytes, got ${len}`,
      )
    }
    for (const len of [0, 63, 65, 128]) {
      throwsInput(
        () => core.ed25519Verify(pk, msg, new Uint8Array(len)),
        'WRONG_LENGTH',
        `64 bytes, got ${len}`,
      )
    }
    throwsInput(
      () =>
        core.ed25519VerifyBatch(
          [{ publicKey: pk, message: msg, signature: sig }],
          new Uint8Array(5),
        ),
      'WRONG_LENGTH',
      'seed',
    )
    throwsInput(
      () =>
        core.ed25519VerifyBatch([{ publicKey: pk, message: msg, signature: new Uint8Array(2) }]),
      'WRONG_LENGTH',
      'items\\[0\\].signature',
    )
  })

  it('rejects inputs over the size limit with TOO_LARGE', () => {
    const huge = new Uint8Array(MAX_INPUT_BYTES + 1)
    throwsInput(() => core.sha256(huge), 'TOO_LARGE', 'limit')
    throwsInput(() => core.ed25519Verify(pk, huge, sig), 'TOO_LARGE', 'limit')
  })

  it('keeps working after rejected calls', () => {
    // RFC 8032 §7.1 TEST 1.
    const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'))
    const publicKey = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
    const signature = hex(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    )
    assert.throws(() => core.sha256('nope' as never))
    assert.throws(() => core.ed25519Verify(publicKey, new Uint8Array(0), signature.subarray(1)))
    assert.equal(
      Buffer.from(core.sha256(new Uint8Array(0)))
        .toString('hex')
        .slice(0, 8),
      'e3b0c442',
    )
    assert.equal(core.ed25519Verify(publicKey, new Uint8Array(0), signature), true)
    assert.equal(core.ed25519Verify(publicKey, Uint8Array.of(1), signature), false)
  })

  it('accepts Buffer and subarray views, reading exactly their bytes', () => {
    const backing = new Uint8Array(100).fill(7)
    const view = backing.subarray(10, 13)
    assert.deepEqual(core.sha256(view), core.sha256(Uint8Array.of(7, 7, 7)))
    assert.deepEqual(core.sha256(Buffer.from([7, 7, 7])), core.sha256(Uint8Array.of(7, 7, 7)))
  })
})
