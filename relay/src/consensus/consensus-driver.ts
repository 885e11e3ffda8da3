// Drives the core's Tendermint machine with real timers, gossip, signing and the disk (docs/
// node.md, "Consensus"). Every node runs one: a validator signs and proposes; any other node
// follows the votes and decides with the validators. The machine never does I/O — this host does,
// in the order safety needs: approve by the sign guard, persist the record, then sign and send.

import type { PeerId } from '@libp2p/interface'
import {
  type ConsensusMessage,
  decodeConsensusMessage,
  decodeFinalizedBlock,
  encodeConsensusMessage,
  encodeFinalizedBlock,
  MessageFormatError,
} from '@weft/core'
import { type Action, type ConsensusMachine, SignGuard, type WeftCore } from '@weft/wasm'
import type { Chain } from '../chain/chain.ts'
import type { Gossip, Verdict } from '../net/gossip.ts'
import type { EvidencePool } from './evidence-pool.ts'

export interface ValidatorSigner {
  publicKey: Uint8Array
  sign(digest: Uint8Array): Uint8Array
}

export interface ConsensusLog {
  debug(fields: object, message: string): void
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface ConsensusDriverInit {
  core: WeftCore
  chain: Chain
  gossip: Gossip
  /** Absent on non-validators: the machine follows and never signs. */
  signer?: ValidatorSigner
  /** Mempool transactions in the order the proposer should try them. */
  candidates(): Uint8Array[]
  /** Evidence to propose, and where evidence this node finds goes (none: it is only gossiped). */
  evidence?: EvidencePool
  log: ConsensusLog
  /** Pause after a decision before the next height (the chain's timeout_commit). */
  commitDelayMs: number
  /**
   * Whether transactions wait for a block: the next height then starts as soon as this one is
   * committed, and timeout_commit paces only a quiet chain. Absent: always wait.
   */
  hasCandidates?: () => boolean
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number
  /** A peer sent a message for a height above ours: this node is behind it (block sync asks). */
  onPeerAhead?: (peer: PeerId, height: bigint) => void
  /** How often this validator re-sends its own messages of an undecided height (default 1 s). */
  rebroadcastMs?: number
  /** The level of the 'committed block' line for blocks that came through sync (default info). */
  syncedBlockLogLevel?: 'info' | 'debug'
}

// Messages for heights or rounds the machine cannot read yet (it is behind, or they are far
// ahead) wait here, bounded so a peer cannot make a node hold unbounded memory.
const MAX_WAITING_MESSAGES = 4096
const MAX_KNOWN_BLOCKS = 64
const MAX_FINALIZED_AHEAD = 64

export class ConsensusDriver {
  readonly #core: WeftCore
  readonly #chain: Chain
  readonly #gossip: Gossip
  readonly #signer: ValidatorSigner | undefined
  readonly #candidates: () => Uint8Array[]
  readonly #evidence: EvidencePool | undefined
  readonly #log: ConsensusLog
  readonly #commitDelayMs: number
  readonly #hasCandidates: () => boolean
  readonly #now: () => number
  readonly #machine: ConsensusMachine
  readonly #guard: SignGuard
  /** Blocks seen in proposals or finalized-block messages, by block id (hex). */
  readonly #blocks = new Map<string, Uint8Array>()
  /** Blocks the machine asked about this height before they arrived, by block id (hex). */
  readonly #awaitingBlocks = new Set<string>()
  /** Validity answers for blocks validated this height, by block id (hex). */
  readonly #validity = new Map<string, boolean>()
  readonly #waiting: ConsensusMessage[] = []
  /** Finalized blocks received for heights above ours, by height. */
  readonly #finalizedAhead = new Map<number, { block: Uint8Array; commit: Uint8Array }>()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()
  // This validator's signed messages of the current height. Gossip is best effort — a message
  // sent before a peer's subscription arrived is lost — so they are re-sent until the height is
  // decided; receivers drop duplicates.
  readonly #own: ConsensusMessage[] = []
  readonly #onPeerAhead: ((peer: PeerId, height: bigint) => void) | undefined
  readonly #rebroadcastMs: number
  readonly #syncedBlockLogLevel: 'info' | 'debug'
  #rebroadcast: ReturnType<typeof setInterval> | undefined
  #attempt = 0
  #queue: Promise<void> = Promise.resolve()
  #stopped = false
  #halted = false
  #syncing = false

