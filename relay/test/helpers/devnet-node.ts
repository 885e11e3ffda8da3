// Nodes of a test network as child processes (`weft node`), watched through their JSON log
// lines: which blocks each committed, and waits that end on a log event or a deadline.

import { API_LINE_PREFIX } from '../../src/constants.ts'
import type { DevnetLayout, DevnetNode } from '../../src/devnet/devnet-layout.ts'
import { runWeft, type WeftProcess } from './weft-process.ts'

export interface RunningNode {
  node: DevnetNode
  process: WeftProcess
  /** Its TCP multiaddr with /p2p, for others to bootstrap from. */
  address: string
  /** Block id (hex) by height, as committed by this node. */
  committed: Map<number, string>
  /** The HTTP API's base URL, when started with { api: true }. */
  apiUrl: string | undefined
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[]
  /** Resolves when a log line satisfies `test`, rejects after `timeoutMs` or when the node exits. */
  waitForLog(
    test: (line: Record<string, unknown>) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<void>
  waitForHeight(height: number, timeoutMs: number): Promise<void>
  height(): number
}

export async function startNode(
  layout: DevnetLayout,
  node: DevnetNode,
  bootstrap: readonly string[],
  options: { validate?: boolean; genesisFile?: string; api?: boolean; args?: string[] } = {},
): Promise<RunningNode> {
  const args = [
    'node',
    '--data-dir',
    node.dataDir,
    '--genesis',
    options.genesisFile ?? layout.genesisFile,
    '--listen',
    '/ip4/127.0.0.1/tcp/0',
    '--api',
    options.api === true ? '127.0.0.1:0' : 'off',
    '--metrics',
    'off',
    ...bootstrap.flatMap((b) => ['--bootstrap', b]),
    ...(options.args ?? []),
  ]
  if (options.validate !== false && node.keyFile !== undefined) {
    args.push('--validator-key', node.keyFile, '--validator-key-password-file', layout.passwordFile)
  }
  const process = runWeft(args, {
    env: { WEFT_LOG_LEVEL: globalThis.process.env.WEFT_LOG_LEVEL ?? 'info' },
  })
  const committed = new Map<number, string>()
  const logs: Record<string, unknown>[] = []
  const waiters = new Set<() => void>()
  let buffered = ''
  process.child.stderr.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.startsWith('{')) continue
      const entry = JSON.parse(line) as Record<string, unknown>
      logs.push(entry)
      if (entry.msg === 'committed block')
        committed.set(entry.height as number, entry.blockId as string)
    }
    for (const w of waiters) w()
  })
  const info = await process.listening
  const findApi = () =>
    process
      .stderr()
      .split('\n')
      .find((l) => l.startsWith(API_LINE_PREFIX))
  // The API line is written before the listening line, but on the other pipe.
  while (options.api === true && findApi() === undefined) {
    await new Promise((resolve) => process.child.stderr.once('data', resolve))
  }
  const apiLine = findApi()
  const address = info.multiaddrs.find((a) => a.includes('/tcp/') && !a.includes('/ws')) as string

  const waitForLog: RunningNode['waitForLog'] = (test, timeoutMs, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (logs.some(test)) {
          done()
          resolve()
        }
      }
      const timer = setTimeout(() => {
        done()
        // The node's last words, so a failure on a loaded CI machine can be read afterwards.
        const tail = logs
          .slice(-30)
          .map((l) => JSON.stringify(l))
          .join('\n')
        reject(
          new Error(
            `${node.name}: no ${what} within ${timeoutMs} ms; its last log lines:\n${tail}`,
          ),
        )
      }, timeoutMs)
      const done = () => {
        clearTimeout(timer)
        waiters.delete(check)
      }
      waiters.add(check)
      process.exited.then(() => {
        if (!waiters.has(check)) return
        done()
        reject(new Error(`${node.name} exited while waiting for ${what}:\n${process.stderr()}`))
      })
      check()
    })
  return {
    node,
    process,
    address,
    committed,
    apiUrl: apiLine?.slice(API_LINE_PREFIX.length).trim(),
    logs,
    waitForLog,
    waitForHeight: (height, timeoutMs) =>
      waitForLog(
        (l) => l.msg === 'committed block' && (l.height as number) >= height,
        timeoutMs,
        `commit at height ${height}`,
      ),
    height: () => Math.max(0, ...committed.keys()),
  }
}

export async function stopNode(n: RunningNode, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (n.process.child.exitCode !== null || n.process.child.signalCode !== null) return
  n.process.child.kill(signal)
  await n.process.exited
}
