// What a setting is: one name, read from a flag, a WEFT_* environment variable and a config-file
// key, with a type that validates it, a default and a line of help.
import { ENV_PREFIX } from '../constants.ts'
import type { ValueType } from './value-types.ts'

export type Env = Readonly<Record<string, string | undefined>>

/** What a default may depend on. */
export interface DefaultContext {
  env: Env
  homeDir: string
}

export interface Setting<T> {
  /** The setting's name in messages and docs, e.g. "data-dir". */
  readonly name: string
  /** "--data-dir", or undefined for settings that must not be on a command line (secrets). */
  readonly flag: string | undefined
  /** "WEFT_DATA_DIR", or undefined when the environment cannot set it. */
  readonly env: string | undefined
  /** "data-dir", or undefined when a config file cannot set it. */
  readonly fileKey: string | undefined
  readonly type: ValueType<T>
  readonly defaultValue: (context: DefaultContext) => T
  /** The default as --help and the docs show it. */
  readonly defaultText: string
  /** One line for --help. */
  readonly description: string
  /** Never shown in messages (a password). */
  readonly secret: boolean
  /** False while the node parses and checks the setting but does not act on it yet. */
  readonly inEffect: boolean
}

export interface SettingSpec<T> {
  name: string
  type: ValueType<T>
  default: (context: DefaultContext) => T
  defaultText: string
  description: string
  /** Where the setting can come from; each defaults to the name's spelling for that source. */
  flag?: false
  env?: false
  fileKey?: false
  secret?: boolean
  inEffect?: boolean
}

/** Builds a setting whose flag, variable and key all follow from its name. */
export function setting<T>(spec: SettingSpec<T>): Setting<T> {
  return {
    name: spec.name,
    flag: spec.flag === false ? undefined : `--${spec.name}`,
    env: spec.env === false ? undefined : envName(spec.name),
    fileKey: spec.fileKey === false ? undefined : spec.name,
    type: spec.type,
    defaultValue: spec.default,
    defaultText: spec.defaultText,
    description: spec.description,
    secret: spec.secret ?? false,
    inEffect: spec.inEffect ?? true,
  }
}

/** "data-dir" → "WEFT_DATA_DIR". */
export function envName(name: string): string {
  return ENV_PREFIX + name.toUpperCase().replaceAll('-', '_')
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds settings of every value type
export type SettingTable = Record<string, Setting<any>>

export type SettingValues<Table extends SettingTable> = {
  [K in keyof Table]: Table[K] extends Setting<infer T> ? T : never
}
