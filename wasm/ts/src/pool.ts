// A pool of worker threads, each with its own instance of the core, that spreads batch
// verification over the machine's cores. Node only (worker_threads). Every worker instantiates
// the one module compiled here, so the .wasm is read and compiled once.
import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { BatchResult, SignedMessage } from './core.ts'
import { WeftInputError } from './errors.ts'
import { compileCore } from './index.ts'
import { type PackedBatch, packBatch } from './pool-protocol.ts'

export interface VerifyPoolInit {
  /** Worker count; defaults to the machine's available parallelism. */
  size?: number
  /** Batches smaller than this are not split further. */
  minChunk?: number
  url?: URL | string
}

const DEFAULT_MIN_CHUNK = 16

interface Pending {
  resolve(valid: Uint8Array): void
  reject(err: Error): void
}

interface Slot {
  worker: Worker
  pending: Map<number, Pending>
}

export class VerifyPool {
  readonly size: number
  readonly #slots: Slot[]
  readonly #minChunk: number
  #nextId = 0
  #next = 0
  #closed = false

  private constructor(slots: Slot[], minChunk: number) {
    this.#slots = slots
    this.size = slots.length
    this.#minChunk = minChunk
  }

  static async create(init: VerifyPoolInit = {}): Promise<VerifyPool> {
    const size = init.size ?? availableParallelism()
    if (!Number.isInteger(size) || size < 1) {
      throw new WeftInputError(
        'WRONG_TYPE',
        `pool size must be a positive integer, got ${String(size)}`,
      )
    }
    const module = await compileCore(init.url)
    const slots = await Promise.all(
      Array.from({ length: size }, async () => {
        const worker = new Worker(new URL('./pool-worker.ts', import.meta.url), {
          workerData: { module },
        })
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve())
          worker.once('error', reject)
        })
        const slot: Slot = { worker, pending: new Map() }
        worker.on('message', (msg: { id: number; valid?: Uint8Array; error?: string }) => {
          const p = slot.pending.get(msg.id)
          if (!p) return
          slot.pending.delete(msg.id)
          if (msg.valid) p.resolve(msg.valid)
          else p.reject(new Error(msg.error ?? 'worker failed'))
        })
        worker.on('error', (err) => {
          for (const p of slot.pending.values()) p.reject(err)
          slot.pending.clear()
        })
        return slot
      }),
    )
    return new VerifyPool(slots, init.minChunk ?? DEFAULT_MIN_CHUNK)
  }

  /**
   * Verifies the batch across the workers; the per-item answers equal ed25519Verify's. Each chunk
   * gets its own seed, derived from `seed` (or fresh random bytes) and the chunk's index.
   */
  async verifyBatch(items: readonly SignedMessage[], seed?: Uint8Array): Promise<BatchResult> {
    if (this.#closed) throw new Error('VerifyPool is closed')
    const base = seed ?? crypto.getRandomValues(new Uint8Array(32))
    const chunks = Math.max(1, Math.min(this.size, Math.floor(items.length / this.#minChunk)))
    const per = Math.ceil(items.length / chunks)
    const parts: Promise<Uint8Array>[] = []
    for (let c = 0; c < chunks; c++) {
      const slice = items.slice(c * per, (c + 1) * per)
      const chunkSeed = createHash('sha256').update(base).update(Uint8Array.of(c)).digest()
      parts.push(this.#submit(packBatch(slice, chunkSeed)))
    }
    const valid = (await Promise.all(parts)).flatMap((r) => Array.from(r, (v) => v === 1))
    return { allValid: valid.every(Boolean), valid }
  }

  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#slots.map((s) => s.worker.terminate()))
  }

  #submit(batch: PackedBatch): Promise<Uint8Array> {
    const slot = this.#slots[this.#next++ % this.#slots.length] as Slot
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      // packBatch allocates fresh ArrayBuffers, so moving them to the worker costs no copy.
      const buffers = [batch.publicKeys, batch.signatures, batch.messages, batch.messageLengths]
      slot.worker.postMessage(
        { id, batch },
        buffers.map((b) => b.buffer as ArrayBuffer),
      )
    })
  }
}
