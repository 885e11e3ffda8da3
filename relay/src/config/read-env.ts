// Reads WEFT_* environment variables against a settings table. Lists are comma-separated; an
// empty list variable means "none". A WEFT_ variable one typo away from a known one is reported
// as a warning (other WEFT_ variables belong to the tools and tests around the node).
import { type Given, parseGiven } from './given.ts'
import type { GivenValues } from './read-flags.ts'
import type { Env, SettingTable } from './setting.ts'
import { closest } from './suggest.ts'
import type { ValueContext } from './value-types.ts'

export interface EnvRead<Table extends SettingTable> {
  values: GivenValues<Table>
  warnings: string[]
}

export function readEnv<Table extends SettingTable>(
  env: Env,
  table: Table,
  context: ValueContext,
  prefix: string,
): EnvRead<Table> {
  const values: Record<string, Given<unknown>> = {}
  const known: string[] = []
  for (const [key, s] of Object.entries(table)) {
    if (s.env === undefined) continue
    known.push(s.env)
    const text = env[s.env]
    if (text === undefined) continue
    values[key] = parseGiven(s, { text }, { kind: 'env', name: s.env }, context)
  }
  const warnings: string[] = []
  for (const name of Object.keys(env)) {
    if (!name.startsWith(prefix) || known.includes(name)) continue
    const suggestion = closest(name, known)
    if (suggestion !== undefined) {
      warnings.push(`ignoring environment variable ${name}: did you mean ${suggestion}?`)
    }
  }
  return { values: values as GivenValues<Table>, warnings }
}
