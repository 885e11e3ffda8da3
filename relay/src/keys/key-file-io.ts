// Key files on disk: read and checked, or written 0600 without ever replacing a file unasked.
import { readFileSync } from 'node:fs'
import { writePrivateFile } from '../files/write-private-file.ts'
import { type KeyFile, parseKeyFile, serializeKeyFile } from './key-file.ts'

/** Throws the fs error (ENOENT, EACCES, …) or a KeyFileError for a file that is not a key file. */
export function readKeyFile(path: string): KeyFile {
  return parseKeyFile(readFileSync(path, 'utf8'))
}

/** Writes mode 0600; an existing file is an EEXIST error unless `overwrite`. */
export function writeKeyFile(path: string, file: KeyFile, options: { overwrite: boolean }): void {
  writePrivateFile(path, serializeKeyFile(file), options)
}
