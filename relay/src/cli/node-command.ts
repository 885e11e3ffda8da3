// `weft node`: loads the consensus core, starts the node, prints where it listens, and runs
// until SIGINT or SIGTERM.
import { loadCore } from '@weft/wasm'
import { EXIT_USAGE, LISTENING_LINE_PREFIX } from '../constants.ts'
import { createWeftNode, listeningInfo } from '../node/create-node.ts'
import { CliUsageError } from './errors.ts'
import { NODE_USAGE, parseNodeArgs } from './parse-node-args.ts'

export interface CommandIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  /** Resolves with the name of the signal that asks the command to stop. */
  stopRequested: Promise<string>
}

/** Runs the command to completion and returns the process exit status. */
export async function nodeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let args: ReturnType<typeof parseNodeArgs>
  try {
    args = parseNodeArgs(argv)
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err
    io.stderr(err.message)
    return EXIT_USAGE
  }
  if (args.help) {
    io.stdout(NODE_USAGE)
    return 0
  }

  let verify: (pk: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean
  try {
    const core = await loadCore()
    verify = (pk, msg, sig) => core.ed25519Verify(pk, msg, sig)
  } catch (err) {
    io.stderr(`weft node: cannot load the consensus core: ${describe(err)}`)
    return 1
  }

  let node: Awaited<ReturnType<typeof createWeftNode>>
  try {
    node = await createWeftNode({ listen: args.listen, verify })
  } catch (err) {
    io.stderr(
      `weft node: cannot start listening on ${args.listen.join(' ')}:\n${listenFailures(err)}`,
    )
    return 1
  }

  const info = listeningInfo(node)
  for (const ma of info.multiaddrs) io.stdout(ma)
  io.stdout(`${LISTENING_LINE_PREFIX}${JSON.stringify(info)}`)

  const signal = await io.stopRequested
  io.stderr(`weft node: ${signal}, stopping`)
  await node.stop()
  io.stderr('weft node: stopped')
  return 0
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * libp2p reports failed listens as one message with a line per address (plus stacks and a hint
 * about its own config); the user needs just the address and the system's reason.
 */
function listenFailures(err: unknown): string {
  const message = describe(err)
  const perAddress = [...message.matchAll(/^\s*(\/\S+): (?:Error: )?(.+)$/gm)].map(
    (m) => `  ${m[1]}: ${m[2]}`,
  )
  return perAddress.length > 0 ? perAddress.join('\n') : `  ${message.split('\n')[0]}`
}
