// Writes a secret to disk all or nothing: mode 0600 from the first byte, synced, then moved into
// place, so a crash leaves the old file or the new one and never half of one.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export interface WritePrivateFileOptions {
  /** Replace an existing file; otherwise an existing file is an EEXIST error and stays as it is. */
  overwrite: boolean
}

export const PRIVATE_FILE_MODE = 0o600

export function writePrivateFile(
  path: string,
  data: Uint8Array | string,
  options: WritePrivateFileOptions,
): void {
  const suffix = Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex')
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`)
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE)
  try {
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    // rename replaces; link refuses an existing name, which is what "never overwrite" needs.
    if (options.overwrite) renameSync(temporary, path)
    else linkSync(temporary, path)
  } finally {
    rmSync(temporary, { force: true })
  }
}
