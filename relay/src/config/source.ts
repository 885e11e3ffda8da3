// Where a setting's value came from, so an error can send the user to the right place.

export type Source =
  | { kind: 'default' }
  | { kind: 'file'; path: string; key: string }
  | { kind: 'env'; name: string }
  | { kind: 'flag'; flag: string }

/** Sources in increasing precedence: a later one overrides an earlier one. */
export const SOURCE_PRECEDENCE: readonly Source['kind'][] = ['default', 'file', 'env', 'flag']

export function precedence(source: Source): number {
  return SOURCE_PRECEDENCE.indexOf(source.kind)
}

/** "flag --prune", "environment variable WEFT_PRUNE", "key "prune" in config file /etc/…". */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'default':
      return 'the default'
    case 'file':
      return `key "${source.key}" in config file ${source.path}`
    case 'env':
      return `environment variable ${source.name}`
    case 'flag':
      return `flag ${source.flag}`
  }
}

/** A value as a source gave it: text from a flag or the environment, JSON from a config file. */
export type RawValue = { text: string } | { json: unknown }

/** The value as the user wrote it: the text itself, or the JSON. */
export function rawText(raw: RawValue): string {
  return 'text' in raw ? raw.text : (JSON.stringify(raw.json) ?? String(raw.json))
}

/** The value for a message: text in single quotes, JSON as written. */
export function showRaw(raw: RawValue): string {
  return 'text' in raw ? `'${raw.text}'` : rawText(raw)
}
