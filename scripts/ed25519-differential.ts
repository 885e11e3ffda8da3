// The long differential run: N cases (default one million) of honest, mutated and random
// signatures, Weft's WASM verifier against @noble/curves with ZIP-215 rules. Prints every
// disagreement (the goal is zero) and a tally per mutation. Usage:
//   npm run differential [-- <cases>]      (noble verifies ~1 200/s here: a million takes a while)

import { loadCore } from '@weft/wasm'
import fc from 'fast-check'
import {
  type Case,
  caseArbitrary,
  nobleVerify,
  randomCaseArbitrary,
} from '../wasm/ts/test/ed25519-cases.ts'

const total = Number(process.argv[2] ?? 1_000_000)
if (!Number.isInteger(total) || total <= 0) {
  console.error(`cases must be a positive integer, got ${process.argv[2]}`)
  process.exit(2)
}
const core = await loadCore()
const seed = Number(process.env.WEFT_SEED ?? Date.now() % 2 ** 31)
console.log(`differential: ${total.toLocaleString('en')} cases, seed ${seed}`)

const tally = new Map<string, { cases: number; valid: number; disagreements: number }>()
const disagreements: Case[] = []
const chunk = 10_000
const started = Date.now()
for (let done = 0; done < total; done += chunk) {
  const n = Math.min(chunk, total - done)
  const cases = [
    ...fc.sample(caseArbitrary, { numRuns: n - Math.floor(n / 10), seed: seed + done }),
    ...fc.sample(randomCaseArbitrary, { numRuns: Math.floor(n / 10), seed: seed + done + 1 }),
  ]
  for (const c of cases) {
    const ours = core.ed25519Verify(c.publicKey, c.message, c.signature)
    const theirs = nobleVerify(c)
    const t = tally.get(c.mutation) ?? { cases: 0, valid: 0, disagreements: 0 }
    t.cases++
    if (ours) t.valid++
    if (ours !== theirs) {
      t.disagreements++
      disagreements.push(c)
      const h = (b: Uint8Array) => Buffer.from(b).toString('hex')
      console.log(
        `DISAGREE ${c.mutation}: weft=${ours} noble=${theirs} pk=${h(c.publicKey)} msg=${h(c.message)} sig=${h(c.signature)}`,
      )
    }
    tally.set(c.mutation, t)
  }
  const seconds = (Date.now() - started) / 1000
  console.log(
    `  ${(done + n).toLocaleString('en')} cases, ${disagreements.length} disagreements, ${seconds.toFixed(0)} s`,
  )
}
console.log('\nmutation           cases     valid  disagreements')
for (const [name, t] of [...tally].sort()) {
  console.log(
    `${name.padEnd(16)}${String(t.cases).padStart(8)}${String(t.valid).padStart(10)}${String(t.disagreements).padStart(15)}`,
  )
}
console.log(`\n${total - disagreements.length} agreed, ${disagreements.length} disagreed`)
process.exit(disagreements.length === 0 ? 0 : 1)
