// Reads the public Ed25519 vectors from ../shared/vectors beside the checkout (or
// $WEFT_VECTORS_DIR). They are never copied into the repository; where the folder is absent the
// tests that need them are skipped with this reason.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const VECTORS_DIR =
  process.env.WEFT_VECTORS_DIR ??
  fileURLToPath(new URL('../../../../shared/vectors', import.meta.url))

export const vectorsSkipReason: string | false = existsSync(VECTORS_DIR)
  ? false
  : `public vectors not found at ${VECTORS_DIR} (they ship beside the checkout as ../shared/vectors)`

export function readVector(name: string): string {
  return readFileSync(join(VECTORS_DIR, name), 'utf8')
}

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
