// node:util parseArgs for one command, its errors turned into CliUsageErrors that name the flag
// and say what the command allows.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'
import { CliUsageError } from './errors.ts'

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
    })
    return { values: values as ParsedArgs['values'], positionals }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    const message = (err as Error).message
    const flag = /'(-{1,2}[^', ]+)/.exec(message)?.[1]
    const allowed = Object.entries(options)
      .map(([name, o]) => (o.type === 'string' ? `--${name} <value>` : `--${name}`))
      .join(', ')
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      throw new CliUsageError(`${command}: unknown flag ${flag}; allowed: ${allowed}`, { flag })
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
      const name = flag.replace(/^-+/, '')
      const needsValue = options[name]?.type === 'string'
      throw new CliUsageError(
        needsValue
          ? `${command}: ${flag} needs a value (${flag} <value>; a value starting with '-' as ${flag}=<value>)`
          : `${command}: ${flag} takes no value`,
        { flag },
      )
    }
    throw new CliUsageError(`${command}: ${message}; allowed: ${allowed}`)
  }
}

/** A string flag's value, or undefined when it was not given. */
export function stringValue(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}
