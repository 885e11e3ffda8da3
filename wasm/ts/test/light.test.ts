// Light-client verification through the WASM build, over a chain made here: headers in their
// documented layout, each height's commit decided by a state machine of that height's (single)
// validator, who is replaced every EPOCH heights — so skipping needs bisection.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadCore, type TrustedLightBlock, WeftCoreError } from '../src/index.ts'
import {
  CHAIN,
  decideAlone,
  encodeHeader,
  encodeValidatorSet,
  GENESIS_MS,
  type Header,
  lightBlock,
  type Validator,
  validator,
} from './consensus-fixtures.ts'

const core = await loadCore()
const EPOCH = 8
const TOP = 33
const NOW = GENESIS_MS + 100_000
const options = { trustingPeriodMs: 14 * 24 * 3600 * 1000 }
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const ascii = (s: string) => new TextEncoder().encode(s)

const signers = [0, 1, 2, 3, 4].map((i) => validator(40 + i))
const ZERO_HASH = new Uint8Array(32)

function signerAt(height: number): Validator {
  const v = signers[Math.floor((height - 1) / EPOCH)]
  assert.ok(v)
  return v
}
const setAt = (height: number) => encodeValidatorSet([signerAt(height)])

function headerAt(height: number, previous: Uint8Array, stateTag = 'state'): Header {
  const v = signerAt(height)
  return {
    chainId: CHAIN,
    height: BigInt(height),
    timeMs: GENESIS_MS + height * 1000,
    previousBlock: previous,
    stateRoot: core.sha256(ascii(`${stateTag}/${height}`)),
    validatorsHash: core.sha256(setAt(height)),
    nextValidatorsHash: core.sha256(setAt(height + 1)),
    proposer: core
      .sha256(new Uint8Array([...ascii('weft/address/v1'), ...v.publicKey]))
      .slice(0, 20),
  }
}

/** A light block for `header`, its commit decided by the height's validator. */
async function signed(header: Header): Promise<Uint8Array> {
  const bytes = encodeHeader(header)
  const commit = await decideAlone(
    core,
    header.height,
    signerAt(Number(header.height)),
    core.sha256(bytes),
  )
  return lightBlock(bytes, commit, setAt(Number(header.height)))
}

// The chain: blocks[h] is the light block at height h.
const blocks: Uint8Array[] = [new Uint8Array(0)]
let previous: Uint8Array = ZERO_HASH
for (let h = 1; h <= TOP; h++) {
  const header = headerAt(h, previous)
  blocks.push(await signed(header))
  previous = core.sha256(encodeHeader(header))
}
// Every header has one length: the chain id is the same throughout.
const HEADER_BYTES = encodeHeader(headerAt(1, ZERO_HASH)).length
const at = (h: number) => blocks[h] ?? new Uint8Array(0)
const trustedAt = (h: number): TrustedLightBlock => ({ block: at(h), nextValidators: setAt(h + 1) })

