// The API's HTTP plumbing: routing by method and path pattern, JSON bodies with a size limit,
// CORS, and one error shape — {"error": {"code", "message"}} — with 4xx for the caller's
// mistakes and 5xx only for the node's own faults (docs/api.md).
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface ApiErrorOptions {
  /** Extra members of the error object, e.g. the core's `reason`. */
  details?: Record<string, unknown>
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, options: ApiErrorOptions = {}) {
    super(message)
    this.status = status
    this.code = code
    this.details = options.details ?? {}
    this.headers = options.headers ?? {}
  }
}

/** A handler's answer with a status other than 200 (202 for accepted submissions). */
export class Reply {
  readonly status: number
  readonly body: unknown

  constructor(status: number, body: unknown) {
    this.status = status
    this.body = body
  }
}

export interface Request {
  method: string
  path: string
  params: Record<string, string>
  query: URLSearchParams
  /** The parsed JSON body (POST only). */
  body: unknown
  remoteAddress: string
}

export type Handler = (req: Request) => unknown | Promise<unknown>

interface Route {
  method: string
  parts: string[]
  handler: Handler
}

export interface RouterOptions {
  /** Largest request body read, in bytes; a larger one is 413 BODY_TOO_LARGE. */
  maxBodyBytes?: number
  /** Called when a handler throws something other than an ApiError (the node's own fault). */
  onInternalError?: (err: unknown, req: { method: string; path: string }) => void
}

export const MAX_BODY_BYTES = 64 * 1024

// CORS: the web app (and any other page) may call the API from its own origin. No cookies or
// other credentials exist, so allowing every origin exposes nothing a page could not already
// fetch through a server of its own; `Access-Control-Allow-Credentials` is never sent, so a
// browser never attaches a user's credentials for another site.
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
}

export class Router {
  readonly #routes: Route[] = []
  readonly #maxBodyBytes: number
  readonly #onInternalError: NonNullable<RouterOptions['onInternalError']>

  constructor(options: RouterOptions = {}) {
    this.#maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
    this.#onInternalError = options.onInternalError ?? (() => undefined)
  }

  get(pattern: string, handler: Handler): this {
    return this.#add('GET', pattern, handler)
  }

  post(pattern: string, handler: Handler): this {
    return this.#add('POST', pattern, handler)
  }

  #add(method: string, pattern: string, handler: Handler): this {
    this.#routes.push({ method, parts: pattern.split('/').filter(Boolean), handler })
    return this
  }

  /** Answers one request; never throws, never leaves the response open. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    let path = '/'
    try {
      const url = new URL(req.url ?? '/', 'http://api.invalid')
      path = url.pathname
      const segments = path.split('/').filter(Boolean)
      const allowed: string[] = []
      // HEAD is GET without the body.
      const wanted = method === 'HEAD' ? 'GET' : method
      for (const route of this.#routes) {
        const params = match(route.parts, segments)
        if (params === undefined) continue
        allowed.push(route.method)
        if (route.method !== wanted) continue
        const body = method === 'POST' ? await readJson(req, this.#maxBodyBytes) : undefined
        const result = await route.handler({
          method,
          path,
          params,
          query: url.searchParams,
          body,
          remoteAddress: req.socket.remoteAddress ?? '',
        })
        if (result instanceof Reply) send(res, result.status, result.body)
        else send(res, 200, result)
        return
      }
      if (allowed.length > 0 && method === 'OPTIONS') {
        res.writeHead(204, { ...CORS_HEADERS, 'content-length': 0 })
        res.end()
        return
      }
      if (allowed.length > 0) {
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`, {
          headers: {
            allow: [
              ...new Set(allowed),
              ...(allowed.includes('GET') ? ['HEAD'] : []),
              'OPTIONS',
            ].join(', '),
          },
        })
      }
      throw new ApiError(404, 'NOT_FOUND', `no route ${method} ${path} (see docs/api.md)`)
    } catch (err) {
      if (err instanceof ApiError) {
        send(
          res,
          err.status,
          { error: { code: err.code, message: err.message, ...err.details } },
          err.headers,
        )
        return
      }
      this.#onInternalError(err, { method, path })
      send(res, 500, { error: { code: 'INTERNAL', message: 'the node failed to answer' } })
    }
  }
}

function match(parts: string[], segments: string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    const segment = segments[i] as string
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment)
      } catch {
        throw new ApiError(400, 'BAD_PATH', `the path segment '${segment}' is not valid`)
      }
    } else if (part !== segment) return undefined
  }
  return params
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'send the body as application/json (content-type header)',
    )
  }
  const tooLarge = () =>
    new ApiError(413, 'BODY_TOO_LARGE', `the body exceeds ${maxBytes} bytes`, {
      // The rest of the body is not read; the connection cannot be reused.
      headers: { connection: 'close' },
    })
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw tooLarge()
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    total += (chunk as Buffer).length
    if (total > maxBytes) throw tooLarge()
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new ApiError(400, 'MALFORMED_JSON', 'the body is not valid JSON')
  }
}

/** JSON with bigints as decimal strings (amounts are base units, beyond 2^53) and bytes as hex. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v === 'bigint') return v.toString()
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex')
    return v
  })
}

function send(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = toJson(value)
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}
