// Parses `weft node`'s flags into validated options; every mistake is a CliUsageError that
// names the flag and the value at fault.
import { multiaddr } from '@multiformats/multiaddr'
import { DEFAULT_LISTEN_ADDRS } from '../constants.ts'
import { CliUsageError } from './errors.ts'

export interface NodeArgs {
  help: boolean
  /** Multiaddrs to listen on, validated; the defaults when no --listen was given. */
  listen: string[]
}

export const NODE_USAGE = `Usage: weft node [--listen <multiaddr>]... [--help]

Starts a Weft node: TCP, WebSockets and WebRTC-direct, a circuit relay for browsers and NATed
peers, and the development verify protocol. Prints its multiaddrs, one per line, then a line
'weft: listening <json>' once it is ready. Stops cleanly on SIGINT or SIGTERM.

Options:
  --listen <multiaddr>  an address to listen on; repeat for several
                        (default: ${DEFAULT_LISTEN_ADDRS.join(' ')})
  -h, --help            show this help
`

export function parseNodeArgs(argv: readonly string[]): NodeArgs {
  const listen: string[] = []
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') {
      help = true
      continue
    }
    const [flag, inline] = splitInline(arg)
    if (flag === '--listen') {
      const value = inline ?? argv[++i]
      if (value === undefined || (inline === undefined && value.startsWith('-'))) {
        throw new CliUsageError(
          'weft node: --listen needs a multiaddr, e.g. --listen /ip4/0.0.0.0/tcp/4001',
          {
            flag,
          },
        )
      }
      listen.push(checkMultiaddr(flag, value))
      continue
    }
    if (arg.startsWith('-')) {
      throw new CliUsageError(`weft node: unknown flag ${flag}; see weft node --help`, { flag })
    }
    throw new CliUsageError(`weft node: unexpected argument '${arg}'; see weft node --help`, {
      value: arg,
    })
  }
  return { help, listen: listen.length > 0 ? listen : [...DEFAULT_LISTEN_ADDRS] }
}

/** `--flag=value` → ['--flag', 'value']; anything else → [arg, undefined]. */
function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=')
  if (!arg.startsWith('--') || eq < 0) return [arg, undefined]
  return [arg.slice(0, eq), arg.slice(eq + 1)]
}

function checkMultiaddr(flag: string, value: string): string {
  try {
    return multiaddr(value).toString()
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new CliUsageError(`weft node: ${flag} '${value}' is not a valid multiaddr (${reason})`, {
      flag,
      value,
    })
  }
}
