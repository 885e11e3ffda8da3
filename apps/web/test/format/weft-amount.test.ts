// WEFT amounts as typed and shown: exact conversion to base units, and the reasons for refusals.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AmountError, formatWeft, parseWeft } from '../../src/format/weft-amount.ts'

test('amounts in WEFT become exact base units and back', () => {
  assert.equal(parseWeft('10'), 10_000_000_000n)
  assert.equal(parseWeft(' 1.5 '), 1_500_000_000n)
  assert.equal(parseWeft('0.000000001'), 1n)
  assert.equal(parseWeft('3.'), 3_000_000_000n)
  assert.equal(formatWeft(6_999_909_100n), '6.9999091')
  assert.equal(formatWeft(10_000_000_000n), '10')
  assert.equal(formatWeft(0n), '0')
  assert.equal(formatWeft((1n << 64n) - 1n), '18446744073.709551615')
})

test('what is not an amount is refused with a reason', () => {
  for (const [text, reason] of [
    ['', 'is not an amount'],
    ['-1', 'is not an amount'],
    ['1e3', 'is not an amount'],
    ['1,5', 'is not an amount'],
    ['0', 'above 0'],
    ['0.0000000001', 'at most 9 decimals'],
    ['18446744073.709551616', 'larger than any account'],
  ] as const) {
    assert.throws(
      () => parseWeft(text),
      (err: unknown) => err instanceof AmountError && err.message.includes(reason),
      text,
    )
  }
})
