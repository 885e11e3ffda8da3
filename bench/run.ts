// `npm run bench`: the core against the references that matter, measured in one run.
//   Ed25519 verify/s, one thread: WASM core vs @noble/curves vs node:crypto (OpenSSL, native)
//   batch verification (64 per call, one thread) and the worker pool on every core
//   SHA-256 MB/s: WASM core vs node:crypto
//   state tree inserts, updates and proof verifications, and a block of 2 000 signed transfers
//   validated and executed: WASM vs the same C++ built natively
//   light-client skipping verification of 100 000 headers; consensus messages processed/s
//   initial block download of 10 000 blocks of transfers by a real node, from 1 and 3 peers
//   finalized transfers/s and submit→final latency on a local four-validator network
//   a relay's memory per connected client
// Prints a table with ratios and writes bench/results/bench-<timestamp>.json.
import {
  createHash,
  createPublicKey,
  type KeyObject,
  verify as nodeVerify,
  randomBytes,
} from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { ed25519 } from '@noble/curves/ed25519.js'
import { loadCore, type SignedMessage } from '@weft/wasm'
import { VerifyPool } from '@weft/wasm/pool'
import { consensusMessagesPerSecond, coreFigures, lightFigures } from './core.ts'
import { ibdFigures } from './ibd.ts'
import { measure, measureAsync, type Rate } from './measure.ts'
import { networkFigures } from './network.ts'
import { relayMemoryFigures } from './relay-memory.ts'

const SECONDS = Number(process.env.WEFT_BENCH_SECONDS ?? 2)
const core = await loadCore()

const items: SignedMessage[] = Array.from({ length: 256 }, (_, i) => {
  const secret = randomBytes(32)
  const message = randomBytes(32 + (i % 64))
  return {
    publicKey: ed25519.getPublicKey(secret),
    message,
    signature: ed25519.sign(message, secret),
  }
})
const keyObjects: KeyObject[] = items.map((it) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(it.publicKey).toString('base64url') },
    format: 'jwk',
  }),
)

let i = 0
const next = () => {
  i = (i + 1) % items.length
  return i
}

console.log(
  `weft bench — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}\n`,
)

const opensslRate = measure(
  () => {
    const k = next()
    const it = items[k] as SignedMessage
    if (!nodeVerify(null, it.message, keyObjects[k] as KeyObject, it.signature))
      throw new Error('node:crypto rejected')
  },
  1,
  SECONDS,
)
const wasmRate = measure(
  () => {
    const it = items[next()] as SignedMessage
    if (!core.ed25519Verify(it.publicKey, it.message, it.signature))
      throw new Error('wasm rejected')
  },
  1,
  SECONDS,
)
const nobleRate = measure(
  () => {
    const it = items[next()] as SignedMessage
    if (!ed25519.verify(it.signature, it.message, it.publicKey, { zip215: true }))
      throw new Error('noble rejected')
  },
  1,
  Math.min(SECONDS, 1),
)
const batch64 = items.slice(0, 64)
const batchRate = measure(
  () => {
    if (!core.ed25519VerifyBatch(batch64).allValid) throw new Error('batch rejected')
  },
  64,
  SECONDS,
)
const pool = await VerifyPool.create()
const poolRate = await measureAsync(
  async () => {
    if (!(await pool.verifyBatch(items)).allValid) throw new Error('pool rejected')
  },
  items.length,
  SECONDS,
)
await pool.close()

const big = randomBytes(1024 * 1024)
const shaWasm = measure(() => core.sha256(big), 1, SECONDS)
const shaNode = measure(() => createHash('sha256').update(big).digest(), 1, SECONDS)
const mb = (r: Rate) => r.perSecond // one MiB per op

