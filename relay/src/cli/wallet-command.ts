// `weft wallet`: an account's balance, and transfers signed here from a key file, through a
// node's HTTP API (docs/api.md). The key never leaves this process; the node gets signed bytes.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AddressError, parseAddress } from '@weft/core'
import { loadCore, type WeftCore, WeftWasmError } from '@weft/wasm'
import { ValueRejected, weftAmountType } from '../config/value-types.ts'
import {
  API_URL_ENV,
  DEFAULT_API_URL,
  DEFAULT_TX_WAIT_SECONDS,
  EXIT_USAGE,
  KEY_PASSWORD_ENV,
} from '../constants.ts'
import { KeyFileError, PasswordError } from '../keys/errors.ts'
import { type CommandIo, commandCwd } from './command-io.ts'
import { CliUsageError, WalletError } from './errors.ts'
import { NodeApi, NodeApiError, NodeUnreachableError, resolveApiUrl } from './node-api.ts'
import { type ParsedArgs, parseCommandArgs, stringValue } from './parse-command-args.ts'
import { walletBalance } from './wallet-balance.ts'
import { readWalletKey } from './wallet-key.ts'
import { type SendOptions, walletSend } from './wallet-send.ts'

export const WALLET_USAGE = `Usage: weft wallet balance <weft1… address | key file> [--verify] [--api <url>]
       weft wallet send --from <key file> --to <weft1… address> --amount <WEFT>
                        [--tip <base units per byte>] [--max-fee <base units per byte>]
                        [--password-file <file>] [--wait [--timeout <seconds>]] [--api <url>]

Talks to a node's HTTP API: --api (default ${DEFAULT_API_URL}, else ${API_URL_ENV}; host:port
means http://host:port). Amounts are WEFT with up to 9 decimals (1 WEFT = 10^9 base units).

Commands:
  balance  the account's balance and nonce at the node's head. --verify checks the node's state
           proof against the state root the node reported for that height; it does not check
           the root itself, which is what a light client does
  send     signs a transfer here with the key file (password as for weft keys: --password-file,
           else ${KEY_PASSWORD_ENV}, else asked on the terminal) and submits it. The fees are
           the node's "fast" estimate unless --tip and --max-fee say otherwise. Nothing is sent
           when the balance cannot cover the amount plus the most the fee can be. --wait
           follows the transfer until it is final, replaced or dropped, for up to --timeout
           seconds (default ${DEFAULT_TX_WAIT_SECONDS}). The nonce is the account's at the head:
           wait for one transfer to be final before sending the next from the same account
`

const COMMAND = 'weft wallet'
const U64_MAX = (1n << 64n) - 1n
const MAX_TIMEOUT_SECONDS = 86_400

const OPTIONS = {
  balance: {
    api: { type: 'string' },
    verify: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  send: {
    from: { type: 'string' },
    to: { type: 'string' },
    amount: { type: 'string' },
    tip: { type: 'string' },
    'max-fee': { type: 'string' },
    'password-file': { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    api: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
} as const

/** Runs `weft wallet …` and returns the exit status: 0, 1 when it failed, 2 for bad usage. */
export async function walletCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv
  let command = COMMAND
  try {
    if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
      ;(sub === undefined ? io.stderr : io.stdout)(WALLET_USAGE)
      return sub === undefined ? EXIT_USAGE : 0
    }
    if (sub !== 'balance' && sub !== 'send') {
      throw new CliUsageError(
        `${COMMAND}: unknown command '${sub}'; allowed: balance, send (see weft wallet --help)`,
        { value: sub },
      )
    }
    command = `${COMMAND} ${sub}`
    const args = parseCommandArgs(command, rest, OPTIONS[sub])
    if (args.values.help === true) {
      io.stdout(WALLET_USAGE)
      return 0
    }
    if (sub === 'balance') {
      const [target, ...extra] = args.positionals
      if (target === undefined || extra.length > 0) {
        throw new CliUsageError(
          `${command}: name exactly one account, a weft1… address or a key file, e.g. weft wallet balance key.json`,
        )
      }
      const api = apiOf(command, args, io)
      const core = await loadCore()
      return await walletBalance(
        { address: accountOf(command, target, core, io), verify: args.values.verify === true },
        { api, core, io },
      )
    }
    const options = sendOptions(command, args, io)
    const api = apiOf(command, args, io)
    const core = await loadCore()
    return await walletSend(options, { api, core, io })
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr(err.message)
      return EXIT_USAGE
    }
    if (
      err instanceof NodeUnreachableError ||
      err instanceof NodeApiError ||
      err instanceof WalletError ||
      err instanceof KeyFileError ||
      err instanceof PasswordError
    ) {
      io.stderr(`${command}: ${err.message}`)
      return 1
    }
    if (err instanceof WeftWasmError) {
      io.stderr(`${command}: cannot load the consensus core: ${err.message}`)
      return 1
    }
    throw err
  }
}

