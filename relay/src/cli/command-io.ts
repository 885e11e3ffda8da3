// What a command gets from the process that runs it: output lines, the environment, and the
// terminal where there is one. Tests pass their own.
import type { Env } from '../config/setting.ts'
import type { TerminalLine } from '../sync/progress-bar.ts'

export interface CommandIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  /** Resolves with the name of the signal that asks the command to stop. */
  stopRequested: Promise<string>
  /** The environment; process.env when absent. */
  env?: Env
  /** The working directory relative paths resolve against; process.cwd() when absent. */
  cwd?: string
  /** Standard error when it is a terminal: progress bars are drawn there. */
  terminal?: TerminalLine
  /** Asks for a secret on the terminal without echo; absent when there is no terminal. */
  promptPassword?: (question: string) => Promise<string>
}

export function commandEnv(io: CommandIo): Env {
  return io.env ?? process.env
}

export function commandCwd(io: CommandIo): string {
  return io.cwd ?? process.cwd()
}
