// The API's HTTP plumbing: routing by method and path pattern, JSON bodies with a size limit,
// and one error shape — {"error": {"code", "message"}} — with 4xx for the caller's mistakes and
// 5xx only for the node's own faults (docs/api.md).
import type { IncomingMessage, ServerResponse } from 'node:http'

export class ApiError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
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

export const MAX_BODY_BYTES = 256 * 1024

export class Router {
  readonly #routes: Route[] = []

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

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://api.invalid')
      const segments = url.pathname.split('/').filter(Boolean)
      const method = req.method ?? 'GET'
      let pathMatched = false
      for (const route of this.#routes) {
        const params = match(route.parts, segments)
        if (params === undefined) continue
        pathMatched = true
        if (route.method !== method) continue
        const body = method === 'POST' ? await readJson(req) : undefined
        const result = await route.handler({
          method,
          path: url.pathname,
          params,
          query: url.searchParams,
          body,
          remoteAddress: req.socket.remoteAddress ?? '',
        })
        send(res, 200, result)
        return
      }
      if (pathMatched)
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`)
      throw new ApiError(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`)
    } catch (err) {
      if (err instanceof ApiError) {
        send(res, err.status, { error: { code: err.code, message: err.message } })
        return
      }
      send(res, 500, { error: { code: 'INTERNAL', message: 'the node failed to answer' } })
      throw err
    }
  }
}

function match(parts: string[], segments: string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    const segment = segments[i] as string
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment)
    else if (part !== segment) return undefined
  }
  return params
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!type.startsWith('application/json')) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    total += (chunk as Buffer).length
    if (total > MAX_BODY_BYTES) {
      throw new ApiError(413, 'BODY_TOO_LARGE', `the body exceeds ${MAX_BODY_BYTES} bytes`)
    }
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

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = toJson(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(body)
}
