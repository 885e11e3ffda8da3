// A node's HTTP API as the CLI calls it (docs/api.md): where it is, JSON answers, and the two
// ways a call fails — the node cannot be reached, or it answered with one of its error codes.
import { API_REQUEST_TIMEOUT_MS, API_URL_ENV, DEFAULT_API_URL } from '../constants.ts'
import { type CommandIo, commandEnv } from './command-io.ts'
import { CliUsageError } from './errors.ts'

/** Nothing answered: refused, unresolvable, timed out, or not HTTP JSON. */
export class NodeUnreachableError extends Error {
  override readonly name = 'NodeUnreachableError'
  readonly code = 'NODE_UNREACHABLE'
  readonly url: string
  readonly reason: string

  constructor(url: string, reason: string) {
    super(`cannot reach the node at ${url}: ${reason}`)
    this.url = url
    this.reason = reason
  }
}

/** The node answered with its error shape, {"error": {"code", "message"}}. */
export class NodeApiError extends Error {
  override readonly name = 'NodeApiError'
  /** The API's stable code, e.g. BAD_ADDRESS, FEE_TOO_LOW. */
  readonly code: string
  readonly status: number
  /** The node's message, for people. */
  readonly detail: string
  /** The core's or the parser's name for what is wrong, when the node gave one. */
  readonly reason: string | undefined

  constructor(status: number, code: string, detail: string, reason: string | undefined) {
    super(`the node answered ${code}: ${detail}`)
    this.status = status
    this.code = code
    this.detail = detail
    this.reason = reason
  }
}

/** The API's base URL from --api, else WEFT_API_URL, else the node's default address. */
export function resolveApiUrl(command: string, flag: string | undefined, io: CommandIo): string {
  const fromEnv = commandEnv(io)[API_URL_ENV]
  const [text, where] =
    flag !== undefined
      ? [flag, '--api']
      : fromEnv !== undefined && fromEnv !== ''
        ? [fromEnv, `environment variable ${API_URL_ENV}`]
        : [DEFAULT_API_URL, 'the default']
  // The node's own --api setting is host:port; the same text here means plain HTTP.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
  let url: URL | undefined
  try {
    url = new URL(withScheme)
  } catch {
    url = undefined
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new CliUsageError(
      `${command}: ${where} '${text}' is not allowed; allowed: the node's API as an http:// or https:// URL or host:port, e.g. ${DEFAULT_API_URL}`,
      { flag: '--api', value: text },
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

export interface NodeApiInit {
  /** Per request; API_REQUEST_TIMEOUT_MS when absent. */
  timeoutMs?: number
}

export class NodeApi {
  /** The base URL, without a trailing slash: paths are appended as they are (`/v1/status`). */
  readonly url: string
  readonly #timeoutMs: number

  constructor(url: string, init: NodeApiInit = {}) {
    this.url = url
    this.#timeoutMs = init.timeoutMs ?? API_REQUEST_TIMEOUT_MS
  }

  /** The WebSocket subscriptions endpoint on the same address. */
  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/v1/ws`
  }

  get<T>(path: string): Promise<T> {
    return this.#call<T>(path, { method: 'GET' })
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  async #call<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response
    let text: string
    try {
      res = await fetch(`${this.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
      text = await res.text()
    } catch (err) {
      throw new NodeUnreachableError(this.url, failureReason(err, this.#timeoutMs))
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new NodeUnreachableError(
        this.url,
        `it answered HTTP ${res.status} ${res.statusText} with something other than JSON; is this a Weft node's API?`,
      )
    }
    if (!res.ok) {
      // Only failures carry the error shape: a transaction's status has an `error` member too.
      const error = (json as { error?: { code?: unknown; message?: unknown; reason?: unknown } })
        ?.error
      throw new NodeApiError(
        res.status,
        typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`,
        typeof error?.message === 'string' ? error.message : res.statusText,
        typeof error?.reason === 'string' ? error.reason : undefined,
      )
    }
    return json as T
  }
}

/** Why fetch failed, in the words of the layer that failed: "connect ECONNREFUSED 127.0.0.1:1". */
function failureReason(err: unknown, timeoutMs: number): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`
  }
  const cause = (err as { cause?: unknown }).cause
  if (cause instanceof Error) {
    // undici wraps several attempts (IPv4 and IPv6) in an AggregateError without a message.
    if (cause instanceof AggregateError && cause.message === '') {
      const first = cause.errors[0]
      if (first instanceof Error) return first.message
    }
    return cause.message !== '' ? cause.message : String((cause as { code?: unknown }).code)
  }
  return err instanceof Error ? err.message : String(err)
}
