// Unlocks the validator key named by the node's settings at start, so a wrong path or password
// stops the node before it joins the network rather than when it is first asked to sign.

import { type ConfigError, invalidValue } from '../config/errors.ts'
import type { NodeConfig } from '../config/node-config.ts'
import { NODE_SETTINGS } from '../config/node-settings.ts'
import { describeSource } from '../config/source.ts'
import { decryptKey } from '../keys/decrypt-key.ts'
import { KeyFileError, PasswordError } from '../keys/errors.ts'
import { readKeyFile } from '../keys/key-file-io.ts'
import { obtainPassword } from '../keys/password.ts'

export interface ValidatorKey {
  publicKey: Uint8Array
  secretKey: Uint8Array
}

/** Throws a ConfigError about validator-key naming where it was set and what went wrong. */
export async function unlockValidatorKey(
  config: NodeConfig,
  prompt: ((question: string) => Promise<string>) | undefined,
): Promise<ValidatorKey | undefined> {
  const path = config.validatorKey
  if (path === undefined) return undefined
  const fail = (reason: string): ConfigError =>
    invalidValue(
      NODE_SETTINGS.validatorKey.name,
      describeSource(config.sources.validatorKey),
      { text: path },
      NODE_SETTINGS.validatorKey.type.allowed,
      reason,
    )
  try {
    const file = readKeyFile(path)
    const password = await obtainPassword(
      {
        file: config.validatorKeyPasswordFile,
        env: {
          name: NODE_SETTINGS.validatorKeyPassword.env as string,
          value: config.validatorKeyPassword,
        },
        prompt,
        fileFlag: NODE_SETTINGS.validatorKeyPasswordFile.flag as string,
      },
      { what: path, confirm: false },
    )
    return { publicKey: file.publicKey, secretKey: await decryptKey(file, password) }
  } catch (err) {
    if (err instanceof KeyFileError || err instanceof PasswordError) throw fail(err.message)
    const code = (err as NodeJS.ErrnoException).code
    if (code !== undefined) throw fail(`cannot read it: ${code}`)
    throw err
  }
}
