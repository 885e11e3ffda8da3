// SHA-256 and SHA-512 from the WASM core: FIPS 180-4 examples, then node:crypto (OpenSSL) as the
// reference on random inputs of every length 0..1024 and a few megabytes (the streaming path).
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { loadCore } from '../src/index.ts'

const core = await loadCore()
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('sha2 in wasm', () => {
  it('matches the FIPS 180-4 examples', () => {
    const abc = new TextEncoder().encode('abc')
    assert.equal(
      hexOf(core.sha256(abc)),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    assert.equal(
      hexOf(core.sha512(abc)),
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    )
    assert.equal(
      hexOf(core.sha256(new Uint8Array(0))),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
  })

  it('agrees with node:crypto on random inputs of every length 0..1024', () => {
    for (let len = 0; len <= 1024; len++) {
      const data = randomBytes(len)
      assert.equal(
        hexOf(core.sha256(data)),
        createHash('sha256').update(data).digest('hex'),
        `sha256 length ${len}`,
      )
      assert.equal(
        hexOf(core.sha512(data)),
        createHash('sha512').update(data).digest('hex'),
        `sha512 length ${len}`,
      )
    }
  })

  it('agrees with node:crypto on multi-megabyte inputs that stream through scratch memory', () => {
    for (const len of [64 * 1024 - 64, 64 * 1024 + 1, 3 * 1024 * 1024 + 17, 5 * 1024 * 1024]) {
      const data = randomBytes(len)
      const before = core.memoryBytes
      assert.equal(
        hexOf(core.sha256(data)),
        createHash('sha256').update(data).digest('hex'),
        `sha256 length ${len}`,
      )
      assert.equal(
        hexOf(core.sha512(data)),
        createHash('sha512').update(data).digest('hex'),
        `sha512 length ${len}`,
      )
      assert.equal(core.memoryBytes, before, 'hashing a large input must not grow WASM memory')
    }
  })
})