interface Row {
  name: string
  value: number
  unit: string
  reference: string
  ratio: number
  target?: number
}
const rows: Row[] = [
  {
    name: 'ed25519 verify, node:crypto (OpenSSL)',
    value: opensslRate.perSecond,
    unit: 'verify/s',
    reference: 'itself',
    ratio: 1,
  },
  {
    name: 'ed25519 verify, @noble/curves',
    value: nobleRate.perSecond,
    unit: 'verify/s',
    reference: 'node:crypto',
    ratio: nobleRate.perSecond / opensslRate.perSecond,
  },
  {
    name: 'ed25519 verify, weft wasm',
    value: wasmRate.perSecond,
    unit: 'verify/s',
    reference: 'node:crypto',
    ratio: wasmRate.perSecond / opensslRate.perSecond,
    target: 0.7,
  },
  {
    name: 'ed25519 verify, weft wasm',
    value: wasmRate.perSecond,
    unit: 'verify/s',
    reference: '@noble/curves',
    ratio: wasmRate.perSecond / nobleRate.perSecond,
    target: 12,
  },
  {
    name: 'ed25519 batch of 64, weft wasm, 1 thread',
    value: batchRate.perSecond,
    unit: 'sig/s',
    reference: 'node:crypto single',
    ratio: batchRate.perSecond / opensslRate.perSecond,
    target: 1.5,
  },
  {
    name: `ed25519 batch, pool of ${pool.size} workers`,
    value: poolRate.perSecond,
    unit: 'sig/s',
    reference: 'node:crypto single',
    ratio: poolRate.perSecond / opensslRate.perSecond,
  },
  {
    name: 'sha256 1 MiB, node:crypto (SHA-NI)',
    value: mb(shaNode),
    unit: 'MiB/s',
    reference: 'itself',
    ratio: 1,
  },
  {
    name: 'sha256 1 MiB, weft wasm',
    value: mb(shaWasm),
    unit: 'MiB/s',
    reference: 'node:crypto',
    ratio: mb(shaWasm) / mb(shaNode),
    target: 0.1,
  },
]

// Issue targets for the core: WASM block execution at least 0.6× the same C++ natively.
const CORE_TARGETS: Record<string, number> = { block_transfers: 0.6 }
for (const f of await coreFigures()) {
  rows.push({
    name: `${f.name}, native (clang -O3)`,
    value: f.native,
    unit: f.unit,
    reference: 'itself',
    ratio: 1,
  })
  const wasmRow: Row = {
    name: `${f.name}, weft wasm`,
    value: f.wasm,
    unit: f.unit,
    reference: 'native, same source',
    ratio: f.wasm / f.native,
  }
  const target = CORE_TARGETS[f.name]
  if (target !== undefined) wasmRow.target = target
  rows.push(wasmRow)
}

const light = lightFigures()
rows.push({
  name: 'light 1→100 000 sequential (est.)',
  value: light.sequentialMs,
  unit: 'ms',
  reference: `${light.sequentialFetched} fetched`,
  ratio: 1,
})
// For times the ratio is the speed-up: sequential time over skipping time.
rows.push({
  name: `light 1→100 000 skipping, ${light.skippingFetched} fetched`,
  value: light.skippingMs,
  unit: 'ms',
  reference: 'speed-up vs sequential',
  ratio: light.sequentialMs / light.skippingMs,
})
const messages = consensusMessagesPerSecond(SECONDS)
rows.push({
  name: 'consensus messages processed, native sim',
  value: messages,
  unit: 'messages/s',
  reference: 'node:crypto verify',
  ratio: messages / opensslRate.perSecond,
})

// Initial block download by a real node (bench/ibd.ts) against the core alone on the same blocks.
// Issue target: IBD at least 0.7× the core's single-machine execution rate.
const IBD_BLOCKS = Number(process.env.WEFT_BENCH_IBD_BLOCKS ?? 10_000)
if (IBD_BLOCKS > 0) {
  const ibd = await ibdFigures(core, IBD_BLOCKS, 20)
  const txsPerBlock = ibd.txs / ibd.blocks
  rows.push({
    name: `ibd reference: core only, ${ibd.blocks} blocks`,
    value: ibd.referenceBlocksPerSecond,
    unit: 'blocks/s',
    reference: 'itself',
    ratio: 1,
  })
  for (const [peers, rate] of [
    [1, ibd.onePeerBlocksPerSecond],
    [3, ibd.threePeersBlocksPerSecond],
  ] as const) {
    rows.push({
      name: `ibd from ${peers} peer${peers === 1 ? '' : 's'} (${Math.round(rate * txsPerBlock)} txs/s)`,
      value: rate,
      unit: 'blocks/s',
      reference: 'core only',
      ratio: rate / ibd.referenceBlocksPerSecond,
      target: 0.7,
    })
  }
}

