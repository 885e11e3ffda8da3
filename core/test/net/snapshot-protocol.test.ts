// /weft/snapshot/1.0.0 frames: node requests are bounded in count (so in bytes), answers keep
// their order and mark absent nodes, and a priorities answer says whether the record exists.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decodePriorities,
  decodeSnapshotRequest,
  decodeStateNodes,
  encodePriorities,
  encodeSnapshotRequest,
  encodeStateNodes,
  MAX_NODES_PER_REQUEST,
  MessageFormatError,
  SNAPSHOT_LIMITS,
} from '../../src/index.ts'

const hash = (i: number) => new Uint8Array(32).fill(i)

describe('snapshot protocol', () => {
  it('round-trips the largest node request within the request cap', () => {
    const hashes = Array.from({ length: MAX_NODES_PER_REQUEST }, (_, i) => hash(i))
    const bytes = encodeSnapshotRequest({ type: 'nodes', hashes })
    assert.ok(bytes.length <= SNAPSHOT_LIMITS.maxRequestBytes, `${bytes.length} bytes`)
    assert.deepEqual(decodeSnapshotRequest(bytes), { type: 'nodes', hashes })
  })

  it('refuses an empty or oversized node request, a cut hash and unknown types', () => {
    assert.throws(
      () => decodeSnapshotRequest(encodeSnapshotRequest({ type: 'nodes', hashes: [] })),
      /ask for 1 to 256 state nodes/,
    )
    const tooMany = Array.from({ length: MAX_NODES_PER_REQUEST + 1 }, (_, i) => hash(i))
    assert.throws(
      () => decodeSnapshotRequest(encodeSnapshotRequest({ type: 'nodes', hashes: tooMany })),
      MessageFormatError,
    )
    const one = encodeSnapshotRequest({ type: 'nodes', hashes: [hash(1)] })
    assert.throws(() => decodeSnapshotRequest(one.subarray(0, 20)), MessageFormatError)
    assert.throws(() => decodeSnapshotRequest(Uint8Array.of(9)), /unknown snapshot request type 9/)
    assert.throws(
      () => decodeSnapshotRequest(encodeSnapshotRequest({ type: 'priorities', height: 0 })),
      /from height 1 on/,
    )
  })

  it('keeps answers in request order, absent nodes marked, and refuses extra entries', () => {
    const nodes = [Uint8Array.of(1, 9), undefined, new Uint8Array(65).fill(3)]
    const answer = encodeStateNodes(nodes)
    assert.deepEqual(decodeStateNodes(answer, 3), nodes)
    assert.deepEqual(decodeStateNodes(answer, 5), nodes) // a shorter answer: the rest unanswered
    assert.throws(() => decodeStateNodes(answer, 2), /3 state nodes for a request of 2/)
    const badFlag = Uint8Array.of(1, 2)
    assert.throws(() => decodeStateNodes(badFlag, 1), /presence flag 2/)
  })

  it('round-trips a priorities request and both answers', () => {
    assert.deepEqual(
      decodeSnapshotRequest(encodeSnapshotRequest({ type: 'priorities', height: 77 })),
      { type: 'priorities', height: 77 },
    )
    assert.deepEqual(
      decodePriorities(encodePriorities(Uint8Array.of(1, 2, 3))),
      Uint8Array.of(1, 2, 3),
    )
    assert.equal(decodePriorities(encodePriorities(undefined)), undefined)
    assert.throws(() => decodePriorities(Uint8Array.of(0, 0)), MessageFormatError)
  })
})
