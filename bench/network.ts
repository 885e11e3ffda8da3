// Finalized transfers per second and submit→final latency on a local network of `weft node`
// validators: signed transfers from many funded senders are posted to the validators' APIs at
// a fixed rate, and each one's latency runs from its accepted POST to the moment the block that
// holds it is announced on the WebSocket. The reference is the core alone executing a block of
// the same transfers in this process: what one machine can execute with no network at all.
import { type ChildProcess, spawn } from 'node:child_process'
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { MemoryNodeStore, type WeftCore } from '@weft/wasm'
import { createDevnetLayout, WEFT } from '../relay/src/devnet/devnet-layout.ts'

const WEFT_BIN = fileURLToPath(new URL('../relay/bin/weft.ts', import.meta.url))

export interface NetworkFigures {
  validators: number
  offeredPerSecond: number
  finalizedPerSecond: number
  p50Ms: number
  p99Ms: number
  referencePerSecond: number
  /**
   * Posts per second this client manages against a server that accepts at once, measured in the
   * same run: the most the network could be offered from here.
   */
  clientPerSecond: number
  /** Posts the validators refused (pool full for the sender, …): their successors then wait. */
  refused: number
  /** Transactions in each block committed during the run, in order. */
  blockTxCounts: number[]
}

interface Sender {
  publicKey: Uint8Array
  address: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

function newSender(core: WeftCore): Sender {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Uint8Array.from(
    Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'),
  )
  return {
    publicKey: raw,
    address: core.chain.addressOf(raw),
    sign: (m) => Uint8Array.from(sign(null, m, privateKey)),
  }
}

interface Running {
  child: ChildProcess
  address: string
  api: string
}

function startValidator(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [WEFT_BIN, 'node', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // WEFT_BENCH_PROFILE=<dir> writes each validator's CPU profile there, as bench/ibd.ts does.
    env: {
      ...process.env,
      ...(process.env.WEFT_BENCH_PROFILE
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.WEFT_BENCH_PROFILE}` }
        : {}),
    },
  })
  let address: string | undefined
  let api: string | undefined
  return new Promise((resolve, reject) => {
    const done = () => {
      if (address !== undefined && api !== undefined) resolve({ child, address, api })
    }
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (address === undefined && line.startsWith('/ip4/') && !line.includes('/ws')) address = line
      done()
    })
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('weft: api ')) api = line.slice('weft: api '.length).trim()
      done()
    })
    child.once('exit', (code) => reject(new Error(`validator exited (${code})`)))
  })
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}

export async function networkFigures(
  core: WeftCore,
  options: { validators: number; seconds: number; rate: number; senders: number },
): Promise<NetworkFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-net-bench-'))
  const senders = Array.from({ length: options.senders }, () => newSender(core))
  const layout = await createDevnetLayout(core, {
    dir: join(dir, 'net'),
    validators: options.validators,
    chainId: 'weft-bench',
    scrypt: { N: 2 ** 14, r: 8, p: 1 },
    accounts: senders.map((s) => ({ address: s.address, balance: 1_000_000n * WEFT })),
  })
  const to = new Uint8Array(20).fill(7)
  const total = Math.round(options.rate * options.seconds)
  const txs: { bytes: string; hash: string }[] = []
  for (let i = 0; i < total; i++) {
    const from = senders[i % senders.length] as Sender
    const tx = {
      kind: 'transfer' as const,
      sender: from.publicKey,
      nonce: BigInt(Math.floor(i / senders.length)),
      maxFeePerByte: 10_000n,
      tipPerByte: 10n,
      to,
      amount: 1n + BigInt(i),
    }
    const bytes = core.chain.encodeTransaction({
      ...tx,
      signature: from.sign(core.chain.transactionSignDigest(layout.chainId, tx)),
    })
    txs.push({
      bytes: Buffer.from(bytes).toString('hex'),
      hash: Buffer.from(core.sha256(bytes)).toString('hex'),
    })
  }

  const nodes: Running[] = []
  try {
    for (const v of layout.validators) {
      nodes.push(
        await startValidator([
          '--data-dir',
          v.dataDir,
          '--genesis',
          layout.genesisFile,
          '--listen',
          '/ip4/127.0.0.1/tcp/0',
          '--validator-key',
          v.keyFile as string,
          '--validator-key-password-file',
          layout.passwordFile,
          '--api',
          '127.0.0.1:0',
          '--metrics',
          'off',
          ...nodes.flatMap((n) => ['--bootstrap', n.address]),
        ]),
      )
    }
    const first = nodes[0] as Running
    const submitted = new Map<string, number>()
    const latencies: number[] = []
    let finalized = 0
    const blockTxCounts: number[] = []
    let lastFinal = 0
    const ws = new WebSocket(`${first.api.replace('http', 'ws')}/v1/ws`)
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }))
    ws.send(JSON.stringify({ subscribe: 'blocks' }))
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        type: string
        block?: { height: number; txCount: number }
      }
      if (message.type !== 'block' || message.block === undefined) return
      blockTxCounts.push(message.block.txCount)
      if (message.block.txCount === 0) return
      const at = performance.now()
      void fetch(`${first.api}/v1/blocks/${message.block.height}`)
        .then((r) => r.json() as Promise<{ txs: { hash: string }[] }>)
        .then((block) => {
          for (const t of block.txs) {
            const sent = submitted.get(t.hash)
            if (sent === undefined) continue
            latencies.push(at - sent)
            finalized++
            lastFinal = at
          }
        })
    })

    const started = performance.now()
    let refused = 0
    await post(
      txs,
      nodes.map((n) => n.api),
      options.rate,
      (tx, status) => {
        if (status === 202) submitted.set(tx.hash, performance.now())
        else refused++
      },
    )
    const offered = total / ((performance.now() - started) / 1000)
    // Everything accepted should be final within a few blocks; stop waiting after 15 s.
    const deadline = performance.now() + 15_000
    while (finalized < submitted.size && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    ws.close()
    latencies.sort((a, b) => a - b)
    return {
      validators: options.validators,
      offeredPerSecond: offered,
      finalizedPerSecond: finalized / ((lastFinal - started) / 1000),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      referencePerSecond: referenceRate(core, senders, layout.chainId),
      clientPerSecond: await clientRate(txs.slice(0, Math.min(txs.length, 10_000))),
      refused,
      blockTxCounts,
    }
  } finally {
    for (const n of nodes) n.child.kill('SIGTERM')
    await Promise.all(
      nodes.map(
        (n) => new Promise((r) => (n.child.exitCode !== null ? r(0) : n.child.once('exit', r))),
      ),
    )
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Paced submission, round-robin over `apis`, a bounded number in flight: each answer's status is
 * handed to `answered` as it arrives.
 */
async function post(
  txs: readonly { bytes: string; hash: string }[],
  apis: readonly string[],
  rate: number,
  answered: (tx: { bytes: string; hash: string }, status: number) => void,
): Promise<void> {
  const started = performance.now()
  let next = 0
  let inFlight = 0
  await new Promise<void>((resolve) => {
    const pump = () => {
      const due = Math.min(txs.length, Math.floor(((performance.now() - started) / 1000) * rate))
      while (next < due && inFlight < 256) {
        const tx = txs[next] as { bytes: string; hash: string }
        const api = apis[next % apis.length] as string
        next++
        inFlight++
        void fetch(`${api}/v1/txs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tx: tx.bytes }),
        })
          .then(async (r) => {
            await r.arrayBuffer()
            answered(tx, r.status)
          })
          .catch(() => answered(tx, 0))
          .finally(() => {
            inFlight--
          })
      }
      if (next >= txs.length && inFlight === 0) resolve()
      else setTimeout(pump, 5)
    }
    pump()
  })
}

