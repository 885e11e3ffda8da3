// Ed25519 verification in the WASM build: RFC 8032 §7.1 examples, the public vector files, and a
// fast-check differential test against @noble/curves with ZIP-215 rules.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { loadCore, WeftInputError } from '../src/index.ts'
import { caseArbitrary, nobleVerify, randomCaseArbitrary } from './ed25519-cases.ts'
import { hex, readVector, vectorsSkipReason } from './vectors.ts'

const core = await loadCore()

// RFC 8032 §7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc) (public key, message, signature).
const RFC8032 = [
  [
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
  [
    'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  ],
] as const

describe('ed25519 in wasm', () => {
  it('accepts the RFC 8032 §7.1 examples and rejects them altered', () => {
    for (const [pk, msg, sig] of RFC8032) {
      assert.equal(
        core.ed25519Verify(hex(pk), hex(msg), hex(sig)),
        true,
        `RFC 8032 key ${pk.slice(0, 8)}`,
      )
      const tampered = hex(sig)
      tampered[5] = (tampered[5] ?? 0) ^ 1
      assert.equal(core.ed25519Verify(hex(pk), hex(msg), tampered), false)
    }
  })

  it('verifies all 1024 sign-input signatures', { skip: vectorsSkipReason }, () => {
    const lines = readVector('ed25519-sign-input.txt').trim().split('\n')
    assert.equal(lines.length, 1024)
    for (const line of lines) {
      const [, pk = '', msg = '', sigAndMsg = ''] = line.split(':')
      assert.equal(
        core.ed25519Verify(hex(pk), hex(msg), hex(sigAndMsg.slice(0, 128))),
        true,
        `sign-input ${pk}`,
      )
    }
  })

  it('gives the ZIP-215 answer for all 196 ZIP-215 cases', { skip: vectorsSkipReason }, () => {
    const cases = JSON.parse(readVector('ed25519-zip215.json')) as {
      vk_bytes: string
      sig_bytes: string
      valid_zip215: boolean
    }[]
    assert.equal(cases.length, 196)
    // The ZIP-215 set signs the message "Zcash".
    const message = new TextEncoder().encode('Zcash')
    cases.forEach((c, i) => {
      assert.equal(
        core.ed25519Verify(hex(c.vk_bytes), message, hex(c.sig_bytes)),
        c.valid_zip215,
        `zip215 case ${i}`,
      )
    })
  })

  it('agrees with @noble/curves (zip215) on honest, mutated and random signatures', () => {
    const runs = Number(process.env.WEFT_DIFFERENTIAL_RUNS ?? 3000)
    fc.assert(
      fc.property(
        caseArbitrary,
        (c) => core.ed25519Verify(c.publicKey, c.message, c.signature) === nobleVerify(c),
      ),
      { numRuns: runs },
    )
    fc.assert(
      fc.property(
        randomCaseArbitrary,
        (c) => core.ed25519Verify(c.publicKey, c.message, c.signature) === nobleVerify(c),
      ),
      { numRuns: Math.ceil(runs / 3) },
    )
  })

  it('rejects wrong-length keys and signatures with a named error, as noble rejects them', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }).filter((b) => b.length !== 32),
        fc.uint8Array({ maxLength: 70 }).filter((b) => b.length !== 64),
        (pk, sig) => {
          assert.throws(
            () => core.ed25519Verify(pk, new Uint8Array(1), new Uint8Array(64)),
            WeftInputError,
          )
          assert.throws(
            () => core.ed25519Verify(new Uint8Array(32), new Uint8Array(1), sig),
            WeftInputError,
          )
          return !nobleVerify({
            publicKey: pk,
            message: new Uint8Array(1),
            signature: sig,
            mutation: 'length',
          })
        },
      ),
      { numRuns: 200 },
    )
  })
})

// Intended differences from strict verifiers, shared with the native tests.
const expectations = JSON.parse(
  readFileSync(
    new URL('../../tests/data/ed25519-zip215-expectations.json', import.meta.url),
    'utf8',
  ),
) as {
  wycheproofDeviations: { tcId: number; zip215Valid: boolean; reason: string }[]
  edgeCases: { index: number; zip215Valid: boolean; reason: string }[]
}

describe('ed25519 in wasm against strict-verifier vector sets', () => {
  it('answers all 151 Wycheproof cases as expected, but for the listed ZIP-215 deviations', {
    skip: vectorsSkipReason,
  }, () => {
    const suite = JSON.parse(readVector('ed25519-wycheproof.json')) as {
      numberOfTests: number
      testGroups: {
        publicKey: { pk: string }
        tests: { tcId: number; msg: string; sig: string; result: string; comment: string }[]
      }[]
    }
    let count = 0
    const deviated = new Set<number>()
    for (const group of suite.testGroups) {
      for (const t of group.tests) {
        const deviation = expectations.wycheproofDeviations.find((d) => d.tcId === t.tcId)
        const expected = deviation?.zip215Valid ?? t.result === 'valid'
        if (deviation) {
          assert.notEqual(
            t.result === 'valid',
            deviation.zip215Valid,
            `tcId ${t.tcId} is listed but is no deviation`,
          )
          deviated.add(t.tcId)
        }
        const pk = hex(group.publicKey.pk)
        const sig = hex(t.sig)
        // The API fixes the lengths; Wycheproof's truncated signatures are invalid by type.
        const actual =
          pk.length === 32 && sig.length === 64 ? core.ed25519Verify(pk, hex(t.msg), sig) : false
        assert.equal(
          actual,
          expected,
          `tcId ${t.tcId} (${t.comment})${deviation ? `: ${deviation.reason}` : ''}`,
        )
        count++
      }
    }
    assert.equal(count, suite.numberOfTests)
    assert.deepEqual(
      [...deviated].sort(),
      expectations.wycheproofDeviations.map((d) => d.tcId).sort(),
    )
  })

  it('gives the listed ZIP-215 answer for every strict-RFC edge case', {
    skip: vectorsSkipReason,
  }, () => {
    const cases = JSON.parse(readVector('ed25519-edge-cases.json')) as {
      message: string
      pub_key: string
      signature: string
    }[]
    assert.equal(cases.length, expectations.edgeCases.length)
    for (const e of expectations.edgeCases) {
      const c = cases[e.index]
      assert.ok(c, `edge case ${e.index} exists`)
      assert.equal(
        core.ed25519Verify(hex(c.pub_key), hex(c.message), hex(c.signature)),
        e.zip215Valid,
        `edge case ${e.index}: ${e.reason}`,
      )
    }
  })
})
