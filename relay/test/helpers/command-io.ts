// An in-process CommandIo for tests: collects output lines and lets the test say when to stop.
import type { CommandIo } from '../../src/index.ts'

export interface TestIo extends CommandIo {
  out: string[]
  err: string[]
  /** Resolves stopRequested as if the process got this signal. */
  stop(signal?: string): void
}

export interface TestIoOptions {
  env?: Record<string, string>
  cwd?: string
  /** Answers password prompts, as a terminal would. */
  prompt?: (question: string) => Promise<string>
}

export function testIo(options: TestIoOptions = {}): TestIo {
  let stop: (signal: string) => void = () => undefined
  const stopRequested = new Promise<string>((resolve) => {
    stop = resolve
  })
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    stopRequested,
    stop: (signal = 'SIGTERM') => stop(signal),
    env: options.env ?? {},
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.prompt === undefined ? {} : { promptPassword: options.prompt }),
  }
}
