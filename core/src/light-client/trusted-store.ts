// Where a light client keeps what must survive a reload: its trusted state (re-verified on
// load, see trusted-record.ts) and a conflict it halted on, so a reload stays halted until a
// person resolves it. indexeddb-store.ts keeps them in the browser; memory for tests and tools.
import type { ConflictDetected } from './events.ts'
import type { StoredTrustedState } from './trusted-record.ts'

export interface TrustedStore {
  loadTrusted(): Promise<StoredTrustedState | undefined>
  saveTrusted(state: StoredTrustedState): Promise<void>
  clearTrusted(): Promise<void>
  loadConflict(): Promise<ConflictDetected | undefined>
  saveConflict(conflict: ConflictDetected): Promise<void>
  clearConflict(): Promise<void>
}

/** A TrustedStore in memory: lost with the page; `trusted` is open to tests that tamper. */
export class MemoryTrustedStore implements TrustedStore {
  trusted: StoredTrustedState | undefined
  conflict: ConflictDetected | undefined

  async loadTrusted(): Promise<StoredTrustedState | undefined> {
    return this.trusted
  }

  async saveTrusted(state: StoredTrustedState): Promise<void> {
    this.trusted = { record: state.record.slice(), checksum: state.checksum.slice() }
  }

  async clearTrusted(): Promise<void> {
    this.trusted = undefined
  }

  async loadConflict(): Promise<ConflictDetected | undefined> {
    return this.conflict
  }

  async saveConflict(conflict: ConflictDetected): Promise<void> {
    this.conflict = conflict
  }

  async clearConflict(): Promise<void> {
    this.conflict = undefined
  }
}
