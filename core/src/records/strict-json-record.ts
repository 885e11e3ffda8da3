// Reading a stored JSON record field by field, strictly: exactly the fields its format lists, each
// of the type and size it should have. Key files and wallet vaults are both read this way; each
// says how a malformed record is reported (its own error class and wording).

export interface StrictRecordReader {
  /** A plain object (not null, not an array). */
  object(value: unknown, what: string): Record<string, unknown>
  /** Every one of `keys` present and nothing else. */
  exactKeys(value: Record<string, unknown>, keys: readonly string[], what: string): void
  /** A safe integer. */
  integer(value: unknown, what: string): number
  /** Lowercase hex of `min` to `max` bytes (exactly `min` when `max` is not given). */
  hex(value: unknown, what: string, min: number, max?: number): string
}

export function strictRecordReader(malformed: (why: string) => Error): StrictRecordReader {
  return {
    object(value, what) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw malformed(`${what} is not a JSON object`)
      }
      return value as Record<string, unknown>
    },
    exactKeys(value, keys, what) {
      for (const key of keys) if (!(key in value)) throw malformed(`${what} has no "${key}"`)
      for (const key of Object.keys(value)) {
        if (!keys.includes(key)) throw malformed(`${what} has an unknown field "${key}"`)
      }
    },
    integer(value, what) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw malformed(`${what} is not a whole number`)
      }
      return value
    },
    hex(value, what, min, max = min) {
      if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(value)) {
        throw malformed(`${what} is not lowercase hex`)
      }
      const bytes = value.length / 2
      if (bytes < min || bytes > max) {
        const size = min === max ? `${min}` : `${min} to ${max}`
        throw malformed(`${what} is ${bytes} bytes; it should be ${size}`)
      }
      return value
    },
  }
}
