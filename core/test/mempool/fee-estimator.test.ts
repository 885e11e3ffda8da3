// The integer fee arithmetic and the estimator on their own: percentiles, the replacement
// threshold, the history window, the pool's clearing tip, and the shape of every estimate.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  clearingTip,
  effectiveTipPerByte,
  estimateFees,
  FeeHistory,
  percentile,
  raisedBy,
  raisedMinimum,
} from '../../src/index.ts'

const U64_MAX = (1n << 64n) - 1n
const u64 = fc.bigInt({ min: 0n, max: U64_MAX })

describe('fee arithmetic', () => {
  it('takes nearest-rank percentiles', () => {
    const tens = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]
    assert.equal(percentile(tens, 0), 1n)
    assert.equal(percentile(tens, 10), 1n)
    assert.equal(percentile(tens, 11), 2n)
    assert.equal(percentile(tens, 50), 5n)
    assert.equal(percentile(tens, 75), 8n)
    assert.equal(percentile(tens, 100), 10n)
    assert.equal(percentile([], 50), 0n)
    assert.throws(() => percentile(tens, 101), RangeError)
  })

  it('a percentile is a member with at least p % of the list at or below it', () => {
    fc.assert(
      fc.property(
        fc.array(u64, { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 100 }),
        (values, p) => {
          const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          const v = percentile(sorted, p)
          assert.ok(sorted.includes(v))
          const rank = Math.max(1, Math.ceil((p * sorted.length) / 100))
          assert.ok(sorted.filter((x) => x <= v).length >= rank)
          assert.ok(sorted.filter((x) => x < v).length < rank)
        },
      ),
    )
  })

  it('draws the 10 % replacement line exactly where integer arithmetic puts it', () => {
    assert.equal(raisedBy(1000n, 1100n, 10n), true)
    assert.equal(raisedBy(1000n, 1099n, 10n), false)
    // 9.99 %: 10 000 → 10 999 is refused, 11 000 accepted.
    assert.equal(raisedBy(10_000n, 10_999n, 10n), false)
    assert.equal(raisedBy(10_000n, 11_000n, 10n), true)
    assert.equal(raisedMinimum(7n, 10n), 8n) // 7.7 rounds up
    assert.equal(raisedBy(0n, 0n, 10n), true)
    fc.assert(
      fc.property(u64, (old) => {
        const least = raisedMinimum(old, 10n)
        assert.equal(raisedBy(old, least, 10n), true)
        if (least > 0n) assert.equal(raisedBy(old, least - 1n, 10n), false)
        // The same line in rationals: least / old ≥ 11 / 10 > (least − 1) / old.
        assert.ok(least * 10n >= old * 11n)
        assert.ok((least - 1n) * 10n < old * 11n)
      }),
    )
  })

  it('an effective tip is the tip, capped by what the max fee leaves over the base', () => {
    assert.equal(effectiveTipPerByte(1100n, 50n, 1062n), 38n) // transactions.md §2.2 example
    assert.equal(effectiveTipPerByte(2000n, 50n, 1000n), 50n)
    assert.equal(effectiveTipPerByte(900n, 50n, 1000n), -100n)
  })
})

describe('fee history and estimates', () => {
  it('keeps a window of blocks and takes the median of their percentiles', () => {
    const history = new FeeHistory(3)
    assert.equal(history.typicalTip(50), 0n)
    history.record(1n, [100n, 200n, 300n]) // p50 200
    history.record(2n, []) // p50 0
    history.record(3n, [10n, 20n, 30n, 40n]) // p50 20
    assert.equal(history.typicalTip(50), 20n)
    history.record(4n, [500n]) // window drops block 1: medians over {0, 20, 500}
    assert.equal(history.blocks, 3)
    assert.equal(history.typicalTip(50), 20n)
    history.record(5n, [600n]) // {20, 500, 600}
    assert.equal(history.typicalTip(50), 500n)
  })

  it('finds the tip that clears a given number of bytes of backlog', () => {
    const pending = [300n, 200n, 100n].map((effectiveTipPerByte) => ({
      effectiveTipPerByte,
      size: 100,
    }))
    assert.equal(clearingTip(pending, 0), 0n)
    assert.equal(clearingTip(pending, 100), 201n)
    assert.equal(clearingTip(pending, 250), 101n)
    assert.equal(clearingTip(pending, 300), 0n)
  })

  it('every estimate is ordered, above the entry tip, and its cap covers base and tip', () => {
    const demand = fc.record({
      effectiveTipPerByte: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      size: fc.integer({ min: 1, max: 4096 }),
    })
    fc.assert(
      fc.property(
        u64,
        fc.array(fc.array(u64, { maxLength: 20 }), { maxLength: 25 }),
        fc.array(demand, { maxLength: 60 }),
        fc.integer({ min: 1, max: 1 << 21 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (base, blocks, pending, maxBlockBytes, entryTipPerByte) => {
          const history = new FeeHistory(20)
          blocks.forEach((tips, i) => {
            history.record(BigInt(i + 1), tips)
          })
          const sorted = [...pending].sort((a, b) =>
            a.effectiveTipPerByte > b.effectiveTipPerByte ? -1 : 1,
          )
          const fees = estimateFees({
            baseFeePerByte: base,
            history,
            pending: sorted,
            maxBlockBytes,
            entryTipPerByte,
            maxFeeBaseMultiplier: 2n,
          })
          assert.equal(fees.baseFeePerByte, base)
          assert.ok(fees.economy.tipPerByte >= entryTipPerByte)
          assert.ok(fees.fast.tipPerByte >= fees.economy.tipPerByte)
          assert.ok(fees.nextBlock.tipPerByte >= fees.fast.tipPerByte)
          for (const quote of [fees.economy, fees.fast, fees.nextBlock]) {
            assert.ok(quote.maxFeePerByte <= U64_MAX)
            assert.ok(quote.tipPerByte <= quote.maxFeePerByte) // never TxError.TipAboveMaxFee
            const want = 2n * base + quote.tipPerByte
            assert.equal(quote.maxFeePerByte, want > U64_MAX ? U64_MAX : want)
          }
        },
      ),
    )
  })
})
