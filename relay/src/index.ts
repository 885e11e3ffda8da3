// @weft/relay: the Weft node as a library, for tests and for hosts that embed it.
export { CliUsageError } from './cli/errors.ts'
export { main, USAGE } from './cli/main.ts'
export { type CommandIo, nodeCommand } from './cli/node-command.ts'
export { NODE_USAGE, type NodeArgs, parseNodeArgs } from './cli/parse-node-args.ts'
export { DEFAULT_LISTEN_ADDRS, EXIT_USAGE, LISTENING_LINE_PREFIX } from './constants.ts'
export {
  createWeftNode,
  type ListeningInfo,
  listeningInfo,
  type WeftNode,
  type WeftNodeInit,
} from './node/create-node.ts'
