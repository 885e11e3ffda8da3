// A fresh chain whose only validator is `weft node` as a child process, with a faucet and its API
// on a port the system picks (blocks every quarter second): what the API and CLI tests run
// against. Keys are made by `weft keys create`, the genesis by the core's views.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCore, type WeftCore } from '@weft/wasm'
import { API_LINE_PREFIX, METRICS_LINE_PREFIX, main, readKeyFile } from '../../src/index.ts'
import { testIo } from './command-io.ts'
import { runWeft, type WeftProcess } from './weft-process.ts'

export const WEFT = 1_000_000_000n
/** The password of every key file the helper makes, in `passwordFile`. */
export const TEST_KEY_PASSWORD = 'api test password'
/** What the faucet account holds at genesis. */
export const FAUCET_BALANCE = 1_000_000n * WEFT

export interface Answer {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field
  body: any
}

export async function apiCall(api: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${api}${path}`, init)
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
}

export function apiPost(api: string, path: string, body: unknown): Promise<Answer> {
  return apiCall(api, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** Probes every 100 ms until it returns something other than undefined. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A loopback port nothing listens on: one the system just handed out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return address.port
}

export interface ApiNodeStart {
  /** Funded at genesis besides the faucet. */
  accounts?: { address: Uint8Array; balance: bigint }[]
  /** WEFT per faucet payment; default 2.5. */
  faucetAmount?: string
  /** More `weft node` flags. */
  args?: string[]
}

export class ApiTestNode {
  readonly core: WeftCore
  readonly chainId: string
  /** Scratch folder for key files, the password file and the genesis; removed by stop(). */
  readonly dir: string
  readonly passwordFile: string
  readonly validatorFile: string
  readonly faucetFile: string
  #weft: WeftProcess | undefined
  #api: string | undefined
  #metrics: string | undefined

  constructor(core: WeftCore, chainId: string, dir: string) {
    this.core = core
    this.chainId = chainId
    this.dir = dir
    this.passwordFile = join(dir, 'password')
    this.validatorFile = join(dir, 'validator.json')
    this.faucetFile = join(dir, 'faucet.json')
  }

  /** Makes the folder, the password file and the validator's and the faucet's keys. */
  static async create(chainId: string): Promise<ApiTestNode> {
    const node = new ApiTestNode(
      await loadCore(),
      chainId,
      mkdtempSync(join(tmpdir(), 'weft-api-')),
    )
    writeFileSync(node.passwordFile, `${TEST_KEY_PASSWORD}\n`)
    await node.createKey('validator.json')
    await node.createKey('faucet.json')
    return node
  }

  /** A new key file in `dir` under the test password, made by `weft keys create`. */
  async createKey(name: string): Promise<string> {
    const path = join(this.dir, name)
    const io = testIo({ cwd: this.dir })
    const status = await main(
      ['keys', 'create', '--out', path, '--password-file', this.passwordFile],
      io,
    )
    assert.equal(status, 0, io.err.join('\n'))
    return path
  }

  /** The account address of a key file. */
  addressOf(keyFile: string): Uint8Array {
    return this.core.chain.addressOf(readKeyFile(keyFile).publicKey)
  }

  /** Writes the genesis, starts the node, and resolves once it has committed block 2. */
  async start(options: ApiNodeStart = {}): Promise<void> {
    const { core } = this
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
    const accounts = [
      ...(options.accounts ?? []),
      { address: this.addressOf(this.faucetFile), balance: FAUCET_BALANCE },
    ].sort((a, b) => hex(a.address).localeCompare(hex(b.address)))
    const genesis = core.views.encode('genesis', {
      chainId: this.chainId,
      genesisTime: BigInt(Date.now()),
      params: { ...core.views.defaultParams(), timeoutCommitMs: 250 },
      accounts,
      validators: [{ publicKey: readKeyFile(this.validatorFile).publicKey, stake: 1000n * WEFT }],
    })
    const genesisFile = join(this.dir, 'genesis.json')
    writeFileSync(genesisFile, core.views.decodeJson('genesis', genesis))
    const weft = runWeft([
      'node',
      '--genesis',
      genesisFile,
      '--validator-key',
      this.validatorFile,
      '--validator-key-password-file',
      this.passwordFile,
      '--faucet-key',
      this.faucetFile,
      '--faucet-key-password-file',
      this.passwordFile,
      '--faucet-amount',
      options.faucetAmount ?? '2.5',
      ...(options.args ?? []),
    ])
    this.#weft = weft
    this.#api = await weft.printed(API_LINE_PREFIX)
    this.#metrics = await weft.printed(METRICS_LINE_PREFIX)
    await weft.listening
    const api = this.#api
    await until('height 2', async () =>
      (await apiCall(api, '/v1/status')).body.height >= 2 ? true : undefined,
    )
  }

  get weft(): WeftProcess {
    assert.ok(this.#weft !== undefined, 'the node is not started')
    return this.#weft
  }

  /** The API's base URL, http://127.0.0.1:<port>. */
  get api(): string {
    assert.ok(this.#api !== undefined, 'the node is not started')
    return this.#api
  }

  get metrics(): string {
    assert.ok(this.#metrics !== undefined, 'the node is not started')
    return this.#metrics
  }

  /** Stops the node if it runs and removes the folder; WEFT_TEST_SHOW_NODE=1 prints its log. */
  async stop(): Promise<void> {
    const weft = this.#weft
    if (weft !== undefined && weft.child.exitCode === null && weft.child.signalCode === null) {
      weft.child.kill('SIGTERM')
      await weft.exited
    }
    if (process.env.WEFT_TEST_SHOW_NODE === '1' && weft !== undefined) console.log(weft.stderr())
    rmSync(this.dir, { recursive: true, force: true })
  }
}
