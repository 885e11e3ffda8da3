// The password vault: contents sealed with AES-256-GCM (WebCrypto) under a key the password
// gives through the record's KDF. Opening checks, in order, the record's shape, its digest
// (damage → TAMPERED), the password check (→ WRONG_PASSWORD) and the GCM tag (→ TAMPERED); each
// refusal comes before a single byte is decrypted. docs/wallet.md has the format and the reasons.
import { bytesToHex } from '@noble/hashes/utils.js'
import { DEFAULT_VAULT_KDF } from './constants.ts'
import { VaultError } from './errors.ts'
import { checkKdfParams, deriveVaultKeys, isWeakerThanDefault, type KdfParams } from './kdf.ts'
import { checkContents, decodeContents, encodeContents } from './vault-contents.ts'
import {
  fieldBytes,
  IV_BYTES,
  parseVaultRecord,
  SALT_BYTES,
  TAG_BYTES,
  VAULT_CIPHER,
  VAULT_FORMAT,
  VAULT_VERSION,
  type VaultKdf,
  type VaultRecord,
  vaultAad,
  vaultDigest,
} from './vault-record.ts'
import { type VaultContents, VaultSecrets } from './vault-secrets.ts'

export interface SealOptions {
  /** How the password becomes a key; DEFAULT_VAULT_KDF (scrypt, 128 MiB) when absent. */
  kdf?: KdfParams
  /**
   * Accept a KDF cheaper than the default. For tests, which would otherwise spend seconds per
   * vault; an app that sets it makes every password cheaper to guess.
   */
  allowWeakKdf?: boolean
}

const WRONG_PASSWORD = 'wrong password: the vault did not open and nothing was decrypted'
const TAMPERED =
  'the vault record is damaged or was altered: nothing was decrypted. Restore the wallet from its recovery phrase'

/** Seals `contents` under `password` in a new record (fresh salt, fresh IV). */
export async function createVault(
  contents: VaultContents,
  password: string,
  options: SealOptions = {},
): Promise<VaultRecord> {
  checkPassword(password)
  const kdfParams = options.kdf ?? DEFAULT_VAULT_KDF
  checkKdfParams(kdfParams)
  if (options.allowWeakKdf !== true && isWeakerThanDefault(kdfParams)) {
    throw new VaultError(
      'KDF_LIMITS',
      'these KDF parameters cost less than the default and would make the password cheaper to guess',
    )
  }
  const checked = checkContents(contents)
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  // A fresh salt gives a fresh key, so a random IV can never repeat under one key.
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const kdf = { ...kdfFields(kdfParams), salt: bytesToHex(salt) } as VaultKdf
  const keys = await deriveVaultKeys(password, salt, kdfParams)
  const plaintext = encodeContents(checked)
  try {
    const sealed = await crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv,
        additionalData: vaultAad(kdf, bytesToHex(iv)),
        tagLength: TAG_BYTES * 8,
      },
      keys.cipherKey,
      plaintext,
    )
    const record: Omit<VaultRecord, 'digest'> = {
      format: VAULT_FORMAT,
      version: VAULT_VERSION,
      kdf,
      cipher: {
        name: VAULT_CIPHER,
        iv: bytesToHex(iv),
        ciphertext: bytesToHex(new Uint8Array(sealed)),
      },
      check: bytesToHex(keys.passwordCheck),
    }
    return { ...record, digest: vaultDigest(record) }
  } finally {
    plaintext.fill(0)
    keys.passwordCheck.fill(0)
  }
}

/**
 * Opens a stored record (anything read back from storage) with `password`. Throws VaultError:
 * MALFORMED, UNSUPPORTED or KDF_LIMITS for a record this program cannot read, TAMPERED for a
 * damaged or altered one, WRONG_PASSWORD. Call destroy() on the result when the wallet locks.
 */
export async function openVault(stored: unknown, password: string): Promise<VaultSecrets> {
  checkPassword(password)
  const record = parseVaultRecord(stored)
  if (vaultDigest(record) !== record.digest) throw new VaultError('TAMPERED', TAMPERED)
  const keys = await deriveVaultKeys(password, fieldBytes(record.kdf.salt), record.kdf)
  let plaintext: Uint8Array | undefined
  try {
    if (!constantTimeEqual(keys.passwordCheck, fieldBytes(record.check))) {
      throw new VaultError('WRONG_PASSWORD', WRONG_PASSWORD)
    }
    try {
      const opened = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fieldBytes(record.cipher.iv),
          additionalData: vaultAad(record.kdf, record.cipher.iv),
          tagLength: TAG_BYTES * 8,
        },
        keys.cipherKey,
        fieldBytes(record.cipher.ciphertext),
      )
      plaintext = new Uint8Array(opened)
    } catch {
      // The password was right (the check matched) yet the tag fails: the record was rewritten by
      // someone who could recompute its digest but not the key.
      throw new VaultError('TAMPERED', TAMPERED)
    }
    return new VaultSecrets(decodeContents(plaintext))
  } finally {
    plaintext?.fill(0)
    keys.passwordCheck.fill(0)
  }
}

/** The same contents under a new password, with a fresh salt and IV (and `options.kdf`). */
export async function changeVaultPassword(
  stored: unknown,
  oldPassword: string,
  newPassword: string,
  options: SealOptions = {},
): Promise<VaultRecord> {
  checkPassword(newPassword)
  const secrets = await openVault(stored, oldPassword)
  try {
    return await createVault(
      { phrase: secrets.phrase, passphrase: secrets.passphrase, accounts: secrets.accounts },
      newPassword,
      options,
    )
  } finally {
    secrets.destroy()
  }
}

/**
 * True when the record's KDF costs less than `target` (the default): the app re-seals it with
 * the password the user just typed, so raising the default later reaches existing vaults.
 */
export function vaultNeedsUpgrade(
  record: VaultRecord,
  target: KdfParams = DEFAULT_VAULT_KDF,
): boolean {
  const kdf = record.kdf
  if (kdf.name !== target.name) return target.name === 'scrypt'
  if (kdf.name === 'scrypt' && target.name === 'scrypt') return kdf.N * kdf.r < target.N * target.r
  if (kdf.name === 'pbkdf2-sha256' && target.name === 'pbkdf2-sha256') {
    return kdf.iterations < target.iterations
  }
  return false
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) {
    throw new VaultError('EMPTY_PASSWORD', 'a vault password must be a non-empty string')
  }
}

function kdfFields(params: KdfParams): KdfParams {
  return params.name === 'scrypt'
    ? { name: 'scrypt', N: params.N, r: params.r, p: params.p }
    : { name: 'pbkdf2-sha256', iterations: params.iterations }
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}
