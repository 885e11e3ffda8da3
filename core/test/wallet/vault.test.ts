// The password vault: what goes in comes out with the right password; a wrong password, a
// damaged record and an altered one each give their own error and decrypt nothing; records
// survive JSON and structured cloning (IndexedDB); secrets never print.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inspect } from 'node:util'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { deriveAccountKey } from '../../src/wallet/account.ts'
import { DEFAULT_VAULT_KDF } from '../../src/wallet/constants.ts'
import { MnemonicError, VaultError, type VaultErrorCode } from '../../src/wallet/errors.ts'
import type { KdfParams } from '../../src/wallet/kdf.ts'
import { generateMnemonic, mnemonicToSeed } from '../../src/wallet/mnemonic.ts'
import {
  changeVaultPassword,
  createVault,
  openVault,
  type SealOptions,
  vaultNeedsUpgrade,
} from '../../src/wallet/vault.ts'
import { type VaultRecord, vaultDigest } from '../../src/wallet/vault-record.ts'
import type { VaultContents } from '../../src/wallet/vault-secrets.ts'

// Cheap KDFs through the parameter the app never sets: the defaults themselves are unchanged
// (one test below runs them).
const FAST_SCRYPT: SealOptions = {
  kdf: { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 },
  allowWeakKdf: true,
}
const FAST_PBKDF2: SealOptions = {
  kdf: { name: 'pbkdf2-sha256', iterations: 1000 },
  allowWeakKdf: true,
}
const PASSWORD = 'correct horse battery staple'
const PHRASE = generateMnemonic()
const CONTENTS: VaultContents = {
  phrase: PHRASE,
  passphrase: 'extra words',
  accounts: [{ index: 0, name: 'Everyday' }, { index: 3 }],
}

async function fails(run: () => Promise<unknown>, code: VaultErrorCode) {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof VaultError, `expected a VaultError, got ${String(e)}`)
    assert.equal(e.code, code, e.message)
    return true
  })
}

/** The record with a field changed and the digest recomputed: an alteration, not damage. */
function forged(record: VaultRecord, change: (r: VaultRecord) => void): VaultRecord {
  const copy = structuredClone(record)
  change(copy)
  const { digest: _, ...rest } = copy
  return { ...rest, digest: vaultDigest(rest) }
}

function flipHexBit(text: string, bit: number): string {
  const bytes = Uint8Array.from(text.match(/../g) ?? [], (h) => Number.parseInt(h, 16))
  const i = bit % (bytes.length * 8)
  bytes[i >> 3] = (bytes[i >> 3] ?? 0) ^ (1 << (i & 7))
  return bytesToHex(bytes)
}

const record = await createVault(CONTENTS, PASSWORD, FAST_SCRYPT)

