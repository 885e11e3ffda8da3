// Batch verification must answer exactly what single verification answers, item by item,
// whatever mix of valid, invalid and malformed signatures it is given.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { loadCore, type SignedMessage } from '../src/index.ts'
import { caseArbitrary } from './ed25519-cases.ts'
import { hex, readVector, vectorsSkipReason } from './vectors.ts'

const core = await loadCore()
const single = (items: readonly SignedMessage[]) =>
  items.map((i) => core.ed25519Verify(i.publicKey, i.message, i.signature))

describe('ed25519 batch verification in wasm', () => {
  it('agrees with single verification on random mixes of honest and mutated signatures', () => {
    fc.assert(
      fc.property(
        fc.array(caseArbitrary, { maxLength: 80 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (items, seed) => {
          const expected = single(items)
          const result = core.ed25519VerifyBatch(items, seed)
          assert.deepEqual(result.valid, expected)
          assert.equal(result.allValid, expected.every(Boolean))
        },
      ),
      { numRuns: Number(process.env.WEFT_DIFFERENTIAL_RUNS ?? 3000) / 30 },
    )
  })

  it('treats an empty batch as all valid', () => {
    assert.deepEqual(core.ed25519VerifyBatch([]), { allValid: true, valid: [] })
  })

  it('is deterministic for a given seed and the same for any seed', () => {
    const items = fc.sample(caseArbitrary, { numRuns: 40, seed: 7 })
    const a = core.ed25519VerifyBatch(items, new Uint8Array(32))
    const b = core.ed25519VerifyBatch(items, new Uint8Array(32).fill(9))
    assert.deepEqual(a, b)
    assert.deepEqual(a.valid, single(items))
  })

  it('verifies the ZIP-215 set as one batch with the per-item answers', {
    skip: vectorsSkipReason,
  }, () => {
    const cases = JSON.parse(readVector('ed25519-zip215.json')) as {
      vk_bytes: string
      sig_bytes: string
      valid_zip215: boolean
    }[]
    const message = new TextEncoder().encode('Zcash')
    const items = cases.map((c) => ({
      publicKey: hex(c.vk_bytes),
      message,
      signature: hex(c.sig_bytes),
    }))
    assert.deepEqual(
      core.ed25519VerifyBatch(items).valid,
      cases.map((c) => c.valid_zip215),
    )
  })

  it('handles batches larger than the scratch region without growing memory for good', () => {
    const items = fc
      .sample(caseArbitrary, { numRuns: 300, seed: 3 })
      .map((c) => ({ ...c, message: new Uint8Array(400).fill(1) }))
    const before = core.memoryBytes
    const result = core.ed25519VerifyBatch(items)
    assert.deepEqual(result.valid, single(items))
    const after = core.memoryBytes
    core.ed25519VerifyBatch(items)
    assert.equal(core.memoryBytes, after, 'a second large batch reuses the memory of the first')
    assert.ok(after - before <= 1024 * 1024, `memory grew by ${after - before} bytes`)
  })
})
