// The node's disk: one LMDB environment in the data dir holding the chain, its state tree and
// indexes. Every committed block is one LMDB transaction — the block, its header and commit,
// the state nodes it created, the indexes and the new head — so a crash at any moment leaves
// either the whole block or none of it (docs/storage.md).

import { join } from 'node:path'
import type { NodeStore, StateNode } from '@weft/wasm'
import { type Database, open, type RootDatabase } from 'lmdb'

export interface Head {
  height: number
  blockId: Uint8Array
  /** The state root after this height's block (the genesis root at 0). */
  root: Uint8Array
  /** The header's encoding; absent at height 0. */
  header?: Uint8Array
}

/** Where a transaction landed. */
export interface TxLocation {
  height: number
  index: number
  /** null: applied; otherwise the execution-tier reason it failed with (fee still charged). */
  error: string | null
}

export interface GenesisCommit {
  genesis: Uint8Array
  genesisHash: Uint8Array
  root: Uint8Array
  nodes: readonly StateNode[]
}

export interface BlockCommit {
  height: number
  blockId: Uint8Array
  block: Uint8Array
  header: Uint8Array
  root: Uint8Array
  nodes: readonly StateNode[]
  /** The commit that made this block final, when known at write time. */
  commit?: Uint8Array
  txs: readonly {
    id: Uint8Array
    /** Accounts the transaction touches (sender, recipient): the explorer's address index. */
    addresses: readonly Uint8Array[]
    error: string | null
  }[]
}

/** The base a state-synced node starts from: a verified header and the state under its root. */
export interface SnapshotCommit {
  height: number
  blockId: Uint8Array
  header: Uint8Array
  /** The commit that made the header final: the next block's last commit. */
  commit: Uint8Array
  /** The header's state root; every node under it is already stored (putStateNodes). */
  root: Uint8Array
  /** The proposer-priority record for height + 1, when a peer supplied one that fits. */
  nextPriorities?: Uint8Array
}

export interface ChainStoreOptions {
  /** Keep every block and the address index (explorer); otherwise prune to `keepBlocks`. */
  archive: boolean
  keepBlocks?: number
}

const HEAD = 'head'
const GENESIS = 'genesis'
const GENESIS_HASH = 'genesisHash'
const LAST_SIGNED = 'lastSigned'
const PRUNED_BELOW = 'prunedBelow'
const PRIORITIES = 'priorities:'
const STATE_SYNCED = 'stateSyncedAt'

export class ChainStore {
  readonly #env: RootDatabase
  readonly #guard: RootDatabase
  readonly #meta: Database<Uint8Array | StoredHead | number | StoredSnapshot, string>
  readonly #blocks: Database<Uint8Array, number>
  readonly #headers: Database<Uint8Array, number>
  readonly #commits: Database<Uint8Array, number>
  readonly #blockIds: Database<number, Uint8Array>
  readonly #idsByHeight: Database<Uint8Array, number>
  readonly #wal: Database<Uint8Array, [number, number]>
  #walSeq = 0
  readonly #txs: Database<StoredTx, Uint8Array>
  readonly #addressTxs: Database<true, Uint8Array>
  readonly #nodes: Database<Uint8Array, Uint8Array>
  readonly #options: ChainStoreOptions

  /** The state tree's nodes, read synchronously by the core through weft_host.node_get. */
  readonly nodeStore: NodeStore

