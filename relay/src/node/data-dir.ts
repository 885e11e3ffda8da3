// The node's data dir: created on start, private to its user. Layout in docs/configuration.md.
import { mkdirSync, statSync } from 'node:fs'

export const DATA_DIR_MODE = 0o700

/** A data dir the node cannot use; `weft node` prints the message and exits 1. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError'
  readonly path: string

  constructor(path: string, message: string) {
    super(message)
    this.path = path
  }
}

/** Creates the data dir (and missing parents) with mode 0700; true when it did not exist. */
export function ensureDataDir(path: string): boolean {
  let created: string | undefined
  try {
    created = mkdirSync(path, { recursive: true, mode: DATA_DIR_MODE })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new DataDirError(
      path,
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `data dir ${path} is not a directory`
        : `cannot create data dir ${path}: ${code ?? String(err)}`,
    )
  }
  if (!statSync(path).isDirectory()) {
    throw new DataDirError(path, `data dir ${path} is not a directory`)
  }
  return created !== undefined
}
