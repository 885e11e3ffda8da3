// bech32m addresses: round trips, the BIP 350 reference vector, and a named error for every way
// a typed address can be wrong.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bech32, bech32m } from '@scure/base'
import fc from 'fast-check'
import { AddressError, formatAddress, isAddress, parseAddress } from '../../src/chain/address.ts'

function rejects(text: string, code: string) {
  assert.throws(
    () => parseAddress(text),
    (e: unknown) => e instanceof AddressError && e.code === code,
    `${text} should be ${code}`,
  )
}

describe('addresses', () => {
  it('round-trips every 20-byte address and reads upper case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const text = formatAddress(bytes)
        assert.match(text, /^weft1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}$/)
        assert.deepEqual(parseAddress(text), bytes)
        assert.deepEqual(parseAddress(text.toUpperCase()), bytes)
        assert.deepEqual(parseAddress(`  ${text}\n`), bytes)
      }),
    )
  })

  it('uses bech32m: the BIP 350 checksum constant, not bech32', () => {
    // BIP 350 test vector: a valid bech32m string with an empty data part.
    assert.doesNotThrow(() => bech32m.decode('a1lqfn3a'))
    const bytes = new Uint8Array(20).fill(7)
    const legacy = bech32.encode('weft', bech32.toWords(bytes))
    rejects(legacy, 'BAD_CHECKSUM')
  })

  it('catches every single-character typo', () => {
    const text = formatAddress(new Uint8Array(20).fill(42))
    const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
    for (let i = 5; i < text.length; i++) {
      for (const c of charset) {
        if (c === text[i]) continue
        const typo = text.slice(0, i) + c + text.slice(i + 1)
        assert.equal(isAddress(typo), false, typo)
      }
    }
  })

  it('names what is wrong', () => {
    const good = formatAddress(new Uint8Array(20).fill(1))
    rejects(`bc1${good.slice(5)}`, 'WRONG_PREFIX')
    rejects(good.slice(5), 'WRONG_PREFIX')
    rejects(good.slice(0, 10) + good.slice(10).toUpperCase(), 'MIXED_CASE')
    rejects(`${good.slice(0, 10)}b${good.slice(11)}`, 'BAD_CHARACTERS')
    rejects(`${good.slice(0, -1)}${good.endsWith('q') ? 'p' : 'q'}`, 'BAD_CHECKSUM')
    rejects(bech32m.encode('weft', bech32m.toWords(new Uint8Array(32))), 'WRONG_LENGTH')
    assert.throws(() => formatAddress(new Uint8Array(19)), {
      name: 'AddressError',
      code: 'WRONG_LENGTH',
    })
    assert.throws(() => parseAddress(42 as never), { name: 'AddressError', code: 'WRONG_TYPE' })
  })
})