describe('vault: sealing and opening', () => {
  it('gives back the phrase, passphrase and accounts with the right password', async () => {
    const secrets = await openVault(record, PASSWORD)
    assert.equal(secrets.phrase, PHRASE)
    assert.equal(secrets.passphrase, 'extra words')
    assert.deepEqual(secrets.accounts, [{ index: 0, name: 'Everyday' }, { index: 3 }])
    // The keys it derives are the phrase's own.
    const key = await secrets.accountKey(3)
    const direct = deriveAccountKey(await mnemonicToSeed(PHRASE, 'extra words'), 3)
    assert.deepEqual(key.publicKey, direct.publicKey)
  })

  it('round-trips any contents under any password, with scrypt or PBKDF2', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
        fc.string({ maxLength: 30, unit: 'grapheme' }),
        fc.uniqueArray(
          fc.record({ index: fc.nat({ max: 2 ** 31 - 1 }), name: fc.string({ maxLength: 20 }) }),
          {
            maxLength: 4,
            selector: (a) => a.index,
          },
        ),
        fc.constantFrom(FAST_SCRYPT, FAST_PBKDF2),
        async (password, passphrase, accounts, options) => {
          const phrase = generateMnemonic(12)
          const sealed = await createVault({ phrase, passphrase, accounts }, password, options)
          const secrets = await openVault(JSON.parse(JSON.stringify(sealed)), password)
          assert.equal(secrets.phrase, phrase)
          assert.equal(secrets.passphrase, passphrase)
          const expected = accounts.map((a) => ({ ...a })).sort((a, b) => a.index - b.index)
          assert.deepEqual(secrets.accounts, expected)
        },
      ),
      { numRuns: 20 },
    )
  })

  it('opens after JSON and after structured cloning, as IndexedDB stores it', async () => {
    assert.equal((await openVault(JSON.parse(JSON.stringify(record)), PASSWORD)).phrase, PHRASE)
    assert.equal((await openVault(structuredClone(record), PASSWORD)).phrase, PHRASE)
  })

  it('stores the phrase normalized, whatever the user typed', async () => {
    const typed = `  ${PHRASE.toUpperCase().replaceAll(' ', '\n')} `
    const sealed = await createVault({ ...CONTENTS, phrase: typed }, PASSWORD, FAST_SCRYPT)
    assert.equal((await openVault(sealed, PASSWORD)).phrase, PHRASE)
  })

  it('uses a fresh salt and IV every time', async () => {
    const again = await createVault(CONTENTS, PASSWORD, FAST_SCRYPT)
    assert.notEqual(again.kdf.salt, record.kdf.salt)
    assert.notEqual(again.cipher.iv, record.cipher.iv)
    assert.notEqual(again.cipher.ciphertext, record.cipher.ciphertext)
  })

  it('seals and opens with the default KDF (scrypt, N = 2^17, r = 8, p = 1)', async () => {
    const sealed = await createVault(CONTENTS, PASSWORD)
    assert.deepEqual({ ...sealed.kdf, salt: undefined }, { ...DEFAULT_VAULT_KDF, salt: undefined })
    assert.equal((await openVault(sealed, PASSWORD)).phrase, PHRASE)
    assert.equal(vaultNeedsUpgrade(sealed), false)
  })
})

