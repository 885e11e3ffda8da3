// `weft status`, run in process against a real node (the only validator of a fresh chain) and
// against an address where nothing listens.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/index.ts'
import { ApiTestNode, closedPort } from '../helpers/api-node.ts'
import { testIo } from '../helpers/command-io.ts'

const CHAIN = 'weft-status-test'
let node: ApiTestNode

before(async () => {
  node = await ApiTestNode.create(CHAIN)
  await node.start()
})
after(() => node?.stop())

async function weft(argv: string[], env: Record<string, string> = {}) {
  const io = testIo({ env })
  const status = await main(argv, io)
  return { status, out: io.out.join('\n'), err: io.err.join('\n') }
}

function field(out: string, name: string): string {
  const m = new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(out)
  assert.ok(m, `no ${name} in:\n${out}`)
  return m[1] as string
}

describe('weft status', { timeout: 30_000 }, () => {
  it('prints the chain, its height and how the node stands', async () => {
    const { status, out, err } = await weft(['status', '--api', node.api])
    assert.equal(status, 0, err)
    assert.equal(field(out, 'chain'), CHAIN)
    assert.match(field(out, 'genesis'), /^[0-9a-f]{64}$/)
    const height = /^(\d+) \(\d{4}-\d\d-\d\dT/.exec(field(out, 'height'))
    assert.ok(height !== null && Number(height[1]) >= 2, out)
    assert.ok(Number(field(out, 'finalized')) >= Number(height[1]), out)
    assert.equal(field(out, 'peers'), '0')
    assert.equal(field(out, 'syncing'), 'no')
    assert.match(field(out, 'consensus'), /^height \d+, round \d+$/)
    assert.equal(field(out, 'validator'), 'yes')
    assert.match(field(out, 'history'), /^prune, keeping 100000 blocks, from 1$/)
    assert.match(field(out, 'node'), new RegExp(`^${node.api} \\(12D3KooW\\w+\\)$`))
  })

  it('--json prints the node answer as it is', async () => {
    const { status, out } = await weft(['status', '--json', '--api', node.api])
    assert.equal(status, 0)
    const json = JSON.parse(out)
    assert.equal(json.chainId, CHAIN)
    assert.ok(Number.isInteger(json.height) && json.height >= 2)
    assert.equal(json.validator, true)
  })

  it('finds the node through WEFT_API_URL, host:port meaning http', async () => {
    const hostPort = node.api.replace(/^http:\/\//, '')
    const { status, out, err } = await weft(['status'], { WEFT_API_URL: hostPort })
    assert.equal(status, 0, err)
    assert.equal(field(out, 'chain'), CHAIN)
  })

  it('exits 1 saying so when no node answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const { status, out, err } = await weft(['status', '--api', url])
    assert.equal(status, 1)
    assert.equal(out, '')
    assert.equal(
      err,
      `weft status: cannot reach the node at ${url}: connect ECONNREFUSED ${url.slice(7)}`,
    )
  })

  it("exits 1 with the API's code and message when it answers with an error", async () => {
    const { status, err } = await weft(['status', '--api', `${node.api}/elsewhere`])
    assert.equal(status, 1)
    assert.match(err, /^weft status: the node answered NOT_FOUND: \S.*$/)
  })

  it('is listed, with weft wallet, in weft --help', async () => {
    const { status, out } = await weft(['--help'])
    assert.equal(status, 0)
    assert.match(out, /^ {2}status {2}/m)
    assert.match(out, /^ {2}wallet {2}/m)
  })

  it('exits 2 naming a bad --api or an unknown flag, and what is allowed', async () => {
    const bad = await weft(['status', '--api', 'ftp://example.org'])
    assert.equal(bad.status, 2)
    assert.match(bad.err, /--api 'ftp:\/\/example\.org' is not allowed; allowed: .*http:\/\//)
    const env = await weft(['status'], { WEFT_API_URL: 'http://' })
    assert.equal(env.status, 2)
    assert.match(env.err, /environment variable WEFT_API_URL 'http:\/\/' is not allowed/)
    const flag = await weft(['status', '--verbose'])
    assert.equal(flag.status, 2)
    assert.match(flag.err, /unknown flag --verbose; allowed: --api <value>, --json, --help/)
  })
})
