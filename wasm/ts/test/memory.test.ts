// Memory discipline: ten million calls into the core — hashes, verifications (valid, invalid and
// malformed), batches, and rejected arguments — leave WASM memory and process RSS flat.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { loadCore } from '../src/index.ts'

const CALLS = Number(process.env.WEFT_MEMORY_CALLS ?? 10_000_000)

describe('memory discipline', () => {
  it(`leaves WASM memory and RSS flat over ${CALLS.toLocaleString('en')} calls`, {
    timeout: 600_000,
  }, async () => {
    const core = await loadCore()
    const secret = randomBytes(32)
    const publicKey = ed25519.getPublicKey(secret)
    const message = randomBytes(100)
    const signature = ed25519.sign(message, secret)
    const badS = signature.slice()
    badS[63] = 0xff // S >= L: rejected before any curve arithmetic
    const inputs = Array.from({ length: 64 }, (_, i) => randomBytes(i * 3))
    const batch = Array.from({ length: 4 }, () => ({ publicKey, message, signature }))

    const call = (i: number) => {
      const k = i % 1000
      if (k === 0) return core.ed25519Verify(publicKey, message, signature)
      if (k === 1) return core.ed25519VerifyBatch(batch)
      if (k === 2) {
        try {
          core.ed25519Verify(publicKey.subarray(1), message, signature)
        } catch {
          return false
        }
      }
      if (k < 300) return core.ed25519Verify(publicKey, message, badS)
      if (k < 600) return core.sha512(inputs[k & 63] as Uint8Array)
      return core.sha256(inputs[k & 63] as Uint8Array)
    }

    const warmup = Math.min(200_000, CALLS)
    for (let i = 0; i < warmup; i++) call(i)
    const wasmBefore = core.memoryBytes
    const rssBefore = process.memoryUsage.rss()
    for (let i = warmup; i < CALLS; i++) call(i)
    const wasmAfter = core.memoryBytes
    const rssAfter = process.memoryUsage.rss()

    assert.equal(wasmAfter, wasmBefore, 'WASM linear memory grew')
    // RSS moves with the JS heap's garbage; a leak of even 8 bytes per call would add ~80 MB.
    assert.ok(
      rssAfter - rssBefore < 32 * 1024 * 1024,
      `RSS grew ${((rssAfter - rssBefore) / 1e6).toFixed(1)} MB`,
    )
    assert.equal(
      core.ed25519Verify(publicKey, message, signature),
      true,
      'still correct afterwards',
    )
  })
})