  private constructor(env: RootDatabase, guard: RootDatabase, options: ChainStoreOptions) {
    this.#env = env
    this.#guard = guard
    this.#options = options
    this.#meta = env.openDB({ name: 'meta' })
    this.#blocks = env.openDB({ name: 'blocks', encoding: 'binary' })
    this.#headers = env.openDB({ name: 'headers', encoding: 'binary' })
    this.#commits = env.openDB({ name: 'commits', encoding: 'binary' })
    this.#blockIds = env.openDB({ name: 'block-ids' })
    this.#idsByHeight = env.openDB({ name: 'ids-by-height', encoding: 'binary' })
    this.#wal = env.openDB({ name: 'consensus-wal', encoding: 'binary' })
    for (const key of this.#wal.getKeys({ reverse: true, limit: 1 })) this.#walSeq = key[1] + 1
    this.#txs = env.openDB({ name: 'txs' })
    this.#addressTxs = env.openDB({ name: 'address-txs', keyEncoding: 'binary' })
    // Raw binary keys (the bytes ordered-binary writes for a Uint8Array anyway): ordered-binary
    // would read arbitrary hash bytes back as its own type tags when the keys are iterated.
    this.#nodes = env.openDB({ name: 'state-nodes', encoding: 'binary', keyEncoding: 'binary' })
    const nodes = this.#nodes
    this.nodeStore = { get: (hash) => nodes.get(hash) }
  }

  static open(dir: string, options: ChainStoreOptions): ChainStore {
    // Sync writes are the default: a transaction has reached the disk when its promise resolves.
    // noMetaSync keeps every transaction atomic and consistent and survives a killed process
    // (the writes are in the OS already); only an OS crash or power loss can undo the last
    // committed block, which the node then fetches again. It halves the cost of a commit.
    const env = open({ path: dir, noMetaSync: true, compression: false, maxDbs: 16 })
    // The sign guard's record must survive even a power loss — a validator that forgot what it
    // signed could sign a conflicting vote — so it lives in its own fully synced environment.
    const guard = open({ path: join(dir, 'sign-guard'), compression: false })
    return new ChainStore(env, guard, options)
  }

  async close(): Promise<void> {
    await this.#env.close()
    await this.#guard.close()
  }

  genesis(): { genesis: Uint8Array; genesisHash: Uint8Array } | undefined {
    const genesis = this.#meta.get(GENESIS)
    const genesisHash = this.#meta.get(GENESIS_HASH)
    if (!(genesis instanceof Uint8Array) || !(genesisHash instanceof Uint8Array)) return undefined
    return { genesis, genesisHash }
  }

  head(): Head | undefined {
    const head = this.#meta.get(HEAD)
    if (head === undefined || head instanceof Uint8Array || typeof head === 'number')
      return undefined
    return fromStoredHead(head as StoredHead)
  }

  /** Height 0: the genesis and its state, written once. */
  async commitGenesis(g: GenesisCommit): Promise<void> {
    await this.#env.transaction(() => {
      if (this.#meta.get(GENESIS) !== undefined)
        throw new Error('the data dir already has a genesis')
      this.#meta.put(GENESIS, g.genesis)
      this.#meta.put(GENESIS_HASH, g.genesisHash)
      this.#putNodes(g.nodes)
      this.#meta.put(HEAD, toStoredHead({ height: 0, blockId: g.genesisHash, root: g.root }))
    })
  }