// Finalized transfers on a local four-validator network (bench/network.ts), offered at a fixed
// rate. Issue targets: at least 2 000 finalized transfers/s with p99 submit→final within 3 s.
const NET_SECONDS = Number(process.env.WEFT_BENCH_NET_SECONDS ?? 20)
if (NET_SECONDS > 0) {
  const net = await networkFigures(core, {
    validators: 4,
    seconds: NET_SECONDS,
    rate: Number(process.env.WEFT_BENCH_NET_RATE ?? 2500),
    senders: 600,
  })
  rows.push({
    name: 'transfers executed, core only (one block)',
    value: net.referencePerSecond,
    unit: 'transfers/s',
    reference: 'itself',
    ratio: 1,
  })
  rows.push({
    name: 'posts/s this client reaches (stub server)',
    value: net.clientPerSecond,
    unit: 'posts/s',
    reference: 'itself',
    ratio: 1,
  })
  rows.push({
    name: `finalized vs client (${Math.round(net.offeredPerSecond)}/s offered, ${net.refused} refused)`,
    value: net.finalizedPerSecond,
    unit: 'transfers/s',
    reference: 'client capacity',
    ratio: net.finalizedPerSecond / net.clientPerSecond,
  })
  rows.push({
    name: `finalized, ${net.validators} validators (${Math.round(net.offeredPerSecond)}/s offered)`,
    value: net.finalizedPerSecond,
    unit: 'transfers/s',
    reference: 'target 2 000/s',
    ratio: net.finalizedPerSecond / 2000,
    target: 1,
  })
  for (const [p, ms] of [
    ['p50', net.p50Ms],
    ['p99', net.p99Ms],
  ] as const) {
    rows.push({
      name: `submit→final latency ${p}`,
      value: ms,
      unit: 'ms',
      reference: p === 'p99' ? 'target 3 000 ms' : 'timeout_commit',
      ratio: p === 'p99' ? 3000 / ms : ms / 1000,
      ...(p === 'p99' ? { target: 1 } : {}),
    })
  }
}

// A relay's resident memory per connected client holding a reservation (bench/relay-memory.ts),
// beside the relay's own memory at rest.
const RELAY_CLIENTS = Number(process.env.WEFT_BENCH_RELAY_CLIENTS ?? 40)
if (RELAY_CLIENTS > 0) {
  const relay = await relayMemoryFigures(RELAY_CLIENTS)
  rows.push({
    name: `relay memory per client (${relay.clients} over WebSockets)`,
    value: relay.perClientBytes / 1024,
    unit: 'KiB',
    reference: `relay at rest ${Math.round(relay.baselineBytes / 2 ** 20)} MiB`,
    ratio: relay.perClientBytes / relay.baselineBytes,
  })
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2))
console.log(
  `${'measurement'.padEnd(44)}${'value'.padStart(14)}  ${'unit'.padEnd(16)}${'ratio'.padStart(8)}  vs ${'reference'.padEnd(20)} target`,
)
for (const r of rows) {
  const target =
    r.target === undefined ? '' : `${r.ratio >= r.target ? 'met' : 'MISSED'} (≥ ${r.target}×)`
  console.log(
    `${r.name.padEnd(44)}${fmt(r.value).padStart(14)}  ${r.unit.padEnd(16)}${`${r.ratio.toFixed(2)}×`.padStart(8)}  vs ${r.reference.padEnd(20)} ${target}`,
  )
}

const dir = new URL('./results/', import.meta.url)
mkdirSync(dir, { recursive: true })
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir)
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), cpu: cpus()[0]?.model, node: process.version, seconds: SECONDS, rows }, null, 2)}\n`,
)
console.log(`\nresults: ${file.pathname}`)
