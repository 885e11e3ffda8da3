// A real chain for the light-client tests: blocks built and executed by the core on a genesis
// with four validators, each block's commit signed by all of them with node:crypto Ed25519 keys
// (as a validator would), and what the headers and proof protocols would serve for it. Forks
// (the same validators signing a second block at one height) make conflicting witnesses.
import { generateKeyPairSync, sign } from 'node:crypto'
import {
  type CommitView,
  MemoryNodeStore,
  type StateTree,
  type Transaction,
  type WeftCore,
} from '@weft/wasm'
import type { AccountProof, TxInclusionProof } from '../../src/index.ts'

export const CHAIN_ID = 'weft-light-test'
export const GENESIS_MS = 1_700_000_000_000
export const BLOCK_MS = 1000
const WEFT = 1_000_000_000n

interface Key {
  publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

function newKey(): Key {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'jwk' }).x as string
  return {
    publicKey: Uint8Array.from(Buffer.from(raw, 'base64url')),
    sign: (message) => Uint8Array.from(sign(null, message, privateKey)),
  }
}

export interface TestBlock {
  height: number
  block: Uint8Array
  header: Uint8Array
  blockId: Uint8Array
  commit: Uint8Array
  lightBlock: Uint8Array
  /** The state root after the block. */
  root: Uint8Array
}

export class TestChain {
  readonly core: WeftCore
  readonly genesis: Uint8Array
  readonly genesisHash: Uint8Array
  /** A funded account and one that receives transfers. */
  readonly sender: Key
  readonly senderAddress: Uint8Array
  readonly recipientAddress: Uint8Array
  readonly trustingPeriodMs: number
  /** blocks[h − 1] is height h. */
  readonly blocks: TestBlock[] = []
  /** Transactions by id (hex): the height and index they landed at. */
  readonly txs = new Map<string, { height: number; index: number; tx: Uint8Array }>()
  readonly #validators: Key[]
  readonly #set: Uint8Array
  readonly #store = new MemoryNodeStore()
  readonly #tree: StateTree
  #root: Uint8Array
  #nonce = 0n

