// Relay memory per connected client: a `weft node` relay (no chain) is measured with no clients,
// then with N libp2p clients connected over WebSockets, each holding a circuit-relay reservation
// as a browser behind NAT would. The figure is the growth of the relay's resident memory per
// client, beside the relay's own resident memory with no clients.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import { webSockets } from '@libp2p/websockets'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'

const WEFT_BIN = fileURLToPath(new URL('../relay/bin/weft.ts', import.meta.url))

export interface RelayMemoryFigures {
  clients: number
  baselineBytes: number
  perClientBytes: number
}

function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

async function settle(pid: number): Promise<number> {
  // Resident memory after the process went quiet: the median of a few samples 200 ms apart.
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    samples.push(residentBytes(pid))
  }
  return samples.sort((a, b) => a - b)[2] as number
}

function startRelay(dataDir: string): Promise<{ child: ChildProcess; ws: string }> {
  const child = spawn(
    process.execPath,
    [WEFT_BIN, 'node', '--listen', '/ip4/127.0.0.1/tcp/0/ws', '--metrics', 'off'],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, WEFT_DATA_DIR: dataDir } },
  )
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.includes('/ws/')) resolve({ child, ws: line.trim() })
    })
    child.once('exit', (code) => reject(new Error(`relay exited (${code})`)))
  })
}

async function client(relay: string): Promise<Libp2p> {
  const node = await createLibp2p({
    addresses: { listen: [`${relay}/p2p-circuit`] },
    transports: [webSockets(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  })
  await node.dial(multiaddr(relay))
  return node
}

export async function relayMemoryFigures(clients: number): Promise<RelayMemoryFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-relay-mem-'))
  const relay = await startRelay(dataDir)
  const pid = relay.child.pid as number
  const nodes: Libp2p[] = []
  try {
    const baselineBytes = await settle(pid)
    for (let i = 0; i < clients; i++) {
      nodes.push(await client(relay.ws))
      // libp2p limits inbound connections per IP per second, and every client here is 127.0.0.1.
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const loadedBytes = await settle(pid)
    return { clients, baselineBytes, perClientBytes: (loadedBytes - baselineBytes) / clients }
  } finally {
    await Promise.all(nodes.map((n) => n.stop()))
    relay.child.kill('SIGTERM')
    await new Promise((resolve) => relay.child.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
