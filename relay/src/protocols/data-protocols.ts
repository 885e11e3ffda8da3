// Registers the node's data protocols on its libp2p host (docs/network.md): proof and query on
// every node with a chain, faucet only on a node that runs a faucet. Each stream is one request
// within the protocol's byte cap and deadline; the per-connection stream caps bound one peer.
import type { Libp2p } from '@libp2p/interface'
import {
  FAUCET_LIMITS,
  FAUCET_PROTOCOL,
  PROOF_LIMITS,
  PROOF_PROTOCOL,
  QUERY_LIMITS,
  QUERY_PROTOCOL,
  type RequestGuard,
  serveRequests,
} from '@weft/core'
import type { ProofSource } from '../chain/proofs.ts'
import type { Faucet } from '../faucet/faucet.ts'
import { answerFaucetRequest } from './faucet-server.ts'
import { answerProofRequest } from './proof-server.ts'
import { answerQueryRequest, type QuerySource } from './query-server.ts'

/** Concurrent inbound streams per connection: a light client asks a few proofs at once. */
const PROOF_MAX_INBOUND_STREAMS = 8
const QUERY_MAX_INBOUND_STREAMS = 4
const FAUCET_MAX_INBOUND_STREAMS = 1

export interface DataProtocols {
  stop(): Promise<void>
}

export async function serveDataProtocols(init: {
  libp2p: Pick<Libp2p, 'handle' | 'unhandle'>
  chain: ProofSource & QuerySource
  faucet: Faucet | undefined
  /** Rate limits by protocol id; the faucet keeps its own (relay/src/faucet). */
  guards?: (protocol: string) => RequestGuard | undefined
}): Promise<DataProtocols> {
  const { libp2p, chain, faucet, guards } = init
  // Browsers reach nodes through circuit relays too: limited connections may ask.
  const options = { runOnLimitedConnection: true }
  const served = [PROOF_PROTOCOL, QUERY_PROTOCOL]
  await libp2p.handle(
    PROOF_PROTOCOL,
    serveRequests(PROOF_LIMITS, (r) => answerProofRequest(chain, r), guards?.(PROOF_PROTOCOL)),
    { ...options, maxInboundStreams: PROOF_MAX_INBOUND_STREAMS },
  )
  await libp2p.handle(
    QUERY_PROTOCOL,
    serveRequests(QUERY_LIMITS, (r) => answerQueryRequest(chain, r), guards?.(QUERY_PROTOCOL)),
    { ...options, maxInboundStreams: QUERY_MAX_INBOUND_STREAMS },
  )
  if (faucet !== undefined) {
    await libp2p.handle(
      FAUCET_PROTOCOL,
      serveRequests(FAUCET_LIMITS, (request, connection) =>
        answerFaucetRequest(faucet, request, connection),
      ),
      { ...options, maxInboundStreams: FAUCET_MAX_INBOUND_STREAMS },
    )
    served.push(FAUCET_PROTOCOL)
  }
  return {
    async stop() {
      await libp2p.unhandle(served)
    },
  }
}
