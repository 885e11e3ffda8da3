// `weft genesis`: a genesis the core accepts, from key files, addresses and parameter overrides;
// every mistake named with exit 2.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { main } from '../../src/cli/main.ts'
import { testIo } from '../helpers/command-io.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-genesis-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('weft genesis', () => {
  it('writes a genesis the core accepts, with the validators, accounts and params given', async () => {
    const password = join(dir, 'pw')
    writeFileSync(password, 'a long password\n')
    const key = join(dir, 'v.key')
    assert.equal(
      await main(
        ['keys', 'create', '--out', key, '--password-file', password],
        testIo({ cwd: dir }),
      ),
      0,
    )
    const other = 'ab'.repeat(32)
    const recipient = formatAddress(new Uint8Array(20).fill(7))
    const out = join(dir, 'genesis.json')
    const io = testIo({ cwd: dir })
    const status = await main(
      [
        'genesis',
        '--out',
        out,
        '--chain-id',
        'weft-test',
        '--time',
        '1700000000000',
        '--validator',
        key,
        '--validator',
        `${other}=2500.5`,
        '--account',
        `${recipient}=12.000000001`,
        '--param',
        'timeoutCommitMs=250',
      ],
      io,
    )
    assert.equal(status, 0, io.err.join('\n'))
    const bytes = core.views.encodeJson('genesis', readFileSync(out, 'utf8'))
    const g = core.views.decode('genesis', bytes)
    assert.equal(g.chainId, 'weft-test')
    assert.equal(g.genesisTime, 1_700_000_000_000n)
    assert.equal(g.params.timeoutCommitMs, 250)
    assert.deepEqual(
      g.accounts.map((a) => a.balance),
      [12_000_000_001n],
    )
    assert.deepEqual(g.validators.map((v) => v.stake).sort(), [
      1_000_000_000_000n,
      2_500_500_000_000n,
    ])
    assert.match(io.out.join('\n'), /^genesis [0-9a-f]{64} written to /)
  })

  it('names each mistake and exits 2 without writing', async () => {
    const out = join(dir, 'bad.json')
    const cases: [string[], RegExp][] = [
      [['--validator', 'ab'.repeat(32)], /--out <file> is required/],
      [['--out', out], /at least one --validator/],
      [['--out', out, '--validator', 'nope'], /neither a key file nor 64 hex digits/],
      [['--out', out, '--validator', 'ab'.repeat(32), '--account', 'weft1xyz=5'], /./],
      [
        ['--out', out, '--validator', 'ab'.repeat(32), '--param', 'speed=3'],
        /--param 'speed=3' is not allowed/,
      ],
      [['--out', out, '--validator', `${'ab'.repeat(32)}=1.0000000001`], /not an amount of WEFT/],
      [
        ['--out', out, '--validator', `${'ab'.repeat(32)}=0.5`],
        /the core refuses this genesis: DecodeError\.ValueOutOfRange/,
      ],
      [['--out', out, '--bogus'], /Unknown option/],
    ]
    for (const [args, message] of cases) {
      const io = testIo({ cwd: dir })
      assert.equal(await main(['genesis', ...args], io), 2, args.join(' '))
      assert.match(io.err.join('\n'), message, args.join(' '))
    }
    assert.throws(() => readFileSync(out), /ENOENT/)
  })
})
