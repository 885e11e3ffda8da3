// Starts `weft node` (relay/bin/weft.ts under the pinned Node 24) for a spec, waits for its
// listening and API lines as events, and stops it with SIGTERM. Each node gets a fresh data
// dir, so specs never share an identity or touch ~/.weft.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NODE = `${ROOT}node_modules/.bin/node`
const WEFT = `${ROOT}relay/bin/weft.ts`
const LISTENING = 'weft: listening '
const API = 'weft: api '

export interface RunningNode {
  peerId: string
  multiaddrs: string[]
  /** The node's WebSockets multiaddr, the one browsers dial. */
  ws: string
  /** The node's HTTP API base URL (every node here serves one, on a port the system picks). */
  api: string
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
  let listening: { peerId: string; multiaddrs: string[]; ws: string } | undefined
  let ready: () => void = () => undefined
  const apiUrl = () =>
    stderr
      .split('\n')
      .find((l) => l.startsWith(API))
      ?.slice(API.length)
      .trim()
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    ready()
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
    // The API line goes to stderr, the listening line to stdout: either may be read first.
    ready = () => {
      const api = apiUrl()
      if (listening !== undefined && api !== undefined) resolve({ ...listening, api, stop })
    }
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n').find((l) => l.startsWith(LISTENING))
      if (line === undefined || listening !== undefined) return
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
      listening = { ...info, ws }
      ready()
    })
  })
}