function apiOf(command: string, args: ParsedArgs, io: CommandIo): NodeApi {
  return new NodeApi(resolveApiUrl(command, stringValue(args.values, 'api'), io))
}

/** A key file's account when such a file exists, else the text as a weft1… address. */
function accountOf(command: string, text: string, core: WeftCore, io: CommandIo): Uint8Array {
  const path = resolve(commandCwd(io), text)
  if (!/^weft1/i.test(text) && existsSync(path)) {
    return core.chain.addressOf(readWalletKey(path).publicKey)
  }
  try {
    return parseAddress(text)
  } catch (err) {
    if (!(err instanceof AddressError)) throw err
    throw new CliUsageError(
      /^weft1/i.test(text)
        ? `${command}: ${err.message}`
        : `${command}: '${text}' is neither a key file nor an address (${err.message})`,
      { value: text },
    )
  }
}

function sendOptions(command: string, args: ParsedArgs, io: CommandIo): SendOptions {
  const { values } = args
  if (args.positionals.length > 0) {
    throw new CliUsageError(
      `${command}: unexpected argument '${args.positionals[0]}'; use --from, --to and --amount`,
      { value: args.positionals[0] },
    )
  }
  const required = (name: string, what: string): string => {
    const value = stringValue(values, name)
    if (value === undefined || value === '') {
      throw new CliUsageError(`${command}: --${name} <${what}> is required`, { flag: `--${name}` })
    }
    return value
  }
  const from = resolve(commandCwd(io), required('from', 'key file'))
  const toText = required('to', 'weft1… address')
  let to: Uint8Array
  try {
    to = parseAddress(toText)
  } catch (err) {
    if (!(err instanceof AddressError)) throw err
    throw new CliUsageError(`${command}: --to: ${err.message}`, { flag: '--to', value: toText })
  }
  const amountText = required('amount', 'WEFT')
  let amount: bigint
  try {
    amount = weftAmountType('<WEFT>', '').fromText(amountText, { baseDir: '', homeDir: '' })
  } catch (err) {
    if (!(err instanceof ValueRejected)) throw err
    throw new CliUsageError(
      `${command}: --amount '${amountText}' is not allowed (${err.message}); allowed: an amount of WEFT above 0 with at most 9 decimals, e.g. 12.5`,
      { flag: '--amount', value: amountText },
    )
  }
  const tipPerByte = perByte(command, values, 'tip')
  const maxFeePerByte = perByte(command, values, 'max-fee')
  if (tipPerByte !== undefined && maxFeePerByte !== undefined && tipPerByte > maxFeePerByte) {
    throw new CliUsageError(
      `${command}: --tip ${tipPerByte} is above --max-fee ${maxFeePerByte}; allowed: a tip at most the max fee (the tip is paid out of it)`,
      { flag: '--tip', value: String(tipPerByte) },
    )
  }
  const timeoutText = stringValue(values, 'timeout')
  if (timeoutText !== undefined && values.wait !== true) {
    throw new CliUsageError(`${command}: --timeout is only used with --wait`, {
      flag: '--timeout',
    })
  }
  let waitMs: number | undefined
  if (values.wait === true) {
    const seconds = Number(timeoutText ?? DEFAULT_TX_WAIT_SECONDS)
    if (
      timeoutText !== undefined &&
      (!/^\d+(\.\d+)?$/.test(timeoutText) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS)
    ) {
      throw new CliUsageError(
        `${command}: --timeout '${timeoutText}' is not allowed; allowed: seconds above 0, at most ${MAX_TIMEOUT_SECONDS}, e.g. ${DEFAULT_TX_WAIT_SECONDS}`,
        { flag: '--timeout', value: timeoutText },
      )
    }
    waitMs = Math.round(seconds * 1000)
  }
  const passwordFile = stringValue(values, 'password-file')
  return {
    from,
    to,
    amount,
    tipPerByte,
    maxFeePerByte,
    passwordFile: passwordFile === undefined ? undefined : resolve(commandCwd(io), passwordFile),
    waitMs,
  }
}

function perByte(command: string, values: ParsedArgs['values'], name: string): bigint | undefined {
  const text = stringValue(values, name)
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || BigInt(text) > U64_MAX) {
    throw new CliUsageError(
      `${command}: --${name} '${text}' is not allowed; allowed: a whole number of base units per byte, e.g. 1532 (GET /v1/fees suggests one)`,
      { flag: `--${name}`, value: text },
    )
  }
  return BigInt(text)
}
