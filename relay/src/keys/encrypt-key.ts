// Seals an Ed25519 secret key into a key file under a password (format in key-file.ts).
import { createCipheriv } from 'node:crypto'
import { KEY_FILE_SCRYPT } from '../constants.ts'
import { SECRET_KEY_BYTES } from './ed25519-key.ts'
import { deriveKey, type ScryptParams } from './kdf.ts'
import { IV_BYTES, KEY_FILE_KIND, KEY_FILE_VERSION, type KeyFile, TAG_BYTES } from './key-file.ts'

const SALT_BYTES = 32

export async function encryptKey(
  secretKey: Uint8Array,
  publicKey: Uint8Array,
  password: string,
  scryptParams: ScryptParams = KEY_FILE_SCRYPT,
): Promise<KeyFile> {
  if (secretKey.length !== SECRET_KEY_BYTES) {
    throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes`)
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  // A fresh salt makes a fresh AES key, so the random IV can never repeat under one key.
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const key = await deriveKey(password, salt, scryptParams)
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(publicKey)
    const sealed = Buffer.concat([cipher.update(secretKey), cipher.final(), cipher.getAuthTag()])
    return {
      version: KEY_FILE_VERSION,
      kind: KEY_FILE_KIND,
      publicKey: publicKey.slice(),
      kdf: { name: 'scrypt', ...scryptParams, salt },
      cipher: { name: 'aes-256-gcm', iv, ciphertext: new Uint8Array(sealed) },
    }
  } finally {
    key.fill(0)
  }
}
