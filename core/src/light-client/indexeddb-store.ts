// The light client's TrustedStore in IndexedDB (through idb): one object store, one key per
// kind of record, one database per chain so two chains' pages never share trust. Nothing here
// is trusted on load: the client re-verifies the record (trusted-record.ts).
import { type IDBPDatabase, openDB } from 'idb'
import type { ConflictDetected } from './events.ts'
import type { StoredTrustedState } from './trusted-record.ts'
import type { TrustedStore } from './trusted-store.ts'

const DB_VERSION = 1
const STORE = 'light-client'
const TRUSTED = 'trusted'
const CONFLICT = 'conflict'

export interface IndexedDbTrustedStoreInit {
  /** The database name; make it name the chain, e.g. `weft-light/<genesis hash hex>`. */
  name: string
}

export class IndexedDbTrustedStore implements TrustedStore {
  readonly #db: IDBPDatabase

  private constructor(db: IDBPDatabase) {
    this.#db = db
  }

  /** Opens (creating on first use) the database; uses the global indexedDB. */
  static async open(init: IndexedDbTrustedStoreInit): Promise<IndexedDbTrustedStore> {
    const db = await openDB(init.name, DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains(STORE)) database.createObjectStore(STORE)
      },
    })
    return new IndexedDbTrustedStore(db)
  }

  async loadTrusted(): Promise<StoredTrustedState | undefined> {
    return (await this.#db.get(STORE, TRUSTED)) as StoredTrustedState | undefined
  }

  async saveTrusted(state: StoredTrustedState): Promise<void> {
    await this.#db.put(STORE, { record: state.record, checksum: state.checksum }, TRUSTED)
  }

  async clearTrusted(): Promise<void> {
    await this.#db.delete(STORE, TRUSTED)
  }

  async loadConflict(): Promise<ConflictDetected | undefined> {
    return (await this.#db.get(STORE, CONFLICT)) as ConflictDetected | undefined
  }

  async saveConflict(conflict: ConflictDetected): Promise<void> {
    await this.#db.put(STORE, conflict, CONFLICT)
  }

  async clearConflict(): Promise<void> {
    await this.#db.delete(STORE, CONFLICT)
  }

  close(): void {
    this.#db.close()
  }
}
