// Runs relay/bin/weft.ts as a child process with this test's Node, and waits on its output as
// events: the listening line, or the exit. Each run gets its own data dir unless the test sets
// WEFT_DATA_DIR, so tests never touch ~/.weft or share a node identity, and serves its API and
// metrics on ports the system picks, so runs side by side never meet on the default ports.
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { LISTENING_LINE_PREFIX, type ListeningInfo } from '../../src/index.ts'

const WEFT_BIN = fileURLToPath(new URL('../../bin/weft.ts', import.meta.url))

export interface WeftProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** Everything printed so far. */
  stdout(): string
  stderr(): string
  /** Resolves with the node's listening info; rejects if the process exits first. */
  listening: Promise<ListeningInfo>
  /** Resolves with the exit status (or the signal's name) once the process and its output end. */
  exited: Promise<number | string>
  /** Resolves with the rest of the first stderr line starting with `prefix`; rejects on exit. */
  printed(prefix: string): Promise<string>
}

export interface RunWeftOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>
}

export function runWeft(args: readonly string[], options: RunWeftOptions = {}): WeftProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-test-'))
  // process.execPath is the pinned Node 24 the tests run under.
  const child = spawn(process.execPath, [WEFT_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WEFT_DATA_DIR: join(dataDir, 'data'),
      WEFT_API: '127.0.0.1:0',
      WEFT_METRICS: '127.0.0.1:0',
      ...options.env,
    },
  })
  let out = ''
  let err = ''
  const exited = new Promise<number | string>((resolve) => {
    // 'close' rather than 'exit': it follows the last output, so stdout()/stderr() are complete.
    child.once('close', (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true })
      resolve(code ?? signal ?? 'unknown')
    })
  })
  const listening = new Promise<ListeningInfo>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith(LISTENING_LINE_PREFIX))
      if (line !== undefined)
        resolve(JSON.parse(line.slice(LISTENING_LINE_PREFIX.length)) as ListeningInfo)
    })
    exited.then((status) => reject(new Error(`weft exited (${status}) before listening:\n${err}`)))
  })
  // A test that never reads `listening` must not fail on its rejection.
  listening.catch(() => undefined)
  const waiting = new Set<() => void>()
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    for (const check of [...waiting]) check()
  })
  const printed = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = err.split('\n').find((l, i, all) => l.startsWith(prefix) && i < all.length - 1)
        if (line === undefined) return
        waiting.delete(check)
        resolve(line.slice(prefix.length))
      }
      waiting.add(check)
      check()
      exited.then((status) => {
        waiting.delete(check)
        reject(new Error(`weft exited (${status}) before printing ${prefix}:\n${err}`))
      })
    })
  return { child, stdout: () => out, stderr: () => err, listening, exited, printed }
}

/** Runs a command that ends by itself and returns its status and output. */
export async function runWeftToEnd(
  args: readonly string[],
  options: RunWeftOptions = {},
): Promise<{ status: number | string; stdout: string; stderr: string }> {
  const weft = runWeft(args, options)
  const status = await weft.exited
  return { status, stdout: weft.stdout(), stderr: weft.stderr() }
}
