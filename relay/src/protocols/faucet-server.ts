// Answers /weft/faucet/1.0.0 (docs/network.md) with the node's one Faucet, the one POST /v1/faucet
// uses, so its limits count both paths together. Over libp2p the caller is counted by peer id and,
// on a direct connection, by IP too; a relayed connection's IP is the relay's, so it is not used.
import type { Connection } from '@libp2p/interface'
import {
  decodeFaucetRequest,
  encodeFaucetPaid,
  encodeRefusal,
  MessageFormatError,
  parseAddress,
} from '@weft/core'
import { type Faucet, type FaucetCaller, FaucetError } from '../faucet/faucet.ts'

export async function answerFaucetRequest(
  faucet: Faucet,
  request: Uint8Array,
  connection: Pick<Connection, 'remotePeer' | 'remoteAddr' | 'direct'>,
): Promise<Uint8Array> {
  let to: Uint8Array
  try {
    to = decodeFaucetRequest(request).address
  } catch (err) {
    if (!(err instanceof MessageFormatError)) throw err
    return encodeRefusal({ status: 'BAD_REQUEST', message: err.message })
  }
  try {
    const paid = await faucet.send(to, callerOf(connection))
    return encodeFaucetPaid({
      txId: Uint8Array.from(Buffer.from(paid.hash, 'hex')),
      amount: paid.amount,
      from: parseAddress(faucet.address),
    })
  } catch (err) {
    if (!(err instanceof FaucetError)) throw err
    if (err.code === 'RATE_LIMITED') {
      return encodeRefusal({
        status: 'RATE_LIMITED',
        message: err.message,
        retryAfterMs: err.retryAfterMs ?? 1000,
      })
    }
    return encodeRefusal({ status: 'UNAVAILABLE', message: `${err.code}: ${err.message}` })
  }
}

function callerOf(
  connection: Pick<Connection, 'remotePeer' | 'remoteAddr' | 'direct'>,
): FaucetCaller {
  const peer = connection.remotePeer.toString()
  if (!connection.direct) return { peer }
  const ip = connection.remoteAddr
    .getComponents()
    .find((c) => c.name === 'ip4' || c.name === 'ip6')?.value
  return ip === undefined ? { peer } : { peer, ip }
}
