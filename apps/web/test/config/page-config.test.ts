// The page's chain config from its URL and Vite's env: what each value becomes, and each error.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type PageEnv, readPageConfig } from '../../src/config/page-config.ts'

const NODE = '/ip4/127.0.0.1/tcp/4002/ws/p2p/12D3KooWMAEhbj5KBWrMmH5AAzU4YGd7q4SYQXnRLCEaUdfPV1VZ'
const env: PageEnv = { DEV: false }
const at = (search: string, hostname = 'wallet.example.org') => ({ search, hostname })
const query = (params: Record<string, string | string[]>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) q.append(k, x)
  return `?${q}`
}
const complete = { genesis: '{"chainId":"x"}', node: NODE, api: 'http://127.0.0.1:8645' }

test('the URL gives the genesis, the nodes and the API; one node means no witnesses', () => {
  const result = readPageConfig(at(query(complete), '127.0.0.1'), env)
  assert.ok(result.ok)
  assert.equal(result.config.genesisJson, '{"chainId":"x"}')
  assert.equal(result.config.genesisHash, undefined)
  assert.deepEqual(result.config.bootstrap.map(String), [NODE])
  assert.equal(result.config.api.origin, 'http://127.0.0.1:8645')
  assert.equal(result.config.minWitnesses, 0)
  assert.equal(result.config.allowLocalDials, true)
})

test('three nodes ask for two witnesses; ?witnesses= overrides; the env fills what the URL lacks', () => {
  const three = readPageConfig(at(query({ ...complete, node: [NODE, NODE, NODE] })), env)
  assert.ok(three.ok)
  assert.equal(three.config.minWitnesses, 2)
  assert.equal(three.config.allowLocalDials, false)
  const fromEnv = readPageConfig(at('?witnesses=1'), {
    DEV: true,
    VITE_WEFT_GENESIS: '{}',
    VITE_WEFT_NODE: `${NODE},${NODE}`,
    VITE_WEFT_API: 'https://api.example.org',
    VITE_WEFT_GENESIS_HASH: 'ab'.repeat(32),
  })
  assert.ok(fromEnv.ok)
  assert.equal(fromEnv.config.bootstrap.length, 2)
  assert.equal(fromEnv.config.minWitnesses, 1)
  assert.equal(fromEnv.config.genesisHash?.length, 32)
})

test('each missing or malformed value is named', () => {
  const error = (params: Record<string, string>) => {
    const result = readPageConfig(at(query(params)), env)
    assert.ok(!result.ok)
    return result.error
  }
  assert.match(
    error({ node: NODE, api: complete.api }),
    /^no genesis: open this page with \?genesis=/,
  )
  assert.match(error({ genesis: '{}', api: complete.api }), /^no node to connect to/)
  assert.match(error({ genesis: '{}', node: NODE }), /^no node API/)
  assert.match(error({ ...complete, node: '/ip4/1.2.3.4/tcp/x' }), /is not a valid multiaddr/)
  assert.match(error({ ...complete, api: 'ftp://x' }), /should be an http/)
  assert.match(error({ ...complete, genesisHash: 'abc' }), /64 hex digits/)
  assert.match(error({ ...complete, witnesses: '-1' }), /whole number from 0 to 16/)
})
