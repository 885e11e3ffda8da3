// Opens a key file with its password: AES-256-GCM authenticates the sealed key and the public
// key together, so a wrong password and any changed byte are refused alike.
import { createDecipheriv } from 'node:crypto'
import { ed25519PublicKey, SECRET_KEY_BYTES } from './ed25519-key.ts'
import { KeyFileError, WRONG_PASSWORD_MESSAGE } from './errors.ts'
import { deriveKey } from './kdf.ts'
import { type KeyFile, TAG_BYTES } from './key-file.ts'

/** The 32-byte Ed25519 secret key; throws KeyFileError WRONG_PASSWORD when it cannot. */
export async function decryptKey(file: KeyFile, password: string): Promise<Uint8Array> {
  const key = await deriveKey(password, file.kdf.salt, file.kdf)
  let secretKey: Uint8Array
  try {
    const sealed = file.cipher.ciphertext
    const decipher = createDecipheriv('aes-256-gcm', key, file.cipher.iv, {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(file.publicKey)
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    secretKey = new Uint8Array(
      Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]),
    )
  } catch {
    throw new KeyFileError('WRONG_PASSWORD', WRONG_PASSWORD_MESSAGE)
  } finally {
    key.fill(0)
  }
  // GCM vouches for the bytes; this vouches that they are the key the file says they are.
  if (
    secretKey.length !== SECRET_KEY_BYTES ||
    !equal(ed25519PublicKey(secretKey), file.publicKey)
  ) {
    secretKey.fill(0)
    throw new KeyFileError('WRONG_PASSWORD', WRONG_PASSWORD_MESSAGE)
  }
  return secretKey
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
