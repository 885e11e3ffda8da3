// Key files: create → serialize → parse → decrypt round trip, the format's fields, and refusal
// of a wrong password, every tampered byte, malformed files and KDF parameters out of bounds.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decryptKey,
  ed25519PublicKey,
  encryptKey,
  generateEd25519Key,
  type KeyFile,
  KeyFileError,
  parseKeyFile,
  serializeKeyFile,
} from '../../src/index.ts'

// Cheaper than the 2^17 new files use, so the many decryptions here stay fast; one test below
// checks the real default.
const FAST = { N: 2 ** 14, r: 8, p: 1 }
const PASSWORD = 'correct horse battery staple'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function keyFileError(code: string, message?: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof KeyFileError, `expected KeyFileError, got ${String(err)}`)
    assert.equal(err.code, code)
    if (message !== undefined) assert.match(err.message, message)
    return true
  }
}

async function sealed(password = PASSWORD) {
  const key = generateEd25519Key()
  const file = await encryptKey(key.secretKey, key.publicKey, password, FAST)
  return { key, file, text: serializeKeyFile(file) }
}

/** A key file's JSON, as loosely typed as a file on disk. */
type KeyFileJson = Record<string, unknown> & {
  publicKey: string
  kdf: Record<string, unknown> & { salt: string }
  cipher: Record<string, unknown> & { iv: string; ciphertext: string }
}

/** The file's JSON with one change. */
function edited(text: string, edit: (json: KeyFileJson) => void): string {
  const json = JSON.parse(text)
  edit(json)
  return JSON.stringify(json)
}

function flipHex(value: string, index = 0): string {
  const bytes = Buffer.from(value, 'hex')
  bytes[index] = (bytes[index] as number) ^ 0x01
  return bytes.toString('hex')
}

describe('Ed25519 keys', () => {
  it('derive the RFC 8032 public key from the secret key (section 7.1, test 1)', () => {
    const secret = Buffer.from(
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      'hex',
    )
    assert.equal(
      hex(ed25519PublicKey(secret)),
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    )
  })

  it('are fresh each time', () => {
    assert.notDeepEqual(generateEd25519Key().secretKey, generateEd25519Key().secretKey)
  })
})

