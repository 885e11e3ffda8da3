// The node's Prometheus metrics (docs/api.md, "Metrics"), in a registry of its own: chain and
// consensus progress, block timing, the pool, peers by transport, the circuit relay's load,
// sync, storage size, and Node's process metrics. Gauges are read when scraped; histograms and
// counters of blocks are fed by the chain's 'committed' event.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Libp2p } from '@libp2p/interface'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { NodeView } from '../api/node-view.ts'
import type { CommittedEvent } from '../chain/chain.ts'
import { peersByTransport, relayLoad, TRANSPORTS } from '../net/connections.ts'

export interface NodeMetricsInit {
  libp2p: Libp2p
  /** The chain side; absent on a node started without --genesis. */
  node?: NodeView
  /** The LMDB environment's directory (<data-dir>/chain), for weft_lmdb_bytes. */
  chainDir?: string
  /** Node's process metrics (process_*, nodejs_*); on by default. */
  processMetrics?: boolean
}

export interface NodeMetrics {
  registry: Registry
  close(): void
}

const BLOCK_INTERVAL_BUCKETS = [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60]
const VALIDATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

export function createNodeMetrics(init: NodeMetricsInit): NodeMetrics {
  const registry = new Registry()
  const registers = [registry]
  const { libp2p, node } = init

  new Gauge({
    name: 'weft_peers',
    help: 'Connected peers by transport (a peer on two transports counts under both)',
    labelNames: ['transport'],
    registers,
    collect() {
      const counts = peersByTransport(libp2p)
      for (const t of TRANSPORTS) this.set({ transport: t }, counts.get(t) ?? 0)
    },
  })
  new Gauge({
    name: 'weft_connected_peers',
    help: 'Distinct connected peers',
    registers,
    collect() {
      this.set(libp2p.getPeers().length)
    },
  })
  if (relayLoad(libp2p) !== undefined) {
    new Gauge({
      name: 'weft_relay_reservations',
      help: 'Peers holding a circuit relay reservation on this node',
      registers,
      collect() {
        this.set(relayLoad(libp2p)?.reservations ?? 0)
      },
    })
    new Gauge({
      name: 'weft_relay_circuits',
      help: 'Circuits relayed through this node now (open inbound hop streams)',
      registers,
      collect() {
        this.set(relayLoad(libp2p)?.circuits ?? 0)
      },
    })
  }
  if (init.chainDir !== undefined) {
    const file = join(init.chainDir, 'data.mdb')
    new Gauge({
      name: 'weft_lmdb_bytes',
      help: "Size of the chain's LMDB data file",
      registers,
      collect() {
        try {
          this.set(statSync(file).size)
        } catch {
          this.set(0)
        }
      },
    })
  }
  if (init.processMetrics !== false) collectDefaultMetrics({ register: registry })

  const close = node === undefined ? () => undefined : chainMetrics(node, registers)
  return { registry, close }
}

function chainMetrics(node: NodeView, registers: Registry[]): () => void {
  const { chain, core } = node
  new Gauge({
    name: 'weft_chain_height',
    help: 'Height of the last committed block',
    registers,
    collect() {
      this.set(chain.head.height)
    },
  })
  new Gauge({
    name: 'weft_consensus_height',
    help: 'Height the consensus machine is deciding',
    registers,
    collect() {
      this.set(Number(node.consensus.height))
    },
  })
  new Gauge({
    name: 'weft_consensus_round',
    help: 'Round of the height being decided (above 0: a proposer failed or votes were late)',
    registers,
    collect() {
      this.set(node.consensus.round)
    },
  })
  new Gauge({
    name: 'weft_consensus_halted',
    help: '1 once two commits for one height were seen and the node stopped deciding',
    registers,
    collect() {
      this.set(node.consensus.halted ? 1 : 0)
    },
  })
  new Gauge({
    name: 'weft_sync_target_height',
    help: 'The highest height the node knows the network has reached',
    registers,
    collect() {
      this.set(node.sync().targetHeight)
    },
  })
  new Gauge({
    name: 'weft_sync_progress',
    help: 'Committed height over the sync target, 0 to 1',
    registers,
    collect() {
      const target = node.sync().targetHeight
      this.set(target === 0 ? 1 : Math.min(1, chain.head.height / target))
    },
  })
  new Gauge({
    name: 'weft_mempool_txs',
    help: 'Transactions in the pool, pending (includable now) or queued',
    labelNames: ['state'],
    registers,
    collect() {
      const s = node.mempool.stats()
      this.set({ state: 'pending' }, s.pending.count)
      this.set({ state: 'queued' }, s.queued.count)
    },
  })
  new Gauge({
    name: 'weft_mempool_bytes',
    help: 'Encoded bytes of the transactions in the pool, pending or queued',
    labelNames: ['state'],
    registers,
    collect() {
      const s = node.mempool.stats()
      this.set({ state: 'pending' }, s.pending.bytes)
      this.set({ state: 'queued' }, s.queued.bytes)
    },
  })
  new Gauge({
    name: 'weft_mempool_max_bytes',
    help: "The pool's byte cap",
    registers,
    collect() {
      this.set(node.mempool.stats().maxBytes)
    },
  })
  let seen = { added: 0, included: 0, replaced: 0, dropped: 0, rejected: 0 }
  new Counter({
    name: 'weft_mempool_txs_total',
    help: 'Transactions the pool admitted, saw included, saw replaced, dropped, or refused',
    labelNames: ['outcome'],
    registers,
    collect() {
      const totals = node.mempool.stats().totals
      for (const outcome of Object.keys(seen) as (keyof typeof seen)[]) {
        const delta = totals[outcome] - seen[outcome]
        if (delta > 0) this.inc({ outcome }, delta)
        else this.inc({ outcome }, 0)
      }
      seen = { ...totals }
    },
  })
  new Gauge({
    name: 'weft_base_fee_per_byte',
    help: "The next block's base fee per byte, in base units",
    registers,
    collect() {
      this.set(Number(node.mempool.stats().baseFeePerByte))
    },
  })

  const blockTxs = new Counter({
    name: 'weft_block_txs_total',
    help: 'Transactions in committed blocks (rate() of it is transactions per second)',
    registers,
  })
  const blockInterval = new Histogram({
    name: 'weft_block_interval_seconds',
    help: 'Time between consecutive blocks, by their header times',
    buckets: BLOCK_INTERVAL_BUCKETS,
    registers,
  })
  const validation = new Histogram({
    name: 'weft_block_validation_seconds',
    help: 'Time the core took to validate and execute a block',
    buckets: VALIDATION_BUCKETS,
    registers,
  })
  const commit = new Histogram({
    name: 'weft_block_commit_seconds',
    help: "Time a block's LMDB transaction took to reach the disk",
    buckets: VALIDATION_BUCKETS,
    registers,
  })
  const headerTime = (header: Uint8Array | undefined) =>
    header === undefined ? undefined : core.views.decode('header', header).time
  let previousTime = headerTime(chain.head.header)
  const onCommitted = (event: CommittedEvent) => {
    try {
      blockTxs.inc(event.outcome.receipts.length)
      validation.observe(event.validationSeconds)
      commit.observe(event.commitSeconds)
      const time = headerTime(event.outcome.header)
      if (time !== undefined && previousTime !== undefined && time >= previousTime) {
        blockInterval.observe(Number(time - previousTime) / 1000)
      }
      previousTime = time
    } catch {
      // Metrics never get in the way of a commit.
    }
  }
  chain.on('committed', onCommitted)
  return () => chain.off('committed', onCommitted)
}
