// `weft keys`: creates encrypted Ed25519 key files and shows their public key and address.
import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { formatAddress } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { EXIT_USAGE, KEY_PASSWORD_ENV, MIN_KEY_PASSWORD_LENGTH } from '../constants.ts'
import { decryptKey } from '../keys/decrypt-key.ts'
import { generateEd25519Key } from '../keys/ed25519-key.ts'
import { encryptKey } from '../keys/encrypt-key.ts'
import { KeyFileError, PasswordError } from '../keys/errors.ts'
import { readKeyFile, writeKeyFile } from '../keys/key-file-io.ts'
import { obtainPassword, type PasswordSources } from '../keys/password.ts'
import { type CommandIo, commandCwd, commandEnv } from './command-io.ts'
import { CliUsageError } from './errors.ts'

export const KEYS_USAGE = `Usage: weft keys create --out <file> [--password-file <file>] [--force]
       weft keys show <file> [--verify] [--password-file <file>]

Key files hold an Ed25519 key for an account or a validator, encrypted under a password with
scrypt and AES-256-GCM (docs/configuration.md). The password comes from --password-file (one
trailing newline ignored), else ${KEY_PASSWORD_ENV}, else it is asked on the terminal without
echo, twice when creating. New passwords need at least ${MIN_KEY_PASSWORD_LENGTH} characters.

Commands:
  create   make a new key and write it to --out (mode 0600); an existing file is never replaced
           unless --force is given
  show     print the key's public key and account address; --verify also checks the password
`

const COMMAND = 'weft keys'

/** Runs `weft keys …` and returns the exit status: 0, 1 when it failed, 2 for bad usage. */
export async function keysCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const [sub, ...rest] = argv
    if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
      ;(sub === undefined ? io.stderr : io.stdout)(KEYS_USAGE)
      return sub === undefined ? EXIT_USAGE : 0
    }
    const options = parseOptions(sub, rest)
    if (options.help) {
      io.stdout(KEYS_USAGE)
      return 0
    }
    if (sub === 'create') return await create(options, io)
    if (sub === 'show') return await show(options, io)
    throw new CliUsageError(
      `${COMMAND}: unknown command '${sub}'; allowed: create, show (see weft keys --help)`,
      { value: sub },
    )
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr(err.message)
      return EXIT_USAGE
    }
    if (err instanceof KeyFileError || err instanceof PasswordError) {
      io.stderr(`${COMMAND}: ${err.message}`)
      return 1
    }
    throw err
  }
}

interface KeysOptions {
  help: boolean
  out: string | undefined
  passwordFile: string | undefined
  force: boolean
  verify: boolean
  files: string[]
}

const VALUE_FLAGS = { create: ['--out', '--password-file'], show: ['--password-file'] }
const SWITCHES = { create: ['--force'], show: ['--verify'] }

function parseOptions(sub: string, argv: readonly string[]): KeysOptions {
  const known = sub === 'create' || sub === 'show' ? sub : undefined
  const options: KeysOptions = {
    help: false,
    out: undefined,
    passwordFile: undefined,
    force: false,
    verify: false,
    files: [],
  }
  if (known === undefined) return options
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') {
      options.help = true
      continue
    }
    if (!arg.startsWith('-')) {
      options.files.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (SWITCHES[known].includes(flag)) {
      if (flag !== arg) {
        throw new CliUsageError(`${COMMAND} ${known}: ${flag} takes no value`, { flag })
      }
      if (flag === '--force') options.force = true
      else options.verify = true
      continue
    }
    if (!VALUE_FLAGS[known].includes(flag)) {
      const allowed = [...VALUE_FLAGS[known], ...SWITCHES[known], '--help'].join(', ')
      throw new CliUsageError(`${COMMAND} ${known}: unknown flag ${flag}; allowed: ${allowed}`, {
        flag,
      })
    }
    const value = flag === arg ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value === '' || (flag === arg && value.startsWith('--'))) {
      throw new CliUsageError(`${COMMAND} ${known}: ${flag} needs a file path`, { flag })
    }
    if (flag === '--out') options.out = value
    else options.passwordFile = value
  }
  return options
}

