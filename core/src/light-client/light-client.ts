// The verifying light client (docs/light-client.md): trusts only the chain config it is served
// with, extends trust header by header through the core's light-client verification, checks
// its primary peer against witnesses, and proves what it shows. Transport-agnostic: the network
// is a LightClientTransport, the clock is injected, storage is a TrustedStore.
import type { WeftCore } from '@weft/wasm'
import type { AddressTxsCursor } from '../net/query-protocol.ts'
import { anchorHeight, checkAnchor, errorCode } from './anchor.ts'
import { bisect } from './bisect.ts'
import { type ChainTrust, chainTrust, equalBytes, type LightClientConfig } from './config.ts'
import {
  DEFAULT_CROSS_CHECK_EVERY_HEIGHTS,
  DEFAULT_HISTORY_PAGE,
  DEFAULT_MIN_WITNESSES,
  DEFAULT_SAVE_EVERY_HEIGHTS,
  DEFAULT_VERIFIED_CACHE_BLOCKS,
  MAX_PRIMARY_RESTARTS,
} from './constants.ts'
import { ConflictHaltedError, LightClientError } from './errors.ts'
import type {
  ConflictDetected,
  HeadSource,
  LightClientEvent,
  LightClientListener,
  VerifiedHead,
} from './events.ts'
import { headOf, lightOptions, type ReadLightBlock, readLightBlock } from './light-block.ts'
import type { LightClientTransport, PeerName } from './transport.ts'
import { openRecord, sealRecord, trustPath } from './trusted-record.ts'
import { MemoryTrustedStore, type TrustedStore } from './trusted-store.ts'
import {
  type QueryContext,
  type ReportedHistory,
  reportedHistory,
  type TxInclusion,
  type VerifiedAccount,
  verifiedAccount,
  verifiedTxInclusion,
} from './verified-queries.ts'
import { checkWitness } from './witness-check.ts'

export interface LightClientComponents {
  core: WeftCore
  transport: LightClientTransport
  /** Defaults to memory (nothing survives a reload). */
  store?: TrustedStore
  /** Milliseconds since the Unix epoch: the `now` every verification is judged at. */
  now?: () => number
}

export interface LightClientInit {
  /** Witnesses that must agree with the primary before a synced head is adopted; default 2. */
  minWitnesses?: number
  /** Gossip-fed heads are cross-checked every this many heights; default 16. */
  crossCheckEveryHeights?: number
  /** The trusted state is saved every this many heights and after each sync; default 16. */
  saveEveryHeights?: number
  /** Verified light blocks kept to check proofs against; default 1024. */
  verifiedCacheBlocks?: number
  /** How far ahead of the clock a header's time may be; the core's default 10 s. */
  maxClockDriftMs?: number
}

/** A finalized block from gossip, as a light block or as the topic carries it. */
export type FinalizedInput =
  | { lightBlock: Uint8Array; from?: PeerName }
  | { block: Uint8Array; commit: Uint8Array; from?: PeerName }

export type FinalizedOutcome =
  | { status: 'verified'; head: VerifiedHead }
  /** At or below the head: nothing to do. */
  | { status: 'stale' }
  /** More than one height above the head: call sync(). */
  | { status: 'gap'; height: number }
  /** The core refused it (the reason is its code); the head is unchanged. */
  | { status: 'rejected'; reason: string }
  | { status: 'halted' }

