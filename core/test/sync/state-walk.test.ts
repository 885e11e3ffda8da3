// State sync's walk over a real state tree built by the core: it reaches exactly the nodes under
// the root, stores nothing a corrupt peer sends (and names the node), resumes from nodes already
// stored, and the copied nodes alone serve every key.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadCore, MemoryNodeStore, type StateNode, type StateUpdate } from '@weft/wasm'
import { CorruptStateNodeError, StateWalk } from '../../src/index.ts'

const core = await loadCore()
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const key = (i: number) => core.sha256(new TextEncoder().encode(`key${i}`))
const value = (i: number) => new TextEncoder().encode(`value${i}`)

/** A tree of `n` keys, written in batches so the store also holds nodes of older roots. */
function buildTree(n: number): { root: Uint8Array; source: MemoryNodeStore } {
  const source = new MemoryNodeStore()
  const tree = core.openStateTree(source)
  let root: Uint8Array = new Uint8Array(32)
  for (let from = 0; from < n; from += 50) {
    const writes = []
    for (let i = from; i < Math.min(n, from + 50); i++)
      writes.push({ key: key(i), value: value(i) })
    const update = tree.apply(root, writes)
    source.commit(update)
    root = update.root
  }
  tree.close()
  return { root, source }
}

/** Runs the walk to the end against `serve`, storing what it yields into `target`. */
function drain(
  walk: StateWalk,
  serve: (hash: Uint8Array) => Uint8Array | undefined,
  target: MemoryNodeStore,
  onCorrupt: (err: CorruptStateNodeError) => void = (err) => assert.fail(err),
): number {
  let requests = 0
  while (!walk.done) {
    const hashes = walk.take(16)
    assert.ok(hashes.length > 0, 'a walk that is not done has hashes to ask for')
    requests++
    const kept: StateNode[] = []
    for (const h of hashes) {
      try {
        const bytes = serve(h)
        if (bytes === undefined) walk.release([h])
        else kept.push(walk.accept(h, bytes))
      } catch (err) {
        if (!(err instanceof CorruptStateNodeError)) throw err
        onCorrupt(err)
      }
    }
    target.commit({ root: new Uint8Array(32), nodes: kept } satisfies StateUpdate)
  }
  return requests
}

describe('state walk', () => {
  it('copies exactly the nodes under the root, and they serve every key', () => {
    const { root, source } = buildTree(300)
    const target = new MemoryNodeStore()
    const walk = new StateWalk(root, { core, local: target })
    drain(walk, (h) => source.get(h), target)
    assert.ok(walk.done)
    // 300 leaves and at least 299 internal nodes; the source also holds older roots' nodes.
    assert.ok(target.size >= 599 && target.size < source.size, `${target.size} of ${source.size}`)
    assert.equal(walk.fetched.nodes, target.size)
    const copy = core.openStateTree(target)
    for (let i = 0; i < 300; i++) assert.deepEqual(copy.get(root, key(i)), value(i))
    copy.close()
  })

  it('refuses a corrupt node by name, stores none of it, and takes a good copy later', () => {
    const { root, source } = buildTree(120)
    const target = new MemoryNodeStore()
    const walk = new StateWalk(root, { core, local: target })
    const corrupted = new Set<string>()
    let lying = true
    // A peer that flips a byte in every leaf until it is caught, then an honest one.
    const serve = (h: Uint8Array) => {
      const bytes = source.get(h)
      if (bytes === undefined || bytes[0] !== 0 || !lying) return bytes
      const bad = bytes.slice()
      bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1
      return bad
    }
    drain(walk, serve, target, (err) => {
      assert.equal(err.code, 'CORRUPT_STATE_NODE')
      assert.match(err.message, /does not match its hash \(StateError\.CorruptNode\)/)
      assert.equal(target.get(err.hash), undefined, 'the corrupt node was not stored')
      corrupted.add(hex(err.hash))
      lying = false
    })
    assert.equal(corrupted.size, 1)
    const copy = core.openStateTree(target)
    for (let i = 0; i < 120; i++) assert.deepEqual(copy.get(root, key(i)), value(i))
    copy.close()
  })

  it('waits for a node no peer has: released hashes are asked for again', () => {
    const { root, source } = buildTree(10)
    const walk = new StateWalk(root, { core, local: new MemoryNodeStore() })
    const [first] = walk.take(1)
    assert.ok(first !== undefined)
    walk.release([first])
    assert.equal(walk.done, false)
    assert.deepEqual(walk.take(1), [first])
    walk.accept(first, source.get(first) as Uint8Array)
    assert.ok(walk.pending > 0, 'the root names its children')
    assert.throws(() => walk.accept(first, source.get(first) as Uint8Array), /was not asked for/)
  })

  it('resumes an interrupted walk from the nodes already stored', () => {
    const { root, source } = buildTree(200)
    const target = new MemoryNodeStore()
    const first = new StateWalk(root, { core, local: target })
    // Interrupted after three requests' worth of nodes reached the disk.
    for (let r = 0; r < 3; r++) {
      const kept = first.take(16).map((h) => first.accept(h, source.get(h) as Uint8Array))
      target.commit({ root, nodes: kept })
    }
    const stored = target.size
    const resumed = new StateWalk(root, { core, local: target })
    assert.ok(resumed.foundLocally >= stored - 16, `${resumed.foundLocally} of ${stored} reused`)
    drain(resumed, (h) => source.get(h), target)
    assert.equal(resumed.fetched.nodes + resumed.foundLocally, target.size)
    const copy = core.openStateTree(target)
    for (let i = 0; i < 200; i++) assert.deepEqual(copy.get(root, key(i)), value(i))
    copy.close()
  })

  it('has nothing to fetch for the empty tree', () => {
    const walk = new StateWalk(new Uint8Array(32), { core, local: new MemoryNodeStore() })
    assert.ok(walk.done)
    assert.deepEqual(walk.take(5), [])
  })
})
