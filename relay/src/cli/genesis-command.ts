// `weft genesis`: writes a new chain's genesis file — its JSON view, checked by the core — from
// validator key files (or public keys), funded accounts and parameter overrides.
import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AddressError, parseAddress } from '@weft/core'
import { loadCore, type ParamsView, WeftCoreError } from '@weft/wasm'
import { parseWeftAmount, ValueRejected } from '../config/value-types.ts'
import { EXIT_USAGE } from '../constants.ts'
import { KeyFileError } from '../keys/errors.ts'
import { readKeyFile } from '../keys/key-file-io.ts'
import { type CommandIo, commandCwd } from './command-io.ts'

export const GENESIS_USAGE = `Usage: weft genesis --out <file> --validator <key file | public key hex>[=<stake>]...
                    [--account <weft1… address>=<amount>]... [--chain-id <id>] [--time <ms>]
                    [--param <name>=<value>]... [--force]

Writes a genesis file: the chain id (default weft-devnet), the start time (default now, in ms
since the epoch), the parameters (the core's defaults, each overridable with --param, e.g.
--param timeoutCommitMs=500), funded accounts and the initial validators. Amounts and stakes are
in WEFT (decimals allowed, down to 1e-9); a validator's default stake is 1000 WEFT. Validators
are given by key file (only the public key is read) or by 64 hex digits. The core checks the
result; an existing --out is replaced only with --force.
`

class UsageError extends Error {}

export async function genesisCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: ReturnType<typeof parse>
  try {
    values = parse(argv)
  } catch (err) {
    io.stderr(`weft genesis: ${(err as Error).message}; see weft genesis --help`)
    return EXIT_USAGE
  }
  if (values.help) {
    io.stdout(GENESIS_USAGE)
    return 0
  }
  const core = await loadCore()
  try {
    if (values.out === undefined) throw new UsageError('--out <file> is required')
    const out = resolve(commandCwd(io), values.out)
    if (existsSync(out) && !values.force)
      throw new UsageError(`${out} exists; add --force to replace it`)
    const validators = (values.validator ?? []).map((v) => {
      const [key, stake] = splitAssignment(v, '--validator')
      return {
        publicKey: publicKeyOf(resolve(commandCwd(io), key), key),
        stake: weft(stake ?? '1000', '--validator'),
      }
    })
    if (validators.length === 0) throw new UsageError('at least one --validator is required')
    const accounts = (values.account ?? []).map((a) => {
      const [address, amount] = splitAssignment(a, '--account')
      if (amount === undefined) throw new UsageError(`--account '${a}' needs =<amount>`)
      return { address: parseAddress(address), balance: weft(amount, '--account') }
    })
    const params: ParamsView = core.views.defaultParams()
    for (const p of values.param ?? []) {
      const [name, value] = splitAssignment(p, '--param')
      if (!(name in params) || value === undefined || !/^\d+$/.test(value)) {
        throw new UsageError(
          `--param '${p}' is not allowed; allowed: <name>=<whole number> with name one of ${Object.keys(params).join(', ')}`,
        )
      }
      const current = params[name as keyof ParamsView]
      ;(params as unknown as Record<string, number | bigint>)[name] =
        typeof current === 'bigint' ? BigInt(value) : Number(value)
    }
    const time =
      values.time === undefined ? BigInt(Date.now()) : BigInt(checkDigits(values.time, '--time'))
    const bytes = core.views.encode('genesis', {
      chainId: values['chain-id'] ?? 'weft-devnet',
      genesisTime: time,
      params,
      accounts: accounts.sort((a, b) => Buffer.compare(a.address, b.address)),
      validators: validators.sort((a, b) => Buffer.compare(a.publicKey, b.publicKey)),
    })
    writeFileSync(out, `${core.views.decodeJson('genesis', bytes)}\n`)
    io.stdout(`genesis ${Buffer.from(core.sha256(bytes)).toString('hex')} written to ${out}`)
    return 0
  } catch (err) {
    if (err instanceof UsageError || err instanceof AddressError || err instanceof KeyFileError) {
      io.stderr(`weft genesis: ${err.message}`)
      return EXIT_USAGE
    }
    if (err instanceof WeftCoreError) {
      io.stderr(`weft genesis: the core refuses this genesis: ${err.code}`)
      return EXIT_USAGE
    }
    throw err
  }
}

function splitAssignment(text: string, flag: string): [string, string | undefined] {
  const eq = text.lastIndexOf('=')
  if (eq === 0) throw new UsageError(`${flag} '${text}' names nothing before '='`)
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)]
}

function publicKeyOf(path: string, given: string): Uint8Array {
  if (/^[0-9a-f]{64}$/i.test(given) && !existsSync(path))
    return Uint8Array.from(Buffer.from(given, 'hex'))
  if (!existsSync(path))
    throw new UsageError(`--validator '${given}' is neither a key file nor 64 hex digits`)
  return readKeyFile(path).publicKey
}

function checkDigits(text: string, flag: string): string {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} '${text}' is not a whole number`)
  return text
}

function weft(text: string, flag: string): bigint {
  try {
    return parseWeftAmount(text)
  } catch (err) {
    if (err instanceof ValueRejected) {
      throw new UsageError(`${flag}: '${text}' is not an amount of WEFT (${err.message})`)
    }
    throw err
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: 'string' },
      validator: { type: 'string', multiple: true },
      account: { type: 'string', multiple: true },
      'chain-id': { type: 'string' },
      time: { type: 'string' },
      param: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values
}