async function create(options: KeysOptions, io: CommandIo): Promise<number> {
  if (options.files.length > 0) {
    throw new CliUsageError(
      `${COMMAND} create: unexpected argument '${options.files[0]}'; name the file with --out`,
      { value: options.files[0] },
    )
  }
  if (options.out === undefined) {
    throw new CliUsageError(`${COMMAND} create: --out <file> is required`, { flag: '--out' })
  }
  const path = resolve(commandCwd(io), options.out)
  // Checked before the password is asked for, and again, atomically, when writing.
  if (existsSync(path) && !options.force) return refuseOverwrite(path, io)
  if (!isDirectory(dirname(path))) {
    io.stderr(`${COMMAND}: cannot write ${path}: folder ${dirname(path)} does not exist`)
    return 1
  }
  const toAddress = await addressFormatter(io)
  if (toAddress === undefined) return 1

  const password = await obtainPassword(passwordSources(options, io), {
    what: 'the new key file',
    confirm: true,
    minLength: MIN_KEY_PASSWORD_LENGTH,
  })
  const { secretKey, publicKey } = generateEd25519Key()
  const file = await encryptKey(secretKey, publicKey, password)
  secretKey.fill(0)
  try {
    writeKeyFile(path, file, { overwrite: options.force })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return refuseOverwrite(path, io)
    if (code === undefined) throw err
    io.stderr(`${COMMAND}: cannot write ${path}: ${code}`)
    return 1
  }
  printKey(io, path, publicKey, toAddress)
  return 0
}

async function show(options: KeysOptions, io: CommandIo): Promise<number> {
  if (options.files.length !== 1) {
    throw new CliUsageError(
      `${COMMAND} show: name exactly one key file, e.g. weft keys show key.json`,
    )
  }
  if (options.passwordFile !== undefined && !options.verify) {
    throw new CliUsageError(
      `${COMMAND} show: --password-file is only used with --verify; the public key needs no password`,
      { flag: '--password-file' },
    )
  }
  const path = resolve(commandCwd(io), options.files[0] as string)
  let file: ReturnType<typeof readKeyFile>
  try {
    file = readKeyFile(path)
  } catch (err) {
    if (err instanceof KeyFileError) {
      io.stderr(`${COMMAND}: ${path}: ${err.message}`)
      return 1
    }
    const code = (err as NodeJS.ErrnoException).code
    if (code === undefined) throw err
    io.stderr(`${COMMAND}: cannot read ${path}: ${code}`)
    return 1
  }
  const toAddress = await addressFormatter(io)
  if (toAddress === undefined) return 1
  if (options.verify) {
    const password = await obtainPassword(passwordSources(options, io), {
      what: path,
      confirm: false,
    })
    ;(await decryptKey(file, password)).fill(0)
  }
  printKey(io, path, file.publicKey, toAddress)
  if (options.verify) io.stdout('password:   correct')
  return 0
}

function passwordSources(options: KeysOptions, io: CommandIo): PasswordSources {
  return {
    file:
      options.passwordFile === undefined
        ? undefined
        : resolve(commandCwd(io), options.passwordFile),
    env: { name: KEY_PASSWORD_ENV, value: commandEnv(io)[KEY_PASSWORD_ENV] },
    prompt: io.promptPassword,
    fileFlag: '--password-file',
  }
}

/** The account address of a public key, computed by the consensus core's rule. */
async function addressFormatter(
  io: CommandIo,
): Promise<((publicKey: Uint8Array) => string) | undefined> {
  try {
    const core = await loadCore()
    return (publicKey) => formatAddress(core.chain.addressOf(publicKey))
  } catch (err) {
    io.stderr(
      `${COMMAND}: cannot load the consensus core: ${err instanceof Error ? err.message : String(err)}`,
    )
    return undefined
  }
}

function printKey(
  io: CommandIo,
  path: string,
  publicKey: Uint8Array,
  toAddress: (publicKey: Uint8Array) => string,
): void {
  io.stdout(`file:       ${path}`)
  io.stdout(`public key: ${Buffer.from(publicKey).toString('hex')}`)
  io.stdout(`address:    ${toAddress(publicKey)}`)
}

function refuseOverwrite(path: string, io: CommandIo): number {
  io.stderr(`${COMMAND}: ${path} already exists; nothing written (--force replaces it)`)
  return 1
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
