// Answers /weft/query/1.0.0 (docs/network.md) from an archive node's indexes: a transaction's
// location, an address's transactions a page at a time, a block's height by id. A pruning node
// lacks the address index and older blocks, so it answers every query NOT_SERVED.
import {
  type AddressTx,
  decodeQueryRequest,
  encodeAddressTxs,
  encodeBlockHeight,
  encodeRefusal,
  encodeTxLocation,
  MessageFormatError,
} from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { includedTx } from '../chain/proofs.ts'
import type { ChainStore, Head } from '../storage/chain-store.ts'

export interface QuerySource {
  readonly core: WeftCore
  readonly head: Head
  readonly store: Pick<ChainStore, 'archive' | 'tx' | 'addressTxs' | 'block' | 'heightOf'>
}

export function answerQueryRequest(chain: QuerySource, request: Uint8Array): Uint8Array {
  let q: ReturnType<typeof decodeQueryRequest>
  try {
    q = decodeQueryRequest(request)
  } catch (err) {
    if (!(err instanceof MessageFormatError)) throw err
    return encodeRefusal({ status: 'BAD_REQUEST', message: err.message })
  }
  if (!chain.store.archive) {
    return encodeRefusal({
      status: 'NOT_SERVED',
      message: 'this node prunes old blocks and keeps no address index; ask an archive node',
    })
  }
  switch (q.kind) {
    case 'txLocation': {
      const location = includedTx(chain, q.txId)
      if (location === undefined) return notFound("no such transaction in this node's chain")
      return encodeTxLocation(location)
    }
    case 'blockHeight': {
      const height = chain.store.heightOf(q.blockId)
      if (height === undefined || height > chain.head.height) {
        return notFound("no block with this id in this node's chain")
      }
      return encodeBlockHeight(height)
    }
    case 'addressTxs':
      return encodeAddressTxs(addressTxs(chain, q.address, q.limit, q.before))
  }
}

// The index holds heights and positions; the ids come from the blocks, each decoded once.
function addressTxs(
  chain: QuerySource,
  address: Uint8Array,
  limit: number,
  before: { height: number; index: number } | undefined,
): AddressTx[] {
  // A block being committed is indexed a moment before the head reaches it: start below that.
  const above = { height: chain.head.height + 1, index: 0 }
  const from = before === undefined || before.height > chain.head.height ? above : before
  const out: AddressTx[] = []
  let txs: { height: number; bytes: Uint8Array[] } | undefined
  for (const { height, index } of chain.store.addressTxs(address, limit, from)) {
    if (txs?.height !== height) {
      const block = chain.store.block(height)
      if (block === undefined) break
      txs = { height, bytes: chain.core.views.decode('block', block).txs }
    }
    const bytes = txs.bytes[index]
    if (bytes === undefined) break
    const txId = chain.core.chain.decodeTransaction(bytes).id
    const location = chain.store.tx(txId)
    out.push({ txId, height, index, error: location?.error ?? null })
  }
  return out
}

function notFound(message: string): Uint8Array {
  return encodeRefusal({ status: 'NOT_FOUND', message })
}
