// The node's HTTP API (docs/api.md), for what a signature or a proof makes safe to take from one
// node: fee estimates (a price, checked by nobody but the pool), submitting a signed transaction
// (authorised by its signature) and a transaction's pool status (reported, shown as such).
// Balances and inclusion never come from here: the light client proves them.

export type FeeLevel = 'economy' | 'nextBlock' | 'fast'

export interface FeeQuote {
  maxFeePerByte: bigint
  tipPerByte: bigint
}

export type FeeEstimates = Record<FeeLevel, FeeQuote> & { baseFeePerByte: bigint }

export interface Submitted {
  hash: string
  queued: boolean
}

/** What GET /v1/txs/{hash} reports, reduced to what the wallet shows. */
export type ReportedTxStatus =
  | { status: 'unknown' | 'pending' }
  | { status: 'included' | 'final'; height: number; error: string | null }
  | { status: 'replaced'; replacedBy: string | undefined }
  | { status: 'dropped'; reason: string | undefined }

/** A refusal from the node (its stable `code`), or no answer at all (`UNREACHABLE`). */
export class NodeApiError extends Error {
  override readonly name = 'NodeApiError'
  readonly code: string
  readonly status: number

  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

export class NodeApi {
  readonly #base: URL

  constructor(base: URL) {
    this.#base = base
  }

  get origin(): string {
    return this.#base.origin
  }

  async fees(): Promise<FeeEstimates> {
    const answer = await this.#call<Record<string, { maxFeePerByte: string; tipPerByte: string }>>(
      'GET',
      '/v1/fees',
    )
    const quote = (level: FeeLevel): FeeQuote => {
      const q = answer[level]
      if (q === undefined)
        throw new NodeApiError(200, 'BAD_ANSWER', `the node's fees lack ${level}`)
      return { maxFeePerByte: u64(q.maxFeePerByte), tipPerByte: u64(q.tipPerByte) }
    }
    return {
      baseFeePerByte: u64((answer as unknown as { baseFeePerByte: string }).baseFeePerByte),
      economy: quote('economy'),
      nextBlock: quote('nextBlock'),
      fast: quote('fast'),
    }
  }

  /** POST /v1/txs with the canonical signed bytes; the pool's refusal code on failure. */
  submit(txHex: string): Promise<Submitted> {
    return this.#call<Submitted>('POST', '/v1/txs', { tx: txHex })
  }

  txStatus(hash: string): Promise<ReportedTxStatus> {
    return this.#call<ReportedTxStatus>('GET', `/v1/txs/${hash}`)
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.#base)
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      })
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new NodeApiError(
        0,
        'UNREACHABLE',
        `cannot reach the node's API at ${this.origin} (${reason})`,
      )
    }
    const json = (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string } }
      | undefined
    if (!response.ok) {
      throw new NodeApiError(
        response.status,
        json?.error?.code ?? `HTTP_${response.status}`,
        json?.error?.message ?? `the node answered ${response.status}`,
      )
    }
    if (json === undefined)
      throw new NodeApiError(response.status, 'BAD_ANSWER', 'the node sent no JSON')
    return json as T
  }
}

function u64(text: string | undefined): bigint {
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) {
    throw new NodeApiError(
      200,
      'BAD_ANSWER',
      `the node sent ${String(text)} where a number belongs`,
    )
  }
  return BigInt(text)
}
