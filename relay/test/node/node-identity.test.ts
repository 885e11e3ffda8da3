// The node's identity lives in its data dir: created once (0600 in a 0700 dir), the same peer id
// on every later start, and a damaged key file is reported, never replaced.
import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  createWeftNode,
  DataDirError,
  ensureDataDir,
  loadOrCreateNodeIdentity,
  NodeIdentityError,
} from '../../src/index.ts'

let dir: string
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-identity-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

const mode = (path: string) => statSync(path).mode & 0o777

async function peerIdOf(dataDir: string): Promise<string> {
  const identity = await loadOrCreateNodeIdentity(dataDir)
  const node = await createWeftNode({
    listen: ['/ip4/127.0.0.1/tcp/0'],
    privateKey: identity.privateKey,
    verify: () => false,
  })
  try {
    return node.peerId.toString()
  } finally {
    await node.stop()
  }
}

describe('data dir', () => {
  it('is created with its parents, mode 0700, and reused', () => {
    const path = join(dir, 'a', 'b', 'data')
    assert.equal(ensureDataDir(path), true)
    assert.equal(mode(path), 0o700)
    assert.equal(ensureDataDir(path), false)
  })

  it('must be a directory', () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, '')
    assert.throws(() => ensureDataDir(file), DataDirError)
    assert.throws(() => ensureDataDir(join(file, 'below')), /is not a directory/)
  })
})

describe('node identity', () => {
  it('keeps the peer id across two nodes on the same data dir', async () => {
    const dataDir = join(dir, 'node')
    ensureDataDir(dataDir)
    const first = await peerIdOf(dataDir)
    const second = await peerIdOf(dataDir)
    assert.match(first, /^12D3KooW/)
    assert.equal(second, first)
    assert.equal(mode(join(dataDir, 'node-key')), 0o600)
    assert.notEqual(await peerIdOf(join(dir)), first, 'another data dir, another identity')
  })

  it('says whether it created the key', async () => {
    const dataDir = join(dir, 'created')
    ensureDataDir(dataDir)
    const created = await loadOrCreateNodeIdentity(dataDir)
    const loaded = await loadOrCreateNodeIdentity(dataDir)
    assert.deepEqual([created.created, loaded.created], [true, false])
    assert.equal(created.path, join(dataDir, 'node-key'))
    assert.ok(created.privateKey.equals(loaded.privateKey))
    assert.equal(loaded.warning, undefined)
  })

  it('warns when others can read the key', async () => {
    const dataDir = join(dir, 'open')
    ensureDataDir(dataDir)
    await loadOrCreateNodeIdentity(dataDir)
    chmodSync(join(dataDir, 'node-key'), 0o644)
    const { warning } = await loadOrCreateNodeIdentity(dataDir)
    assert.match(warning ?? '', /node-key can be read by other users \(mode 644\); chmod 600 it/)
  })

  it('reports a damaged key file and leaves it as it is', async () => {
    const dataDir = join(dir, 'damaged')
    ensureDataDir(dataDir)
    const path = join(dataDir, 'node-key')
    writeFileSync(path, 'not a key')
    await assert.rejects(loadOrCreateNodeIdentity(dataDir), (err: unknown) => {
      assert.ok(err instanceof NodeIdentityError)
      assert.equal(err.path, path)
      assert.match(err.message, /node-key is not a libp2p private key .*move it away/)
      return true
    })
    assert.equal(readFileSync(path, 'utf8'), 'not a key')
  })
})
