// Builds and runs the go-libp2p interop peer (interop/go-peer), and reads what it prints — one
// JSON object per line, named by its `event` field — as events a test can wait on.
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

const BUILD_SCRIPT = fileURLToPath(new URL('../../../interop/build-go-peer', import.meta.url))

/** interop/build-go-peer's exit status when there is no Go toolchain. */
const EXIT_NO_GO = 77

export const GO_MISSING_MESSAGE = 'go-libp2p interop skipped: Go toolchain not found'

/** The binary's path, or undefined when Go is absent. Progress goes to this process's stderr. */
export function buildGoPeer(): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      process.stderr.write(chunk)
    })
    child.once('error', reject)
    child.once('close', (code) => {
      if (code === 0) resolve(out.trim().split('\n').at(-1))
      else if (code === EXIT_NO_GO) resolve(undefined)
      else reject(new Error(`interop/build-go-peer failed (exit ${code}):\n${err}`))
    })
  })
}

export interface GoPeerEvent {
  event: string
  [field: string]: unknown
}

export interface GoPeer {
  child: ChildProcessByStdio<Writable, Readable, Readable>
  /** Every event so far, in order. */
  events: GoPeerEvent[]
  /**
   * The first event with this name, seen already or still to come. Rejects when the peer reports
   * an error or exits first.
   */
  next(name: string): Promise<GoPeerEvent>
  /** The exit status (or the signal's name) once the process and its output end. */
  exited: Promise<number | string>
  /** Closes stdin, which ends reserve mode, and kills the peer if it is still up a moment later. */
  stop(): Promise<number | string>
}

const STOP_GRACE_MS = 2_000

export function runGoPeer(binary: string, args: readonly string[]): GoPeer {
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const events: GoPeerEvent[] = []
  const waiters: Array<{ name: string; resolve(e: GoPeerEvent): void; reject(e: Error): void }> = []
  let stderr = ''
  let failure: Error | undefined
  const peerError = (what: string) =>
    new Error(`go peer ${args.join(' ')}: ${what}\nstderr:\n${stderr}`)

  const fail = (err: Error) => {
    failure ??= err
    for (const w of waiters.splice(0)) w.reject(failure)
  }
  const seen = (e: GoPeerEvent) => {
    events.push(e)
    if (e.event === 'error') fail(peerError(`${e.stage}: ${e.message}`))
    for (const w of waiters.filter((w) => w.name === e.event)) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve(e)
    }
  }

  let partial = ''
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) if (line.trim() !== '') seen(JSON.parse(line) as GoPeerEvent)
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => {
      const status = code ?? signal ?? 'unknown'
      fail(peerError(`exited (${status})`))
      resolve(status)
    })
  })
  // Writing to a peer that has just exited must not fail the test; its exit says what happened.
  child.stdin.on('error', () => undefined)

  return {
    child,
    events,
    exited,
    next(name) {
      const found = events.find((e) => e.event === name)
      if (found !== undefined) return Promise.resolve(found)
      if (failure !== undefined) return Promise.reject(failure)
      return new Promise((resolve, reject) => waiters.push({ name, resolve, reject }))
    },
    async stop() {
      child.stdin.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