describe('vault: refusals', () => {
  it('says WRONG_PASSWORD for any other password, close or not', async () => {
    await fails(() => openVault(record, `${PASSWORD} `), 'WRONG_PASSWORD')
    await fails(() => openVault(record, 'Correct horse battery staple'), 'WRONG_PASSWORD')
    await fails(() => openVault(record, 'x'), 'WRONG_PASSWORD')
  })

  it('reads a password typed in another Unicode form as the same (NFKC)', async () => {
    const sealed = await createVault(CONTENTS, 'caf\u00e9', FAST_SCRYPT)
    assert.equal((await openVault(sealed, 'cafe\u0301')).phrase, PHRASE)
  })

  it('says TAMPERED when any bit of any stored field is damaged', async () => {
    const fields = ['salt', 'iv', 'ciphertext', 'check', 'digest'] as const
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.nat(), async (field, bit) => {
        const damaged = structuredClone(record)
        if (field === 'salt') damaged.kdf.salt = flipHexBit(damaged.kdf.salt, bit)
        else if (field === 'iv') damaged.cipher.iv = flipHexBit(damaged.cipher.iv, bit)
        else if (field === 'ciphertext')
          damaged.cipher.ciphertext = flipHexBit(damaged.cipher.ciphertext, bit)
        else damaged[field] = flipHexBit(damaged[field], bit)
        await fails(() => openVault(damaged, PASSWORD), 'TAMPERED')
      }),
      { numRuns: 200 },
    )
  })

  it('says TAMPERED when the KDF cost stored with the record changes', async () => {
    for (const kdf of [
      { ...record.kdf, N: 2 ** 11 },
      { ...record.kdf, r: 4 },
      { ...record.kdf, p: 2 },
    ]) {
      await fails(() => openVault({ ...record, kdf }, PASSWORD), 'TAMPERED')
    }
  })

  it('says TAMPERED when the sealed contents or their IV were rewritten with a new digest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('iv', 'ciphertext'), fc.nat(), async (field, bit) => {
        const altered = forged(record, (r) => {
          r.cipher[field] = flipHexBit(r.cipher[field], bit)
        })
        await fails(() => openVault(altered, PASSWORD), 'TAMPERED')
      }),
      { numRuns: 30 },
    )
  })

  it('cannot tell a forged salt or KDF cost from a wrong password, and decrypts nothing', async () => {
    // The key comes from them: changed, no password gives the sealing key (docs/wallet.md).
    await fails(
      () =>
        openVault(
          forged(record, (r) => {
            r.kdf.salt = flipHexBit(r.kdf.salt, 0)
          }),
          PASSWORD,
        ),
      'WRONG_PASSWORD',
    )
  })

  it('says UNSUPPORTED for another version, KDF or cipher, and MALFORMED for a broken shape', async () => {
    await fails(() => openVault({ ...record, version: 2 }, PASSWORD), 'UNSUPPORTED')
    await fails(
      () => openVault({ ...record, kdf: { ...record.kdf, name: 'argon2id' } }, PASSWORD),
      'UNSUPPORTED',
    )
    await fails(
      () => openVault({ ...record, cipher: { ...record.cipher, name: 'aes-128-cbc' } }, PASSWORD),
      'UNSUPPORTED',
    )
    await fails(() => openVault(null, PASSWORD), 'MALFORMED')
    await fails(() => openVault('{}', PASSWORD), 'MALFORMED')
    await fails(() => openVault({ ...record, format: 'other' }, PASSWORD), 'MALFORMED')
    const { check: _, ...noCheck } = record
    await fails(() => openVault(noCheck, PASSWORD), 'MALFORMED')
    await fails(() => openVault({ ...record, extra: 1 }, PASSWORD), 'MALFORMED')
    await fails(
      () => openVault({ ...record, check: record.check.toUpperCase() }, PASSWORD),
      'MALFORMED',
    )
    await fails(
      () => openVault({ ...record, cipher: { ...record.cipher, iv: '00' } }, PASSWORD),
      'MALFORMED',
    )
  })

  it('refuses to compute a KDF beyond its ceilings (a memory bomb in a record)', async () => {
    const started = performance.now()
    for (const kdf of [
      { ...record.kdf, N: 2 ** 21 },
      { ...record.kdf, N: 1000 },
      { ...record.kdf, r: 64 },
      { ...record.kdf, N: 2 ** 20, r: 8, p: 16 },
      { name: 'pbkdf2-sha256', iterations: 20_000_000, salt: record.kdf.salt },
    ]) {
      await fails(() => openVault({ ...record, kdf }, PASSWORD), 'KDF_LIMITS')
    }
    assert.ok(performance.now() - started < 1000, 'refused without running the KDF')
  })

  it('refuses an empty password', async () => {
    await fails(() => createVault(CONTENTS, '', FAST_SCRYPT), 'EMPTY_PASSWORD')
    await fails(() => openVault(record, ''), 'EMPTY_PASSWORD')
  })

  it('refuses a KDF cheaper than the default unless told this is deliberate', async () => {
    const cheap: KdfParams[] = [
      { name: 'scrypt', N: 2 ** 16, r: 8, p: 1 },
      { name: 'pbkdf2-sha256', iterations: 599_999 },
    ]
    for (const kdf of cheap)
      await fails(() => createVault(CONTENTS, PASSWORD, { kdf }), 'KDF_LIMITS')
  })

  it('refuses contents that are not a wallet', async () => {
    await assert.rejects(
      () =>
        createVault({ ...CONTENTS, phrase: 'abandon '.repeat(12).trim() }, PASSWORD, FAST_SCRYPT),
      (e: unknown) => e instanceof MnemonicError && e.code === 'BAD_CHECKSUM',
    )
    await fails(
      () =>
        createVault({ ...CONTENTS, accounts: [{ index: 1 }, { index: 1 }] }, PASSWORD, FAST_SCRYPT),
      'BAD_CONTENTS',
    )
    await fails(
      () => createVault({ ...CONTENTS, accounts: [{ index: -1 }] }, PASSWORD, FAST_SCRYPT),
      'BAD_CONTENTS',
    )
    await fails(
      () => createVault({ ...CONTENTS, accounts: [{ index: 2 ** 31 }] }, PASSWORD, FAST_SCRYPT),
      'BAD_CONTENTS',
    )
  })
})

