// Reads a JSON config file against a settings table: an object whose keys are settings' file
// keys. Unknown keys are errors naming the allowed ones; relative paths in the file resolve
// against the file's own folder, so a file means the same wherever the node is started.
import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError, invalidValue } from './errors.ts'
import { type Given, parseGiven } from './given.ts'
import type { GivenValues } from './read-flags.ts'
import type { Setting, SettingTable } from './setting.ts'
import { describeSource, type Source } from './source.ts'
import { didYouMean } from './suggest.ts'

export const CONFIG_FILE_ALLOWED = 'a JSON object of settings, e.g. {"prune": 100000}'

/**
 * @param configSetting the setting that named the file ("config")
 * @param from where the file's path came from (flag --config or WEFT_CONFIG)
 */
export function readConfigFile<Table extends SettingTable>(
  path: string,
  table: Table,
  homeDir: string,
  configSetting: Setting<unknown>,
  from: Source,
): GivenValues<Table> {
  const fileError = (reason: string) =>
    invalidValue(
      configSetting.name,
      describeSource(from),
      { text: path },
      CONFIG_FILE_ALLOWED,
      reason,
    )
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw fileError(`cannot read it: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw fileError(`not JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw fileError('not a JSON object')
  }

  const byKey = new Map<string, [string, Setting<unknown>]>()
  for (const [key, s] of Object.entries(table)) {
    if (s.fileKey !== undefined) byKey.set(s.fileKey, [key, s])
  }
  const allowedKeys = [...byKey.keys()]
  const context = { baseDir: dirname(path), homeDir }
  const values: Record<string, Given<unknown>> = {}
  for (const [fileKey, value] of Object.entries(json)) {
    const entry = byKey.get(fileKey)
    if (entry === undefined) {
      const allowed = allowedKeys.join(', ')
      throw new ConfigError(
        `unknown key "${fileKey}" (set to ${JSON.stringify(value)}) in config file ${path}${didYouMean(fileKey, allowedKeys)}; allowed keys: ${allowed}`,
        {
          code: 'UNKNOWN_KEY',
          setting: fileKey,
          source: `config file ${path}`,
          value: JSON.stringify(value),
          allowed,
        },
      )
    }
    const [key, s] = entry
    values[key] = parseGiven(s, { json: value }, { kind: 'file', path, key: fileKey }, context)
  }
  return values as GivenValues<Table>
}
