// The worker pool spreads batches over threads and must give the single-thread answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { loadCore } from '../src/index.ts'
import { VerifyPool } from '../src/pool.ts'
import { caseArbitrary } from './ed25519-cases.ts'

const core = await loadCore()

describe('verify pool', () => {
  let pool: VerifyPool
  before(async () => {
    pool = await VerifyPool.create({ size: 2, minChunk: 8 })
  })
  after(() => pool.close())

  it('returns the single-thread results for mixed batches of many sizes', async () => {
    for (const size of [0, 1, 7, 16, 33, 200]) {
      const items = fc.sample(caseArbitrary, { numRuns: size, seed: size })
      const expected = items.map((i) => core.ed25519Verify(i.publicKey, i.message, i.signature))
      const result = await pool.verifyBatch(items)
      assert.deepEqual(result.valid, expected, `batch of ${size}`)
      assert.equal(result.allValid, expected.every(Boolean))
    }
  })

  it('serves concurrent batches, each with its own answers', async () => {
    const batches = Array.from({ length: 6 }, (_, i) =>
      fc.sample(caseArbitrary, { numRuns: 40, seed: 100 + i }),
    )
    const results = await Promise.all(batches.map((b) => pool.verifyBatch(b)))
    results.forEach((r, i) => {
      const expected = (batches[i] ?? []).map((x) =>
        core.ed25519Verify(x.publicKey, x.message, x.signature),
      )
      assert.deepEqual(r.valid, expected)
    })
  })

  it('refuses a bad item before any worker sees it', async () => {
    await assert.rejects(
      pool.verifyBatch([
        { publicKey: new Uint8Array(3), message: new Uint8Array(0), signature: new Uint8Array(64) },
      ]),
      { name: 'WeftInputError', code: 'WRONG_LENGTH' },
    )
  })
})
