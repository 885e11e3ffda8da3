#!/usr/bin/env node
import { main } from '../src/cli/main.ts'
// The `weft` executable: wires the CLI to this process's streams, signals, terminal and exit
// status.
import { promptHidden } from '../src/keys/prompt-password.ts'

const stopRequested = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      resolve(signal)
      // A second signal while stopping means "now".
      process.once(signal, () => process.exit(130))
    })
  }
})

const terminal = process.stdin.isTTY && process.stderr.isTTY

const code = await main(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stopRequested,
  ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
  ...(terminal
    ? {
        promptPassword: (question: string) => promptHidden(question, process.stdin, process.stderr),
      }
    : {}),
})
// Leftover handles (sockets in TIME_WAIT, WebRTC threads) must not keep a stopped node alive.
process.exit(code)