  /** One block, atomically: nothing of it is visible unless all of it is on disk. */
  async commitBlock(b: BlockCommit): Promise<void> {
    await this.#env.transaction(() => {
      const head = this.head()
      if (head === undefined || b.height !== head.height + 1) {
        throw new Error(
          `block ${b.height} does not follow the stored head ${head?.height ?? 'none'}`,
        )
      }
      this.#blocks.put(b.height, b.block)
      this.#headers.put(b.height, b.header)
      if (b.commit !== undefined) this.#commits.put(b.height, b.commit)
      this.#blockIds.put(b.blockId, b.height)
      this.#idsByHeight.put(b.height, b.blockId)
      this.#putNodes(b.nodes)
      b.txs.forEach((tx, index) => {
        this.#txs.put(tx.id, { height: b.height, index, error: tx.error })
        if (this.#options.archive) {
          for (const address of tx.addresses) {
            this.#addressTxs.put(addressTxKey(address, b.height, index), true)
          }
        }
      })
      this.#meta.put(
        HEAD,
        toStoredHead({ height: b.height, blockId: b.blockId, root: b.root, header: b.header }),
      )
      this.#pruneWithin(b.height)
    })
  }

  /**
   * State nodes that state sync checked against a verified root, before the base is committed.
   * Content-addressed, so a walk interrupted after this finds them again and nothing else
   * depends on them until commitSnapshot moves the head.
   */
  async putStateNodes(nodes: readonly StateNode[]): Promise<void> {
    await this.#env.transaction(() => this.#putNodes(nodes))
  }

  /**
   * A state-synced base, atomically: the head moves from genesis to `s.height` with its header
   * and commit, and blocks below it are recorded as never kept. Before this transaction the
   * node is at genesis (a restart syncs again, finding the nodes already stored); after it, the
   * node continues with block sync from `s.height + 1`.
   */
  async commitSnapshot(s: SnapshotCommit): Promise<void> {
    await this.#env.transaction(() => {
      const head = this.head()
      if (head === undefined || head.height !== 0) {
        throw new Error(
          `a snapshot needs a store at genesis; its head is ${head?.height ?? 'none'}`,
        )
      }
      this.#headers.put(s.height, s.header)
      this.#commits.put(s.height, s.commit)
      this.#blockIds.put(s.blockId, s.height)
      this.#idsByHeight.put(s.height, s.blockId)
      if (s.nextPriorities !== undefined) {
        this.#meta.put(`${PRIORITIES}${s.height + 1}`, s.nextPriorities)
      }
      this.#meta.put(PRUNED_BELOW, s.height + 1)
      this.#meta.put(STATE_SYNCED, { height: s.height, blockId: s.blockId })
      this.#meta.put(
        HEAD,
        toStoredHead({ height: s.height, blockId: s.blockId, root: s.root, header: s.header }),
      )
    })
  }

  /** The height this node's history starts from, when it began by state sync. */
  stateSyncedAt(): { height: number; blockId: Uint8Array } | undefined {
    const v = this.#meta.get(STATE_SYNCED)
    if (v === undefined || v instanceof Uint8Array || typeof v === 'number') return undefined
    return { height: v.height, blockId: v.blockId }
  }

  /** The commit for `height`, once the next block (or consensus) supplied it. */
  async putCommit(height: number, commit: Uint8Array): Promise<void> {
    await this.#commits.put(height, commit)
  }

  block(height: number): Uint8Array | undefined {
    return this.#blocks.get(height)
  }

  header(height: number): Uint8Array | undefined {
    return this.#headers.get(height)
  }

  commit(height: number): Uint8Array | undefined {
    return this.#commits.get(height)
  }

  blockId(height: number): Uint8Array | undefined {
    return this.#idsByHeight.get(height)
  }

  heightOf(blockId: Uint8Array): number | undefined {
    return this.#blockIds.get(blockId)
  }

  tx(id: Uint8Array): TxLocation | undefined {
    return this.#txs.get(id)
  }

  /** True when the store keeps every block and the address index. */
  get archive(): boolean {
    return this.#options.archive
  }

  /**
   * The transactions touching `address`, newest first (archive nodes only): from the newest, or
   * from the one just before `before` when continuing a page.
   */
  addressTxs(
    address: Uint8Array,
    limit: number,
    before?: { height: number; index: number },
  ): { height: number; index: number }[] {
    const out: { height: number; index: number }[] = []
    const start = newestKeyBefore(address, before)
    if (start === undefined) return out
    for (const key of this.#addressTxs.getKeys({
      start,
      end: addressTxKey(address, 0, 0),
      reverse: true,
      limit,
    })) {
      const view = new DataView(key.buffer, key.byteOffset, key.byteLength)
      out.push({ height: Number(view.getBigUint64(20)), index: view.getUint32(28) })
    }
    return out
  }

  /**
   * Prune mode's state garbage collection, mark and sweep: every state node that no root in
   * `roots` reaches is deleted. Synchronous from the first read to the last delete, so no block
   * commits in between — a block written meanwhile could bring back a node (content-addressed)
   * that the sweep would then take. Call it between blocks.
   */
  collectGarbage(roots: readonly Uint8Array[]): { kept: number; removed: number } {
    const live = new Set<string>()
    const stack = [...roots]
    for (let hash = stack.pop(); hash !== undefined; hash = stack.pop()) {
      const key = Buffer.from(hash).toString('base64')
      if (live.has(key)) continue
      // The empty subtree is never stored; neither is anything above a missing node to mark.
      const bytes = this.#nodes.get(hash)
      if (bytes === undefined) continue
      live.add(key)
      // An internal node's stored encoding is 1 ‖ left ‖ right (docs/protocol/state.md §3).
      if (bytes[0] === 1 && bytes.length === 65) {
        stack.push(bytes.subarray(1, 33), bytes.subarray(33, 65))
      }
    }
    const dead: Uint8Array[] = []
    for (const key of this.#nodes.getKeys()) {
      if (!live.has(Buffer.from(key).toString('base64'))) dead.push(key)
    }
    if (dead.length > 0) {
      this.#env.transactionSync(() => {
        for (const key of dead) this.#nodes.remove(key)
      })
    }
    return { kept: live.size, removed: dead.length }
  }

  /** State nodes on disk (every height's on archive nodes; recent heights' when pruning). */
  stateNodeCount(): number {
    return this.#nodes.getCount()
  }

  /** The prune depth: blocks kept below and at the head; undefined on archive nodes. */
  get keepBlocks(): number | undefined {
    return this.#options.archive ? undefined : this.#options.keepBlocks
  }

  /** The lowest height whose block is still kept (1 on archive nodes). */
  get lowestBlock(): number {
    const below = this.#meta.get(PRUNED_BELOW)
    return typeof below === 'number' ? below : 1
  }

  /** The validator's double-sign guard record: durable before the signed message leaves. */
  lastSigned(): Uint8Array | undefined {
    const v = this.#guard.get(LAST_SIGNED) as unknown
    return v instanceof Uint8Array ? v : undefined
  }

  async putLastSigned(record: Uint8Array): Promise<void> {
    await this.#guard.put(LAST_SIGNED, record)
  }

  /** The consensus machine's proposer-priority record for `height` (a host record, not chain data). */
  priorities(height: number): Uint8Array | undefined {
    const v = this.#meta.get(`${PRIORITIES}${height}`)
    return v instanceof Uint8Array ? v : undefined
  }

  /** Stores the record for `height` and drops the ones before the previous height. */
  /**
   * The consensus write-ahead log: every verified proposal and vote of the height being decided,
   * the node's own included, in arrival order. A restarted node replays it, so it comes back
   * with the votes behind its lock, not only the lock (docs/node.md). Not awaited: LMDB keeps
   * the order, and a killed process loses nothing the OS already holds.
   */
  walAppend(height: number, message: Uint8Array): void {
    this.#wal.put([height, this.#walSeq++], message).catch(() => undefined)
  }

  walMessages(height: number): Uint8Array[] {
    const out: Uint8Array[] = []
    for (const { key, value } of this.#wal.getRange({ start: [height, 0], end: [height + 1, 0] })) {
      out.push(value)
      this.#walSeq = Math.max(this.#walSeq, key[1] + 1)
    }
    return out
  }

  /** Forgets the log of every height below `height`. */
  walTruncate(height: number): void {
    for (const key of this.#wal.getKeys({ end: [height, 0] })) {
      this.#wal.remove(key).catch(() => undefined)
    }
  }

  async putPriorities(height: number, record: Uint8Array): Promise<void> {
    await this.#env.transaction(() => {
      this.#meta.put(`${PRIORITIES}${height}`, record)
      this.#meta.remove(`${PRIORITIES}${height - 2}`)
    })
  }

  #putNodes(nodes: readonly StateNode[]): void {
    for (const n of nodes) this.#nodes.put(n.hash, n.bytes)
  }

  // Prune mode drops blocks (and their headers, commits and id entries) more than keepBlocks
  // below the head, inside the block's own transaction so the floor and the data agree. State
  // nodes are content-addressed and shared between heights; they are kept (see docs/storage.md).
  #pruneWithin(height: number): void {
    const keep = this.#options.keepBlocks
    if (this.#options.archive || keep === undefined) return
    const floor = height - keep + 1
    let next = this.lowestBlock
    while (next < floor) {
      const id = this.#idsByHeight.get(next)
      if (id !== undefined) this.#blockIds.remove(id)
      this.#idsByHeight.remove(next)
      this.#blocks.remove(next)
      this.#headers.remove(next)
      this.#commits.remove(next)
      next++
    }
    if (next !== this.lowestBlock) this.#meta.put(PRUNED_BELOW, next)
  }
}

