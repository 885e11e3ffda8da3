// Tests `weft node` flag parsing: defaults, repeated and inline --listen, and every usage error
// naming its flag and value.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CliUsageError, DEFAULT_LISTEN_ADDRS, parseNodeArgs } from '../../src/index.ts'

function usageError(flag: string | undefined, value: string | undefined, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof CliUsageError, `expected CliUsageError, got ${String(err)}`)
    assert.equal(err.flag, flag)
    assert.equal(err.value, value)
    assert.match(err.message, pattern)
    return true
  }
}

describe('parseNodeArgs', () => {
  it('listens on loopback with OS-chosen ports by default', () => {
    assert.deepEqual(parseNodeArgs([]), { help: false, listen: [...DEFAULT_LISTEN_ADDRS] })
    for (const addr of DEFAULT_LISTEN_ADDRS)
      assert.match(addr, /^\/ip4\/127\.0\.0\.1\/(tcp|udp)\/0\b/)
  })

  it('takes repeated --listen, in both spellings, instead of the defaults', () => {
    const args = parseNodeArgs([
      '--listen',
      '/ip4/127.0.0.1/tcp/4001',
      '--listen=/ip4/127.0.0.1/tcp/4002/ws',
    ])
    assert.deepEqual(args.listen, ['/ip4/127.0.0.1/tcp/4001', '/ip4/127.0.0.1/tcp/4002/ws'])
  })

  it('recognises --help and -h', () => {
    assert.equal(parseNodeArgs(['--help']).help, true)
    assert.equal(parseNodeArgs(['-h']).help, true)
  })

  it('names an unknown flag', () => {
    assert.throws(
      () => parseNodeArgs(['--lisen', '/ip4/1.2.3.4/tcp/1']),
      usageError('--lisen', undefined, /unknown flag --lisen/),
    )
    assert.throws(
      () => parseNodeArgs(['--port=4001']),
      usageError('--port', undefined, /unknown flag --port;/),
    )
  })

  it('names the flag and value of a bad multiaddr', () => {
    assert.throws(
      () => parseNodeArgs(['--listen', 'localhost:4001']),
      usageError(
        '--listen',
        'localhost:4001',
        /--listen 'localhost:4001' is not a valid multiaddr/,
      ),
    )
    assert.throws(
      () => parseNodeArgs(['--listen=/ip4/999.0.0.1/tcp/1']),
      usageError(
        '--listen',
        '/ip4/999.0.0.1/tcp/1',
        /--listen '\/ip4\/999\.0\.0\.1\/tcp\/1' is not a valid multiaddr/,
      ),
    )
  })

  it('asks for the missing value of --listen', () => {
    assert.throws(
      () => parseNodeArgs(['--listen']),
      usageError('--listen', undefined, /--listen needs a multiaddr/),
    )
    assert.throws(
      () => parseNodeArgs(['--listen', '--help']),
      usageError('--listen', undefined, /needs a multiaddr/),
    )
  })

  it('rejects stray arguments', () => {
    assert.throws(
      () => parseNodeArgs(['extra']),
      usageError(undefined, 'extra', /unexpected argument 'extra'/),
    )
  })
})
