// The sealed part of a vault: checked before sealing and after opening, and turned to and from
// bytes (UTF-8 JSON) that the caller wipes as soon as the cipher is done with them.
import { MAX_ACCOUNT_INDEX } from './constants.ts'
import { VaultError } from './errors.ts'
import { normalizeMnemonic } from './mnemonic.ts'
import type { VaultAccount, VaultContents } from './vault-secrets.ts'

export const MAX_ACCOUNTS = 1000
export const MAX_ACCOUNT_NAME_LENGTH = 100
export const MAX_PASSPHRASE_LENGTH = 1000

/**
 * The contents with the phrase normalized and accounts sorted; throws MnemonicError for a bad
 * phrase and VaultError BAD_CONTENTS naming any other field at fault.
 */
export function checkContents(value: unknown): Required<VaultContents> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad('the contents are not an object')
  }
  const { phrase, passphrase = '', accounts } = value as Record<string, unknown>
  if (typeof phrase !== 'string') throw bad('phrase is not a string')
  if (typeof passphrase !== 'string' || passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw bad(`passphrase is not a string of at most ${MAX_PASSPHRASE_LENGTH} characters`)
  }
  if (!Array.isArray(accounts) || accounts.length > MAX_ACCOUNTS) {
    throw bad(`accounts is not a list of at most ${MAX_ACCOUNTS}`)
  }
  const seen = new Set<number>()
  const checked = accounts.map((account: unknown, i): VaultAccount => {
    if (typeof account !== 'object' || account === null)
      throw bad(`accounts[${i}] is not an object`)
    const { index, name } = account as Record<string, unknown>
    if (
      !Number.isSafeInteger(index) ||
      (index as number) < 0 ||
      (index as number) > MAX_ACCOUNT_INDEX
    ) {
      throw bad(`accounts[${i}].index is not a whole number from 0 to ${MAX_ACCOUNT_INDEX}`)
    }
    if (seen.has(index as number)) throw bad(`account ${index} is listed twice`)
    seen.add(index as number)
    if (name === undefined) return { index: index as number }
    if (typeof name !== 'string' || name.length > MAX_ACCOUNT_NAME_LENGTH) {
      throw bad(
        `accounts[${i}].name is not a string of at most ${MAX_ACCOUNT_NAME_LENGTH} characters`,
      )
    }
    return { index: index as number, name }
  })
  checked.sort((a, b) => a.index - b.index)
  return { phrase: normalizeMnemonic(phrase), passphrase, accounts: checked }
}

export function encodeContents(contents: Required<VaultContents>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(contents))
}

/** Contents from authenticated bytes: a failure here means a writer bug, not an attacker. */
export function decodeContents(bytes: Uint8Array): Required<VaultContents> {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw bad('the decrypted contents are not JSON')
  }
  try {
    return checkContents(value)
  } catch (err) {
    throw err instanceof VaultError ? err : bad('the decrypted phrase is not a valid phrase')
  }
}

function bad(why: string): VaultError {
  return new VaultError('BAD_CONTENTS', `vault contents: ${why}`)
}