interface StoredHead {
  height: number
  blockId: Uint8Array
  root: Uint8Array
  header: Uint8Array | null
}

interface StoredSnapshot {
  height: number
  blockId: Uint8Array
}

interface StoredTx {
  height: number
  index: number
  error: string | null
}

// address [20] | height u64 | index u32, big-endian: one address's entries sort by height.
function addressTxKey(address: Uint8Array, height: number, index: number): Uint8Array {
  const key = new Uint8Array(32)
  key.set(address.subarray(0, 20))
  const view = new DataView(key.buffer)
  view.setBigUint64(20, BigInt(height))
  view.setUint32(28, index)
  return key
}

// A reverse range starts at its (inclusive) start key: the newest possible key below the cursor.
function newestKeyBefore(
  address: Uint8Array,
  before: { height: number; index: number } | undefined,
): Uint8Array | undefined {
  if (before === undefined) return addressTxKey(address, Number.MAX_SAFE_INTEGER, 0xffffffff)
  if (before.index > 0) {
    return addressTxKey(address, before.height, Math.min(before.index, 0x1_0000_0000) - 1)
  }
  return before.height > 1 ? addressTxKey(address, before.height - 1, 0xffffffff) : undefined
}

function toStoredHead(h: Head): StoredHead {
  return { height: h.height, blockId: h.blockId, root: h.root, header: h.header ?? null }
}

function fromStoredHead(h: StoredHead): Head {
  const head: Head = { height: h.height, blockId: h.blockId, root: h.root }
  if (h.header !== null) head.header = h.header
  return head
}
