// `weft keys create` and `weft keys show`, run in process: files 0600, never overwritten without
// --force, the address the core derives, and the password checked on --verify.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { decryptKey, ed25519PublicKey, main, readKeyFile } from '../../src/index.ts'
import { type TestIoOptions, testIo } from '../helpers/command-io.ts'

const PASSWORD = 'a long enough password'
let dir: string
let passwordFile: string

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-keys-'))
  passwordFile = join(dir, 'password')
  writeFileSync(passwordFile, `${PASSWORD}\n`)
})
after(() => rmSync(dir, { recursive: true, force: true }))

async function weft(argv: string[], options: TestIoOptions = {}) {
  const io = testIo({ cwd: dir, ...options })
  const status = await main(argv, io)
  return { status, out: io.out.join('\n'), err: io.err.join('\n') }
}

function field(out: string, name: string): string {
  const m = new RegExp(`^${name}:\\s+(\\S+)$`, 'm').exec(out)
  assert.ok(m, `no ${name} in:\n${out}`)
  return m[1] as string
}

/** A terminal that answers each question from a list. */
function answers(...list: string[]) {
  return async () => list.shift() ?? ''
}

describe('weft keys', () => {
  it('create → show → decrypt: one key, one address, the password opens it', async () => {
    const created = await weft([
      'keys',
      'create',
      '--out',
      'k.json',
      '--password-file',
      passwordFile,
    ])
    assert.equal(created.status, 0, created.err)
    const path = join(dir, 'k.json')
    assert.equal(field(created.out, 'file'), path)
    assert.equal(statSync(path).mode & 0o777, 0o600)

    const shown = await weft(['keys', 'show', 'k.json'])
    assert.equal(shown.status, 0, shown.err)
    const publicKey = field(shown.out, 'public key')
    assert.equal(publicKey, field(created.out, 'public key'))
    assert.equal(field(shown.out, 'address'), field(created.out, 'address'))

    const core = await loadCore()
    const expected = formatAddress(core.chain.addressOf(Buffer.from(publicKey, 'hex')))
    assert.equal(field(shown.out, 'address'), expected)

    const secret = await decryptKey(readKeyFile(path), PASSWORD)
    assert.equal(Buffer.from(ed25519PublicKey(secret)).toString('hex'), publicKey)

    const verified = await weft(['keys', 'show', path, '--verify'], {
      env: { WEFT_KEY_PASSWORD: PASSWORD },
    })
    assert.equal(verified.status, 0, verified.err)
    assert.match(verified.out, /^password:\s+correct$/m)
  })

  it('refuses a wrong password on --verify', async () => {
    await weft(['keys', 'create', '--out', 'w.json', '--password-file', passwordFile])
    const wrong = await weft(['keys', 'show', 'w.json', '--verify'], {
      env: { WEFT_KEY_PASSWORD: 'not the password' },
    })
    assert.equal(wrong.status, 1)
    assert.equal(wrong.err, 'weft keys: wrong password or corrupted key file')
    assert.equal(wrong.out, '')
  })

  it('never overwrites a file without --force, and replaces it with', async () => {
    const path = join(dir, 'existing.json')
    writeFileSync(path, 'precious')
    const refused = await weft(['keys', 'create', '--out', path, '--password-file', passwordFile])
    assert.equal(refused.status, 1)
    assert.match(
      refused.err,
      /existing\.json already exists; nothing written \(--force replaces it\)/,
    )
    assert.equal(readFileSync(path, 'utf8'), 'precious')

    const forced = await weft(['keys', 'create', '--out', path, '--force'], {
      env: { WEFT_KEY_PASSWORD: PASSWORD },
    })
    assert.equal(forced.status, 0, forced.err)
    assert.equal(readKeyFile(path).kind, 'weft-ed25519')
    assert.equal(statSync(path).mode & 0o777, 0o600)
  })

  it('writes nothing when the password is refused', async () => {
    const cases: [string, TestIoOptions, RegExp][] = [
      ['short.json', { env: { WEFT_KEY_PASSWORD: 'short' } }, /shorter than 8 characters/],
      ['typo.json', { prompt: answers('first password', 'other password') }, /passwords differ/],
      ['none.json', {}, /no password for the new key file: give --password-file <file>/],
    ]
    for (const [name, options, message] of cases) {
      const result = await weft(['keys', 'create', '--out', name], options)
      assert.equal(result.status, 1, name)
      assert.match(result.err, message)
      assert.throws(() => statSync(join(dir, name)), { code: 'ENOENT' })
    }
  })

  it('asks on the terminal, twice, when no other source gives a password', async () => {
    const asked: string[] = []
    const prompt = async (question: string) => {
      asked.push(question)
      return PASSWORD
    }
    const result = await weft(['keys', 'create', '--out', 'typed.json'], { prompt })
    assert.equal(result.status, 0, result.err)
    assert.equal(asked.length, 2)
  })

  it('names a file that is not a key file, or is missing', async () => {
    writeFileSync(join(dir, 'junk.json'), '{"version": 1}')
    const junk = await weft(['keys', 'show', 'junk.json'])
    assert.equal(junk.status, 1)
    assert.match(junk.err, /junk\.json: not a Weft key file: the file has no "kind"/)
    const missing = await weft(['keys', 'show', 'missing.json'])
    assert.equal(missing.status, 1)
    assert.match(missing.err, /cannot read .*missing\.json: ENOENT/)
  })

  it('reports usage mistakes with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['keys'], /^Usage: weft keys create/],
      [['keys', 'rotate'], /unknown command 'rotate'; allowed: create, show/],
      [['keys', 'create'], /--out <file> is required/],
      [['keys', 'create', '--out'], /--out needs a file path/],
      [['keys', 'create', '--out', 'x.json', '--verify'], /unknown flag --verify; allowed: --out/],
      [['keys', 'create', '--force=yes', '--out', 'x.json'], /--force takes no value/],
      [['keys', 'show'], /name exactly one key file/],
      [['keys', 'show', 'a.json', '--password-file', 'p'], /only used with --verify/],
    ]
    for (const [argv, message] of cases) {
      const result = await weft(argv)
      assert.equal(result.status, 2, argv.join(' '))
      assert.match(result.err, message)
    }
    const help = await weft(['keys', '--help'])
    assert.equal(help.status, 0)
    assert.match(help.out, /Usage: weft keys create --out <file>/)
  })
})
