// `weft peers`: who a node is connected to, and every peer it keeps a reputation for — score,
// ban and the reasons behind them — from its API's GET /v1/peers (docs/peers.md).
import { API_URL_ENV, DEFAULT_API_URL, EXIT_USAGE } from '../constants.ts'
import type { PeersAnswer } from './api-answers.ts'
import type { CommandIo } from './command-io.ts'
import { CliUsageError } from './errors.ts'
import { NodeApi, NodeApiError, NodeUnreachableError, resolveApiUrl } from './node-api.ts'
import { parseCommandArgs, stringValue } from './parse-command-args.ts'

export const PEERS_USAGE = `Usage: weft peers [--api <url>] [--json]

Asks a node's HTTP API (docs/api.md) for its peers: open connections with each peer's score,
then every peer it keeps a reputation for, lowest score first, with its ban and recent reasons
(docs/peers.md). --api is the node's API (default ${DEFAULT_API_URL}, else ${API_URL_ENV});
--json prints the node's answer as it is.
`

const COMMAND = 'weft peers'

export async function peersCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(COMMAND, argv, {
      api: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help === true) {
      io.stdout(PEERS_USAGE)
      return 0
    }
    if (positionals.length > 0) {
      throw new CliUsageError(
        `${COMMAND}: unexpected argument '${positionals[0]}'; name the node with --api <url>`,
        { value: positionals[0] },
      )
    }
    const api = new NodeApi(resolveApiUrl(COMMAND, stringValue(values, 'api'), io))
    const answer = await api.get<PeersAnswer>('/v1/peers')
    if (values.json === true) io.stdout(JSON.stringify(answer, null, 2))
    else for (const line of describePeers(answer, Date.now())) io.stdout(line)
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

/** Connections, then reputations with their reasons, newest reason first. */
export function describePeers(answer: PeersAnswer, now: number): string[] {
  const lines = [`connected: ${answer.count} peer${answer.count === 1 ? '' : 's'}`]
  for (const p of answer.peers) {
    lines.push(`  ${p.peerId}  ${p.transport} ${p.direction}  score ${p.score}  ${p.address}`)
  }
  if (answer.reputations.length === 0) return [...lines, 'no peer has a reputation yet']
  lines.push('reputations:')
  for (const r of answer.reputations) {
    const ban =
      r.banned === null
        ? ''
        : `  BANNED ${minutes(r.banned.until - now)} more (${r.banned.reason}, offence ${r.banned.offences})`
    lines.push(`  ${r.peerId}  score ${r.score}${r.connected ? '  connected' : ''}${ban}`)
    for (const why of [...r.reasons].reverse()) {
      const times = why.times > 1 ? ` ×${why.times}` : ''
      const detail = why.detail === undefined ? '' : ` (${why.detail})`
      const delta = why.delta > 0 ? `+${why.delta}` : String(why.delta)
      lines.push(`      ${new Date(why.at).toISOString()}  ${why.event}${times}${detail}  ${delta}`)
    }
  }
  return lines
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000))
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`
}
