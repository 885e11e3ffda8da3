// The kinds of value a setting can hold. Each reads the text of a flag or environment variable
// and the JSON of a config file, and says in words what it allows; a rejection carries the
// reason, and the caller adds the setting and the source.
import { statSync } from 'node:fs'
import { isIPv4, isIPv6 } from 'node:net'
import { resolve } from 'node:path'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

/** What relative paths and `~` mean where a value was written. */
export interface ValueContext {
  /** Relative paths resolve against this: the working directory, or the config file's folder. */
  baseDir: string
  homeDir: string
}

export interface ValueType<T> {
  /** 'switch' flags take no value (--relay, --no-relay); 'list' flags may repeat. */
  readonly shape: 'value' | 'switch' | 'list'
  /** How --help shows the value: "<path>". */
  readonly placeholder: string
  /** What is allowed, in words, for errors and --help. */
  readonly allowed: string
  fromText(text: string, context: ValueContext): T
  fromJson(json: unknown, context: ValueContext): T
}

export interface ListType<Item> extends ValueType<Item[]> {
  readonly shape: 'list'
  /** One occurrence of a repeatable flag. */
  itemFromText(text: string, context: ValueContext): Item
}

/** A value its type does not allow; `reason` says what is wrong with it, when more than "no". */
export class ValueRejected extends Error {
  override readonly name = 'ValueRejected'
  readonly reason: string | undefined

  constructor(reason?: string) {
    super(reason ?? 'value not allowed')
    this.reason = reason
  }
}

function jsonString(json: unknown, what: string): string {
  if (typeof json !== 'string') throw new ValueRejected(`expected a JSON string: ${what}`)
  return json
}

export interface PathOptions {
  /** Check at start that the path names an existing regular file. */
  existingFile?: boolean
  allowed?: string
}

/** A file system path; `~/` is the home directory, relative paths resolve against baseDir. */
export function pathType(options: PathOptions = {}): ValueType<string> {
  const allowed =
    options.allowed ??
    (options.existingFile === true ? 'the path of an existing file' : 'a file system path')
  const fromText = (text: string, context: ValueContext): string => {
    if (text.trim() === '') throw new ValueRejected('empty')
    const expanded = text === '~' || text.startsWith('~/') ? context.homeDir + text.slice(1) : text
    const path = resolve(context.baseDir, expanded)
    if (options.existingFile === true) checkFile(path)
    return path
  }
  return {
    shape: 'value',
    placeholder: '<path>',
    allowed,
    fromText,
    fromJson: (json, context) => fromText(jsonString(json, 'a path'), context),
  }
}

