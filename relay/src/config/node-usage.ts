// `weft node --help`, written from the settings table so it cannot drift from what is parsed.
import { NODE_SETTINGS } from './node-settings.ts'
import type { Setting } from './setting.ts'

function usageEntry(s: Setting<unknown>): string {
  const head =
    s.flag === undefined
      ? `${s.env} (environment only)`
      : s.type.shape === 'switch'
        ? `${s.flag}, --no-${s.flag.slice(2)}`
        : `${s.flag} ${s.type.placeholder}`
  const where = [
    s.flag !== undefined && s.env !== undefined
      ? `env ${s.env}${s.type.shape === 'list' ? ' (comma-separated)' : ''}`
      : undefined,
    s.fileKey === undefined
      ? undefined
      : `file "${s.fileKey}"${s.type.shape === 'list' ? ' (JSON array)' : ''}`,
  ].filter((x) => x !== undefined)
  return [
    `  ${head}${s.inEffect ? '' : '   (checked at start, not acted on yet)'}`,
    `      ${s.description}`,
    ...(where.length > 0 ? [`      ${where.join(', ')}`] : []),
    `      default: ${s.defaultText}`,
  ].join('\n')
}

export const NODE_USAGE = `Usage: weft node [options]

Starts a Weft node: TCP, WebSockets and WebRTC-direct, a circuit relay for browsers and NATed
peers, and the development verify protocol. Prints its multiaddrs, one per line, then a line
'weft: listening <json>' once it is ready. Stops cleanly on SIGINT or SIGTERM.

Every setting can come from a flag, a WEFT_* environment variable, or a key of the JSON file
named by --config; flags override the environment, which overrides the file, which overrides
the defaults. A bad value stops the node with exit status 2. See docs/configuration.md.

Options:
${Object.values(NODE_SETTINGS)
  .map((s) => usageEntry(s))
  .join('\n')}
  -h, --help
      show this help
`
