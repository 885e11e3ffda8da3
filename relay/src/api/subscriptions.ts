// WebSocket subscriptions at /v1/ws (docs/api.md, "WebSocket"): new blocks, one transaction's
// status, one account's balance and nonce. A client subscribes with small JSON messages; the
// node pushes events as blocks commit and the pool changes. Everything is bounded — connections,
// subscriptions per connection, message size, and each client's unsent bytes: a client that
// reads too slowly is dropped, so no client can make the node hold memory or wait.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { formatAddress, type MempoolEvent } from '@weft/core'
import { type WebSocket, WebSocketServer } from 'ws'
import type { CommittedEvent } from '../chain/chain.ts'
import { readAccount } from './account-json.ts'
import type { BlockReader } from './block-json.ts'
import { ApiError, toJson } from './http.ts'
import type { NodeView } from './node-view.ts'
import { parseAddressText, parseTxHash } from './params.ts'
import { hex } from './tx-json.ts'
import { txStatus } from './tx-status.ts'

export const WS_PATH = '/v1/ws'

export interface SubscriptionLimits {
  /** Open WebSocket connections; more are refused with HTTP 503. */
  maxConnections: number
  /** Subscriptions one connection may hold at once. */
  maxSubscriptions: number
  /** Bytes queued for one client and not yet sent; past this the client is dropped. */
  maxBufferedBytes: number
  /** Largest message a client may send; a larger one closes the connection (1009). */
  maxMessageBytes: number
  /** Ping interval; a client that did not answer the previous ping is dropped. */
  heartbeatMs: number
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxConnections: 256,
  maxSubscriptions: 32,
  maxBufferedBytes: 1024 * 1024,
  maxMessageBytes: 4 * 1024,
  heartbeatMs: 30_000,
}

type Topic =
  | { kind: 'blocks' }
  | { kind: 'tx'; hash: string }
  | { kind: 'account'; address: Uint8Array; key: string }

interface Client {
  ws: WebSocket
  subscriptions: Map<number, Topic>
  nextId: number
  alive: boolean
}

/** One subscription of one client: what the indexes below hold. */
interface Watch {
  client: Client
  id: number
}

