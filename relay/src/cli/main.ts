// The `weft` command line: picks the subcommand and maps usage errors to exit status 2.
import { EXIT_USAGE } from '../constants.ts'
import type { CommandIo } from './command-io.ts'
import { devnetCommand } from './devnet-command.ts'
import { genesisCommand } from './genesis-command.ts'
import { keysCommand } from './keys-command.ts'
import { nodeCommand } from './node-command.ts'
import { peersCommand } from './peers-command.ts'
import { statusCommand } from './status-command.ts'
import { walletCommand } from './wallet-command.ts'

export const USAGE = `Usage: weft <command> [options]

Commands:
  node    run a Weft node (weft node --help for its options)
  keys    create and show encrypted key files (weft keys --help)
  genesis write a new chain's genesis file (weft genesis --help)
  devnet  run a local network: validators, a relay with a faucet, the web app (weft devnet --help)
  status  ask a node's API where it stands: chain, height, peers, consensus (weft status --help)
  peers   a node's peers: connections, scores, bans and their reasons (weft peers --help)
  wallet  an account's balance, and transfers signed from a key file, through a node's API
          (weft wallet --help)
`

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    ;(command === undefined ? io.stderr : io.stdout)(USAGE)
    return command === undefined ? EXIT_USAGE : 0
  }
  if (command === 'node') return nodeCommand(rest, io)
  if (command === 'keys') return keysCommand(rest, io)
  if (command === 'devnet') return devnetCommand(rest, io)
  if (command === 'genesis') return genesisCommand(rest, io)
  if (command === 'status') return statusCommand(rest, io)
  if (command === 'peers') return peersCommand(rest, io)
  if (command === 'wallet') return walletCommand(rest, io)
  io.stderr(
    `weft: unknown command '${command}'; commands: node, keys, genesis, devnet, status, peers, wallet (see weft --help)`,
  )
  return EXIT_USAGE
}
