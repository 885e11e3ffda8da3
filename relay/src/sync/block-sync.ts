// Block sync (docs/sync.md): a node behind its peers first fetches the light blocks ahead of its
// head over /weft/headers/1.0.0 and verifies them as a chain (HeaderChain), then fetches the
// finalized blocks with their commits in batches over /weft/blocks/1.0.0 from several peers,
// checks each against its verified header, and feeds it to the consensus driver, which verifies
// the commit and executes the block through the core. A peer whose answer fails is dropped from
// the round and another is tried. Progress (height, rates, ETA) is emitted as events: the node
// logs them, or draws them as a bar on a terminal.
import { EventEmitter } from 'node:events'
import type { Libp2p, PeerId } from '@libp2p/interface'
import {
  BLOCKS_LIMITS,
  BLOCKS_PROTOCOL,
  BLOCKS_RESPONSE_SOFT_BYTES,
  type BlockWithCommit,
  decodeBlocksRequest,
  decodeBlocksResponse,
  encodeBlocksRequest,
  encodeBlocksResponse,
  MAX_BLOCKS_PER_REQUEST,
  MAX_LIGHT_BLOCKS_PER_REQUEST,
  MessageFormatError,
  ProtocolError,
  requestLightBlocks,
  sendRequest,
  serveRequests,
} from '@weft/core'
import type { Chain, CommittedEvent } from '../chain/chain.ts'
import { storedLightBlock } from '../chain/light-blocks.ts'
import type { ConsensusDriver } from '../consensus/consensus-driver.ts'
import type { Logger } from '../log.ts'
import { faultOf } from '../net/peer-faults.ts'
import type { ReputationHooks } from '../net/peer-reputation.ts'
import type { PeerStatus } from '../net/peer-status.ts'
import { HeaderChain } from './header-chain.ts'
import { SyncProgress, type SyncProgressEvent } from './sync-progress.ts'

/** Batches requested ahead of the one being applied. */
const WINDOW = 4
/** Header ranges asked of one peer at once (its server takes 4 streams at a time). */
const HEADER_REQUESTS_AT_ONCE = 4
const PROGRESS_EVERY_MS = 1000

interface Batch {
  peer: PeerId
  from: number
  count: number
  blocks: Promise<BlockWithCommit[] | undefined>
}

export interface BlockSyncEvents {
  /** About once a second while a run is under way. */
  progress: [SyncProgressEvent]
  /** A run ended: caught up, or no peer is ahead any more. */
  done: [SyncProgressEvent]
}

export class BlockSync extends EventEmitter<BlockSyncEvents> {
  readonly #node: Libp2p
  readonly #chain: Chain
  readonly #driver: ConsensusDriver
  readonly #status: PeerStatus
  readonly #log: Logger
  readonly #reputation: ReputationHooks | undefined
  #running = false
  #stopped = false
  #target = 0

  constructor(init: {
    node: Libp2p
    chain: Chain
    driver: ConsensusDriver
    status: PeerStatus
    log: Logger
    reputation?: ReputationHooks
  }) {
    super()
    this.#reputation = init.reputation
    this.#node = init.node
    this.#chain = init.chain
    this.#driver = init.driver
    this.#status = init.status
    this.#log = init.log
  }

  /** True while this node is fetching blocks it is missing. */
  get syncing(): boolean {
    return this.#running
  }

  /** The best height peers reported: what sync aims for. */
  get targetHeight(): number {
    return this.#target
  }

