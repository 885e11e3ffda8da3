// State sync (docs/sync.md, "State sync"): a node at genesis starts from a recent height instead
// of executing every block. It trusts only its genesis: block 1 is executed on the genesis state
// and its commit checked, its light block becomes the light client's anchor, the target height's
// light block is verified from it by skipping verification (bisection, over /weft/headers/1.0.0),
// and the state under that header's root is downloaded node by node over /weft/snapshot/1.0.0,
// each node checked by the core before it is stored. One LMDB transaction then moves the head to
// the target; block sync carries on from the next height.
import { EventEmitter } from 'node:events'
import type { Libp2p, PeerId } from '@libp2p/interface'
import {
  BLOCKS_LIMITS,
  BLOCKS_PROTOCOL,
  CorruptStateNodeError,
  decodeBlocksResponse,
  encodeBlocksRequest,
  MAX_NODES_PER_REQUEST,
  MessageFormatError,
  ProtocolError,
  requestLightBlocks,
  requestPriorities,
  requestStateNodes,
  StateWalk,
  sendRequest,
} from '@weft/core'
import { type StateNode, WeftCoreError } from '@weft/wasm'
import type { Chain } from '../chain/chain.ts'
import { lightBlockOf } from '../chain/light-blocks.ts'
import type { Logger } from '../log.ts'
import type { PeerStatus } from '../net/peer-status.ts'

/** Node requests in flight at once, spread over the peers that have the target height. */
export const DEFAULT_STATE_SYNC_WINDOW = 8
/** Whole attempts (target, verification, download) before falling back to block sync. */
export const DEFAULT_STATE_SYNC_ATTEMPTS = 3
const PROGRESS_EVERY_MS = 1000
// Restarts of one bisection with blocks from other peers after one was refused.
const MAX_BISECTION_RESTARTS = 8
// Asking peers for the next height's priority record: up to 12 rounds, 250 ms apart.
const PRIORITY_ROUNDS = 12
const PRIORITY_RETRY_MS = 250

export type StateSyncErrorCode =
  /** The chain is older than its trusting period: genesis can no longer vouch for its headers. */
  | 'TRUST_EXPIRED'
  /** No peer served what was needed (block 1, a light block, a state node). */
  | 'UNSERVED'
  /** The light block for the target could not be verified. */
  | 'UNVERIFIED'
  | 'ABORTED'

export class StateSyncError extends Error {
  override readonly name = 'StateSyncError'
  readonly code: StateSyncErrorCode