describe('key files', () => {
  it('round-trip: the password opens the secret key the public key belongs to', async () => {
    const { key, text } = await sealed()
    const file = parseKeyFile(text)
    assert.deepEqual(file.publicKey, key.publicKey)
    const secret = await decryptKey(file, PASSWORD)
    assert.deepEqual(secret, key.secretKey)
  })

  it('write the documented fields: scrypt and AES-256-GCM, the public key in the clear', async () => {
    const { key, text } = await sealed()
    const json = JSON.parse(text)
    assert.deepEqual(Object.keys(json), ['version', 'kind', 'publicKey', 'kdf', 'cipher'])
    assert.equal(json.version, 1)
    assert.equal(json.kind, 'weft-ed25519')
    assert.equal(json.publicKey, hex(key.publicKey))
    assert.deepEqual(Object.keys(json.kdf), ['name', 'N', 'r', 'p', 'salt'])
    assert.equal(json.kdf.name, 'scrypt')
    assert.match(json.kdf.salt, /^[0-9a-f]{64}$/)
    assert.deepEqual(Object.keys(json.cipher), ['name', 'iv', 'ciphertext'])
    assert.equal(json.cipher.name, 'aes-256-gcm')
    assert.match(json.cipher.iv, /^[0-9a-f]{24}$/)
    // 32 sealed bytes, then the 16-byte tag; never the secret key itself.
    assert.match(json.cipher.ciphertext, /^[0-9a-f]{96}$/)
    assert.ok(!text.includes(hex(key.secretKey)))
  })

  it('use scrypt N = 2^17, r = 8, p = 1 unless told otherwise', async () => {
    const key = generateEd25519Key()
    const file = await encryptKey(key.secretKey, key.publicKey, PASSWORD)
    assert.deepEqual([file.kdf.N, file.kdf.r, file.kdf.p], [2 ** 17, 8, 1])
    assert.deepEqual(await decryptKey(file, PASSWORD), key.secretKey)
  })

  it('never reuse a salt or IV', async () => {
    const a = (await sealed()).file
    const b = (await sealed()).file
    assert.notDeepEqual(a.kdf.salt, b.kdf.salt)
    assert.notDeepEqual(a.cipher.iv, b.cipher.iv)
  })

  it('refuse a wrong password with a clear error', async () => {
    const { file } = await sealed()
    for (const wrong of ['correct horse battery stapl', '', `${PASSWORD} `]) {
      await assert.rejects(
        decryptKey(file, wrong),
        keyFileError('WRONG_PASSWORD', /^wrong password or corrupted key file$/),
      )
    }
  })

  it('read a password the same in any Unicode normal form', async () => {
    const composed = 'caf\u00e9 au lait'
    const { key, file } = await sealed(composed)
    assert.deepEqual(await decryptKey(file, 'cafe\u0301 au lait'), key.secretKey)
  })

  it('refuse every tampered field alike', async () => {
    const { text } = await sealed()
    const tampered: [string, (json: KeyFileJson) => void][] = [
      ['first ciphertext byte', (j) => (j.cipher.ciphertext = flipHex(j.cipher.ciphertext))],
      ['tag', (j) => (j.cipher.ciphertext = flipHex(j.cipher.ciphertext, 47))],
      ['iv', (j) => (j.cipher.iv = flipHex(j.cipher.iv))],
      ['salt', (j) => (j.kdf.salt = flipHex(j.kdf.salt))],
      ['public key (the additional data)', (j) => (j.publicKey = flipHex(j.publicKey, 31))],
      ['scrypt r', (j) => (j.kdf.r = 9)],
    ]
    for (const [what, edit] of tampered) {
      const file = parseKeyFile(edited(text, edit))
      await assert.rejects(decryptKey(file, PASSWORD), keyFileError('WRONG_PASSWORD'), what)
    }
  })

  it('name what is wrong with a file that is not a key file', async () => {
    const { text } = await sealed()
    const cases: [string, RegExp][] = [
      ['not json', /not a Weft key file: it is not JSON/],
      ['[]', /the file is not a JSON object/],
      [edited(text, (j) => Reflect.deleteProperty(j, 'kdf')), /the file has no "kdf"/],
      [edited(text, (j) => (j.comment = 'mine')), /the file has an unknown field "comment"/],
      [
        edited(text, (j) => (j.publicKey = j.publicKey.toUpperCase())),
        /publicKey is not lowercase hex/,
      ],
      [
        edited(text, (j) => (j.publicKey = j.publicKey.slice(2))),
        /publicKey is 31 bytes; it should be 32/,
      ],
      [edited(text, (j) => (j.cipher.iv = '00')), /cipher\.iv is 1 bytes; it should be 12/],
      [edited(text, (j) => (j.kdf.salt = '00')), /kdf\.salt is 1 bytes; it should be 16 to 64/],
      [edited(text, (j) => (j.kdf.N = '16384')), /kdf\.N is not a whole number/],
      [edited(text, (j) => Object.assign(j, { cipher: null })), /cipher is not a JSON object/],
    ]
    for (const [input, message] of cases) {
      assert.throws(() => parseKeyFile(input), keyFileError('MALFORMED', message), input)
    }
  })

  it('refuse versions, kinds and algorithms it does not read', async () => {
    const { text } = await sealed()
    const cases: [(j: KeyFileJson) => void, RegExp][] = [
      [(j) => (j.version = 2), /version 2 is not supported/],
      [(j) => (j.kind = 'weft-secp256k1'), /key kind "weft-secp256k1" is not supported/],
      [(j) => (j.kdf.name = 'pbkdf2'), /kdf "pbkdf2" is not supported/],
      [(j) => (j.cipher.name = 'aes-128-gcm'), /cipher "aes-128-gcm" is not supported/],
    ]
    for (const [edit, message] of cases) {
      assert.throws(() => parseKeyFile(edited(text, edit)), keyFileError('UNSUPPORTED', message))
    }
  })

  it('refuse KDF parameters that would cost too much or too little, before running scrypt', async () => {
    const { text } = await sealed()
    const cases: [(j: KeyFileJson) => void, RegExp][] = [
      [
        (j) => (j.kdf.N = 2 ** 21),
        /scrypt N is 2097152; allowed: a power of two from 2\^14 to 2\^20/,
      ],
      [(j) => (j.kdf.N = 2 ** 13), /scrypt N is 8192/],
      [(j) => (j.kdf.N = 100_000), /scrypt N is 100000/],
      [(j) => (j.kdf.r = 0), /scrypt r is 0; allowed: 1 to 32/],
      [(j) => (j.kdf.p = 17), /scrypt p is 17; allowed: 1 to 16/],
      [(j) => Object.assign(j.kdf, { N: 2 ** 20, r: 16 }), /more than 1 GiB/],
    ]
    for (const [edit, message] of cases) {
      assert.throws(() => parseKeyFile(edited(text, edit)), keyFileError('KDF_LIMITS', message))
    }
  })

  it('serialize what they parse, byte for byte', async () => {
    const { text } = await sealed()
    const file: KeyFile = parseKeyFile(text)
    assert.equal(serializeKeyFile(file), text)
  })
})
