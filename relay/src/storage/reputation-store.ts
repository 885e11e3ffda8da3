// Peer reputations on disk: one LMDB environment under <data-dir>/reputation, a record per peer
// id as the score book writes it, so scores and bans survive a restart (docs/peers.md).
import type { PeerRecord } from '@weft/core'
import { open, type RootDatabase } from 'lmdb'

export class ReputationStore {
  readonly #db: RootDatabase<PeerRecord, string>

  constructor(path: string) {
    this.#db = open({ path, compression: false })
  }

  /** Every stored record, unchecked: the book checks each as it loads it. */
  *records(): Generator<[peer: string, record: unknown]> {
    for (const { key, value } of this.#db.getRange()) yield [key, value]
  }

  /** Written with the next batch LMDB commits; awaiting it waits for the disk. */
  put(peer: string, record: PeerRecord): Promise<boolean> {
    return this.#db.put(peer, record)
  }

  remove(peer: string): Promise<boolean> {
    return this.#db.remove(peer)
  }

  async close(): Promise<void> {
    await this.#db.close()
  }
}
