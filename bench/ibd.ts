// Initial block download: a fresh `weft node` syncs a chain of real transfers from one peer and
// from three, against the reference of the same blocks validated and executed by the core in
// this process with the state in memory — what the machine can do with no network and no disk.
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { MemoryNodeStore, type WeftCore } from '@weft/wasm'
import { ChainStore } from '../relay/src/storage/chain-store.ts'
import { buildChainFixture, type ChainFixture } from '../relay/test/helpers/chain-fixture.ts'

const WEFT_BIN = fileURLToPath(new URL('../relay/bin/weft.ts', import.meta.url))

export interface IbdFigures {
  blocks: number
  txs: number
  referenceBlocksPerSecond: number
  onePeerBlocksPerSecond: number
  threePeersBlocksPerSecond: number
}

interface NodeProcess {
  child: ChildProcess
  address: Promise<string>
  /** Resolves when the node logs a commit at `height` or above. */
  reached(height: number): Promise<number>
}

function startNode(
  dataDir: string,
  genesisFile: string,
  bootstrap: readonly string[],
): NodeProcess {
  const args = [
    WEFT_BIN,
    'node',
    '--data-dir',
    dataDir,
    '--genesis',
    genesisFile,
    '--listen',
    '/ip4/127.0.0.1/tcp/0',
  ]
  args.push('--api', 'off', '--metrics', 'off', ...bootstrap.flatMap((b) => ['--bootstrap', b]))
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...(bootstrap.length > 0 && process.env.WEFT_BENCH_PROFILE
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.WEFT_BENCH_PROFILE}` }
        : {}),
    },
  })
  const address = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('/ip4/') && line.includes('/tcp/')) resolve(line)
    })
    child.once('exit', (code) => reject(new Error(`node exited (${code}) before listening`)))
  })
  let height = 0
  const waiters: { height: number; resolve: (at: number) => void }[] = []
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.includes('"committed block"')) return
    height = Math.max(height, (JSON.parse(line) as { height: number }).height)
    for (const w of waiters.splice(0)) {
      if (height >= w.height) w.resolve(performance.now())
      else waiters.push(w)
    }
  })
  return {
    child,
    address,
    reached: (target) =>
      new Promise((resolve) => {
        if (height >= target) resolve(performance.now())
        else waiters.push({ height: target, resolve })
      }),
  }
}

async function stop(nodes: readonly NodeProcess[]): Promise<void> {
  await Promise.all(
    nodes.map(
      (n) =>
        new Promise<void>((done) => {
          if (n.child.exitCode !== null) return done()
          n.child.once('exit', () => done())
          n.child.kill('SIGTERM')
        }),
    ),
  )
}

/** The same blocks validated and executed in-process, state in memory: the reference rate. */
function referenceRate(core: WeftCore, fixture: ChainFixture, genesis: Uint8Array): number {
  const source = ChainStore.open(join(fixture.dataDir, 'chain'), { archive: true })
  const blocks = Array.from({ length: fixture.blocks }, (_, i) => source.block(i + 1) as Uint8Array)
  void source.close()
  const store = new MemoryNodeStore()
  const tree = core.openStateTree(store)
  const loaded = core.blocks.loadGenesis(tree, genesis)
  store.commit(loaded)
  let root = loaded.root
  let header: Uint8Array | undefined
  const started = performance.now()
  for (const block of blocks) {
    const outcome = core.blocks.validate(tree, root, {
      chainId: 'weft-bench',
      ...(header === undefined ? {} : { previousHeader: header }),
      block,
    })
    store.commit(outcome)
    root = outcome.root
    header = outcome.header
  }
  const seconds = (performance.now() - started) / 1000
  tree.close()
  return fixture.blocks / seconds
}

async function syncRate(fixture: ChainFixture, dir: string, peers: number): Promise<number> {
  const sources: NodeProcess[] = []
  for (let k = 0; k < peers; k++) {
    const data = join(dir, `peer-${peers}-${k}`)
    cpSync(join(fixture.dataDir, 'chain'), join(data, 'chain'), { recursive: true })
    sources.push(startNode(data, fixture.genesisFile, []))
  }
  const addresses = await Promise.all(sources.map((s) => s.address))
  const follower = startNode(join(dir, `follower-${peers}`), fixture.genesisFile, addresses)
  try {
    await follower.address
    const started = performance.now()
    const done = await follower.reached(fixture.blocks)
    return fixture.blocks / ((done - started) / 1000)
  } finally {
    await stop([follower, ...sources])
  }
}

export async function ibdFigures(
  core: WeftCore,
  blocks: number,
  txsPerBlock: number,
): Promise<IbdFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-ibd-'))
  try {
    const fixture = await buildChainFixture(core, dir, { blocks, txsPerBlock })
    const { readFileSync } = await import('node:fs')
    const genesis = core.views.encodeJson('genesis', readFileSync(fixture.genesisFile, 'utf8'))
    return {
      blocks,
      txs: fixture.txs,
      referenceBlocksPerSecond: referenceRate(core, fixture, genesis),
      onePeerBlocksPerSecond: await syncRate(fixture, dir, 1),
      threePeersBlocksPerSecond: await syncRate(fixture, dir, 3),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
