// One pool worker: an instance of the core answering batch-verification requests.
import { parentPort, workerData } from 'node:worker_threads'
import { loadCore } from './index.ts'
import { type PackedBatch, unpackBatch } from './pool-protocol.ts'

const port = parentPort
if (port === null) throw new Error('pool-worker.ts must run as a worker thread')

const core = await loadCore({ module: (workerData as { module: WebAssembly.Module }).module })

port.on('message', ({ id, batch }: { id: number; batch: PackedBatch }) => {
  try {
    const { valid } = core.ed25519VerifyBatch(unpackBatch(batch), batch.seed)
    const out = Uint8Array.from(valid, (v) => (v ? 1 : 0))
    port.postMessage({ id, valid: out }, [out.buffer])
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) })
  }
})
port.postMessage('ready')
