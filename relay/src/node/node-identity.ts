// The node's libp2p identity: an Ed25519 key kept in the data dir, so its peer id survives
// restarts and peers, bootstrap lists and browsers can keep dialling the same node.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { NODE_KEY_FILE } from '../constants.ts'
import { writePrivateFile } from '../files/write-private-file.ts'

/** A node-key file that exists but cannot be used; the node does not replace it on its own. */
export class NodeIdentityError extends Error {
  override readonly name = 'NodeIdentityError'
  readonly path: string

  constructor(path: string, message: string) {
    super(message)
    this.path = path
  }
}

export interface NodeIdentity {
  privateKey: PrivateKey
  /** The file that holds it. */
  path: string
  /** True when this call generated the key. */
  created: boolean
  /** Set when the file can be read by users other than its owner. */
  warning: string | undefined
}

/** Loads `<dataDir>/node-key`, or generates an Ed25519 key and saves it there (mode 0600). */
export async function loadOrCreateNodeIdentity(dataDir: string): Promise<NodeIdentity> {
  const path = join(dataDir, NODE_KEY_FILE)
  const existing = load(path)
  if (existing !== undefined) return existing
  const privateKey = await generateKeyPair('Ed25519')
  try {
    writePrivateFile(path, privateKeyToProtobuf(privateKey), { overwrite: false })
  } catch (err) {
    // Another process starting on the same data dir saved its key first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const saved = load(path)
      if (saved !== undefined) return saved
    }
    throw new NodeIdentityError(path, `cannot save the node identity to ${path}: ${describe(err)}`)
  }
  return { privateKey, path, created: true, warning: undefined }
}

function load(path: string): NodeIdentity | undefined {
  let bytes: Uint8Array
  let mode: number
  try {
    bytes = readFileSync(path)
    mode = statSync(path).mode
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new NodeIdentityError(path, `cannot read the node identity ${path}: ${describe(err)}`)
  }
  let privateKey: PrivateKey
  try {
    privateKey = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new NodeIdentityError(
      path,
      `${path} is not a libp2p private key (${describe(err)}); move it away to start with a new identity (a new peer id)`,
    )
  }
  const warning =
    (mode & 0o077) === 0
      ? undefined
      : `${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`
  return { privateKey, path, created: false, warning }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
