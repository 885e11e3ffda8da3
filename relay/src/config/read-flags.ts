// Reads a command line against a settings table: `--name value`, `--name=value`, switches
// (`--relay`, `--no-relay`, `--relay=false`), repeatable list flags, and `-h`/`--help`.
import { ConfigError, invalidValue } from './errors.ts'
import { type Given, parseGiven } from './given.ts'
import type { Setting, SettingTable, SettingValues } from './setting.ts'
import { type Source, showRaw } from './source.ts'
import { didYouMean } from './suggest.ts'
import type { ListType, ValueContext } from './value-types.ts'

export type GivenValues<Table extends SettingTable> = {
  [K in keyof Table]?: Given<SettingValues<Table>[K]>
}

export interface FlagsRead<Table extends SettingTable> {
  help: boolean
  values: GivenValues<Table>
}

const COMMAND_LINE = 'the command line'

export function readFlags<Table extends SettingTable>(
  argv: readonly string[],
  table: Table,
  context: ValueContext,
  command: string,
): FlagsRead<Table> {
  const byFlag = new Map<string, [keyof Table, Setting<unknown>]>()
  for (const [key, s] of Object.entries(table)) {
    if (s.flag !== undefined) byFlag.set(s.flag, [key, s])
  }
  const known = [...byFlag.keys()]
  const values: Record<string, Given<unknown>> = {}
  const seeHelp = `see ${command} --help`
  let help = false

  const setOnce = (key: string, s: Setting<unknown>, given: Given<unknown>) => {
    const before = values[key]?.raw
    if (before !== undefined && given.raw !== undefined) {
      const allowed = 'one value; the flag cannot be repeated'
      throw new ConfigError(
        `${s.name} given twice: flag ${s.flag} is ${showRaw(before)} and then ${showRaw(given.raw)}; allowed: ${allowed}`,
        { code: 'REPEATED', setting: s.name, source: `flag ${s.flag}`, value: undefined, allowed },
      )
    }
    values[key] = given
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') {
      help = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      const allowed = `flags only (${seeHelp})`
      throw new ConfigError(
        `unexpected argument '${arg}' on ${COMMAND_LINE}; allowed: ${allowed}`,
        {
          code: 'UNEXPECTED_ARGUMENT',
          setting: arg,
          source: COMMAND_LINE,
          value: arg,
          allowed,
        },
      )
    }
    const [flag, inline] = splitInline(arg)

    const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined
    if (negated !== undefined && negated[1].type.shape === 'switch') {
      const [key, s] = negated
      const source: Source = { kind: 'flag', flag }
      if (inline !== undefined) {
        throw invalidValue(
          s.name,
          `flag ${flag}`,
          { text: inline },
          `${flag} alone, or ${s.flag}=true|false`,
          `${flag} takes no value`,
        )
      }
      setOnce(key as string, s, { value: false, source, raw: { text: 'false' } })
      continue
    }

    const entry = byFlag.get(flag)
    if (entry === undefined) {
      const allowed = `${known.join(', ')}, --help`
      throw new ConfigError(
        `unknown flag ${flag} on ${COMMAND_LINE}${didYouMean(flag, known)}; allowed: ${allowed} (${seeHelp})`,
        { code: 'UNKNOWN_FLAG', setting: flag, source: COMMAND_LINE, value: flag, allowed },
      )
    }
    const [key, s] = entry
    const source: Source = { kind: 'flag', flag }

    if (s.type.shape === 'switch') {
      setOnce(key as string, s, parseGiven(s, { text: inline ?? 'true' }, source, context))
      continue
    }

    let text = inline
    if (text === undefined) {
      const next = argv[i + 1]
      if (next === undefined || next.startsWith('--') || next === '-h') {
        throw new ConfigError(
          `missing value for ${s.name}: flag ${flag} needs a value; allowed: ${s.type.allowed}`,
          {
            code: 'MISSING_VALUE',
            setting: s.name,
            source: `flag ${flag}`,
            value: undefined,
            allowed: s.type.allowed,
          },
        )
      }
      text = next
      i++
    }

    if (s.type.shape === 'list') {
      const item = parseGiven(asItem(s), { text }, source, context)
      const before = values[key as string]
      const items = before === undefined ? [] : (before.value as unknown[])
      values[key as string] = { value: [...items, item.value], source, raw: { text } }
      continue
    }
    setOnce(key as string, s, parseGiven(s, { text }, source, context))
  }
  return { help, values: values as GivenValues<Table> }
}

/** The setting, read one item at a time: each occurrence of a list flag is one item. */
function asItem(s: Setting<unknown>): Setting<unknown> {
  const list = s.type as ListType<unknown>
  return { ...s, type: { ...list, fromText: (text, context) => list.itemFromText(text, context) } }
}

/** `--flag=value` → ['--flag', 'value']; anything else → [arg, undefined]. */
function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=')
  if (!arg.startsWith('--') || eq < 0) return [arg, undefined]
  return [arg.slice(0, eq), arg.slice(eq + 1)]
}
