// Starts `weft node` (relay/bin/weft.ts under the pinned Node 24) for a spec, waits for its
// listening line as an event, and stops it with SIGTERM. Each node gets a fresh data dir, so
// specs never share an identity or touch ~/.weft.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NODE = `${ROOT}node_modules/.bin/node`
const WEFT = `${ROOT}relay/bin/weft.ts`
const LISTENING = 'weft: listening '

export interface RunningNode {
  peerId: string
  multiaddrs: string[]
  /** The node's WebSockets multiaddr, the one browsers dial. */
  ws: string
  stop(): Promise<void>
}

export function startWeftNode(args: readonly string[] = []): Promise<RunningNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-e2e-'))
  const child = spawn(NODE, [WEFT, 'node', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // API and metrics on ports the system picks: specs run side by side.
    env: {
      ...process.env,
      WEFT_DATA_DIR: join(dataDir, 'data'),
      WEFT_API: '127.0.0.1:0',
      WEFT_METRICS: '127.0.0.1:0',
    },
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const closed = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true })
      resolve(code ?? signal ?? 'unknown')
    })
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const status = await closed
    if (status !== 0) throw new Error(`weft node exited with ${status}:\n${stderr}`)
  }
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    closed.then((status) =>
      reject(new Error(`weft node exited (${status}) before listening:\n${stderr}`)),
    )
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n').find((l) => l.startsWith(LISTENING))
      if (line === undefined) return
      const info = JSON.parse(line.slice(LISTENING.length)) as {
        peerId: string
        multiaddrs: string[]
      }
      const ws = info.multiaddrs.find((ma) => ma.includes('/ws/'))
      if (ws === undefined) {
        reject(new Error(`weft node has no WebSockets address: ${info.multiaddrs.join(' ')}`))
        void stop().catch(() => undefined)
        return
      }
      resolve({ ...info, ws, stop })
    })
  })
}
