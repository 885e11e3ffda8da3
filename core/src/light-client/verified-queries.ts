// What the wallet and explorer ask, answered as verified or as reported (docs/light-client.md,
// "Verified and reported"). A balance is verified by a state proof against the state root of a
// header the client verified; a transaction by its inclusion proof against the tx root of one.
// An address's history comes from an archive node's index, which nothing proves: it is
// labelled with the node that reported it.
import type { WeftCore } from '@weft/wasm'
import type { AddressTx, AddressTxsCursor } from '../net/query-protocol.ts'
import { errorCode } from './anchor.ts'
import { type ChainTrust, equalBytes } from './config.ts'
import { LightClientError } from './errors.ts'
import type { ReadLightBlock } from './light-block.ts'
import type { LightClientTransport, PeerName } from './transport.ts'

export interface VerifiedAccount {
  balance: bigint
  nonce: bigint
  /** The height whose state was proven, and its block. */
  height: number
  blockId: Uint8Array
  verified: true
  /** The peer whose proof was checked (it vouches for nothing: the proof does). */
  provenBy: PeerName
}

export type TxInclusion =
  | {
      status: 'included'
      verified: true
      height: number
      index: number
      blockId: Uint8Array
      /** The transaction's canonical bytes, whose id is the one asked for. */
      tx: Uint8Array
      provenBy: PeerName
    }
  /** No peer had it: pending, dropped, or hidden by every peer asked. Not provable. */
  | { status: 'notFound'; verified: false; reportedBy: PeerName[] }

export interface ReportedTx extends AddressTx {
  verified: false
  reportedBy: PeerName
}

export interface ReportedHistory {
  verified: false
  reportedBy: PeerName
  /** Newest first; confirm one with txInclusion(txId). */
  entries: ReportedTx[]
  /** Whether this is the last page (fewer entries than asked). */
  last: boolean
}

/** What the queries need from the client. */
export interface QueryContext {
  core: WeftCore
  chain: ChainTrust
  transport: LightClientTransport
  /** Peers to ask, the primary first. */
  peers(): PeerName[]
  head(): ReadLightBlock
  /** The verified light block at `height`, fetched from `peer` first when not already held. */
  verifiedAt(height: number, peer: PeerName): Promise<ReadLightBlock>
}

/** An account's balance and nonce at the client's verified head, proven by a state proof. */
export async function verifiedAccount(
  q: QueryContext,
  address: Uint8Array,
): Promise<VerifiedAccount> {
  const head = q.head()
  const key = q.core.blocks.accountKey(address)
  const refusals: string[] = []
  for (const peer of q.peers()) {
    try {
      const answer = await q.transport.accountProof(peer, address, head.height)
      if (answer.status !== 'OK') {
        refusals.push(`${peer}: ${answer.status} ${answer.message}`)
        continue
      }
      // The proof must be of the state under the header the client verified, not one the
      // peer chose: same height, same block id.
      if (answer.height !== head.height || !sameHeader(q.core, answer.header, head)) {
        refusals.push(`${peer}: a proof against another header than the verified ${head.height}`)
        continue
      }
      const check = q.core.verifyStateProof(
        head.header.stateRoot,
        key,
        answer.value ?? null,
        answer.proof,
      )
      if (!check.valid) {
        refusals.push(`${peer}: ${check.reason}`)
        continue
      }
      const account =
        answer.value === undefined
          ? { balance: 0n, nonce: 0n }
          : q.core.views.decode('account', answer.value)
      return {
        balance: account.balance,
        nonce: account.nonce,
        height: head.height,
        blockId: head.blockId,
        verified: true,
        provenBy: peer,
      }
    } catch (err) {
      refusals.push(`${peer}: ${errorCode(err)}`)
    }
  }
  throw unverified(`the account at height ${head.height}`, refusals)
}

/** Where a transaction landed, proven by its inclusion proof against a verified header. */
export async function verifiedTxInclusion(q: QueryContext, txId: Uint8Array): Promise<TxInclusion> {
  const refusals: string[] = []
  const notFound: PeerName[] = []
  for (const peer of q.peers()) {
    try {
      const answer = await q.transport.txProof(peer, txId)
      if (answer.status === 'NOT_FOUND') {
        notFound.push(peer)
        continue
      }
      if (answer.status !== 'OK') {
        refusals.push(`${peer}: ${answer.status} ${answer.message}`)
        continue
      }
      // The id is computed from the bytes, never taken from the peer.
      if (!equalBytes(q.core.chain.decodeTransaction(answer.tx).id, txId)) {
        refusals.push(`${peer}: a proof of another transaction`)
        continue
      }
      const header = await q.verifiedAt(answer.height, peer)
      if (!sameHeader(q.core, answer.header, header)) {
        refusals.push(`${peer}: a proof against a header the chain does not have`)
        continue
      }
      const proven = q.core.blocks.verifyTxProof(header.header.txRoot, {
        txId,
        index: BigInt(answer.index),
        count: BigInt(answer.count),
        path: answer.path,
      })
      if (!proven) {
        refusals.push(`${peer}: the inclusion proof does not lead to the header's tx root`)
        continue
      }
      return {
        status: 'included',
        verified: true,
        height: answer.height,
        index: answer.index,
        blockId: header.blockId,
        tx: answer.tx,
        provenBy: peer,
      }
    } catch (err) {
      if (err instanceof LightClientError && err.code === 'HALTED') throw err
      refusals.push(`${peer}: ${errorCode(err)}`)
    }
  }
  if (refusals.length === 0) return { status: 'notFound', verified: false, reportedBy: notFound }
  throw unverified('the transaction', refusals)
}

/** One page of an address's transactions from the first archive node that serves it. */
export async function reportedHistory(
  q: QueryContext,
  address: Uint8Array,
  limit: number,
  before?: AddressTxsCursor,
): Promise<ReportedHistory> {
  const refusals: string[] = []
  for (const peer of q.peers()) {
    try {
      const answer = await q.transport.addressTxs(peer, address, limit, before)
      if (answer.status !== 'OK') {
        refusals.push(`${peer}: ${answer.status} ${answer.message}`)
        continue
      }
      return {
        verified: false,
        reportedBy: peer,
        entries: answer.txs.map((tx) => ({ ...tx, verified: false, reportedBy: peer })),
        last: answer.txs.length < limit,
      }
    } catch (err) {
      refusals.push(`${peer}: ${errorCode(err)}`)
    }
  }
  throw new LightClientError(
    'UNSERVED',
    `no peer served the address's history (${refusals.join('; ') || 'no peers'})`,
  )
}

function sameHeader(core: WeftCore, header: Uint8Array, verified: ReadLightBlock): boolean {
  return equalBytes(core.views.id('header', header), verified.blockId)
}

function unverified(what: string, refusals: string[]): LightClientError {
  if (refusals.length === 0) return new LightClientError('NO_PEERS', `no peer to prove ${what}`)
  return new LightClientError('UNVERIFIED', `no peer proved ${what}: ${refusals.join('; ')}`)
}