describe('light client in wasm', () => {
  it('verifies an adjacent block and names what is wrong with a tampered one', () => {
    assert.deepEqual(core.verifyLightBlock(trustedAt(1), at(2), options, NOW), { ok: true })
    assert.deepEqual(core.verifyLightBlock({ block: at(1) }, at(5), options, NOW), { ok: true })

    const tampered = at(2).slice()
    tampered[HEADER_BYTES - 40] = (tampered[HEADER_BYTES - 40] ?? 0) ^ 1 // inside the base fee
    assert.deepEqual(core.verifyLightBlock(trustedAt(1), tampered, options, NOW), {
      ok: false,
      reason: 'LightError.CommitForOtherBlock',
    })
    const forged = at(2).slice()
    // The commit follows the header: height u64, round u32, block, count, index u32, signature.
    const firstSignature = HEADER_BYTES + 8 + 4 + 32 + 1 + 4
    forged[firstSignature] = (forged[firstSignature] ?? 0) ^ 1
    assert.deepEqual(core.verifyLightBlock(trustedAt(1), forged, options, NOW), {
      ok: false,
      reason: 'LightError.BadCommitSignature',
    })
    assert.deepEqual(core.verifyLightBlock(trustedAt(2), at(2), options, NOW), {
      ok: false,
      reason: 'LightError.NotAfterTrusted',
    })
    assert.deepEqual(
      core.verifyLightBlock(
        trustedAt(1),
        at(2),
        options,
        GENESIS_MS + 1000 + options.trustingPeriodMs,
      ),
      { ok: false, reason: 'LightError.TrustedExpired' },
    )
    assert.deepEqual(core.verifyLightBlock(trustedAt(1), at(2).subarray(0, 50), options, NOW), {
      ok: false,
      reason: 'DecodeError.Truncated',
    })
  })

  it('needs bisection once the trusted validator is gone', () => {
    assert.deepEqual(core.verifyLightBlock(trustedAt(1), at(TOP), options, NOW), {
      ok: false,
      reason: 'LightError.NotEnoughTrust',
    })
  })

  it('bisects across the chain with fewer fetches than the gap', () => {
    const bisection = core.openBisection(options)
    try {
      bisection.start({ block: at(1) }, BigInt(TOP), NOW)
      const asked: bigint[] = []
      let step = bisection.next()
      while (step.type === 'needBlock') {
        asked.push(step.height)
        assert.ok(asked.length < TOP)
        assert.equal(bisection.provide(at(Number(step.height))), true)
        step = bisection.next()
      }
      assert.deepEqual(step, { type: 'verified', height: BigInt(TOP) })
      assert.equal(bisection.fetched, asked.length)
      assert.ok(asked.length < TOP - 1, `${asked.length} fetches for a gap of ${TOP - 1}`)
      assert.equal(hex(bisection.trusted()), hex(at(TOP)))
      assert.equal(bisection.provide(at(1)), false) // below the trusted height now
    } finally {
      bisection.close()
    }
  })

  it('a bisection that meets a bad block fails by name and height', () => {
    const bisection = core.openBisection(options)
    try {
      bisection.start({ block: at(5) }, 3n, NOW)
      assert.deepEqual(bisection.next(), {
        type: 'failed',
        height: 3n,
        reason: 'LightError.NotAfterTrusted',
      })
      bisection.start({ block: at(1) }, 6n, NOW)
      assert.deepEqual(bisection.next(), { type: 'needBlock', height: 6n })
      const forged = at(6).slice()
      forged[20] = (forged[20] ?? 0) ^ 1 // inside the header's time
      bisection.provide(forged)
      assert.deepEqual(bisection.next(), {
        type: 'failed',
        height: 6n,
        reason: 'LightError.CommitForOtherBlock',
      })
    } finally {
      bisection.close()
    }
    assert.throws(() => bisection.next(), /closed/)
  })

  it('finds an attack in a witness whose different header verifies from the common block', async () => {
    // Height 5's validator also signs another header at height 5 (another state, another
    // parent): skipping from height 1 it verifies as well as the real one does.
    const fork = await signed(headerAt(5, ZERO_HASH, 'fork'))
    assert.deepEqual(core.checkWitness({ block: at(1) }, at(5), at(5), options, NOW), {
      status: 'agrees',
    })
    assert.deepEqual(core.checkWitness({ block: at(1) }, at(5), at(6), options, NOW), {
      status: 'faulty',
      reason: 'LightError.WrongHeight',
    })
    const check = core.checkWitness({ block: at(1) }, at(5), fork, options, NOW)
    assert.equal(check.status, 'attack')
    assert.ok(check.status === 'attack')
    assert.equal(hex(core.lightAttackEvidence(1n, at(5), fork)), hex(check.evidence))
    assert.throws(
      () => core.lightAttackEvidence(1n, at(5), at(5)),
      (e) => e instanceof WeftCoreError && e.code === 'DecodeError.ValueOutOfRange',
    )
  })
})
