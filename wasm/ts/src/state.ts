// The state tree from TypeScript (docs/protocol/state.md): standalone proof verification, and
// tree handles whose nodes live in a host store (LMDB on a node, a Map in tests) that the core
// reads synchronously through the weft_host.node_get import.
import { checkBytes } from './check.ts'
import { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
import type { CoreMemory } from './memory.ts'

export interface StateExports {
  weft_smt_verify_proof(
    root: number,
    key: number,
    hasValue: number,
    value: number,
    valueLen: number,
    proof: number,
    proofLen: number,
  ): number
  weft_smt_node_children?(session: number, address: number, bytes: number, len: number): number
  weft_smt_new(storeId: number, cacheBytes: number): number
  weft_smt_free(tree: number): void
  weft_smt_get(session: number, tree: number, root: number, key: number): number
  weft_smt_prove(session: number, tree: number, root: number, key: number): number
  weft_smt_apply(
    session: number,
    tree: number,
    root: number,
    writes: number,
    writesLen: number,
  ): number
}

/** Where a tree's nodes live. Nodes are immutable and addressed by their hash. */
export interface NodeStore {
  get(hash: Uint8Array): Uint8Array | undefined
}

export interface StateWrite {
  key: Uint8Array
  /** The new value, or null to delete the key. */
  value: Uint8Array | null
}

export interface StateNode {
  hash: Uint8Array
  bytes: Uint8Array
}

export interface StateUpdate {
  root: Uint8Array
  /** Every node the update created, children first: persist them before relying on `root`. */
  nodes: StateNode[]
}

export type ProofCheck = { valid: true } | { valid: false; reason: string }

export interface StateTreeOptions {
  /** Bytes of decoded nodes the core keeps hot; default 32 MiB. */
  cacheBytes?: number
}

/** The empty tree's root: 32 zero bytes. */
export const EMPTY_ROOT = new Uint8Array(32)

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
const HASH_BYTES = 32

/** The stores trees read from, by the id the core passes back to weft_host.node_get. */
export class HostStores {
  readonly #stores = new Map<number, NodeStore>()
  #nextId = 1
  #mem: CoreMemory | undefined

  attach(mem: CoreMemory): void {
    this.#mem = mem
  }

  register(store: NodeStore): number {
    const id = this.#nextId++
    this.#stores.set(id, store)
    return id
  }

  unregister(id: number): void {
    this.#stores.delete(id)
  }

  /** The weft_host.node_get import: the node's length (copied if it fits), or -1 if absent. */
  nodeGet = (storeId: number, hashPtr: number, bufPtr: number, capacity: number): number => {
    const mem = this.#mem
    const store = this.#stores.get(storeId)
    if (mem === undefined || store === undefined) return -1
    const node = store.get(mem.read(hashPtr, HASH_BYTES))
    if (node === undefined) return -1
    if (node.length <= capacity) mem.write(bufPtr, node)
    return node.length
  }
}

function fail(mem: CoreMemory, status: number, what: string): never {
  const code = mem.errorName(status)
  throw new WeftCoreError(code, `${what}: ${code}`)
}

export function verifyStateProof(
  x: StateExports,
  mem: CoreMemory,
  root: Uint8Array,
  key: Uint8Array,
  value: Uint8Array | null,
  proof: Uint8Array,
): ProofCheck {
  checkBytes('root', root, HASH_BYTES)
  checkBytes('key', key, HASH_BYTES)
  if (value !== null) checkBytes('value', value)
  checkBytes('proof', proof)
  const valueLen = value?.length ?? 0
  return mem.withRegion(2 * HASH_BYTES + valueLen + proof.length, (base) => {
    const valueAt = base + 2 * HASH_BYTES
    const proofAt = valueAt + valueLen
    mem.write(base, root)
    mem.write(base + HASH_BYTES, key)
    if (value !== null) mem.write(valueAt, value)
    mem.write(proofAt, proof)
    const status = x.weft_smt_verify_proof(
      base,
      base + HASH_BYTES,
      value === null ? 0 : 1,
      valueAt,
      valueLen,
      proofAt,
      proof.length,
    )
    if (status === 1) return { valid: true }
    return { valid: false, reason: mem.errorName(status) }
  })
}

/**
 * State sync's check of a node fetched from a peer: its bytes must be the canonical node stored
 * under `hash` (docs/protocol/state.md §3). Answers the hashes of its non-empty children, left
 * first, which the walk fetches next; throws WeftCoreError "StateError.CorruptNode" otherwise.
 */
export function stateNodeChildren(
  x: StateExports,
  mem: CoreMemory,
  hash: Uint8Array,
  bytes: Uint8Array,
): Uint8Array[] {
  // Added within ABI version 2: a module built before it lacks the export.
  const call = x.weft_smt_node_children
  if (typeof call !== 'function')
    throw new WeftWasmError('ABI_MISMATCH', 'weft_core.wasm cannot check state nodes; rebuild it')
  checkBytes('hash', hash, HASH_BYTES)
  checkBytes('bytes', bytes)
  const status = mem.withRegion(HASH_BYTES + bytes.length, (base) => {
    mem.write(base, hash)
    mem.write(base + HASH_BYTES, bytes)
    return call(mem.session, base, base + HASH_BYTES, bytes.length)
  })
  if (status < 0) fail(mem, status, 'checking a state node')
  const out = mem.output()
  const children: Uint8Array[] = []
  for (let i = 0; i < status; i++) children.push(out.slice(i * HASH_BYTES, (i + 1) * HASH_BYTES))
  return children
}

function encodeVarint(n: number, out: number[]): void {
  let v = n
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
}

function decodeVarint(bytes: Uint8Array, at: { pos: number }): number {
  let v = 0
  let scale = 1
  for (;;) {
    const b = bytes[at.pos++]
    if (b === undefined)
      throw new WeftWasmError('LOAD_FAILED', 'truncated answer from weft_core.wasm')
    v += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return v
    scale *= 128
  }
}

// The core-side handle of each open tree, for the loader's other modules (blocks.ts) that
// execute against it; not part of the public API.
const openHandles = new WeakMap<StateTree, () => number>()

/** The open tree's handle in weft_core.wasm; throws if it is closed. */
export function treeHandle(tree: StateTree): number {
  const open = openHandles.get(tree)
  if (open === undefined) throw new WeftInputError('WRONG_TYPE', 'tree must be a StateTree')
  return open()
}

/** A handle on the state tree over one host store. Not thread-safe; close() frees it. */
export class StateTree {
  readonly #x: StateExports
  readonly #mem: CoreMemory
  readonly #stores: HostStores
  readonly #storeId: number
  #handle: number

  constructor(
    x: StateExports,
    mem: CoreMemory,
    stores: HostStores,
    store: NodeStore,
    options: StateTreeOptions,
  ) {
    if (typeof store?.get !== 'function')
      throw new WeftInputError('WRONG_TYPE', 'store must have a get(hash) method')
    const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES
    if (!Number.isInteger(cacheBytes) || cacheBytes < 0 || cacheBytes > 2 ** 31) {
      throw new WeftInputError(
        'WRONG_TYPE',
        `cacheBytes must be an integer from 0 to 2^31, got ${cacheBytes}`,
      )
    }
    this.#x = x
    this.#mem = mem
    this.#stores = stores
    this.#storeId = stores.register(store)
    this.#handle = x.weft_smt_new(this.#storeId, cacheBytes)
    if (this.#handle === 0) {
      stores.unregister(this.#storeId)
      throw new WeftWasmError('OUT_OF_MEMORY', 'weft_core.wasm could not open a state tree')
    }
    openHandles.set(this, () => this.#open())
  }

  /** The value under `key` at `root`, or undefined when absent. */
  get(root: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const status = this.#withRootKey(root, key, (r, k) =>
      this.#x.weft_smt_get(this.#mem.session, this.#open(), r, k),
    )
    if (status < 0) fail(this.#mem, status, 'reading the state tree')
    return status === 1 ? this.#mem.output() : undefined
  }

  /** A proof of `key`'s value, or of its absence, at `root` (check it with verifyStateProof). */
  prove(root: Uint8Array, key: Uint8Array): Uint8Array {
    const status = this.#withRootKey(root, key, (r, k) =>
      this.#x.weft_smt_prove(this.#mem.session, this.#open(), r, k),
    )
    if (status < 0) fail(this.#mem, status, 'proving from the state tree')
    return this.#mem.output()
  }

  /** Applies the writes to the tree at `root`; the last write to a key wins. */
  apply(root: Uint8Array, writes: readonly StateWrite[]): StateUpdate {
    checkBytes('root', root, HASH_BYTES)
    if (!Array.isArray(writes))
      throw new WeftInputError('WRONG_TYPE', 'writes must be an array of { key, value }')
    const header: number[] = []
    encodeVarint(writes.length, header)
    const parts: Uint8Array[] = [Uint8Array.from(header)]
    let total = header.length
    writes.forEach((w, i) => {
      checkBytes(`writes[${i}].key`, w?.key, HASH_BYTES)
      const lead: number[] = [w.value === null ? 0 : 1]
      if (w.value !== null) encodeVarint(checkBytes(`writes[${i}].value`, w.value).length, lead)
      parts.push(w.key, Uint8Array.from(lead))
      total += HASH_BYTES + lead.length
      if (w.value !== null) {
        parts.push(w.value)
        total += w.value.length
      }
    })
    const status = this.#mem.withRegion(HASH_BYTES + total, (base) => {
      this.#mem.write(base, root)
      let at = base + HASH_BYTES
      for (const p of parts) {
        this.#mem.write(at, p)
        at += p.length
      }
      return this.#x.weft_smt_apply(this.#mem.session, this.#open(), base, base + HASH_BYTES, total)
    })
    if (status < 0) fail(this.#mem, status, 'updating the state tree')
    const out = this.#mem.output()
    const cursor = { pos: HASH_BYTES }
    const count = decodeVarint(out, cursor)
    const nodes: StateNode[] = []
    for (let i = 0; i < count; i++) {
      const hash = out.slice(cursor.pos, cursor.pos + HASH_BYTES)
      cursor.pos += HASH_BYTES
      const len = decodeVarint(out, cursor)
      nodes.push({ hash, bytes: out.slice(cursor.pos, cursor.pos + len) })
      cursor.pos += len
    }
    return { root: out.slice(0, HASH_BYTES), nodes }
  }

  close(): void {
    if (this.#handle === 0) return
    this.#x.weft_smt_free(this.#handle)
    this.#stores.unregister(this.#storeId)
    this.#handle = 0
  }

  #open(): number {
    if (this.#handle === 0) throw new WeftInputError('WRONG_TYPE', 'this state tree is closed')
    return this.#handle
  }

  #withRootKey(
    root: Uint8Array,
    key: Uint8Array,
    call: (root: number, key: number) => number,
  ): number {
    checkBytes('root', root, HASH_BYTES)
    checkBytes('key', key, HASH_BYTES)
    return this.#mem.withRegion(2 * HASH_BYTES, (base) => {
      this.#mem.write(base, root)
      this.#mem.write(base + HASH_BYTES, key)
      return call(base, base + HASH_BYTES)
    })
  }
}

function toHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

/** A NodeStore in a Map, for tests and tools: commit() stores an update's nodes. */
export class MemoryNodeStore implements NodeStore {
  readonly #nodes = new Map<string, Uint8Array>()

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.#nodes.get(toHex(hash))
  }

  commit(update: StateUpdate): void {
    for (const n of update.nodes) this.#nodes.set(toHex(n.hash), n.bytes)
  }

  get size(): number {
    return this.#nodes.size
  }
}
