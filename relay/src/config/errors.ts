// The one error configuration reports: it names the setting, where the value came from, the
// value, and what is allowed, so the user can fix it without reading the docs.
import { type RawValue, rawText, showRaw } from './source.ts'

export type ConfigErrorCode =
  /** A value that its setting does not allow. */
  | 'INVALID_VALUE'
  /** A flag that needs a value was given none. */
  | 'MISSING_VALUE'
  /** A single-valued flag given more than once. */
  | 'REPEATED'
  /** Settings that cannot be used together (--archive and --prune). */
  | 'CONFLICT'
  | 'UNKNOWN_FLAG'
  | 'UNKNOWN_KEY'
  | 'UNEXPECTED_ARGUMENT'

export interface ConfigErrorDetails {
  code: ConfigErrorCode
  /** The setting at fault ("prune"), or the unknown flag or key as written. */
  setting: string
  /** Where the value came from: "flag --prune", "environment variable WEFT_PRUNE", … */
  source: string
  /** The value as given (JSON for config-file values), or undefined when there is none. */
  value: string | undefined
  /** What the setting allows, in words. */
  allowed: string
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly code: ConfigErrorCode
  readonly setting: string
  readonly source: string
  readonly value: string | undefined
  readonly allowed: string

  constructor(message: string, details: ConfigErrorDetails) {
    super(message)
    this.code = details.code
    this.setting = details.setting
    this.source = details.source
    this.value = details.value
    this.allowed = details.allowed
  }
}

/** Shown instead of a secret's value. */
export const HIDDEN_VALUE = '<hidden>'

/** A value its setting does not allow; `raw` is undefined for a secret, which is never shown. */
export function invalidValue(
  setting: string,
  source: string,
  raw: RawValue | undefined,
  allowed: string,
  reason?: string,
): ConfigError {
  const why = reason === undefined ? '' : ` (${reason})`
  const shown = raw === undefined ? HIDDEN_VALUE : showRaw(raw)
  return new ConfigError(`invalid ${setting}: ${source} is ${shown}${why}; allowed: ${allowed}`, {
    code: 'INVALID_VALUE',
    setting,
    source,
    value: raw === undefined ? HIDDEN_VALUE : rawText(raw),
    allowed,
  })
}
