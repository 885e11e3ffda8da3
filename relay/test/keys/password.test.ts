// Where passwords come from (file, then environment, then the terminal) and the no-echo prompt.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { PasswordError } from '../../src/index.ts'
import { obtainPassword, type PasswordSources } from '../../src/keys/password.ts'
import { promptHidden } from '../../src/keys/prompt-password.ts'

let dir: string
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-password-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

function passwordFile(content: string): string {
  const path = join(dir, `pw-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, content)
  return path
}

function sources(overrides: Partial<PasswordSources>): PasswordSources {
  return {
    file: undefined,
    env: { name: 'WEFT_KEY_PASSWORD', value: undefined },
    prompt: undefined,
    fileFlag: '--password-file',
    ...overrides,
  }
}

/** A prompt that answers from a list and records what it asked. */
function answering(...answers: string[]) {
  const asked: string[] = []
  return {
    asked,
    prompt: async (question: string) => {
      asked.push(question)
      return answers.shift() ?? ''
    },
  }
}

const passwordError = (code: string, message: RegExp) => (err: unknown) => {
  assert.ok(err instanceof PasswordError, String(err))
  assert.equal(err.code, code)
  assert.match(err.message, message)
  return true
}

describe('obtainPassword', () => {
  const once = { what: 'k.json', confirm: false }

  it('prefers the file, then the environment, then the terminal', async () => {
    const file = passwordFile('from file\n')
    const env = { name: 'WEFT_KEY_PASSWORD', value: 'from env' }
    const { prompt } = answering('typed')
    assert.equal(await obtainPassword(sources({ file, env, prompt }), once), 'from file')
    assert.equal(await obtainPassword(sources({ env, prompt }), once), 'from env')
    assert.equal(await obtainPassword(sources({ prompt }), once), 'typed')
  })

  it('drops one trailing newline from a password file, and nothing else', async () => {
    const read = (content: string) => obtainPassword(sources({ file: passwordFile(content) }), once)
    assert.equal(await read('secret\n'), 'secret')
    assert.equal(await read('secret\r\n'), 'secret')
    assert.equal(await read(' secret \n\n'), ' secret \n')
    assert.equal(await read('secret'), 'secret')
  })

  it('asks twice for a new key and refuses two different answers', async () => {
    const twice = answering('first password', 'first password')
    const purpose = { what: 'the new key file', confirm: true }
    assert.equal(await obtainPassword(sources({ prompt: twice.prompt }), purpose), 'first password')
    assert.deepEqual(twice.asked, ['Password for the new key file: ', 'Same password again: '])
    const differ = answering('first password', 'first passwort')
    await assert.rejects(
      obtainPassword(sources({ prompt: differ.prompt }), purpose),
      passwordError('MISMATCH', /the passwords differ/),
    )
  })

  it('refuses empty and, for new keys, short passwords, naming where they came from', async () => {
    const env = { name: 'WEFT_KEY_PASSWORD', value: '' }
    await assert.rejects(
      obtainPassword(sources({ env }), once),
      passwordError('EMPTY', /environment variable WEFT_KEY_PASSWORD is empty/),
    )
    const file = passwordFile('short\n')
    await assert.rejects(
      obtainPassword(sources({ file }), { ...once, minLength: 8 }),
      passwordError('TOO_SHORT', new RegExp(`password file ${file} is shorter than 8 characters`)),
    )
  })

  it('says how to give a password when there is no source', async () => {
    await assert.rejects(
      obtainPassword(sources({}), once),
      passwordError(
        'NO_PASSWORD',
        /no password for k\.json: give --password-file <file>, set WEFT_KEY_PASSWORD, or run in a terminal/,
      ),
    )
  })

  it('names an unreadable password file', async () => {
    await assert.rejects(
      obtainPassword(sources({ file: join(dir, 'missing') }), once),
      passwordError('UNREADABLE_FILE', /cannot read password file .*missing: ENOENT/),
    )
  })
})

describe('promptHidden', () => {
  function terminal() {
    const input = Object.assign(new PassThrough(), {
      raw: [] as boolean[],
      setRawMode(raw: boolean) {
        input.raw.push(raw)
        return input
      },
    })
    let shown = ''
    const output = { write: (text: string) => (shown += text) }
    return { input, output, shown: () => shown }
  }

  it('reads up to Enter in raw mode, echoing nothing, with backspace', async () => {
    const t = terminal()
    const answer = promptHidden('Password: ', t.input, t.output)
    t.input.write('pass')
    t.input.write('x\u007fw\u00f6rd\r')
    assert.equal(await answer, 'passwörd')
    assert.equal(t.shown(), 'Password: \n')
    assert.deepEqual(t.input.raw, [true, false])
  })

  it('reads a character split across chunks', async () => {
    const t = terminal()
    const answer = promptHidden('Password: ', t.input, t.output)
    const bytes = Buffer.from('é\n')
    t.input.write(bytes.subarray(0, 1))
    t.input.write(bytes.subarray(1))
    assert.equal(await answer, 'é')
  })

  it('is cancelled by Ctrl-C, and leaves raw mode', async () => {
    const t = terminal()
    const answer = promptHidden('Password: ', t.input, t.output)
    t.input.write('abc\u0003')
    await assert.rejects(answer, passwordError('CANCELLED', /cancelled/))
    assert.deepEqual(t.input.raw, [true, false])
  })
})
