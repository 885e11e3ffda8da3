// Unlocks an encrypted key file named by a setting (validator-key, faucet-key) at start, so a
// wrong path or password stops the node before it joins the network rather than at first use.
import { type ConfigError, invalidValue } from '../config/errors.ts'
import type { Setting } from '../config/setting.ts'
import { describeSource, type Source } from '../config/source.ts'
import { decryptKey } from '../keys/decrypt-key.ts'
import { KeyFileError, PasswordError } from '../keys/errors.ts'
import { readKeyFile } from '../keys/key-file-io.ts'
import { obtainPassword } from '../keys/password.ts'

export interface UnlockedKey {
  publicKey: Uint8Array
  secretKey: Uint8Array
}

/** One key setting with its password settings, as the node's config resolved them. */
export interface KeySetting {
  path: string | undefined
  source: Source
  setting: Setting<string | undefined>
  passwordFile: string | undefined
  passwordFileSetting: Setting<string | undefined>
  password: string | undefined
  passwordSetting: Setting<string | undefined>
}

/** Throws a ConfigError naming the key setting, where it was set and what went wrong. */
export async function unlockKey(
  key: KeySetting,
  prompt: ((question: string) => Promise<string>) | undefined,
): Promise<UnlockedKey | undefined> {
  const path = key.path
  if (path === undefined) return undefined
  const fail = (reason: string): ConfigError =>
    invalidValue(
      key.setting.name,
      describeSource(key.source),
      { text: path },
      key.setting.type.allowed,
      reason,
    )
  try {
    const file = readKeyFile(path)
    const password = await obtainPassword(
      {
        file: key.passwordFile,
        env: { name: key.passwordSetting.env as string, value: key.password },
        prompt,
        fileFlag: key.passwordFileSetting.flag as string,
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
