// The key file a wallet command reads: its public key without a password, and its signer once
// the password (as for `weft keys`) opens it.
import { KEY_PASSWORD_ENV } from '../constants.ts'
import { decryptKey } from '../keys/decrypt-key.ts'
import { ed25519Signer } from '../keys/ed25519-key.ts'
import { KeyFileError } from '../keys/errors.ts'
import type { KeyFile } from '../keys/key-file.ts'
import { readKeyFile } from '../keys/key-file-io.ts'
import { obtainPassword } from '../keys/password.ts'
import { type CommandIo, commandEnv } from './command-io.ts'
import { WalletError } from './errors.ts'

/** The key file, its read and format errors as WalletErrors naming it. */
export function readWalletKey(path: string): KeyFile {
  try {
    return readKeyFile(path)
  } catch (err) {
    if (err instanceof KeyFileError)
      throw new WalletError('BAD_KEY_FILE', `${path}: ${err.message}`)
    const code = (err as NodeJS.ErrnoException).code
    if (code === undefined) throw err
    throw new WalletError('BAD_KEY_FILE', `cannot read ${path}: ${code}`)
  }
}

/**
 * Asks for the password (--password-file, else WEFT_KEY_PASSWORD, else the terminal) and returns
 * a signer over the key. Throws PasswordError, or KeyFileError for a wrong password.
 */
export async function unlockWalletKey(
  path: string,
  file: KeyFile,
  passwordFile: string | undefined,
  io: CommandIo,
): Promise<(message: Uint8Array) => Uint8Array> {
  const password = await obtainPassword(
    {
      file: passwordFile,
      env: { name: KEY_PASSWORD_ENV, value: commandEnv(io)[KEY_PASSWORD_ENV] },
      prompt: io.promptPassword,
      fileFlag: '--password-file',
    },
    { what: path, confirm: false },
  )
  const secretKey = await decryptKey(file, password)
  try {
    return ed25519Signer(secretKey)
  } finally {
    // The signer holds its own copy inside a KeyObject.
    secretKey.fill(0)
  }
}
