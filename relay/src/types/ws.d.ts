// The part of the `ws` package (8.x) the node uses: a server attached to node:http's upgrade
// event. The package ships no types and @types/ws would be a dependency for these few lines.
declare module 'ws' {
  import type { EventEmitter } from 'node:events'
  import type { IncomingMessage } from 'node:http'
  import type { Duplex } from 'node:stream'

  export class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0
    static readonly OPEN: 1
    static readonly CLOSING: 2
    static readonly CLOSED: 3
    readonly readyState: 0 | 1 | 2 | 3
    /** Bytes queued by send() and not yet handed to the socket. */
    readonly bufferedAmount: number
    send(data: string | Uint8Array, cb?: (err?: Error) => void): void
    ping(data?: Uint8Array): void
    close(code?: number, reason?: string): void
    terminate(): void
    on(
      event: 'message',
      listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void,
    ): this
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this
    on(event: 'error', listener: (err: Error) => void): this
    on(event: 'pong', listener: (data: Buffer) => void): this
  }

  export interface ServerOptions {
    noServer?: boolean
    /** Largest message accepted from a client; a larger one closes the connection (1009). */
    maxPayload?: number
    perMessageDeflate?: boolean
    clientTracking?: boolean
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: ServerOptions)
    handleUpgrade(
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      callback: (ws: WebSocket, req: IncomingMessage) => void,
    ): void
    close(callback?: (err?: Error) => void): void
  }
}
