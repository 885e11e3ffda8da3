#!/usr/bin/env node
// The `weft` executable: wires the CLI to this process's streams, signals and exit status.
import { main } from '../src/cli/main.ts'

const stopRequested = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      resolve(signal)
      // A second signal while stopping means "now".
      process.once(signal, () => process.exit(130))
    })
  }
})

const code = await main(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stopRequested,
})
// Leftover handles (sockets in TIME_WAIT, WebRTC threads) must not keep a stopped node alive.
process.exit(code)
