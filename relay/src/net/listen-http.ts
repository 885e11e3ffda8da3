// Starts a node:http server on a configured host:port and says where it listens, or why not.
import type { Server } from 'node:http'
import { isIPv6 } from 'node:net'
import { formatHostPort, type HostPort } from '../config/value-types.ts'

export class HttpListenError extends Error {
  override readonly name = 'HttpListenError'
}

export interface Listening {
  /** http://host:port with the port the system chose when the setting said 0. */
  url: string
  port: number
}

export function listenHttp(server: Server, address: HostPort, what: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      reject(
        new HttpListenError(
          `cannot serve the ${what} on ${formatHostPort(address)}: ${err.code ?? err.message}`,
        ),
      )
    }
    server.once('error', failed)
    server.listen(address.port, address.host, () => {
      server.off('error', failed)
      const bound = server.address()
      const port = typeof bound === 'object' && bound !== null ? bound.port : address.port
      const host = isIPv6(address.host) ? `[${address.host}]` : address.host
      resolve({ url: `http://${host}:${port}`, port })
    })
  })
}

/** Stops accepting, ends idle keep-alive connections, and cuts the rest after `graceMs`. */
export async function closeHttp(server: Server, graceMs = 2_000): Promise<void> {
  if (!server.listening) return
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  const timer = setTimeout(() => server.closeAllConnections(), graceMs)
  timer.unref()
  await closed
  clearTimeout(timer)
}