  constructor(init: ConsensusDriverInit) {
    this.#core = init.core
    this.#chain = init.chain
    this.#gossip = init.gossip
    this.#signer = init.signer
    this.#candidates = init.candidates
    this.#evidence = init.evidence
    this.#log = init.log
    this.#commitDelayMs = init.commitDelayMs
    this.#hasCandidates = init.hasCandidates ?? (() => false)
    this.#now = init.now ?? Date.now
    this.#onPeerAhead = init.onPeerAhead
    this.#rebroadcastMs = init.rebroadcastMs ?? 1000
    this.#syncedBlockLogLevel = init.syncedBlockLogLevel ?? 'info'
    const params = init.core.views.decode('genesis', init.chain.genesis).params
    this.#machine = init.core.openConsensus({
      timeouts: {
        proposeMs: params.timeoutProposeMs,
        proposeDeltaMs: params.timeoutProposeDeltaMs,
        prevoteMs: params.timeoutPrevoteMs,
        prevoteDeltaMs: params.timeoutPrevoteDeltaMs,
        precommitMs: params.timeoutPrecommitMs,
        precommitDeltaMs: params.timeoutPrecommitDeltaMs,
      },
      maxValidators: params.maxValidators,
    })
    this.#guard = new SignGuard(init.core.consensus, init.chain.store.lastSigned())
  }

  /** The height the machine is deciding. */
  get height(): bigint {
    return this.#machine.height
  }

  get round(): number {
    return this.#machine.round
  }

  get halted(): boolean {
    return this.#halted
  }

  start(): void {
    this.#gossip.on('consensus', (data, from) => this.#onConsensusMessage(data, from))
    this.#gossip.on('blocks', (data) => this.#onFinalizedBlock(data))
    this.#serial(() => this.#startHeight())
    this.#rebroadcast = setInterval(() => {
      this.#serial(async () => {
        if (this.#machine.step === 'decided') return
        this.#attempt++
        for (const m of this.#own) await this.#publish({ ...m, attempt: this.#attempt })
        // Every vote held for the current round: a peer that missed some (their senders may
        // have moved on) could otherwise never gather 2f+1 of any kind to leave the round.
        const round = this.#machine.round
        for (const kind of ['prevote', 'precommit'] as const) {
          for (const vote of this.#machine.votes(round, kind)) {
            await this.#publish({ type: 'vote', vote, attempt: this.#attempt })
          }
        }
        // The proof of lock behind our valid value: a later proposal cites it, and peers that
        // missed some of its prevotes (their senders may have moved on) need them to accept it.
        const validRound = this.#machine.validRound
        if (validRound !== null && this.#machine.round > validRound) {
          for (const vote of this.#machine.votes(validRound, 'prevote')) {
            await this.#publish({ type: 'vote', vote, attempt: this.#attempt })
          }
        }
      })
    }, this.#rebroadcastMs)
  }

  /**
   * A finalized block for the next height, fetched by block sync: verified against its commit
   * and decided through the machine (so proposer priorities stay exact), then committed.
   * Resolves true once the chain's head is this block's height.
   */
  async syncBlock(block: Uint8Array, commit: Uint8Array): Promise<boolean> {
    let applied = false
    await this.#serial(async () => {
      const height = this.#chain.head.height + 1
      if (this.#machine.height !== BigInt(height) && this.#machine.height !== BigInt(height - 1))
        this.#log.warn(
          { height, machineHeight: String(this.#machine.height) },
          'sync: the consensus machine is not at the next height',
        )
      this.#syncing = true
      try {
        if (this.#machine.height === BigInt(this.#chain.head.height)) await this.#nextHeight()
        if (this.#machine.height === BigInt(height)) await this.#catchUp({ block, commit }, height)
      } finally {
        this.#syncing = false
      }
      applied = this.#chain.head.height === height
    })
    return applied
  }

  /** Stops timers and inputs; resolves once the step under way (and its disk write) is done. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#rebroadcast)
    for (const t of this.#timers) clearTimeout(t)
    this.#timers.clear()
    await this.#queue
    this.#machine.close()
  }

  // Every input runs on one queue: the machine and the chain see one event at a time, and an
  // action's awaited disk write finishes before the next input is read.
  #serial(task: () => Promise<void> | void): Promise<void> {
    this.#queue = this.#queue
      .then(async () => {
        if (!this.#stopped && !this.#halted) await task()
      })
      .catch((err: unknown) => {
        this.#log.error({ err }, 'consensus step failed')
      })
    return this.#queue
  }

  // At boot: the height after the stored head, with the proposer priorities stored for it. A
  // crash between committing a block and storing the next height's priorities leaves them one
  // height behind; they are then rebuilt by starting the previous height without signing.
  async #startHeight(): Promise<void> {
    const head = this.#chain.head
    const height = head.height + 1
    const ownKey = this.#signer?.publicKey
    const lastSigned = this.#guard.last
    const signing = {
      ...(ownKey === undefined ? {} : { ownKey }),
      ...(lastSigned === undefined ? {} : { lastSigned }),
    }
    let priorities = this.#chain.store.priorities(height)
    const previous = this.#chain.store.priorities(head.height)
    let actions: Action[]
    if (priorities === undefined && previous !== undefined) {
      this.#machine.startHeight({
        chainId: this.#chain.chainId,
        height: BigInt(head.height),
        validators: this.#validators(head.height),
        priorities: previous,
      })
      actions = this.#machine.startNextHeight({ validators: this.#validators(height), ...signing })
      priorities = this.#machine.priorities()
    } else {
      if (priorities === undefined && height > 1) {
        this.#log.warn({ height }, "no stored proposer priorities; using the set's initial ones")
      }
      actions = this.#machine.startHeight({
        chainId: this.#chain.chainId,
        height: BigInt(height),
        validators: this.#validators(height),
        ...signing,
        ...(priorities === undefined ? {} : { priorities }),
      })
    }
    this.#storePriorities(height)
    this.#own.length = 0
    await this.#run(actions)
    await this.#replayLog(height)
    await this.#replayWaiting()
  }

  // The write-ahead log of the height: [1 own | 0 peer] then the message. Own messages are
  // logged as well as the record the sign guard keeps, so a restart re-sends them.
  #appendToLog(message: ConsensusMessage, own: boolean): void {
    const encoded = encodeConsensusMessage({ ...message, attempt: 0 })
    const entry = new Uint8Array(encoded.length + 1)
    entry[0] = own ? 1 : 0
    entry.set(encoded, 1)
    this.#chain.store.walAppend(Number(this.#machine.height), entry)
  }

  // After a restart: feed the machine every message it had accepted at this height, so it has
  // the votes behind its lock again (and can relay them), and re-send its own.
  async #replayLog(height: number): Promise<void> {
    const entries = this.#chain.store.walMessages(height)
    for (const entry of entries) {
      let message: ConsensusMessage
      try {
        message = decodeConsensusMessage(entry.subarray(1))
      } catch {
        continue
      }
      if (entry[0] === 1) this.#own.push(message)
      await this.#deliver(message, undefined, true)
    }
    if (entries.length > 0)
      this.#log.info({ height, messages: entries.length }, 'replayed the consensus log')
  }

  // The machine decided the head's height: the next one carries its proposer priorities over.
  async #nextHeight(): Promise<void> {
    const height = this.#chain.head.height + 1
    const ownKey = this.#signer?.publicKey
    const actions = this.#machine.startNextHeight({
      validators: this.#validators(height),
      ...(ownKey === undefined ? {} : { ownKey }),
    })
    this.#storePriorities(height)
    this.#validity.clear()
    this.#awaitingBlocks.clear()
    this.#own.length = 0
    this.#chain.store.walTruncate(height)
    await this.#run(actions)
    await this.#replayWaiting()
  }

  // Not awaited: LMDB applies writes in order, so the next block's transaction flushes this one
  // too, and a record lost with the process is rebuilt at restart (see #startHeight).
  #storePriorities(height: number): void {
    this.#chain.store.putPriorities(height, this.#machine.priorities()).catch((err: unknown) => {
      this.#log.warn({ err: String(err) }, 'could not store proposer priorities')
    })
  }

  /** The set for `height` as the chain stored it (two heights ahead of execution). */
  #validators(height: number): Uint8Array {
    return this.#core.blocks.validatorSet(this.#chain.tree, this.#chain.head.root, BigInt(height))
  }

  async #run(actions: Action[]): Promise<void> {
    const queue = [...actions]
    for (let a = queue.shift(); a !== undefined && !this.#halted; a = queue.shift()) {
      queue.push(...(await this.#perform(a)))
    }
  }

  async #perform(a: Action): Promise<Action[]> {
    this.#log.debug(
      { action: a.type, height: Number(this.#machine.height), round: this.#machine.round },
      'consensus action',
    )
    switch (a.type) {
      case 'scheduleTimeout': {
        const timer = setTimeout(() => {
          this.#timers.delete(timer)
          this.#serial(() => this.#run(this.#machine.onTimeout(a.kind, a.height, a.round)))
        }, a.durationMs)
        this.#timers.add(timer)
        return []
      }
      case 'requestProposalBlock':
        return this.#propose(a.height, a.round)
      case 'broadcastProposal':
      case 'broadcastVote': {
        const approval = this.#guard.approve(a.record)
        if (!approval.ok) {
          this.#log.error({ reason: approval.reason }, 'the sign guard refused to sign')
          return []
        }
        // Durable before the signature exists: a crash after this point restarts from the
        // record and can never sign a conflicting message.
        await this.#chain.store.putLastSigned(a.record)
        const signer = this.#signer
        if (signer === undefined) return []
        const signed = this.#core.consensus.attachSignature(a, signer.sign(a.signDigest))
        if (a.type === 'broadcastProposal') {
          const block = this.#blocks.get(hex(this.#core.views.decode('proposal', signed).block))
          if (block === undefined) return []
          const message = { type: 'proposal' as const, proposal: signed, block }
          this.#appendToLog(message, true)
          await this.#publishOwn(message)
          return this.#applied(this.#machine.onProposal(signed))
        }
        const message = { type: 'vote' as const, vote: signed }
        this.#appendToLog(message, true)
        await this.#publishOwn(message)
        return this.#applied(this.#machine.onVote(signed))
      }
      case 'requestValidity':
        return this.#answerValidity(a.block)
      case 'decide':
        await this.#decide(a.block, a.commit)
        return []
      case 'evidenceFound':
        this.#log.warn({}, 'a validator equivocated; evidence gossiped')
        this.#evidence?.add(a.evidence)
        await this.#gossip.publish('evidence', a.evidence).catch(() => undefined)
        return []
      case 'conflictingCommits':
        this.#halted = true
        this.#log.error(
          { decided: hex(a.decided), conflicting: hex(a.conflicting) },
          'two commits for one height: more than a third of the power is Byzantine; halting',
        )
        return []
    }
  }

  #propose(height: bigint, round: number): Action[] {
    const head = this.#chain.head
    const signer = this.#signer
    if (signer === undefined) return []
    const previousTime = head.header === undefined ? 0n : this.#headerTime(head.header)
    const now = BigInt(this.#now())
    const request = {
      time: now > previousTime ? now : previousTime + 1n,
      proposer: this.#core.chain.addressOf(signer.publicKey),
      lastCommit: head.height === 0 ? this.#emptyCommit() : this.#lastCommit(head.height),
      candidates: this.#candidates(),
    }
    const build = (evidence: Uint8Array[], withTxs: boolean) =>
      this.#chain.build({
        ...request,
        evidence,
        ...(withTxs ? {} : { candidates: [] }),
      })
    const { built, evidence } =
      this.#evidence === undefined
        ? { built: build([], true), evidence: [] }
        : this.#evidence.buildWith(build)
    if (evidence.length > 0) this.#log.warn({ pieces: evidence.length }, 'proposing evidence')
    const id = built.outcome.blockId
    this.#remember(id, built.block)
    this.#validity.set(hex(id), true)
    return this.#machine.onProposalBlock(height, round, id)
  }

  #answerValidity(blockId: Uint8Array): Action[] {
    const key = hex(blockId)
    const known = this.#validity.get(key)
    if (known !== undefined) return this.#machine.onBlockValidity(blockId, known)
    const block = this.#blocks.get(key)
    // The machine asks once. Votes or a commit for a block whose proposal has not arrived yet
    // (common for a node that just caught up) wait here; #blockArrived answers when it comes.
    if (block === undefined) {
      this.#awaitingBlocks.add(key)
      return []
    }
    const valid = this.#validate(block) !== undefined
    this.#validity.set(key, valid)
    return this.#machine.onBlockValidity(blockId, valid)
  }

  #validate(block: Uint8Array): ReturnType<WeftCore['blocks']['validate']> | undefined {
    try {
      return this.#chain.validate(block)
    } catch (err) {
      this.#log.warn({ err: String(err) }, 'proposed block is invalid')
      return undefined
    }
  }

  async #decide(blockId: Uint8Array, commit: Uint8Array): Promise<void> {
    const block = this.#blocks.get(hex(blockId))
    if (block === undefined) {
      // Decided by votes before the block arrived: the finalized-blocks topic will bring it.
      this.#pendingDecision = { blockId, commit }
      return
    }
    await this.#commit(block, commit)
  }

  #pendingDecision: { blockId: Uint8Array; commit: Uint8Array } | undefined

  async #commit(block: Uint8Array, commit: Uint8Array): Promise<void> {
    this.#pendingDecision = undefined
    const committed = await this.#chain.apply(block, { commit })
    this.#log[this.#syncing ? this.#syncedBlockLogLevel : 'info'](
      {
        height: committed.height,
        round: this.#machine.round,
        blockId: hex(committed.blockId),
        txs: committed.outcome.receipts.length,
      },
      'committed block',
    )
    // Blocks fetched by sync are old news to the network; only a fresh decision is gossiped.
    if (!this.#syncing) {
      await this.#gossip.publish('blocks', encodeFinalizedBlock({ block, commit })).catch(() => {})
    }
    this.#finalizedAhead.delete(committed.height)
    this.#blocks.clear()
    await this.#advance()
  }

  // After a commit: a finalized block already received for the next height is decided at once
  // (the machine steps through it, keeping its priorities exact); otherwise the next height
  // starts after timeout_commit, which paces blocks and lets late precommits arrive — or at once
  // when transactions are waiting, so a loaded chain is paced by its work, not by a timer.
  async #advance(): Promise<void> {
    const next = this.#chain.head.height + 1
    const ahead = this.#finalizedAhead.get(next)
    if (ahead !== undefined) {
      this.#finalizedAhead.delete(next)
      await this.#nextHeight()
      await this.#catchUp(ahead, next)
      return
    }
    const decided = this.#machine.height
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer)
        this.#serial(async () => {
          if (this.#machine.height !== decided || BigInt(this.#chain.head.height) !== decided)
            return
          await this.#nextHeight()
          const height = this.#chain.head.height + 1
          const arrived = this.#finalizedAhead.get(height)
          if (arrived === undefined) return
          this.#finalizedAhead.delete(height)
          await this.#catchUp(arrived, height)
        })
      },
      this.#hasCandidates() ? 0 : this.#commitDelayMs,
    )
    this.#timers.add(timer)
  }

  // A verified finalized block for the machine's height: decide it from its commit.
  async #catchUp(
    finalized: { block: Uint8Array; commit: Uint8Array },
    height: number,
  ): Promise<void> {
    if (!this.#verifyFinalized(finalized.block, finalized.commit, height)) return
    const blockId = this.#core.views.id('block', finalized.block)
    await this.#blockArrived(blockId, finalized.block)
    const pending = this.#pendingDecision
    if (pending !== undefined && hex(pending.blockId) === hex(blockId)) {
      await this.#commit(finalized.block, pending.commit)
      return
    }
    // The machine decides from the commit as 2f+1 precommits would.
    const outcome = this.#machine.onCommit(finalized.commit)
    if (outcome.status === 'applied') await this.#run(outcome.actions)
    if (this.#chain.head.height < height) {
      this.#log.warn(
        {
          height,
          machineHeight: String(this.#machine.height),
          round: this.#machine.round,
          outcome: outcome.status,
          actions: outcome.status === 'applied' ? outcome.actions.map((a) => a.type) : [],
          pending: this.#pendingDecision === undefined ? null : hex(this.#pendingDecision.blockId),
          block: hex(blockId),
        },
        'a verified finalized block was not committed',
      )
    }
  }

  #verifyFinalized(block: Uint8Array, commit: Uint8Array, height: number): boolean {
    const head = this.#chain.head
    const validators = this.#core.blocks.validatorSet(this.#chain.tree, head.root, BigInt(height))
    const check = this.#core.consensus.verifyCommit({
      chainId: this.#chain.chainId,
      validators,
      commit,
      height: BigInt(height),
      block: this.#core.views.id('block', block),
    })
    if (!check.ok) this.#log.warn({ height, reason: check.reason }, 'finalized block refused')
    return check.ok
  }

  #onConsensusMessage(data: Uint8Array, from: PeerId): Verdict {
    let message: ConsensusMessage
    try {
      message = decodeConsensusMessage(data)
    } catch (err) {
      if (err instanceof MessageFormatError) return 'reject'
      throw err
    }
    this.#serial(() => this.#deliver(message, from))
    // Signatures are checked when the machine reads the message; a bad one is dropped there.
    return 'accept'
  }

  async #deliver(message: ConsensusMessage, from?: PeerId, replaying = false): Promise<void> {
    this.#log.debug(
      { message: message.type, height: Number(this.#machine.height) },
      'consensus message',
    )
    if (message.type === 'proposal') {
      let blockId: Uint8Array
      try {
        blockId = this.#core.views.id('block', message.block)
      } catch {
        return
      }
      await this.#blockArrived(blockId, message.block)
      const outcome = this.#machine.onProposal(message.proposal)
      if (outcome.status === 'otherHeight') this.#wait(message, outcome.height, from)
      else {
        if (outcome.status === 'applied' && !replaying) this.#appendToLog(message, false)
        await this.#run(this.#applied(outcome))
      }
      // A decision that waited for this block can now be committed.
      const pending = this.#pendingDecision
      if (pending !== undefined && hex(pending.blockId) === hex(blockId)) {
        await this.#commit(message.block, pending.commit)
      }
      return
    }
    const outcome = this.#machine.onVote(message.vote)
    if (outcome.status === 'otherHeight') this.#wait(message, outcome.height, from)
    else {
      if (outcome.status === 'applied' && !replaying) this.#appendToLog(message, false)
      await this.#run(this.#applied(outcome))
    }
  }

  #onFinalizedBlock(data: Uint8Array): Verdict {
    let finalized: ReturnType<typeof decodeFinalizedBlock>
    let height: number
    try {
      finalized = decodeFinalizedBlock(data)
      height = Number(this.#core.views.decode('commit', finalized.commit).height)
    } catch {
      return 'reject'
    }
    // Every node that decides gossips its block: one this node committed already is old news,
    // and not forwarding it keeps a height's block from crossing each link once per validator.
    if (height <= this.#chain.head.height) return 'ignore'
    this.#serial(async () => {
      const next = this.#chain.head.height + 1
      if (height > next && height <= next + MAX_FINALIZED_AHEAD) {
        this.#finalizedAhead.set(height, finalized)
      } else if (height === next && BigInt(height) === this.#machine.height) {
        await this.#catchUp(finalized, height)
      } else if (height === next) {
        // Decided our height already and waiting out timeout_commit: keep it for #advance.
        this.#finalizedAhead.set(height, finalized)
      }
    })
    return 'accept'
  }

  #applied(outcome: ReturnType<ConsensusMachine['onVote']>): Action[] {
    if (outcome.status === 'applied') return outcome.actions
    if (outcome.status === 'rejected') this.#log.warn({ reason: outcome.reason }, 'message refused')
    return []
  }

  #wait(message: ConsensusMessage, height: bigint, from: PeerId | undefined): void {
    if (height > this.#machine.height && from !== undefined) this.#onPeerAhead?.(from, height)
    if (height < this.#machine.height) return
    if (this.#waiting.length >= MAX_WAITING_MESSAGES) this.#waiting.shift()
    this.#waiting.push(message)
  }

  async #replayWaiting(): Promise<void> {
    const waiting = this.#waiting.splice(0)
    for (const m of waiting) await this.#deliver(m)
  }

  // A block is known now: keep it, and answer the machine's validity question about it if one
  // is waiting (a question left unanswered would leave the height undecidable here).
  async #blockArrived(blockId: Uint8Array, block: Uint8Array): Promise<void> {
    this.#remember(blockId, block)
    if (this.#awaitingBlocks.delete(hex(blockId))) await this.#run(this.#answerValidity(blockId))
  }

  #remember(blockId: Uint8Array, block: Uint8Array): void {
    if (this.#blocks.size >= MAX_KNOWN_BLOCKS) {
      const oldest = this.#blocks.keys().next().value
      if (oldest !== undefined) this.#blocks.delete(oldest)
    }
    this.#blocks.set(hex(blockId), block)
  }

  async #publishOwn(message: ConsensusMessage): Promise<void> {
    this.#own.push(message)
    await this.#publish(message)
  }

  async #publish(message: ConsensusMessage): Promise<void> {
    await this.#gossip
      .publish('consensus', encodeConsensusMessage(message))
      .catch((err: unknown) => {
        this.#log.warn({ err: String(err) }, 'could not gossip a consensus message')
      })
  }

  #headerTime(header: Uint8Array): bigint {
    return this.#core.views.decode('header', header).time
  }

  #emptyCommit(): Uint8Array {
    return this.#core.views.encode('commit', {
      height: 0n,
      round: 0,
      block: new Uint8Array(32),
      signatures: [],
    })
  }

  #lastCommit(height: number): Uint8Array {
    const commit = this.#chain.store.commit(height)
    if (commit === undefined) throw new Error(`the commit for height ${height} is not stored`)
    return commit
  }
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}
