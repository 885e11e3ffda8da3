// A value one source gave for a setting, parsed by the setting's type; a value the type rejects
// becomes a ConfigError that names the setting, the source, the value and what is allowed.
import { invalidValue } from './errors.ts'
import type { Setting } from './setting.ts'
import { describeSource, type RawValue, type Source } from './source.ts'
import { type ValueContext, ValueRejected } from './value-types.ts'

export interface Given<T> {
  value: T
  source: Source
  /** As written, for messages about this value once it is parsed; undefined for defaults. */
  raw: RawValue | undefined
}

export function parseGiven<T>(
  setting: Setting<T>,
  raw: RawValue,
  source: Source,
  context: ValueContext,
): Given<T> {
  try {
    const value =
      'text' in raw
        ? setting.type.fromText(raw.text, context)
        : setting.type.fromJson(raw.json, context)
    return { value, source, raw }
  } catch (err) {
    if (!(err instanceof ValueRejected)) throw err
    throw rejected(setting, raw, source, err.reason)
  }
}

export function rejected(
  setting: Setting<unknown>,
  raw: RawValue,
  source: Source,
  reason: string | undefined,
) {
  return invalidValue(
    setting.name,
    describeSource(source),
    setting.secret ? undefined : raw,
    setting.type.allowed,
    reason,
  )
}