  async start(): Promise<void> {
    await this.#node.handle(
      BLOCKS_PROTOCOL,
      serveRequests(
        BLOCKS_LIMITS,
        (r) => this.#serve(r),
        this.#reputation?.guards(BLOCKS_PROTOCOL),
      ),
      {
        maxInboundStreams: 4,
      },
    )
    this.#status.on('height', ({ height }) => {
      this.#target = Math.max(this.#target, height)
      if (height > this.#chain.head.height) void this.#run()
    })
  }

  async stop(): Promise<void> {
    this.#stopped = true
    await this.#node.unhandle(BLOCKS_PROTOCOL)
  }

  #serve(request: Uint8Array): Uint8Array | undefined {
    let q: ReturnType<typeof decodeBlocksRequest>
    try {
      q = decodeBlocksRequest(request)
    } catch (err) {
      if (err instanceof MessageFormatError) return undefined
      throw err
    }
    const out: BlockWithCommit[] = []
    let bytes = 0
    const head = this.#chain.head.height
    for (
      let h = q.from;
      h < q.from + q.count && h <= head && bytes < BLOCKS_RESPONSE_SOFT_BYTES;
      h++
    ) {
      const block = this.#chain.store.block(h)
      const commit = this.#chain.store.commit(h)
      if (block === undefined || commit === undefined) break
      out.push({ block, commit })
      bytes += block.length + commit.length
    }
    return encodeBlocksResponse(out)
  }

  // Batches are requested from the peers ahead of us in turn, up to WINDOW at once, and applied
  // strictly in height order as they arrive. Any gap or failure (a short answer, a bad block, a
  // peer gone) drops what is in flight and starts again from the head, without that peer if it
  // was at fault.
  async #run(): Promise<void> {
    if (this.#running) return
    this.#running = true
    const progress = new SyncProgress(this.#chain.head.height, Date.now())
    const onCommitted = (e: CommittedEvent) =>
      progress.applied(e.height, e.outcome.receipts.length, Date.now())
    this.#chain.on('committed', onCommitted)
    const params = this.#chain.core.views.decode('genesis', this.#chain.genesis).params
    const headers = new HeaderChain(this.#chain.core, {
      trustingPeriodMs: Number(params.trustingPeriodMs),
      maxValidators: params.maxValidators,
    })
    const failed = new Set<string>()
    let inflight: Batch[] = []
    let nextFrom = this.#chain.head.height + 1
    let turn = 0
    let lastReport = 0
    try {
      while (!this.#stopped) {
        const head = this.#chain.head.height
        const ahead = this.#status
          .peers()
          .filter((p) => p.height > head && !failed.has(p.peer.toString()))
        if (ahead.length === 0 && inflight.length === 0) break
        this.#target = Math.max(this.#target, ...ahead.map((p) => p.height))
        if (nextFrom <= head) nextFrom = head + 1
        // Headers are verified from the node's own head: re-anchored whenever the head moved
        // past them (consensus committed meanwhile, or a restart of the run).
        if (head >= 1 && headers.verifiedTo < head) {
          const anchor = storedLightBlock(this.#chain, head)
          if (anchor !== undefined) headers.anchor(head, anchor)
        }
        while (inflight.length < WINDOW) {
          // A peer whose headers failed just now is out of this run's turns too.
          const able = ahead.filter((p) => p.height >= nextFrom && !failed.has(p.peer.toString()))
          const peer = able[turn++ % Math.max(able.length, 1)]
          if (peer === undefined) break
          // Block 1 has no header to be checked against (the chain of headers starts from a
          // committed block): it comes alone, its commit checked against the genesis set.
          if (!headers.anchored && inflight.length > 0) break
          const count = headers.anchored
            ? Math.min(MAX_BLOCKS_PER_REQUEST, peer.height - nextFrom + 1)
            : 1
          // Headers for the whole window ahead at once, so each batch does not wait on its own.
          const headed =
            headers.verifiedTo >= nextFrom + count - 1 ||
            (await this.#verifyHeaders(
              headers,
              ahead,
              Math.min(peer.height, nextFrom + WINDOW * MAX_BLOCKS_PER_REQUEST - 1),
              failed,
            ))
          if (!headed) break
          if (failed.has(peer.peer.toString())) continue // its own headers just failed
          inflight.push({
            peer: peer.peer,
            from: nextFrom,
            count,
            blocks: this.#fetch(peer.peer, nextFrom, count),
          })
          nextFrom += count
        }
        const batch = inflight.shift()
        if (batch === undefined) break
        const blocks = await batch.blocks
        const restart = () => {
          for (const b of inflight) void b.blocks.catch(() => undefined)
          inflight = []
          nextFrom = this.#chain.head.height + 1
        }
        if (blocks === undefined || blocks.length === 0) {
          if (blocks !== undefined)
            this.#reputation?.report(batch.peer, 'refused', { detail: 'blocks: none' })
          failed.add(batch.peer.toString())
          restart()
          continue
        }
        let ok = true
        for (const [i, b] of blocks.entries()) {
          const height = batch.from + i
          if (height <= this.#chain.head.height) continue
          if (height !== this.#chain.head.height + 1) {
            ok = false // an earlier batch fell short: heights are missing before this one
            break
          }
          const expected = headers.blockIdAt(height)
          const id = Buffer.from(this.#chain.core.views.id('block', b.block)).toString('hex')
          if (expected !== undefined && expected !== id) {
            this.#log.warn(
              { peer: batch.peer.toString(), height },
              'a synced block is not the one its verified header names; trying another peer',
            )
            this.#reputation?.report(batch.peer, 'invalid-block', { detail: `height ${height}` })
            failed.add(batch.peer.toString())
            ok = false
            break
          }
          if (!(await this.#driver.syncBlock(b.block, b.commit))) {
            // Consensus may have committed this height meanwhile; only a block that failed
            // verification is the peer's fault.
            if (this.#chain.head.height >= height) continue
            this.#log.warn(
              { peer: batch.peer.toString(), height },
              'a synced block did not verify; trying another peer',
            )
            // A body that matches a verified header is the chain's own block: if it still does
            // not go in, the cause is here, not the peer. Only an unheaded one is its fault.
            if (expected === undefined)
              this.#reputation?.report(batch.peer, 'invalid-block', { detail: `height ${height}` })
            failed.add(batch.peer.toString())
            ok = false
            break
          }
        }
        if (ok) this.#reputation?.report(batch.peer, 'block-delivered', { count: blocks.length })
        if (!ok || blocks.length < batch.count) restart()
        if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
          lastReport = Date.now()
          this.emit('progress', progress.event(this.#target, lastReport))
        }
      }
    } finally {
      this.#chain.off('committed', onCommitted)
      this.#running = false
      this.emit('done', progress.event(this.#target, Date.now()))
    }
  }

  // Verifies headers up to `upTo` (or as far as peers have them) before blocks up there are
  // asked for. Without an anchor (a node at genesis) blocks go unheaded: the driver verifies
  // each commit against the state's set anyway. False: no peer could extend the chain of
  // headers, so no batch should be scheduled this turn.
  async #verifyHeaders(
    headers: HeaderChain,
    peers: readonly { peer: PeerId; height: number }[],
    upTo: number,
    failed: Set<string>,
  ): Promise<boolean> {
    if (!headers.anchored) return true
    while (headers.verifiedTo < upTo) {
      const from = headers.verifiedTo + 1
      const peer = peers
        .filter((p) => p.height >= from && !failed.has(p.peer.toString()))
        .sort((a, b) => b.height - a.height)[0]
      if (peer === undefined) return false
      // Several consecutive ranges asked at once of the best peer: one round trip, not one per
      // range. They are verified in order; a short answer ends the round (what follows it
      // would not join on) and the loop asks again from where the chain got to.
      const ranges: { from: number; count: number }[] = []
      const last = Math.min(upTo, peer.height)
      for (
        let f = from;
        f <= last && ranges.length < HEADER_REQUESTS_AT_ONCE;
        f += MAX_LIGHT_BLOCKS_PER_REQUEST
      )
        ranges.push({ from: f, count: Math.min(MAX_LIGHT_BLOCKS_PER_REQUEST, last - f + 1) })
      const answers = await Promise.allSettled(
        ranges.map((r) => requestLightBlocks(this.#node, peer.peer, r)),
      )
      for (const [i, answer] of answers.entries()) {
        if (answer.status === 'rejected') {
          const err: unknown = answer.reason
          if (!(err instanceof ProtocolError || err instanceof MessageFormatError)) throw err
          this.#log.warn({ peer: peer.peer.toString(), err: err.message }, 'header request failed')
          this.#reputation?.report(peer.peer, faultOf(err) ?? 'refused', { detail: 'headers' })
          failed.add(peer.peer.toString())
          break
        }
        const lightBlocks = answer.value
        const check = headers.extend(lightBlocks)
        if (!check.ok) {
          this.#log.warn(
            { peer: peer.peer.toString(), height: check.height, reason: check.reason },
            'a header did not verify; trying another peer',
          )
          this.#reputation?.report(peer.peer, 'invalid-header', {
            detail: `height ${check.height}`,
          })
          failed.add(peer.peer.toString())
          break
        }
        if (lightBlocks.length === 0) {
          failed.add(peer.peer.toString())
          break
        }
        this.#reputation?.report(peer.peer, 'header-delivered', { count: lightBlocks.length })
        if (lightBlocks.length < (ranges[i]?.count ?? 0)) break
      }
    }
    return true
  }

  async #fetch(peer: PeerId, from: number, count: number): Promise<BlockWithCommit[] | undefined> {
    try {
      const answer = await sendRequest(
        this.#node,
        peer,
        BLOCKS_PROTOCOL,
        encodeBlocksRequest({ from, count }),
        BLOCKS_LIMITS,
      )
      return decodeBlocksResponse(answer)
    } catch (err) {
      if (err instanceof ProtocolError || err instanceof MessageFormatError) {
        this.#log.warn({ peer: peer.toString(), err: err.message }, 'block request failed')
        this.#reputation?.report(peer, faultOf(err) ?? 'refused', { detail: 'blocks' })
        return undefined
      }
      throw err
    }
  }
}
