// What a node answers on /weft/headers/1.0.0 and /weft/snapshot/1.0.0, from a real store at
// genesis: nodes by hash in request order with absent ones marked, malformed requests refused
// (the stream is reset) without touching the store, and nothing served that is not kept.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import {
  decodeHeadersResponse,
  decodePriorities,
  decodeStateNodes,
  encodeHeadersRequest,
  encodeSnapshotRequest,
} from '@weft/core'
import { loadCore } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { answerHeaders, answerSnapshot } from '../../src/sync/chain-servers.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-chain-servers-'))
const genesis = core.views.encode('genesis', {
  chainId: 'weft-test',
  genesisTime: 1_700_000_000_000n,
  params: core.views.defaultParams(),
  accounts: [1, 2, 3].map((i) => ({
    address: new Uint8Array(20).fill(i),
    balance: 1000n * BigInt(i),
  })),
  validators: [{ publicKey: new Uint8Array(32).fill(9), stake: 1_000_000_000_000n }],
})
const store = ChainStore.open(join(dir, 'chain'), { archive: false })
const chain = await Chain.open(core, store, genesis, 'weft-test')

after(async () => {
  chain.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('chain data servers', () => {
  it('answers state nodes by hash, in order, marking the ones it lacks', () => {
    const root = chain.head.root
    const missing = new Uint8Array(32).fill(0xee)
    const answer = answerSnapshot(
      chain,
      encodeSnapshotRequest({ type: 'nodes', hashes: [root, missing, root] }),
    )
    assert.ok(answer !== undefined)
    const [first, absent, again] = decodeStateNodes(answer, 3)
    assert.ok(first !== undefined && again !== undefined)
    assert.equal(absent, undefined)
    // What it served is the node the root names: the core accepts it under that hash.
    assert.ok(core.stateNodeChildren(root, first).length > 0)
  })

  it('refuses malformed requests rather than guessing', () => {
    assert.equal(answerSnapshot(chain, Uint8Array.of(1, 1, 0xaa)), undefined) // a cut hash
    assert.equal(answerSnapshot(chain, Uint8Array.of(7)), undefined)
    assert.equal(answerHeaders(chain, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1)), undefined)
    assert.equal(answerHeaders(chain, new Uint8Array(100)), undefined)
  })

  it('serves no light block above its head and no priorities it does not keep', () => {
    const request = { from: 1, count: 4 }
    const answer = answerHeaders(chain, encodeHeadersRequest(request))
    assert.ok(answer !== undefined)
    assert.deepEqual(decodeHeadersResponse(answer, request), [])
    const none = answerSnapshot(chain, encodeSnapshotRequest({ type: 'priorities', height: 5 }))
    assert.equal(decodePriorities(none as Uint8Array), undefined)
  })
})
