// `weft status`: which chain a node is on and how far it is, from its API's GET /v1/status.
import { API_URL_ENV, DEFAULT_API_URL, EXIT_USAGE } from '../constants.ts'
import type { StatusAnswer } from './api-answers.ts'
import type { CommandIo } from './command-io.ts'
import { CliUsageError } from './errors.ts'
import { NodeApi, NodeApiError, NodeUnreachableError, resolveApiUrl } from './node-api.ts'
import { parseCommandArgs, stringValue } from './parse-command-args.ts'

export const STATUS_USAGE = `Usage: weft status [--api <url>] [--json]

Asks a node's HTTP API (docs/api.md) where it stands: its chain, the last committed block, peers,
consensus, and whether it validates. --api is the node's API (default ${DEFAULT_API_URL}, else
${API_URL_ENV}); host:port means http://host:port. --json prints the node's answer as it is.
`

const COMMAND = 'weft status'

export async function statusCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(COMMAND, argv, {
      api: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help === true) {
      io.stdout(STATUS_USAGE)
      return 0
    }
    if (positionals.length > 0) {
      throw new CliUsageError(
        `${COMMAND}: unexpected argument '${positionals[0]}'; name the node with --api <url>`,
        { value: positionals[0] },
      )
    }
    const api = new NodeApi(resolveApiUrl(COMMAND, stringValue(values, 'api'), io))
    const status = await api.get<StatusAnswer>('/v1/status')
    if (values.json === true) io.stdout(JSON.stringify(status, null, 2))
    else for (const line of describeStatus(status, api.url)) io.stdout(line)
    return 0
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr(err.message)
      return EXIT_USAGE
    }
    if (err instanceof NodeUnreachableError || err instanceof NodeApiError) {
      io.stderr(`${COMMAND}: ${err.message}`)
      return 1
    }
    throw err
  }
}

/** The status as `name: value` lines, aligned like `weft keys show`. */
export function describeStatus(s: StatusAnswer, url: string): string[] {
  const history =
    s.history.mode === 'archive'
      ? `archive, blocks from ${s.history.lowestBlock}`
      : `prune, keeping ${s.history.keepBlocks} blocks, from ${s.history.lowestBlock}`
  const round = `height ${s.consensus.height}, round ${s.consensus.round}${s.consensus.halted ? ', HALTED: two commits for one height were seen' : ''}`
  return [
    `node:         ${url} (${s.nodeId})`,
    `chain:        ${s.chainId}`,
    `genesis:      ${s.genesisHash}`,
    `height:       ${s.height}${s.time === null ? ' (only the genesis)' : ` (${new Date(s.time).toISOString()})`}`,
    `block:        ${s.blockHash}`,
    `finalized:    ${s.finalizedHeight}`,
    `peers:        ${s.peers}`,
    `syncing:      ${s.syncing ? `yes, to height ${s.syncTargetHeight}` : 'no'}`,
    `consensus:    ${round}`,
    `validator:    ${s.validator ? 'yes' : 'no'}`,
    `history:      ${history}`,
  ]
}