  constructor(core: WeftCore, options: { trustingPeriodMs?: number } = {}) {
    this.core = core
    this.#validators = Array.from({ length: 4 }, newKey)
    this.sender = newKey()
    this.senderAddress = core.chain.addressOf(this.sender.publicKey)
    this.recipientAddress = core.chain.addressOf(newKey().publicKey)
    const params = core.views.defaultParams()
    if (options.trustingPeriodMs !== undefined)
      params.trustingPeriodMs = BigInt(options.trustingPeriodMs)
    this.trustingPeriodMs = Number(params.trustingPeriodMs)
    this.genesis = core.views.encode('genesis', {
      chainId: CHAIN_ID,
      genesisTime: BigInt(GENESIS_MS),
      params,
      accounts: [{ address: this.senderAddress, balance: 1_000_000n * WEFT }],
      validators: this.#validators
        .map((v, i) => ({ publicKey: v.publicKey, stake: BigInt(1000 + i) * WEFT }))
        .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey)),
    })
    this.#tree = core.openStateTree(this.#store)
    const loaded = core.blocks.loadGenesis(this.#tree, this.genesis)
    this.#store.commit({ root: loaded.root, nodes: loaded.nodes })
    this.genesisHash = loaded.genesisHash
    this.#root = loaded.root
    this.#set = loaded.validators
  }

  get height(): number {
    return this.blocks.length
  }

  at(height: number): TestBlock {
    const b = this.blocks[height - 1]
    if (b === undefined) throw new Error(`no block ${height}`)
    return b
  }

  timeAt(height: number): number {
    return GENESIS_MS + height * BLOCK_MS
  }

  /** Adds `n` blocks; each carries `transfersPerBlock` transfers from the funded account. */
  extend(n: number, transfersPerBlock = 1): void {
    for (let i = 0; i < n; i++) {
      const candidates = Array.from({ length: transfersPerBlock }, () => this.#transfer())
      const built = this.#build(this.height + 1, this.timeAt(this.height + 1), candidates)
      if (built.skipped.length > 0) throw new Error(`a transfer was skipped: ${built.skipped[0]}`)
      this.#store.commit({ root: built.outcome.root, nodes: built.outcome.nodes })
      this.#root = built.outcome.root
      built.outcome.receipts.forEach((r, index) => {
        this.txs.set(hex(r.txId), { height: this.height + 1, index, tx: candidates[index] ?? none })
      })
      this.blocks.push(this.#seal(this.height + 1, built.block, built.outcome.header))
    }
  }

  /**
   * A second block at `height` (≤ the chain's height), with another time, signed by the same
   * validators: what an attacker holding the trusted set's keys would show a light client.
   */
  fork(height: number): TestBlock {
    const parentRoot = height === 1 ? this.#genesisRoot() : this.at(height - 1).root
    const built = this.core.blocks.build(this.#tree, parentRoot, {
      chainId: CHAIN_ID,
      ...(height === 1 ? {} : { previousHeader: this.at(height - 1).header }),
      time: BigInt(this.timeAt(height) + 1),
      proposer: this.core.chain.addressOf(this.#validators[0]?.publicKey ?? none),
      lastCommit: height === 1 ? emptyCommit(this.core) : this.at(height - 1).commit,
      candidates: [],
    })
    return this.#seal(height, built.block, built.outcome.header)
  }

  /** What /weft/proof/1.0.0 answers for an account at `height`. */
  accountProof(address: Uint8Array, height: number): AccountProof {
    const b = this.at(height)
    const key = this.core.blocks.accountKey(address)
    return {
      height,
      header: b.header,
      value: this.#tree.get(b.root, key),
      proof: this.#tree.prove(b.root, key),
    }
  }

  /** What /weft/proof/1.0.0 answers for a committed transaction. */
  txProof(txId: Uint8Array): TxInclusionProof {
    const where = this.txs.get(hex(txId))
    if (where === undefined) throw new Error('no such transaction')
    const b = this.at(where.height)
    const proof = this.core.blocks.txProof(b.block, BigInt(where.index))
    return {
      height: where.height,
      header: b.header,
      tx: where.tx,
      index: where.index,
      count: Number(proof.count),
      path: proof.path,
    }
  }

  account(address: Uint8Array, height: number): { balance: bigint; nonce: bigint } {
    const value = this.#tree.get(this.at(height).root, this.core.blocks.accountKey(address))
    return value === undefined
      ? { balance: 0n, nonce: 0n }
      : this.core.views.decode('account', value)
  }

  close(): void {
    this.#tree.close()
  }

  #genesisRoot(): Uint8Array {
    return this.core.blocks.loadGenesis(this.#tree, this.genesis).root
  }

  #build(height: number, time: number, candidates: Uint8Array[]) {
    return this.core.blocks.build(this.#tree, this.#root, {
      chainId: CHAIN_ID,
      ...(height === 1 ? {} : { previousHeader: this.at(height - 1).header }),
      time: BigInt(time),
      proposer: this.core.chain.addressOf(this.#validators[0]?.publicKey ?? none),
      lastCommit: height === 1 ? emptyCommit(this.core) : this.at(height - 1).commit,
      candidates,
    })
  }

  // Every validator's precommit for the block, in set order: the commit that made it final.
  #seal(height: number, block: Uint8Array, header: Uint8Array): TestBlock {
    const core = this.core
    const blockId = core.views.id('header', header)
    const members = core.views.decode('validatorSet', this.#set).members
    const signatures: CommitView['signatures'] = members.map((m, validatorIndex) => {
      const key = this.#validators.find((v) => hex(v.publicKey) === hex(m.publicKey))
      if (key === undefined) throw new Error('a member without a key')
      const vote = core.views.encode('vote', {
        type: 'precommit',
        height: BigInt(height),
        round: 0,
        block: blockId,
        validatorIndex,
        signature: new Uint8Array(64),
      })
      return { validatorIndex, signature: key.sign(core.views.signDigest('vote', vote, CHAIN_ID)) }
    })
    const commit = core.views.encode('commit', {
      height: BigInt(height),
      round: 0,
      block: blockId,
      signatures,
    })
    const lightBlock = core.views.encode('lightBlock', {
      header: core.views.decode('header', header),
      commit: core.views.decode('commit', commit),
      validators: core.views.decode('validatorSet', this.#set),
    })
    const root = core.views.decode('header', header).stateRoot
    return { height, block, header, blockId, commit, lightBlock, root }
  }

  #transfer(): Uint8Array {
    const tx: Transaction = {
      kind: 'transfer',
      sender: this.sender.publicKey,
      nonce: this.#nonce++,
      maxFeePerByte: 10_000n,
      tipPerByte: 10n,
      to: this.recipientAddress,
      amount: 1000n * (this.#nonce + 1n),
    }
    const digest = this.core.chain.transactionSignDigest(CHAIN_ID, tx)
    return this.core.chain.encodeTransaction({ ...tx, signature: this.sender.sign(digest) })
  }
}

const none = new Uint8Array(0)

function emptyCommit(core: WeftCore): Uint8Array {
  return core.views.encode('commit', {
    height: 0n,
    round: 0,
    block: new Uint8Array(32),
    signatures: [],
  })
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}