  constructor(code: StateSyncErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

export interface StateSyncProgress {
  height: number
  /** Nodes fetched from peers and checked, and their bytes. */
  nodes: number
  bytes: number
  /** Nodes already on disk from an interrupted run, checked again and not fetched. */
  foundLocally: number
  /** Hashes known but not yet asked for, and asked for but not answered. */
  pending: number
  inFlight: number
  nodesPerSecond: number
  bytesPerSecond: number
}

export interface StateSyncDone {
  height: number
  nodes: number
  bytes: number
  foundLocally: number
  /** Light blocks fetched to verify the target from the genesis anchor. */
  lightBlocks: number
  seconds: number
}

export interface StateSyncEvents {
  progress: [StateSyncProgress]
}

export interface StateSyncComponents {
  node: Libp2p
  chain: Chain
  status: PeerStatus
  log: Logger
  /** Milliseconds since the epoch (the light client's `now`); injectable for tests. */
  now?: () => number
}

export interface StateSyncInit {
  window?: number
  attempts?: number
}

interface Target {
  height: number
  blockId: Uint8Array
  header: Uint8Array
  commit: Uint8Array
  root: Uint8Array
  lightBlocks: number
}

export class StateSync extends EventEmitter<StateSyncEvents> {
  readonly #node: Libp2p
  readonly #chain: Chain
  readonly #status: PeerStatus
  readonly #log: Logger
  readonly #now: () => number
  readonly #window: number
  readonly #attempts: number
  readonly #abort = new AbortController()
  /** Peers excluded from the current attempt: they failed, lied, or lack what is needed. */
  readonly #excluded = new Set<string>()
  #running = false
  #target = 0

  constructor(components: StateSyncComponents, init: StateSyncInit = {}) {
    super()
    this.#node = components.node
    this.#chain = components.chain
    this.#status = components.status
    this.#log = components.log
    this.#now = components.now ?? Date.now
    this.#window = init.window ?? DEFAULT_STATE_SYNC_WINDOW
    this.#attempts = init.attempts ?? DEFAULT_STATE_SYNC_ATTEMPTS
  }

  /**
   * Syncs to a peer's recent height and moves the chain's head there. Resolves with what was
   * done, or undefined when state sync gave up (the node then replays blocks from genesis):
   * the chain outlived its trusting period, or every attempt failed.
   */
  async run(): Promise<StateSyncDone | undefined> {
    if (this.#chain.head.height !== 0 || this.#running) return undefined
    this.#running = true
    try {
      for (let attempt = 1; attempt <= this.#attempts; attempt++) {
        this.#excluded.clear()
        try {
          this.#target = await this.#pickTarget()
          return await this.#syncTo(this.#target)
        } catch (err) {
          if (!(err instanceof StateSyncError)) throw err
          if (err.code === 'ABORTED') throw err
          this.#log.warn({ attempt, code: err.code, err: err.message }, 'state sync attempt failed')
          if (err.code === 'TRUST_EXPIRED') break
        }
      }
      this.#log.warn({}, 'state sync gave up; syncing blocks from genesis instead')
      return undefined
    } finally {
      this.#running = false
    }
  }

  /** True from run() until the snapshot is committed or state sync gives up. */
  get running(): boolean {
    return this.#running
  }

  /** The height being synced to (0 before one is chosen). */
  get targetHeight(): number {
    return this.#target
  }

  /** Ends a run under way (it rejects with ABORTED); what it stored stays for the next start. */
  stop(): void {
    this.#abort.abort()
  }

  // The best height a peer reports, once any peer reports one. A status height is a committed,
  // hence final, height; whether it is honest is what the light client then checks.
  async #pickTarget(): Promise<number> {
    for (;;) {
      this.#checkAborted()
      const best = this.#status.bestHeight()
      if (best >= 1) return best
      this.#log.info({}, 'state sync: waiting for a peer ahead of genesis')
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#status.off('height', done)
          this.#abort.signal.removeEventListener('abort', done)
          resolve()
        }
        this.#status.on('height', done)
        this.#abort.signal.addEventListener('abort', done)
      })
    }
  }

  async #syncTo(height: number): Promise<StateSyncDone> {
    const started = performance.now()
    const priorities = this.#fetchPriorities(height + 1).catch(() => undefined)
    const target = await this.#verifyTarget(height)
    this.#log.info(
      { height, lightBlocks: target.lightBlocks, root: hex(target.root) },
      'state sync: target header verified',
    )
    const walk = await this.#download(target)
    const state = this.#chain.core.blocks.chainRecord(this.#chain.tree, target.root)
    if (state.height !== BigInt(height)) {
      // Only a forged root could name another height's state, and the root was verified.
      throw new StateSyncError('UNVERIFIED', `the state at ${height} says height ${state.height}`)
    }
    const nextPriorities = this.#checkPriorities(target, await priorities)
    await this.#chain.adoptSnapshot({
      height,
      blockId: target.blockId,
      header: target.header,
      commit: target.commit,
      root: target.root,
      ...(nextPriorities === undefined ? {} : { nextPriorities }),
    })
    const done = {
      height,
      nodes: walk.fetched.nodes,
      bytes: walk.fetched.bytes,
      foundLocally: walk.foundLocally,
      lightBlocks: target.lightBlocks,
      seconds: (performance.now() - started) / 1000,
    }
    this.#log.info(done, 'state sync complete')
    return done
  }

  // --- trust: genesis → block 1 → the target, all judged by the core ---

  async #verifyTarget(height: number): Promise<Target> {
    const chain = this.#chain
    const views = chain.core.views
    const params = views.decode('genesis', chain.genesis).params
    const anchor = await this.#anchor()
    const bisection = chain.core.openBisection({
      trustingPeriodMs: Number(params.trustingPeriodMs),
      maxValidators: params.maxValidators,
    })
    const providers = new Map<bigint, string>()
    let fetched = 0
    try {
      let restarts = 0
      bisection.start({ block: anchor }, BigInt(height), this.#now())
      for (;;) {
        this.#checkAborted()
        const step = bisection.next()
        if (step.type === 'verified') break
        if (step.type === 'needBlock') {
          const got = await this.#lightBlock(Number(step.height))
          providers.set(step.height, got.peer)
          bisection.provide(got.block)
          fetched++
          continue
        }
        if (step.reason === 'LightError.TrustedExpired') {
          throw new StateSyncError(
            'TRUST_EXPIRED',
            'block 1 is older than the trusting period: genesis cannot vouch for recent headers',
          )
        }
        const peer = providers.get(step.height)
        this.#log.warn(
          { peer, height: Number(step.height), reason: step.reason },
          'state sync: a light block was refused',
        )
        if (peer === undefined || ++restarts > MAX_BISECTION_RESTARTS) {
          throw new StateSyncError('UNVERIFIED', `light block ${step.height}: ${step.reason}`)
        }
        this.#excluded.add(peer)
        bisection.start({ block: anchor }, BigInt(height), this.#now())
      }
      const verified = views.decode('lightBlock', bisection.trusted())
      const header = views.encode('header', verified.header)
      return {
        height,
        blockId: views.id('header', header),
        header,
        commit: views.encode('commit', verified.commit),
        root: verified.header.stateRoot,
        lightBlocks: fetched,
      }
    } finally {
      bisection.close()
    }
  }

  // The light client's first trusted block, from nothing but genesis: block 1 executed by the
  // core on the genesis state (so its header names genesis as parent, the genesis set, the right
  // state root) and its commit checked against the genesis set.
  async #anchor(): Promise<Uint8Array> {
    const chain = this.#chain
    const genesisRoot = chain.head.root
    const validators = chain.core.blocks.validatorSet(chain.tree, genesisRoot, 1n)
    for (const peer of this.#peersAt(1)) {
      const key = peer.toString()
      try {
        const answer = await sendRequest(
          this.#node,
          peer,
          BLOCKS_PROTOCOL,
          encodeBlocksRequest({ from: 1, count: 1 }),
          BLOCKS_LIMITS,
        )
        const first = decodeBlocksResponse(answer)[0]
        if (first === undefined) throw new StateSyncError('UNSERVED', 'no block 1')
        const outcome = chain.core.blocks.validate(chain.tree, genesisRoot, {
          chainId: chain.chainId,
          block: first.block,
        })
        const check = chain.core.consensus.verifyCommit({
          chainId: chain.chainId,
          validators,
          commit: first.commit,
          height: 1n,
          block: outcome.blockId,
        })
        if (!check.ok) throw new StateSyncError('UNVERIFIED', `block 1's commit: ${check.reason}`)
        return lightBlockOf(chain, outcome.header, first.commit, validators)
      } catch (err) {
        if (!isPeerFault(err)) throw err
        this.#log.warn({ peer: key, err: (err as Error).message }, 'state sync: block 1 refused')
        this.#excluded.add(key)
      }
    }
    throw new StateSyncError(
      'UNSERVED',
      'no peer served a valid block 1 (pruned peers need a checkpoint)',
    )
  }

  async #lightBlock(height: number): Promise<{ block: Uint8Array; peer: string }> {
    for (const peer of this.#peersAt(height)) {
      const key = peer.toString()
      try {
        const [block] = await requestLightBlocks(this.#node, peer, { from: height, count: 1 })
        if (block !== undefined) return { block, peer: key }
      } catch (err) {
        if (!(err instanceof ProtocolError || err instanceof MessageFormatError)) throw err
      }
      this.#excluded.add(key)
    }
    throw new StateSyncError('UNSERVED', `no peer served the light block at ${height}`)
  }

  // The proposer-priority record of the first height after the snapshot, asked for while the
  // rest runs: peers keep only the records of the last two heights they started, and one that
  // just committed the target starts the next height only after timeout_commit, so it is asked
  // again for a while. Not chain data, so only checked for fit (#checkPriorities); a wrong record
  // can only make this node misjudge proposers, never accept a block without its commit.
  async #fetchPriorities(height: number): Promise<Uint8Array | undefined> {
    for (let round = 0; round < PRIORITY_ROUNDS && !this.#abort.signal.aborted; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, PRIORITY_RETRY_MS))
      for (const peer of this.#peersAt(height - 1)) {
        try {
          const record = await requestPriorities(this.#node, peer, height)
          if (record !== undefined) return record
        } catch (err) {
          if (!(err instanceof ProtocolError || err instanceof MessageFormatError)) throw err
        }
      }
    }
    return undefined
  }

  #checkPriorities(target: Target, record: Uint8Array | undefined): Uint8Array | undefined {
    const chain = this.#chain
    const next = BigInt(target.height + 1)
    if (record !== undefined) {
      const params = chain.core.views.decode('genesis', chain.genesis).params
      const machine = chain.core.openConsensus({ maxValidators: params.maxValidators })
      try {
        machine.startHeight({
          chainId: chain.chainId,
          height: next,
          validators: chain.core.blocks.validatorSet(chain.tree, target.root, next),
          priorities: record,
        })
        return record
      } catch (err) {
        if (!(err instanceof WeftCoreError)) throw err
        this.#log.warn(
          { reason: err.code },
          'state sync: the peer’s proposer priorities do not fit',
        )
      } finally {
        machine.close()
      }
    }
    this.#log.warn(
      { height: Number(next) },
      'state sync: no proposer priorities for the next height; proposer order starts afresh',
    )
    return undefined
  }

  // --- the state: a walk over the tree, several requests in flight across peers ---

  async #download(target: Target): Promise<StateWalk> {
    const walk = new StateWalk(target.root, {
      core: this.#chain.core,
      local: this.#chain.store.nodeStore,
    })
    // Nodes an interrupted run stored are found as the walk reaches them (foundLocally).
    this.#log.info(
      { height: target.height, root: hex(target.root), foundLocally: walk.foundLocally },
      'state sync: downloading the state',
    )
    const started = performance.now()
    const running = new Set<Promise<void>>()
    let turn = 0
    let lastReport = Number.NEGATIVE_INFINITY
    // A failure that is not a peer's (the disk) ends the run once the requests under way settle.
    let failure: unknown
    while (!walk.done) {
      this.#checkAborted()
      if (failure !== undefined) {
        await Promise.allSettled(running)
        throw failure
      }
      while (running.size < this.#window && walk.pending > 0) {
        const able = this.#peersAt(target.height)
        const peer = able[turn++ % Math.max(able.length, 1)]
        if (peer === undefined) break
        const hashes = walk.take(MAX_NODES_PER_REQUEST)
        const request: Promise<void> = this.#fetchNodes(walk, peer, hashes)
          .catch((err: unknown) => {
            failure ??= err
          })
          .finally(() => running.delete(request))
        running.add(request)
      }
      if (running.size === 0) {
        throw new StateSyncError('UNSERVED', `no peer serves the state at height ${target.height}`)
      }
      await Promise.race(running)
      const now = performance.now()
      if (now - lastReport >= PROGRESS_EVERY_MS || walk.done) {
        lastReport = now
        this.#report(target.height, walk, (now - started) / 1000)
      }
    }
    if (failure !== undefined) throw failure
    return walk
  }

  async #fetchNodes(walk: StateWalk, peer: PeerId, hashes: Uint8Array[]): Promise<void> {
    const key = peer.toString()
    let answer: (Uint8Array | undefined)[]
    try {
      answer = await requestStateNodes(this.#node, peer, hashes)
    } catch (err) {
      walk.release(hashes)
      if (!(err instanceof ProtocolError || err instanceof MessageFormatError)) throw err
      this.#log.warn({ peer: key, err: err.message }, 'state sync: node request failed')
      this.#excluded.add(key)
      return
    }
    const checked: StateNode[] = []
    let answered = 0
    for (; answered < answer.length; answered++) {
      const hash = hashes[answered] as Uint8Array
      const bytes = answer[answered]
      if (bytes === undefined) {
        // It does not keep this state (it may have started from a later snapshot itself).
        walk.release([hash])
        this.#excluded.add(key)
        continue
      }
      try {
        checked.push(walk.accept(hash, bytes))
      } catch (err) {
        if (!(err instanceof CorruptStateNodeError)) throw err
        this.#log.warn({ peer: key, err: err.message }, 'state sync: a peer sent a corrupt node')
        this.#excluded.add(key)
        answered++
        break
      }
    }
    walk.release(hashes.slice(answered))
    // Only checked nodes reach the disk; the head does not move until the whole tree is here.
    await this.#chain.store.putStateNodes(checked)
  }

  #report(height: number, walk: StateWalk, seconds: number): void {
    const { nodes, bytes } = walk.fetched
    const progress: StateSyncProgress = {
      height,
      nodes,
      bytes,
      foundLocally: walk.foundLocally,
      pending: walk.pending,
      inFlight: walk.inFlight,
      nodesPerSecond: Math.round(nodes / Math.max(seconds, 0.001)),
      bytesPerSecond: Math.round(bytes / Math.max(seconds, 0.001)),
    }
    this.emit('progress', progress)
    this.#log.info(progress, 'state sync progress')
  }

  #peersAt(height: number): PeerId[] {
    return this.#status
      .peers()
      .filter((p) => p.height >= height && !this.#excluded.has(p.peer.toString()))
      .map((p) => p.peer)
  }

  #checkAborted(): void {
    if (this.#abort.signal.aborted) throw new StateSyncError('ABORTED', 'state sync stopped')
  }
}

// What a peer's answer can be blamed for: transport failures, malformed frames, and the core
// refusing the block or commit it sent.
function isPeerFault(err: unknown): boolean {
  return (
    err instanceof ProtocolError ||
    err instanceof MessageFormatError ||
    err instanceof WeftCoreError ||
    (err instanceof StateSyncError && err.code !== 'ABORTED')
  )
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}
