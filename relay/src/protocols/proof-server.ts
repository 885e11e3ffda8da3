// Answers /weft/proof/1.0.0 (docs/network.md) from the chain: account proofs at the head or at a
// height whose header the node still keeps, and inclusion proofs of committed transactions.
import {
  decodeProofRequest,
  encodeAccountProof,
  encodeRefusal,
  encodeTxInclusionProof,
  MessageFormatError,
} from '@weft/core'
import {
  includedTx,
  type ProofSource,
  proveAccount,
  proveIncludedTx,
  stateAt,
} from '../chain/proofs.ts'

export function answerProofRequest(chain: ProofSource, request: Uint8Array): Uint8Array {
  let q: ReturnType<typeof decodeProofRequest>
  try {
    q = decodeProofRequest(request)
  } catch (err) {
    if (!(err instanceof MessageFormatError)) throw err
    return encodeRefusal({ status: 'BAD_REQUEST', message: err.message })
  }
  if (q.kind === 'account') {
    const at = stateAt(chain, q.height)
    if ('missing' in at) return encodeRefusal({ status: at.missing, message: at.message })
    const { value, proof } = proveAccount(chain, q.address, at.root)
    return encodeAccountProof({ height: at.height, header: at.header, value, proof })
  }
  const location = includedTx(chain, q.txId)
  if (location === undefined) {
    return encodeRefusal({
      status: 'NOT_FOUND',
      message: "no such transaction in this node's chain (a pending one is not included yet)",
    })
  }
  const included = proveIncludedTx(chain, location)
  if ('missing' in included) {
    return encodeRefusal({ status: included.missing, message: included.message })
  }
  return encodeTxInclusionProof({
    height: location.height,
    header: included.header,
    tx: included.tx,
    index: location.index,
    count: Number(included.proof.count),
    path: included.proof.path,
  })
}
