// In-memory peers for the light-client tests: each answers the headers, proof and query
// protocols from a real TestChain, and a test can make one lie — serve a fork, a tampered
// block, a forged proof — or go silent, per height.
import type { AddressTx, Answer, LightClientTransport, PeerName } from '../../src/index.ts'
import type { TestChain } from './test-chain.ts'

export interface FakePeer {
  /** The height this peer reports and serves up to; default the chain's height. */
  height?: number
  /** Replaces the light block served at a height (undefined: serves none). */
  lightBlockAt?: Map<number, Uint8Array | undefined>
  /** Rewrites an account proof before it is sent. */
  accountProof?: (proof: AccountAnswer) => AccountAnswer
  txProof?: (proof: TxAnswer) => TxAnswer
  history?: AddressTx[]
  /** Every request fails, as from a peer that went away. */
  silent?: boolean
}

type AccountAnswer = Extract<
  Awaited<ReturnType<LightClientTransport['accountProof']>>,
  { status: 'OK' }
>
type TxAnswer = Extract<Awaited<ReturnType<LightClientTransport['txProof']>>, { status: 'OK' }>

export class FakeNetwork implements LightClientTransport {
  readonly peersByName = new Map<PeerName, FakePeer>()
  /** Every light-block request: peer and height. */
  readonly requests: { peer: PeerName; height: number }[] = []
  readonly #chain: TestChain

  constructor(chain: TestChain, peers: Record<PeerName, FakePeer>) {
    this.#chain = chain
    for (const [name, peer] of Object.entries(peers)) this.peersByName.set(name, peer)
  }

  peers(): PeerName[] {
    return [...this.peersByName.keys()]
  }

  async height(peer: PeerName): Promise<number> {
    return this.#top(this.#peer(peer))
  }

  async lightBlocks(peer: PeerName, from: number, count: number): Promise<Uint8Array[]> {
    const p = this.#peer(peer)
    const out: Uint8Array[] = []
    for (let h = from; h < from + count && h <= this.#top(p); h++) {
      this.requests.push({ peer, height: h })
      if (p.lightBlockAt?.has(h) === true) {
        const replaced = p.lightBlockAt.get(h)
        if (replaced === undefined) break
        out.push(replaced)
      } else out.push(this.#chain.at(h).lightBlock)
    }
    return out
  }

  async accountProof(
    peer: PeerName,
    address: Uint8Array,
    height: number,
  ): Promise<Answer<AccountAnswer>> {
    const p = this.#peer(peer)
    if (height > this.#top(p)) return { status: 'NOT_FOUND', message: 'above the head' }
    const answer: AccountAnswer = {
      status: 'OK',
      ...this.#chain.accountProof(address, height === 0 ? this.#top(p) : height),
    }
    return p.accountProof === undefined ? answer : p.accountProof(answer)
  }

  async txProof(peer: PeerName, txId: Uint8Array): Promise<Answer<TxAnswer>> {
    const p = this.#peer(peer)
    const where = this.#chain.txs.get(Buffer.from(txId).toString('hex'))
    if (where === undefined || where.height > this.#top(p))
      return { status: 'NOT_FOUND', message: 'no such transaction' }
    const answer: TxAnswer = { status: 'OK', ...this.#chain.txProof(txId) }
    return p.txProof === undefined ? answer : p.txProof(answer)
  }

  async addressTxs(peer: PeerName): Promise<Answer<{ txs: AddressTx[] }>> {
    const p = this.#peer(peer)
    if (p.history === undefined) return { status: 'NOT_SERVED', message: 'not an archive node' }
    return { status: 'OK', txs: p.history }
  }

  #peer(name: PeerName): FakePeer {
    const p = this.peersByName.get(name)
    if (p === undefined) throw new Error(`no peer ${name}`)
    if (p.silent === true) throw new Error(`${name} does not answer`)
    return p
  }

  #top(p: FakePeer): number {
    return p.height ?? this.#chain.height
  }
}
