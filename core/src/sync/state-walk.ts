// The download of one state tree for state sync (docs/sync.md, "State sync"): a walk down from a
// root the light client verified, where every node — fetched from a peer or found on this
// node's disk — is checked by the core against the hash its verified parent names before it is
// kept. So the walk yields only bytes the root commits to, and a node interrupted mid-walk
// resumes from what it stored. Pure: the host fetches, stores and chooses peers.
import type { StateNode, WeftCore } from '@weft/wasm'
import { WeftCoreError } from '@weft/wasm'

/** A peer's bytes for a hash were not the node stored under it. */
export class CorruptStateNodeError extends Error {
  override readonly name = 'CorruptStateNodeError'
  readonly code = 'CORRUPT_STATE_NODE'
  readonly hash: Uint8Array

  constructor(hash: Uint8Array, reason: string) {
    super(`state node ${hex(hash)} does not match its hash (${reason})`)
    this.hash = hash
  }
}

export interface StateWalkComponents {
  /** The core's node check: the children of a node whose bytes hash to `hash`, or a throw. */
  core: Pick<WeftCore, 'stateNodeChildren'>
  /** Nodes this host already stored (an interrupted walk's, or another root's). */
  local: { get(hash: Uint8Array): Uint8Array | undefined }
}

const EMPTY = new Uint8Array(32)

export class StateWalk {
  readonly #core: StateWalkComponents['core']
  readonly #local: StateWalkComponents['local']
  // Depth first: the frontier stays near depth × hashes in flight, however large the tree.
  readonly #frontier: Uint8Array[] = []
  readonly #inFlight = new Set<string>()
  #fetched = 0
  #fetchedBytes = 0
  #found = 0

  constructor(root: Uint8Array, components: StateWalkComponents) {
    this.#core = components.core
    this.#local = components.local
    if (!equalBytes(root, EMPTY)) this.#reach(root)
  }

  /** Up to `max` hashes to ask peers for, now counted as in flight. */
  take(max: number): Uint8Array[] {
    const out: Uint8Array[] = []
    while (out.length < max) {
      const hash = this.#frontier.pop()
      if (hash === undefined) break
      this.#inFlight.add(hex(hash))
      out.push(hash)
    }
    return out
  }

  /**
   * A peer's answer for an in-flight hash. Checked by the core; on success the node is the
   * host's to store and its children join the walk. Throws CorruptStateNodeError (the hash
   * goes back to the frontier for another peer).
   */
  accept(hash: Uint8Array, bytes: Uint8Array): StateNode {
    const key = hex(hash)
    if (!this.#inFlight.has(key)) throw new Error(`state node ${key} was not asked for`)
    let children: Uint8Array[]
    try {
      children = this.#core.stateNodeChildren(hash, bytes)
    } catch (err) {
      if (!(err instanceof WeftCoreError)) throw err
      this.#inFlight.delete(key)
      this.#frontier.push(hash)
      throw new CorruptStateNodeError(hash, err.code)
    }
    this.#inFlight.delete(key)
    this.#fetched++
    this.#fetchedBytes += bytes.length
    for (const child of children) this.#reach(child)
    return { hash, bytes }
  }

  /** In-flight hashes that were not answered (absent, cut off, or the request failed). */
  release(hashes: readonly Uint8Array[]): void {
    for (const hash of hashes) {
      if (this.#inFlight.delete(hex(hash))) this.#frontier.push(hash)
    }
  }

  /** Every node under the root is checked and accounted for. */
  get done(): boolean {
    return this.#frontier.length === 0 && this.#inFlight.size === 0
  }

  get pending(): number {
    return this.#frontier.length
  }

  get inFlight(): number {
    return this.#inFlight.size
  }

  /** Nodes fetched from peers and checked, and their bytes. */
  get fetched(): { nodes: number; bytes: number } {
    return { nodes: this.#fetched, bytes: this.#fetchedBytes }
  }

  /** Nodes found already stored here and checked again (a resumed walk). */
  get foundLocally(): number {
    return this.#found
  }

  // A hash the walk must cover: from the local store when it is there (checked like any other
  // node — a damaged disk must not pass), otherwise queued for a peer. Iterative: a resumed walk
  // may descend a whole stored subtree here.
  #reach(start: Uint8Array): void {
    const stack = [start]
    for (let hash = stack.pop(); hash !== undefined; hash = stack.pop()) {
      const stored = this.#local.get(hash)
      if (stored === undefined) {
        this.#frontier.push(hash)
        continue
      }
      let children: Uint8Array[]
      try {
        children = this.#core.stateNodeChildren(hash, stored)
      } catch (err) {
        if (!(err instanceof WeftCoreError)) throw err
        // A stored node that fails its check is fetched again; the good copy overwrites it.
        this.#frontier.push(hash)
        continue
      }
      this.#found++
      stack.push(...children)
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function hex(b: Uint8Array): string {
  let s = ''
  for (const x of b) s += x.toString(16).padStart(2, '0')
  return s
}