// A server in its own process that reads each post and answers 202 at once, as a node would
// that had no work to do.
const STUB_SERVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume()
  req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json' }); res.end('{}') })
})
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port))
`

/** Posts per second this client reaches, unpaced, against STUB_SERVER. */
async function clientRate(txs: readonly { bytes: string; hash: string }[]): Promise<number> {
  const child = spawn(process.execPath, ['-e', STUB_SERVER], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  try {
    const api = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`stub server exited (${code})`)))
    })
    const started = performance.now()
    await post(txs, [api], Number.POSITIVE_INFINITY, () => {})
    return txs.length / ((performance.now() - started) / 1000)
  } finally {
    child.kill('SIGTERM')
  }
}

/** Transfers per second the core validates and executes alone: one block of 2 000, in memory. */
function referenceRate(core: WeftCore, senders: readonly Sender[], chainId: string): number {
  const validator = newSender(core)
  const genesis = core.views.encode('genesis', {
    chainId,
    genesisTime: 1_700_000_000_000n,
    params: core.views.defaultParams(),
    accounts: senders
      .map((s) => ({ address: s.address, balance: 1_000_000n * WEFT }))
      .sort((a, b) => Buffer.compare(a.address, b.address)),
    validators: [{ publicKey: validator.publicKey, stake: 1000n * WEFT }],
  })
  const store = new MemoryNodeStore()
  const tree = core.openStateTree(store)
  const loaded = core.blocks.loadGenesis(tree, genesis)
  store.commit(loaded)
  const candidates = Array.from({ length: 2000 }, (_, i) => {
    const from = senders[i % senders.length] as Sender
    const tx = {
      kind: 'transfer' as const,
      sender: from.publicKey,
      nonce: BigInt(Math.floor(i / senders.length)),
      maxFeePerByte: 10_000n,
      tipPerByte: 10n,
      to: new Uint8Array(20).fill(7),
      amount: 1n,
    }
    return core.chain.encodeTransaction({
      ...tx,
      signature: from.sign(core.chain.transactionSignDigest(chainId, tx)),
    })
  })
  const emptyCommit = core.views.encode('commit', {
    height: 0n,
    round: 0,
    block: new Uint8Array(32),
    signatures: [],
  })
  const built = core.blocks.build(tree, loaded.root, {
    chainId,
    time: 1_700_000_001_000n,
    proposer: validator.address,
    lastCommit: emptyCommit,
    candidates,
  })
  const started = performance.now()
  core.blocks.validate(tree, loaded.root, { chainId, block: built.block })
  const seconds = (performance.now() - started) / 1000
  tree.close()
  return candidates.length / seconds
}
