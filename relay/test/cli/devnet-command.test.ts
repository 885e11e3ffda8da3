// `weft devnet`, as a person runs it: one command starts validators and a relay, prints where
// to reach them, the chain commits blocks, the faucet pays, and Ctrl-C (SIGINT) stops every
// process it started and frees their ports.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { runWeft, type WeftProcess } from '../helpers/weft-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'weft-devnet-test-'))
let devnet: WeftProcess | undefined

after(async () => {
  if (devnet !== undefined && devnet.child.exitCode === null) {
    devnet.child.kill('SIGKILL')
    await devnet.exited
  }
  rmSync(dir, { recursive: true, force: true })
})

/** Resolves once `seen` holds for stdout; rejects on a deadline or the command's exit. */
function printed(p: WeftProcess, seen: (out: string) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!seen(p.stdout())) return
      done()
      resolve()
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`no ${what} within 60 s:\n${p.stdout()}\n${p.stderr().slice(-3000)}`))
    }, 60_000)
    const exited = () => {
      done()
      reject(new Error(`weft devnet exited before ${what}:\n${p.stderr().slice(-3000)}`))
    }
    const done = () => {
      clearTimeout(timer)
      p.child.stdout.off('data', check)
      p.child.stderr.off('data', check)
      p.child.off('exit', exited)
    }
    p.child.stdout.on('data', check)
    // The nodes' logs come on stderr: each new line is a moment to look again.
    p.child.stderr.on('data', check)
    p.child.once('exit', exited)
    check()
  })
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

describe('weft devnet', { timeout: 120_000 }, () => {
  it('starts a network in one command, and Ctrl-C stops all of it', async () => {
    const basePort = 30_000 + Math.floor(Math.random() * 20_000)
    devnet = runWeft(
      [
        'devnet',
        '--validators',
        '2',
        '--data-dir',
        join(dir, 'net'),
        '--base-port',
        String(basePort),
        '--no-web',
      ],
      { env: { WEFT_LOG_LEVEL: 'info' } },
    )
    const p = devnet
    await printed(p, (out) => out.includes('Ctrl-C stops the network.'), 'the ready line')
    const api = /^api:\s+(http:\S+)\/v1\/status$/m.exec(p.stdout())?.[1]
    assert.ok(api !== undefined, `the API's URL is printed:\n${p.stdout()}`)
    assert.match(p.stdout(), /^relay:\s+\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\/12D3Koo\w+$/m)

    // The chain moves: the relay reports committed heights as blocks arrive.
    let height = 0
    while (height < 3) {
      await new Promise((resolve) => p.child.stderr.once('data', resolve))
      // The URLs are printed as the processes start; the API answers once the relay is up.
      const status = await fetch(`${api}/v1/status`).catch(() => undefined)
      if (status !== undefined) height = ((await status.json()) as { height: number }).height
    }
    const paid = await fetch(`${api}/v1/faucet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: formatAddress(new Uint8Array(20).fill(77)) }),
    })
    assert.ok(paid.ok, `the faucet pays: ${paid.status} ${await paid.text()}`)

    p.child.kill('SIGINT')
    assert.equal(await p.exited, 0, 'it stops cleanly')
    assert.match(p.stderr(), /stopping \d+ processes/)
    for (const port of [basePort, basePort + 1, basePort + 11, basePort + 12]) {
      assert.equal(await listening(port), false, `nothing listens on ${port} any more`)
    }
    assert.equal(await listening(Number(new URL(api).port)), false, 'the API is closed')
  })
})