export class Subscriptions {
  readonly #node: NodeView
  readonly #blocks: BlockReader
  readonly #limits: SubscriptionLimits
  readonly #wss: WebSocketServer
  readonly #clients = new Set<Client>()
  readonly #blockWatches = new Set<Watch>()
  readonly #txWatches = new Map<string, Set<Watch>>()
  readonly #accountWatches = new Map<string, Set<Watch>>()
  readonly #heartbeat: ReturnType<typeof setInterval>
  readonly #unsubscribePool: () => void
  readonly #onError: (err: unknown) => void
  // The chain emits inside its commit path: a failure here must never reach consensus.
  readonly #onCommitted = (event: CommittedEvent) => {
    try {
      this.#committed(event)
    } catch (err) {
      this.#onError(err)
    }
  }

  constructor(
    node: NodeView,
    blocks: BlockReader,
    options: { limits?: Partial<SubscriptionLimits>; onError?: (err: unknown) => void } = {},
  ) {
    this.#node = node
    this.#blocks = blocks
    this.#onError = options.onError ?? (() => undefined)
    const limits = options.limits ?? {}
    this.#limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...limits }
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.#limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    })
    node.chain.on('committed', this.#onCommitted)
    this.#unsubscribePool = node.mempool.subscribe((event) => this.#poolEvent(event))
    this.#heartbeat = setInterval(() => this.#ping(), this.#limits.heartbeatMs)
    this.#heartbeat.unref()
  }

  get connections(): number {
    return this.#clients.size
  }

  /** The HTTP server's 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req.url) !== WS_PATH) {
      refuse(socket, 404, 'Not Found')
      return
    }
    if (this.#clients.size >= this.#limits.maxConnections) {
      refuse(socket, 503, 'Service Unavailable')
      return
    }
    // Any origin, as for HTTP: there are no cookies or credentials a page could borrow.
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws))
  }

  close(): void {
    clearInterval(this.#heartbeat)
    this.#node.chain.off('committed', this.#onCommitted)
    this.#unsubscribePool()
    for (const client of [...this.#clients]) {
      client.ws.close(1001, 'the node is stopping')
      this.#drop(client)
      // A client that does not answer the close frame is cut off rather than waited for.
      setTimeout(() => client.ws.terminate(), 1_000).unref()
    }
    this.#wss.close()
  }

  #connected(ws: WebSocket): void {
    const client: Client = { ws, subscriptions: new Map(), nextId: 1, alive: true }
    this.#clients.add(client)
    ws.on('message', (data, isBinary) => this.#message(client, data, isBinary))
    ws.on('pong', () => {
      client.alive = true
    })
    ws.on('close', () => this.#drop(client))
    ws.on('error', () => this.#drop(client))
  }

  #message(client: Client, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    let message: unknown
    try {
      if (isBinary) throw new Error('binary')
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8')
      message = JSON.parse(text)
    } catch {
      this.#error(client, 'BAD_MESSAGE', 'send JSON text messages, e.g. {"subscribe":"blocks"}')
      return
    }
    try {
      if (typeof message !== 'object' || message === null) throw badMessage()
      const m = message as Record<string, unknown>
      if ('unsubscribe' in m) this.#unsubscribe(client, m.unsubscribe)
      else if ('subscribe' in m) this.#subscribe(client, m)
      else throw badMessage()
    } catch (err) {
      if (err instanceof ApiError) {
        this.#error(client, err.code, err.message)
        return
      }
      this.#onError(err)
      this.#error(client, 'INTERNAL', 'the node failed to answer')
    }
  }

  #subscribe(client: Client, m: Record<string, unknown>): void {
    if (client.subscriptions.size >= this.#limits.maxSubscriptions) {
      throw new ApiError(
        400,
        'TOO_MANY_SUBSCRIPTIONS',
        `a connection may hold ${this.#limits.maxSubscriptions} subscriptions; unsubscribe first`,
      )
    }
    let topic: Topic
    if (m.subscribe === 'blocks') {
      topic = { kind: 'blocks' }
    } else if (m.subscribe === 'tx') {
      if (typeof m.hash !== 'string') throw new ApiError(400, 'BAD_TX_HASH', 'hash is missing')
      topic = { kind: 'tx', hash: hex(parseTxHash(m.hash)) }
    } else if (m.subscribe === 'account') {
      const address = parseAddressText(m.address)
      topic = { kind: 'account', address, key: hex(this.#node.core.blocks.accountKey(address)) }
    } else {
      throw badMessage()
    }
    const id = client.nextId++
    client.subscriptions.set(id, topic)
    const watch = { client, id }
    if (topic.kind === 'blocks') this.#blockWatches.add(watch)
    else if (topic.kind === 'tx') add(this.#txWatches, topic.hash, watch)
    else add(this.#accountWatches, topic.key, watch)
    const subscribed =
      topic.kind === 'blocks'
        ? { subscribe: 'blocks' }
        : topic.kind === 'tx'
          ? { subscribe: 'tx', hash: topic.hash }
          : { subscribe: 'account', address: formatAddress(topic.address) }
    this.#send(client, { type: 'subscribed', subscription: id, ...subscribed })
    // The state now, so a subscriber never misses what happened before it subscribed.
    if (topic.kind === 'tx') this.#sendTx(watch, topic.hash)
    if (topic.kind === 'account') this.#sendAccount(watch, topic.address)
  }

  #unsubscribe(client: Client, id: unknown): void {
    const topic = typeof id === 'number' ? client.subscriptions.get(id) : undefined
    if (topic === undefined) {
      throw new ApiError(400, 'UNKNOWN_SUBSCRIPTION', `no subscription ${String(id)} here`)
    }
    this.#forget(client, id as number, topic)
    this.#send(client, { type: 'unsubscribed', subscription: id })
  }

  #forget(client: Client, id: number, topic: Topic): void {
    client.subscriptions.delete(id)
    const matches = (w: Watch) => w.client === client && w.id === id
    if (topic.kind === 'blocks') {
      for (const w of this.#blockWatches) if (matches(w)) this.#blockWatches.delete(w)
    } else {
      const index = topic.kind === 'tx' ? this.#txWatches : this.#accountWatches
      const key = topic.kind === 'tx' ? topic.hash : topic.key
      const set = index.get(key)
      for (const w of set ?? []) if (matches(w)) set?.delete(w)
      if (set?.size === 0) index.delete(key)
    }
  }

  #drop(client: Client): void {
    if (!this.#clients.delete(client)) return
    for (const [id, topic] of [...client.subscriptions]) this.#forget(client, id, topic)
  }

  #committed(event: CommittedEvent): void {
    if (this.#blockWatches.size > 0) {
      const block = this.#blocks.committed(event)
      for (const w of [...this.#blockWatches]) {
        this.#send(w.client, { type: 'block', subscription: w.id, block })
      }
    }
    for (const receipt of event.outcome.receipts) {
      const hash = hex(receipt.txId)
      for (const w of [...(this.#txWatches.get(hash) ?? [])]) this.#sendTx(w, hash)
    }
    if (this.#accountWatches.size === 0) return
    for (const write of event.outcome.writes) {
      const watches = this.#accountWatches.get(hex(write.key))
      if (watches === undefined) continue
      for (const w of [...watches]) {
        const topic = w.client.subscriptions.get(w.id)
        if (topic?.kind === 'account') this.#sendAccount(w, topic.address)
      }
    }
  }

  #poolEvent(event: MempoolEvent): void {
    // Inclusion is told by the committed block, with its height and index.
    if (event.type === 'removed' && event.status === 'included') return
    const hashes = event.type === 'added' ? [event.tx.id, event.replaced] : [event.id]
    for (const hash of hashes) {
      if (hash === undefined) continue
      for (const w of [...(this.#txWatches.get(hash) ?? [])]) this.#sendTx(w, hash)
    }
  }

  #sendTx(w: Watch, hash: string): void {
    const status = txStatus(this.#node, Uint8Array.from(Buffer.from(hash, 'hex')))
    this.#send(w.client, { type: 'tx', subscription: w.id, ...status })
  }

  #sendAccount(w: Watch, address: Uint8Array): void {
    this.#send(w.client, {
      type: 'account',
      subscription: w.id,
      ...readAccount(this.#node, address),
    })
  }

  #error(client: Client, code: string, message: string): void {
    this.#send(client, { type: 'error', error: { code, message } })
  }

  // A client that has not taken what was already sent is dropped rather than buffered for.
  #send(client: Client, message: unknown): void {
    if (client.ws.readyState !== 1) return
    if (client.ws.bufferedAmount > this.#limits.maxBufferedBytes) {
      client.ws.terminate()
      this.#drop(client)
      return
    }
    client.ws.send(toJson(message))
  }

  #ping(): void {
    for (const client of [...this.#clients]) {
      if (!client.alive) {
        client.ws.terminate()
        this.#drop(client)
        continue
      }
      client.alive = false
      client.ws.ping()
    }
  }
}

function add(index: Map<string, Set<Watch>>, key: string, watch: Watch): void {
  let set = index.get(key)
  if (set === undefined) {
    set = new Set()
    index.set(key, set)
  }
  set.add(watch)
}

function badMessage(): ApiError {
  return new ApiError(
    400,
    'BAD_MESSAGE',
    'expected {"subscribe":"blocks"}, {"subscribe":"tx","hash":…}, {"subscribe":"account","address":…} or {"unsubscribe":<id>}',
  )
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://api.invalid').pathname
  } catch {
    return undefined
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
}
