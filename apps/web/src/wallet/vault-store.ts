// Where the sealed vault lives: one record in IndexedDB (through idb). Only the encrypted record
// is ever written; it is checked by openVault, not here, so a damaged one is refused on unlock.
import type { VaultRecord } from '@weft/core'
import { type IDBPDatabase, openDB } from 'idb'

const DB_NAME = 'weft-wallet'
const DB_VERSION = 1
const STORE = 'vault'
const KEY = 'default'

function open(): Promise<IDBPDatabase> {
  return openDB(DB_NAME, DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE)
    },
  })
}

export async function loadVaultRecord(): Promise<unknown> {
  const db = await open()
  try {
    return await db.get(STORE, KEY)
  } finally {
    db.close()
  }
}

export async function saveVaultRecord(record: VaultRecord): Promise<void> {
  const db = await open()
  try {
    await db.put(STORE, record, KEY)
  } finally {
    db.close()
  }
}
