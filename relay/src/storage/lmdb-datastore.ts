// libp2p's datastore (the peer store: addresses, protocols, keys of peers it met, and the DHT's
// records) kept in the node's data dir, so a restart remembers its peers instead of depending on
// bootstrap nodes being up. A plain LMDB environment of its own under <data-dir>/peers.
import { BaseDatastore } from 'datastore-core'
import { Key, type KeyQuery, type Pair, type Query } from 'interface-datastore'
import { NotFoundError } from 'interface-store'
import { open, type RootDatabase } from 'lmdb'

export class LmdbDatastore extends BaseDatastore {
  readonly #db: RootDatabase<Uint8Array, string>

  constructor(path: string) {
    super()
    this.#db = open({ path, encoding: 'binary', compression: false })
  }

  override async put(key: Key, value: Uint8Array): Promise<Key> {
    await this.#db.put(key.toString(), value)
    return key
  }

  override get(key: Key): Uint8Array {
    const value = this.#db.get(key.toString())
    if (value === undefined) throw new NotFoundError(`no value for ${key.toString()}`)
    return value
  }

  override has(key: Key): boolean {
    return this.#db.doesExist(key.toString())
  }

  override async delete(key: Key): Promise<void> {
    await this.#db.remove(key.toString())
  }

  override *_all(q: Query): Generator<Pair> {
    for (const { key, value } of this.#db.getRange(rangeOf(q.prefix))) {
      yield { key: new Key(key), value }
    }
  }

  override *_allKeys(q: KeyQuery): Generator<Key> {
    for (const key of this.#db.getKeys(rangeOf(q.prefix))) yield new Key(key)
  }

  async close(): Promise<void> {
    await this.#db.close()
  }
}

// Keys are '/'-separated strings; a prefix query is the range of keys starting with it.
function rangeOf(prefix: string | undefined): { start?: string; end?: string } {
  if (prefix === undefined || prefix === '') return {}
  return { start: prefix, end: `${prefix}\uffff` }
}