function checkFile(path: string): void {
  let isFile: boolean
  try {
    isFile = statSync(path).isFile()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new ValueRejected(
      code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${code}`,
    )
  }
  if (!isFile) throw new ValueRejected(`${path} is not a file`)
}

/** A non-empty string. */
export function stringType(placeholder: string, allowed: string): ValueType<string> {
  const fromText = (text: string): string => {
    if (text === '') throw new ValueRejected('empty')
    return text
  }
  return {
    shape: 'value',
    placeholder,
    allowed,
    fromText,
    fromJson: (json) => fromText(jsonString(json, allowed)),
  }
}

const TRUE_WORDS = ['true', '1', 'yes', 'on']
const FALSE_WORDS = ['false', '0', 'no', 'off']

/** On or off: a switch flag (--relay, --no-relay), words in the environment, JSON booleans. */
export function booleanType(): ValueType<boolean> {
  return {
    shape: 'switch',
    placeholder: '',
    allowed: 'true or false (also 1/0, yes/no, on/off)',
    fromText(text) {
      const word = text.trim().toLowerCase()
      if (TRUE_WORDS.includes(word)) return true
      if (FALSE_WORDS.includes(word)) return false
      throw new ValueRejected()
    },
    fromJson(json) {
      if (typeof json !== 'boolean') throw new ValueRejected('expected JSON true or false')
      return json
    },
  }
}

/** A whole number ≥ 1, written in decimal digits only. */
export function positiveIntegerType(placeholder: string, allowed: string): ValueType<number> {
  const check = (n: number): number => {
    if (!Number.isSafeInteger(n)) throw new ValueRejected('too large')
    if (n < 1) throw new ValueRejected('must be at least 1')
    return n
  }
  return {
    shape: 'value',
    placeholder,
    allowed,
    fromText(text) {
      if (!/^\d+$/.test(text.trim())) throw new ValueRejected('not a whole number')
      return check(Number(text.trim()))
    },
    fromJson(json) {
      if (typeof json !== 'number' || !Number.isInteger(json)) {
        throw new ValueRejected('expected a JSON whole number')
      }
      return check(json)
    },
  }
}

/** `type`, with values above `max` refused. */
export function atMostType(type: ValueType<number>, max: number): ValueType<number> {
  const check = (n: number): number => {
    if (n > max) throw new ValueRejected(`must be at most ${max}`)
    return n
  }
  return {
    ...type,
    fromText: (text, context) => check(type.fromText(text, context)),
    fromJson: (json, context) => check(type.fromJson(json, context)),
  }
}

/** Items a second per peer and for all peers together: "<per-peer>/<global>", e.g. "32/1024". */
export function rateLimitType(): ValueType<{ perPeer: number; global: number }> {
  const allowed =
    'items a second per peer, a slash, then for all peers together: two whole numbers, at least 1, the first at most the second, e.g. 32/1024'
  const fromText = (text: string) => {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
    if (m === null) throw new ValueRejected('not <per-peer>/<global>')
    const [perPeer, global] = [Number(m[1]), Number(m[2])]
    if (!Number.isSafeInteger(perPeer) || !Number.isSafeInteger(global))
      throw new ValueRejected('too large')
    if (perPeer < 1 || global < 1) throw new ValueRejected('each must be at least 1')
    if (perPeer > global) throw new ValueRejected('the per-peer rate is above the global one')
    return { perPeer, global }
  }
  return {
    shape: 'value',
    placeholder: '<per-peer>/<global>',
    allowed,
    fromText,
    fromJson: (json) => fromText(jsonString(json, allowed)),
  }
}

/** Base units in one WEFT (the core's kBaseUnitsPerWeft): amounts have 9 decimals. */
export const BASE_UNITS_PER_WEFT = 1_000_000_000n
const WEFT_DECIMALS = 9
const U64_MAX = (1n << 64n) - 1n

/**
 * An amount of WEFT in decimal ("10", "0.25", at most 9 decimals) as base units, exactly — no
 * floating point. Throws ValueRejected saying what is wrong.
 */
export function parseWeftAmount(text: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (m === null) throw new ValueRejected('not a decimal amount')
  const fraction = m[2] ?? ''
  if (fraction.length > WEFT_DECIMALS) {
    throw new ValueRejected(`more than ${WEFT_DECIMALS} decimals`)
  }
  const units =
    BigInt(m[1] as string) * BASE_UNITS_PER_WEFT +
    BigInt(fraction.padEnd(WEFT_DECIMALS, '0') || '0')
  if (units === 0n) throw new ValueRejected('must be more than 0')
  if (units > U64_MAX) throw new ValueRejected('too large')
  return units
}

/**
 * An amount of WEFT written in decimal ("10", "0.25", at most 9 decimals), held in base units.
 * JSON may give it as a string or a number; a number is read by its decimal text.
 */
export function weftAmountType(placeholder: string, allowed: string): ValueType<bigint> {
  const fromText = parseWeftAmount
  return {
    shape: 'value',
    placeholder,
    allowed,
    fromText,
    fromJson(json) {
      if (typeof json === 'number' && Number.isFinite(json)) return fromText(String(json))
      return fromText(jsonString(json, allowed))
    },
  }
}

/** Base units as WEFT in decimal: 2500000000n → "2.5". */
export function formatWeft(units: bigint): string {
  const whole = units / BASE_UNITS_PER_WEFT
  const fraction = (units % BASE_UNITS_PER_WEFT).toString().padStart(WEFT_DECIMALS, '0')
  const trimmed = fraction.replace(/0+$/, '')
  return trimmed === '' ? whole.toString() : `${whole}.${trimmed}`
}

export interface MultiaddrListOptions {
  /** Each address must end in /p2p/<peer id> (addresses of other nodes to dial). */
  withPeerId?: boolean
  example: string
}

/**
 * Multiaddrs: one per occurrence of the flag, comma-separated in the environment (multiaddrs
 * never contain commas), a JSON array of strings in the config file. Stored in canonical form.
 */
export function multiaddrListType(options: MultiaddrListOptions): ListType<string> {
  const withPeerId = options.withPeerId === true
  const allowed = withPeerId
    ? `multiaddrs ending in /p2p/<peer id>, e.g. ${options.example}`
    : `multiaddrs, e.g. ${options.example}`
  const itemFromText = (text: string): string => {
    const trimmed = text.trim()
    if (trimmed === '') throw new ValueRejected('an empty address')
    let canonical: string
    try {
      canonical = multiaddr(trimmed).toString()
    } catch (err) {
      throw new ValueRejected(`not a valid multiaddr: ${message(err)}`)
    }
    if (withPeerId) checkPeerId(canonical)
    return canonical
  }
  // In a list of several, the reason says which item is wrong.
  const items = (texts: readonly string[]): string[] =>
    texts.map((text) => {
      try {
        return itemFromText(text)
      } catch (err) {
        if (!(err instanceof ValueRejected) || texts.length === 1) throw err
        throw new ValueRejected(`'${text.trim()}': ${err.reason}`)
      }
    })
  return {
    shape: 'list',
    placeholder: '<multiaddr>',
    allowed,
    itemFromText,
    fromText: (text) => (text.trim() === '' ? [] : items(text.split(','))),
    fromJson(json) {
      if (!Array.isArray(json)) throw new ValueRejected('expected a JSON array of strings')
      return items(json.map((item) => jsonString(item, 'each address')))
    },
  }
}

function checkPeerId(canonical: string): void {
  const last = multiaddr(canonical).getComponents().at(-1)
  if (last?.name !== 'p2p' || last.value === undefined) {
    throw new ValueRejected('it does not end in /p2p/<peer id>')
  }
  try {
    peerIdFromString(last.value)
  } catch {
    throw new ValueRejected(`its /p2p/ part '${last.value}' is not a peer id`)
  }
}

/** An address to serve on. */
export interface HostPort {
  /** An IPv4 address, an IPv6 address (without brackets) or a host name. */
  host: string
  /** 0 lets the operating system choose. */
  port: number
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i

/** host:port to serve on, or `off`, which is undefined. */
export function hostPortOrOffType(): ValueType<HostPort | undefined> {
  const fromText = (text: string): HostPort | undefined => {
    const trimmed = text.trim()
    if (trimmed.toLowerCase() === 'off') return undefined
    const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(trimmed)
    if (m === null) throw new ValueRejected('not host:port')
    const port = Number(m[3])
    if (port > 65_535) throw new ValueRejected(`port ${port} is above 65535`)
    if (m[1] !== undefined) {
      if (!isIPv6(m[1])) throw new ValueRejected(`[${m[1]}] is not an IPv6 address`)
      return { host: m[1], port }
    }
    const host = m[2] as string
    const dotted = /^[\d.]+$/.test(host)
    if (dotted ? !isIPv4(host) : !HOST_NAME.test(host)) {
      throw new ValueRejected(`'${host}' is not ${dotted ? 'an IPv4 address' : 'a host name'}`)
    }
    return { host, port }
  }
  return {
    shape: 'value',
    placeholder: '<host:port>',
    allowed: 'host:port (an IPv4 address, [IPv6 address] or host name, and a port 0-65535), or off',
    fromText,
    fromJson: (json) => fromText(jsonString(json, 'host:port or off')),
  }
}

export function formatHostPort(address: HostPort | undefined): string {
  if (address === undefined) return 'off'
  return isIPv6(address.host)
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