export class LightClient {
  readonly #core: WeftCore
  readonly #transport: LightClientTransport
  readonly #store: TrustedStore
  readonly #now: () => number
  readonly #minWitnesses: number
  readonly #crossCheckEvery: number
  readonly #saveEvery: number
  readonly #cacheBlocks: number
  readonly #maxClockDriftMs: number | undefined
  readonly #listeners = new Set<LightClientListener>()
  /** Peers that served blocks the core refused: never asked again by this client. */
  readonly #faulty = new Set<PeerName>()
  /** Every block the client verified, by height (bounded): what proofs are checked against. */
  readonly #verified = new Map<number, ReadLightBlock>()
  #chain: ChainTrust | undefined
  /** The saved trust path (anchor first), and blocks verified since, ascending. */
  #path: ReadLightBlock[] = []
  #since: ReadLightBlock[] = []
  #head: ReadLightBlock | undefined
  /** The newest head the witnesses agreed with: the common block of the next cross-check. */
  #witnessed: ReadLightBlock | undefined
  #primary: PeerName | undefined
  #conflict: ConflictDetected | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(components: LightClientComponents, init: LightClientInit = {}) {
    this.#core = components.core
    this.#transport = components.transport
    this.#store = components.store ?? new MemoryTrustedStore()
    this.#now = components.now ?? Date.now
    this.#minWitnesses = count('minWitnesses', init.minWitnesses ?? DEFAULT_MIN_WITNESSES, 0)
    this.#crossCheckEvery = count(
      'crossCheckEveryHeights',
      init.crossCheckEveryHeights ?? DEFAULT_CROSS_CHECK_EVERY_HEIGHTS,
      1,
    )
    this.#saveEvery = count(
      'saveEveryHeights',
      init.saveEveryHeights ?? DEFAULT_SAVE_EVERY_HEIGHTS,
      1,
    )
    this.#cacheBlocks = count(
      'verifiedCacheBlocks',
      init.verifiedCacheBlocks ?? DEFAULT_VERIFIED_CACHE_BLOCKS,
      1,
    )
    this.#maxClockDriftMs = init.maxClockDriftMs
  }

  /**
   * Establishes trust from `config` — the stored state when it verifies again, else the anchor
   * the config names, fetched from a peer — then syncs to the best height. Resolves with the
   * verified head. A client halted by an earlier conflict resumes halted and does not sync.
   */
  async start(config: LightClientConfig): Promise<VerifiedHead> {
    const chain = chainTrust(this.#core, config)
    this.#chain = chain
    this.#conflict = await this.#store.loadConflict()
    if (!(await this.#resume(chain))) await this.#establishAnchor(chain)
    if (this.#conflict !== undefined) return headOf(this.#requireHead())
    return this.sync()
  }

  /** Verifies the primary's best height by bisection, cross-checks it, and adopts it. */
  sync(): Promise<VerifiedHead> {
    return this.#exclusive(() => this.#sync())
  }

  /** A finalized block from gossip: verified adjacent to the head, then adopted. */
  onFinalized(input: FinalizedInput): Promise<FinalizedOutcome> {
    return this.#exclusive(() => this.#onFinalized(input))
  }

  /** Subscribes to the client's events; returns the unsubscribe function. */
  subscribe(listener: LightClientListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  get head(): VerifiedHead | undefined {
    return this.#head === undefined ? undefined : headOf(this.#head)
  }

  /** The conflict the client halted on, kept with its evidence until resolved. */
  get conflict(): ConflictDetected | undefined {
    return this.#conflict
  }

  /** The flag the wallet checks before it signs or sends anything. */
  get sendingAllowed(): boolean {
    return this.#head !== undefined && this.#conflict === undefined
  }

  /** Throws ConflictHaltedError while halted (or NOT_STARTED): call before sending. */
  assertCanSend(): void {
    this.#requireRunning()
  }

  get primary(): PeerName | undefined {
    return this.#primary
  }

  /** Peers this client stopped relying on because the core refused what they served. */
  get faultyPeers(): PeerName[] {
    return [...this.#faulty]
  }

  /** An account's balance and nonce at the verified head, checked by its state proof. */
  async account(address: Uint8Array): Promise<VerifiedAccount> {
    this.#requireRunning()
    return verifiedAccount(this.#queryContext(), address)
  }

  /** Where a transaction landed, checked by its inclusion proof against a verified header. */
  async txInclusion(txId: Uint8Array): Promise<TxInclusion> {
    this.#requireRunning()
    return verifiedTxInclusion(this.#queryContext(), txId)
  }

  /** A page of an address's transactions as an archive node reports them: not verified. */
  async addressHistory(
    address: Uint8Array,
    options: { limit?: number; before?: AddressTxsCursor } = {},
  ): Promise<ReportedHistory> {
    this.#requireHead()
    return reportedHistory(
      this.#queryContext(),
      address,
      options.limit ?? DEFAULT_HISTORY_PAGE,
      options.before,
    )
  }

  /**
   * A person has looked at the conflict and chosen to go on: the evidence and the trusted state
   * are dropped, and start() must run again (from the config's anchor).
   */
  async resolveConflict(): Promise<void> {
    await this.#exclusive(async () => {
      await this.#store.clearConflict()
      await this.#store.clearTrusted()
      this.#conflict = undefined
      this.#head = undefined
      this.#witnessed = undefined
      this.#path = []
      this.#since = []
      this.#verified.clear()
    })
  }

  /** Saves what was verified since the last save. */
  async stop(): Promise<void> {
    await this.#exclusive(() => this.#save())
  }

  // --- trust: stored state, or the anchor ---

  async #resume(chain: ChainTrust): Promise<boolean> {
    const stored = await this.#store.loadTrusted()
    if (stored === undefined) return false
    const opened = openRecord(this.#core, chain, stored, this.#now())
    if (!opened.ok) {
      this.#emit({ type: 'storeDiscarded', reason: opened.reason, detail: opened.detail })
      await this.#store.clearTrusted()
      return false
    }
    this.#path = opened.path
    for (const block of opened.path) this.#remember(block)
    const head = opened.path[opened.path.length - 1] as ReadLightBlock
    this.#head = head
    this.#witnessed = head
    this.#emit({ type: 'head', head: headOf(head), source: 'resume' })
    return true
  }

  async #establishAnchor(chain: ChainTrust): Promise<void> {
    const height = anchorHeight(chain)
    const refusals: string[] = []
    for (const peer of this.#candidates()) {
      let block: Uint8Array | undefined
      try {
        ;[block] = await this.#transport.lightBlocks(peer, height, 1)
      } catch (err) {
        refusals.push(`${peer}: ${errorCode(err)}`)
        continue
      }
      if (block === undefined) {
        refusals.push(`${peer}: no block ${height}`)
        continue
      }
      const check = checkAnchor(this.#core, chain, block, this.#now())
      if (check.ok) {
        this.#primary = peer
        this.#path = [check.block]
        this.#since = []
        this.#head = check.block
        this.#witnessed = check.block
        this.#remember(check.block)
        await this.#store.saveTrusted(sealRecord(this.#core, chain, this.#path))
        this.#emit({ type: 'head', head: headOf(check.block), source: 'anchor' })
        return
      }
      // The anchor is authentic before its age is judged, so its expiry is the chain's, not
      // the peer's: no other peer can serve a younger one.
      if (check.reason === 'LightError.TrustedExpired') {
        throw chain.checkpoint === undefined
          ? new LightClientError(
              'TRUST_EXPIRED',
              'block 1 is older than the trusting period: configure a recent checkpoint',
            )
          : new LightClientError(
              'CHECKPOINT_EXPIRED',
              `the checkpoint at ${height} is older than the trusting period: configure a newer one`,
            )
      }
      this.#markFaulty(peer, `anchor: ${check.reason}`, 'primaryReplaced')
      refusals.push(`${peer}: ${check.reason}`)
    }
    if (refusals.length === 0)
      throw new LightClientError('NO_PEERS', 'no peer to fetch the anchor from')
    throw new LightClientError(
      'UNSERVED',
      `no peer served the anchor at ${height}: ${refusals.join('; ')}`,
    )
  }

  // --- following the chain ---

  async #sync(): Promise<VerifiedHead> {
    const chain = this.#requireChain()
    this.#requireRunning()
    const skipped = new Set<PeerName>()
    for (let attempt = 0; attempt <= MAX_PRIMARY_RESTARTS; attempt++) {
      const primary = this.#pickPrimary(skipped)
      const head = this.#requireHead()
      let target: number
      try {
        target = await this.#transport.height(primary)
      } catch {
        skipped.add(primary)
        continue
      }
      if (target <= head.height) return headOf(head)
      const run = await bisect(
        this.#core,
        chain,
        head,
        target,
        async (h) => (await this.#transport.lightBlocks(primary, h, 1))[0],
        this.#now(),
        this.#maxClockDriftMs,
      )
      if (!run.ok) {
        if (run.reason === 'LightError.TrustedExpired') {
          throw new LightClientError(
            'TRUST_EXPIRED',
            `the trusted block at ${head.height} is older than the trusting period`,
          )
        }
        if (run.reason === 'UNSERVED') skipped.add(primary)
        else
          this.#markFaulty(primary, `light block ${run.height}: ${run.reason}`, 'primaryReplaced')
        continue
      }
      const verified = readLightBlock(this.#core, run.block)
      await this.#crossCheck(head, verified, primary)
      const provided = run.provided
        .filter((b) => b !== run.block)
        .map((b) => readLightBlock(this.#core, b))
        .filter((b) => b.height < verified.height)
      this.#adopt([...provided, verified], 'sync')
      this.#witnessed = verified
      await this.#save()
      return headOf(verified)
    }
    throw new LightClientError('UNVERIFIED', 'no primary served a verifiable head')
  }

  async #onFinalized(input: FinalizedInput): Promise<FinalizedOutcome> {
    const chain = this.#requireChain()
    const head = this.#requireHead()
    if (this.#conflict !== undefined) return { status: 'halted' }
    let block: ReadLightBlock
    try {
      const bytes = 'lightBlock' in input ? input.lightBlock : await this.#lightBlockOf(input, head)
      if (bytes === undefined) return { status: 'rejected', reason: 'UNSERVED' }
      block = readLightBlock(this.#core, bytes)
    } catch (err) {
      return { status: 'rejected', reason: errorCode(err) }
    }
    if (block.height <= head.height) return { status: 'stale' }
    if (block.height > head.height + 1) return { status: 'gap', height: block.height }
    const check = this.#core.verifyLightBlock(
      { block: head.bytes },
      block.bytes,
      lightOptions(chain, this.#maxClockDriftMs),
      this.#now(),
    )
    if (!check.ok) return { status: 'rejected', reason: check.reason }
    this.#adopt([block], 'gossip')
    const common = this.#witnessed ?? head
    if (block.height - common.height >= this.#crossCheckEvery) {
      try {
        await this.#crossCheck(common, block, input.from ?? 'gossip')
        this.#witnessed = block
      } catch (err) {
        // A conflict has halted the client (reported below); too few witnesses answering
        // leaves the head standing, and the next block tries again.
        if (!(err instanceof LightClientError)) throw err
        if (err.code !== 'NOT_ENOUGH_WITNESSES' && err.code !== 'HALTED') throw err
      }
    }
    if (this.#conflict !== undefined) return { status: 'halted' }
    if (block.height - (this.#path[this.#path.length - 1]?.height ?? 0) >= this.#saveEvery)
      await this.#save()
    return { status: 'verified', head: headOf(block) }
  }

  // The gossip topic carries the block and its commit but no validator set: the head's next
  // set signs it, which is the head's own set unless the chain changed sets there — then the
  // light block is fetched instead.
  async #lightBlockOf(
    input: { block: Uint8Array; commit: Uint8Array },
    head: ReadLightBlock,
  ): Promise<Uint8Array | undefined> {
    const views = this.#core.views
    const header = views.decode('block', input.block).header
    if (!equalBytes(head.header.nextValidatorsHash, head.header.validatorsHash)) {
      const peer = this.#pickPrimary(new Set())
      return (await this.#transport.lightBlocks(peer, Number(header.height), 1))[0]
    }
    return views.encode('lightBlock', {
      header,
      commit: views.decode('commit', input.commit),
      validators: head.view.validators,
    })
  }

  // --- witnesses ---

  async #crossCheck(common: ReadLightBlock, verified: ReadLightBlock, primary: PeerName) {
    const chain = this.#requireChain()
    if (this.#minWitnesses === 0) return
    const input = {
      core: this.#core,
      chain,
      transport: this.#transport,
      common,
      verified,
      nowMs: this.#now(),
      ...(this.#maxClockDriftMs === undefined ? {} : { maxClockDriftMs: this.#maxClockDriftMs }),
    }
    let agreed = 0
    const unavailable: string[] = []
    for (const witness of this.#candidates()) {
      if (agreed >= this.#minWitnesses) break
      if (witness === primary) continue
      const verdict = await checkWitness(input, witness)
      if (verdict.status === 'agrees') agreed++
      else if (verdict.status === 'unavailable') unavailable.push(`${witness}: ${verdict.reason}`)
      else if (verdict.status === 'faulty')
        this.#markFaulty(witness, verdict.reason, 'witnessReplaced')
      else {
        const conflict: ConflictDetected = {
          height: verified.height,
          commonHeight: common.height,
          primary,
          witness,
          primaryBlockId: verified.blockId,
          witnessBlockId: readLightBlock(this.#core, verdict.conflicting).blockId,
          evidence: verdict.evidence,
          detectedAt: this.#now(),
        }
        this.#conflict = conflict
        await this.#store.saveConflict(conflict)
        this.#emit({ type: 'conflict', conflict })
        throw new ConflictHaltedError(conflict)
      }
    }
    if (agreed < this.#minWitnesses) {
      throw new LightClientError(
        'NOT_ENOUGH_WITNESSES',
        `${agreed} of ${this.#minWitnesses} witnesses confirmed height ${verified.height}` +
          (unavailable.length > 0 ? ` (${unavailable.join('; ')})` : ''),
      )
    }
  }

  // --- state ---

  #adopt(blocks: ReadLightBlock[], source: HeadSource): void {
    for (const block of blocks) {
      this.#remember(block)
      this.#since.push(block)
    }
    const head = blocks[blocks.length - 1] as ReadLightBlock
    this.#head = head
    this.#emit({ type: 'head', head: headOf(head), source })
  }

  #remember(block: ReadLightBlock): void {
    this.#verified.delete(block.height)
    this.#verified.set(block.height, block)
    while (this.#verified.size > this.#cacheBlocks) {
      const oldest = this.#verified.keys().next().value as number
      this.#verified.delete(oldest)
    }
  }

  async #save(): Promise<void> {
    const chain = this.#chain
    const head = this.#head
    if (chain === undefined || head === undefined || this.#since.length === 0) return
    const candidates = [...this.#path, ...this.#since].sort((a, b) => a.height - b.height)
    const path = trustPath(this.#core, chain, candidates, head)
    await this.#store.saveTrusted(sealRecord(this.#core, chain, path))
    this.#path = path
    this.#since = []
  }

  // A verified light block at `height`: held already, or verified by bisection from the
  // nearest trusted block below it that has not expired.
  async #verifiedAt(height: number, peer: PeerName): Promise<ReadLightBlock> {
    const chain = this.#requireChain()
    const held = this.#verified.get(height)
    if (held !== undefined) return held
    const now = this.#now()
    let from: ReadLightBlock | undefined
    for (const block of this.#verified.values()) {
      if (block.height >= height || block.time + chain.trustingPeriodMs <= now) continue
      if (from === undefined || block.height > from.height) from = block
    }
    if (from === undefined) {
      throw new LightClientError(
        'TOO_OLD',
        `no trusted block within the trusting period lies below height ${height}`,
      )
    }
    const fetchFrom = [peer, ...this.#candidates().filter((p) => p !== peer)]
    for (const source of fetchFrom) {
      const run = await bisect(
        this.#core,
        chain,
        from,
        height,
        async (h) => (await this.#transport.lightBlocks(source, h, 1))[0],
        now,
        this.#maxClockDriftMs,
      )
      if (run.ok) {
        const block = readLightBlock(this.#core, run.block)
        this.#remember(block)
        return block
      }
      if (run.reason !== 'UNSERVED')
        this.#markFaulty(source, `light block ${run.height}: ${run.reason}`, 'witnessReplaced')
    }
    throw new LightClientError('UNVERIFIED', `no peer served a verifiable header at ${height}`)
  }

  #queryContext(): QueryContext {
    return {
      core: this.#core,
      chain: this.#requireChain(),
      transport: this.#transport,
      peers: () => this.#candidates(),
      head: () => this.#requireHead(),
      verifiedAt: (height, peer) => this.#verifiedAt(height, peer),
    }
  }

  // --- peers ---

  /** Peers not known faulty, the primary first. */
  #candidates(): PeerName[] {
    const peers = this.#transport.peers().filter((p) => !this.#faulty.has(p))
    const primary = this.#primary
    if (primary === undefined || !peers.includes(primary)) return peers
    return [primary, ...peers.filter((p) => p !== primary)]
  }

  #pickPrimary(skipped: Set<PeerName>): PeerName {
    const primary = this.#candidates().find((p) => !skipped.has(p))
    if (primary === undefined) throw new LightClientError('NO_PEERS', 'no peer left to sync from')
    this.#primary = primary
    return primary
  }

  #markFaulty(peer: PeerName, reason: string, type: 'primaryReplaced' | 'witnessReplaced') {
    this.#faulty.add(peer)
    if (this.#primary === peer) this.#primary = undefined
    this.#emit({ type, peer, reason })
  }

  // --- plumbing ---

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(run)
    this.#queue = result.catch(() => undefined)
    return result
  }

  #emit(event: LightClientEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // A listener's failure is the host's; the client's state is already consistent.
      }
    }
  }

  #requireChain(): ChainTrust {
    if (this.#chain === undefined) throw new LightClientError('NOT_STARTED', 'call start() first')
    return this.#chain
  }

  #requireHead(): ReadLightBlock {
    if (this.#head === undefined) throw new LightClientError('NOT_STARTED', 'call start() first')
    return this.#head
  }

  #requireRunning(): void {
    this.#requireHead()
    if (this.#conflict !== undefined) throw new ConflictHaltedError(this.#conflict)
  }
}

export function lightClient(
  init: LightClientInit = {},
): (components: LightClientComponents) => LightClient {
  return (components) => new LightClient(components, init)
}

function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new LightClientError('BAD_CONFIG', `${name} must be a whole number from ${min} on`)
  }
  return value
}