describe('vault: password change and upgrades', () => {
  it('opens with the new password only, with the same contents and a new salt', async () => {
    const changed = await changeVaultPassword(record, PASSWORD, 'new password 2', FAST_PBKDF2)
    assert.notEqual(changed.kdf.salt, record.kdf.salt)
    assert.equal(changed.kdf.name, 'pbkdf2-sha256')
    await fails(() => openVault(changed, PASSWORD), 'WRONG_PASSWORD')
    const secrets = await openVault(changed, 'new password 2')
    assert.equal(secrets.phrase, PHRASE)
    assert.deepEqual(secrets.accounts, [{ index: 0, name: 'Everyday' }, { index: 3 }])
  })

  it('needs the old password', async () => {
    await fails(
      () => changeVaultPassword(record, 'guess', 'new password', FAST_SCRYPT),
      'WRONG_PASSWORD',
    )
  })

  it('flags records whose KDF costs less than the default, or is not memory-hard', () => {
    assert.equal(vaultNeedsUpgrade(record), true)
    const strong = { ...record, kdf: { ...DEFAULT_VAULT_KDF, salt: record.kdf.salt } }
    assert.equal(vaultNeedsUpgrade(strong), false)
    const pbkdf2 = {
      ...record,
      kdf: { name: 'pbkdf2-sha256' as const, iterations: 600_000, salt: record.kdf.salt },
    }
    assert.equal(vaultNeedsUpgrade(pbkdf2), true)
    assert.equal(vaultNeedsUpgrade(pbkdf2, { name: 'pbkdf2-sha256', iterations: 600_000 }), false)
  })
})

describe('vault: secrets never print', () => {
  it('shows a placeholder to JSON, String, template literals and util.inspect', async () => {
    const secrets = await openVault(record, PASSWORD)
    const outputs = [
      JSON.stringify(secrets),
      JSON.stringify({ wallet: secrets }),
      String(secrets),
      `${secrets}`,
      inspect(secrets, { showHidden: true, depth: 5 }),
      inspect({ nested: [secrets] }),
      JSON.stringify({ ...secrets }),
      JSON.stringify(Object.entries(secrets)),
    ]
    for (const text of outputs) {
      assert.doesNotMatch(text, new RegExp(PHRASE.split(' ')[0] as string))
      assert.doesNotMatch(text, /extra words/)
    }
    assert.equal(JSON.stringify(secrets), '"[VaultSecrets: redacted]"')
  })

  it('loses its contents when cloned and forgets them on destroy', async () => {
    const secrets = await openVault(record, PASSWORD)
    const cloned = structuredClone(secrets) as unknown as Record<string, unknown>
    assert.doesNotMatch(JSON.stringify(cloned), /extra words/)
    secrets.destroy()
    assert.equal(secrets.destroyed, true)
    assert.throws(
      () => secrets.phrase,
      (e: unknown) => e instanceof VaultError && e.code === 'LOCKED',
    )
  })

  it('keeps the phrase out of the record', () => {
    const text = JSON.stringify(record)
    assert.ok(!text.includes(PHRASE))
    assert.ok(!text.includes(bytesToHex(sha256(new TextEncoder().encode(PHRASE)))))
  })
})
