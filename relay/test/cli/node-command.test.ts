// `weft node` in process: the data dir and identity it keeps, settings passed to the node, and
// the validator key checked at start; bad settings stop it with exit 2 before it touches disk.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { LISTENING_LINE_PREFIX, type ListeningInfo, main, nodeCommand } from '../../src/index.ts'
import { testIo } from '../helpers/command-io.ts'

const LISTEN = ['--listen', '/ip4/127.0.0.1/tcp/0']
const PASSWORD = 'validator password'
let dir: string

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-node-command-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

/** Starts the node, waits until it listens, stops it, and returns what it printed. */
async function runNode(argv: string[], env: Record<string, string>) {
  // Ports the system picks: tests run side by side and must not meet on the default ports.
  const io = testIo({
    env: { WEFT_API: '127.0.0.1:0', WEFT_METRICS: '127.0.0.1:0', ...env },
    cwd: dir,
  })
  let listening: (info: ListeningInfo) => void = () => undefined
  const listened = new Promise<ListeningInfo>((resolve) => {
    listening = resolve
  })
  const print = io.stdout
  io.stdout = (line) => {
    print(line)
    if (line.startsWith(LISTENING_LINE_PREFIX)) {
      listening(JSON.parse(line.slice(LISTENING_LINE_PREFIX.length)) as ListeningInfo)
    }
  }
  const status = nodeCommand(argv, io)
  const info = await Promise.race([
    listened,
    status.then((code) => {
      throw new Error(`weft node exited ${code} before listening:\n${io.err.join('\n')}`)
    }),
  ])
  io.stop('SIGTERM')
  assert.equal(await status, 0)
  return { info, err: io.err }
}

describe('weft node', { timeout: 60_000 }, () => {
  it('creates its data dir 0700 and keeps one peer id across restarts', async () => {
    const dataDir = join(dir, 'data')
    const first = await runNode(LISTEN, { WEFT_DATA_DIR: dataDir })
    assert.equal(statSync(dataDir).mode & 0o777, 0o700)
    assert.equal(statSync(join(dataDir, 'node-key')).mode & 0o777, 0o600)
    assert.ok(first.err.includes(`weft node: created data dir ${dataDir}`))
    assert.ok(
      first.err.includes(`weft node: new node identity saved to ${join(dataDir, 'node-key')}`),
    )

    const second = await runNode([...LISTEN, '--data-dir', dataDir], {})
    assert.equal(second.info.peerId, first.info.peerId)
    assert.ok(!second.err.some((line) => line.includes('new node identity')))
  })

  it('announces the --announce addresses instead of the listen addresses', async () => {
    const announce = '/dns4/node.example.org/tcp/4001'
    const { info } = await runNode([...LISTEN, '--announce', announce], {
      WEFT_DATA_DIR: join(dir, 'announce'),
    })
    assert.deepEqual(info.multiaddrs, [`${announce}/p2p/${info.peerId}`])
  })

  it('unlocks the validator key at start', async () => {
    const key = join(dir, 'validator.json')
    const passwordFile = join(dir, 'validator-password')
    writeFileSync(passwordFile, `${PASSWORD}\n`)
    const io = testIo({ cwd: dir })
    assert.equal(
      await main(['keys', 'create', '--out', key, '--password-file', passwordFile], io),
      0,
    )
    const publicKey = /^public key:\s+(\S+)$/m.exec(io.out.join('\n'))?.[1]

    const { err } = await runNode(
      [...LISTEN, '--validator-key', key, '--validator-key-password-file', passwordFile],
      { WEFT_DATA_DIR: join(dir, 'validator') },
    )
    assert.ok(err.includes(`weft node: validator key ${publicKey} unlocked`), err.join('\n'))

    for (const [env, reason] of [
      [{ WEFT_VALIDATOR_KEY_PASSWORD: 'wrong password' }, 'wrong password or corrupted key file'],
      [{}, `no password for ${key}: give --validator-key-password-file <file>`],
    ] as const) {
      const failing = testIo({ cwd: dir, env: { ...env, WEFT_VALIDATOR_KEY: key } })
      assert.equal(await nodeCommand(LISTEN, failing), 2)
      assert.ok(
        failing.err.some((line) =>
          line.startsWith(
            `weft node: invalid validator-key: environment variable WEFT_VALIDATOR_KEY is '${key}' (${reason}`,
          ),
        ),
        failing.err.join('\n'),
      )
    }
  })

  it('stops with exit 1 when the metrics address is taken, naming it', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const io = testIo({
        cwd: dir,
        env: { WEFT_DATA_DIR: join(dir, 'busy'), WEFT_METRICS: `127.0.0.1:${port}` },
      })
      assert.equal(await nodeCommand(LISTEN, io), 1)
      assert.ok(
        io.err.includes(`weft node: cannot serve the metrics on 127.0.0.1:${port}: EADDRINUSE`),
        io.err.join('\n'),
      )
    } finally {
      blocker.close()
    }
  })

  it('stops on a bad setting with exit 2 before creating the data dir', async () => {
    const dataDir = join(dir, 'never')
    const io = testIo({ cwd: dir, env: { WEFT_DATA_DIR: dataDir, WEFT_PRUNE: 'abc' } })
    assert.equal(await nodeCommand([], io), 2)
    assert.deepEqual(io.err, [
      "weft node: invalid prune: environment variable WEFT_PRUNE is 'abc' (not a whole number); allowed: a whole number of blocks, at least 1, e.g. 100000",
    ])
    assert.equal(existsSync(dataDir), false)
  })
})
