// The state tree through the WASM build: the documented root vectors (docs/protocol/state.md §8,
// also checked by the native tests), proofs that verify without a tree, order independence,
// deletes, host-store failures with the core's own error names, and flat memory.
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  EMPTY_ROOT,
  loadCore,
  MemoryNodeStore,
  type StateWrite,
  WeftCoreError,
  WeftInputError,
} from '../src/index.ts'

const core = await loadCore()
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex')
const sha = (s: string) => createHash('sha256').update(s).digest()
const ascii = (s: string) => new TextEncoder().encode(s)
const keyA = new Uint8Array(32)
const keyB = new Uint8Array(32)
keyB[31] = 1
const keyC = new Uint8Array(32)
keyC[0] = 0x80

function build(writes: StateWrite[], batches = 1, cacheBytes?: number) {
  const store = new MemoryNodeStore()
  const tree = core.openStateTree(store, cacheBytes === undefined ? {} : { cacheBytes })
  let root: Uint8Array = EMPTY_ROOT
  const per = Math.ceil(writes.length / batches) || 1
  for (let i = 0; i < writes.length; i += per) {
    const update = tree.apply(root, writes.slice(i, i + per))
    store.commit(update)
    root = update.root
  }
  return { store, tree, root }
}

describe('state tree in wasm', () => {
  it('produces the documented root vectors', () => {
    const roots = [
      [[keyA, 'A']],
      [
        [keyA, 'A'],
        [keyB, 'B'],
      ],
      [
        [keyA, 'A'],
        [keyB, 'B'],
        [keyC, 'C'],
      ],
    ].map((kvs) =>
      hexOf(build(kvs.map(([k, v]) => ({ key: k as Uint8Array, value: ascii(v as string) }))).root),
    )
    assert.deepEqual(roots, [
      'b1026016623fe986c2078bdd9b5f4d69503a172b7073c45a4e99b4a8ec431580',
      'a5757bebf42ed6370d4aa240b5feb9708f597f6595b9368dcc575a0d517b9743',
      '713d2acd20f10725263ecec35f19a5062928251e3cea23a46ea18bb683951e9c',
    ])
    const hundred = Array.from({ length: 100 }, (_, i) => ({
      key: sha(`key${i}`),
      value: ascii(`value${i}`),
    }))
    assert.equal(
      hexOf(build(hundred, 7).root),
      '95b3c8362b2ebeba9fb147b7c70c7cf0db4553a4a7375aa2b337375704d76563',
    )
  })

  it('reads back every key, and proves presence and absence to a verifier with only the root', () => {
    const writes = Array.from({ length: 300 }, (_, i) => ({
      key: Uint8Array.from(randomBytes(32)),
      value: Uint8Array.from(randomBytes(1 + i)),
    }))
    const { tree, root } = build(writes, 5)
    for (const w of writes) {
      assert.deepEqual(tree.get(root, w.key), w.value)
      const proof = tree.prove(root, w.key)
      assert.deepEqual(core.verifyStateProof(root, w.key, w.value, proof), { valid: true })
      assert.deepEqual(core.verifyStateProof(root, w.key, ascii('forged'), proof), {
        valid: false,
        reason: 'ProofError.RootMismatch',
      })
      assert.deepEqual(core.verifyStateProof(root, w.key, null, proof), {
        valid: false,
        reason: 'ProofError.ValueMissing',
      })
    }
    for (let i = 0; i < 100; i++) {
      const absent = randomBytes(32)
      assert.equal(tree.get(root, absent), undefined)
      assert.deepEqual(core.verifyStateProof(root, absent, null, tree.prove(root, absent)), {
        valid: true,
      })
    }
    tree.close()
  })

  it('gives the same root for the same contents, whatever the order and batching', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
          maxLength: 40,
          selector: hexOf,
        }),
        fc.nat(5),
        (keys, batches) => {
          const writes = keys.map((key, i) => ({ key, value: Uint8Array.of(i) }))
          const a = build(writes, 1)
          const b = build([...writes].reverse(), batches + 1)
          assert.deepEqual(a.root, b.root)
          a.tree.close()
          b.tree.close()
        },
      ),
      { numRuns: 100 },
    )
  })

  it('restores the earlier root when keys are deleted', () => {
    const base = Array.from({ length: 50 }, (_, i) => ({
      key: sha(`base${i}`),
      value: Uint8Array.of(i),
    }))
    const { store, tree, root } = build(base)
    const extra = Array.from({ length: 20 }, (_, i) => ({
      key: sha(`extra${i}`),
      value: Uint8Array.of(i),
    }))
    const grown = tree.apply(root, extra)
    store.commit(grown)
    const shrunk = tree.apply(
      grown.root,
      extra.map((w) => ({ key: w.key, value: null })),
    )
    assert.deepEqual(shrunk.root, root)
    tree.close()
  })

  it('names what is wrong with a malformed proof', () => {
    const { tree, root } = build([
      { key: keyA, value: ascii('A') },
      { key: keyB, value: ascii('B') },
      { key: keyC, value: ascii('C') },
    ])
    const proof = tree.prove(root, keyA)
    const reason = (bytes: Uint8Array) => {
      const check = core.verifyStateProof(root, keyA, ascii('A'), bytes)
      return check.valid ? 'valid' : check.reason
    }
    assert.equal(reason(proof), 'valid')
    assert.equal(reason(proof.subarray(0, proof.length - 1)), 'ProofError.Truncated')
    assert.equal(reason(Uint8Array.of(...proof, 0)), 'ProofError.TrailingBytes')
    assert.equal(reason(Uint8Array.of(9, ...proof.subarray(1))), 'ProofError.UnknownKind')
    assert.equal(reason(new Uint8Array(0)), 'ProofError.Truncated')
    tree.close()
  })

  it('reports a store that lost a node as StateError.MissingNode, and keeps working', () => {
    const { tree, root } = build([
      { key: keyA, value: ascii('A') },
      { key: keyB, value: ascii('B') },
    ])
    tree.close()
    const empty = core.openStateTree(new MemoryNodeStore(), { cacheBytes: 0 })
    assert.throws(
      () => empty.get(root, keyA),
      (e: unknown) =>
        e instanceof WeftCoreError &&
        e.code === 'StateError.MissingNode' &&
        e.reason === 'MissingNode',
    )
    assert.equal(empty.get(EMPTY_ROOT, keyA), undefined)
    empty.close()
  })

  it('rejects bad arguments with a named input error', () => {
    const tree = core.openStateTree(new MemoryNodeStore())
    assert.throws(() => tree.get(new Uint8Array(31), keyA), WeftInputError)
    assert.throws(
      () => tree.apply(EMPTY_ROOT, [{ key: new Uint8Array(3), value: null }]),
      /writes\[0\]\.key must be 32 bytes/,
    )
    assert.throws(() => core.openStateTree({} as never), WeftInputError)
    tree.close()
    assert.throws(() => tree.get(EMPTY_ROOT, keyA), /closed/)
  })

  // The cache is bounded (256 KiB here): once full, memory stays where it is.
  it("checks a fetched node against its hash and names its children (state sync's walk)", () => {
    const { store, tree, root } = build([
      { key: keyA, value: ascii('A') },
      { key: keyB, value: ascii('B') },
      { key: keyC, value: ascii('C') },
    ])
    const rootBytes = store.get(root) as Uint8Array
    const children = core.stateNodeChildren(root, rootBytes)
    assert.equal(children.length, 2)
    // Left holds keyA and keyB (bit 0 clear), right is keyC's leaf, which has no children.
    assert.deepEqual(
      core.stateNodeChildren(
        children[1] as Uint8Array,
        store.get(children[1] as Uint8Array) as Uint8Array,
      ),
      [],
    )
    const flipped = rootBytes.slice()
    flipped[1] = (flipped[1] ?? 0) ^ 1
    assert.throws(
      () => core.stateNodeChildren(root, flipped),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'StateError.CorruptNode',
    )
    assert.throws(() => core.stateNodeChildren(root.subarray(0, 31), rootBytes), WeftInputError)
    tree.close()
  })

  it('keeps WASM memory flat over many updates and proofs', () => {
    const {
      store,
      tree,
      root: start,
    } = build(
      Array.from({ length: 200 }, (_, i) => ({ key: sha(`m${i}`), value: Uint8Array.of(i) })),
      1,
      256 * 1024,
    )
    let root = start
    const step = (i: number) => {
      const update = tree.apply(root, [
        { key: sha(`m${i % 200}`), value: Uint8Array.of(i & 0xff, 1) },
      ])
      store.commit(update)
      root = update.root
      core.verifyStateProof(
        root,
        sha(`m${i % 200}`),
        Uint8Array.of(i & 0xff, 1),
        tree.prove(root, sha(`m${i % 200}`)),
      )
    }
    for (let i = 0; i < 2000; i++) step(i)
    const before = core.memoryBytes
    for (let i = 2000; i < 12000; i++) step(i)
    assert.equal(core.memoryBytes, before)
    tree.close()
  })
})
