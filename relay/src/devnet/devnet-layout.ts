// A local network's files (docs/devnet.md): one directory holding a genesis, a password file and
// encrypted keys for N validators and a faucet, plus each node's data dir. `weft devnet` and the
// integration tests both start networks from it.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ParamsView, WeftCore } from '@weft/wasm'
import { generateEd25519Key } from '../keys/ed25519-key.ts'
import { encryptKey } from '../keys/encrypt-key.ts'
import type { ScryptParams } from '../keys/kdf.ts'
import { readKeyFile, writeKeyFile } from '../keys/key-file-io.ts'

export const WEFT = 1_000_000_000n

export interface DevnetNode {
  name: string
  dataDir: string
  keyFile: string | undefined
  publicKey: Uint8Array | undefined
}

export interface DevnetLayout {
  dir: string
  chainId: string
  genesisFile: string
  passwordFile: string
  validators: DevnetNode[]
  /** The relay: a full archive node without a validator key, holding the faucet. */
  relay: DevnetNode
  faucet: { keyFile: string; publicKey: Uint8Array; address: Uint8Array }
}

export interface DevnetOptions {
  dir: string
  validators: number
  chainId?: string
  /** Changes to the default chain parameters (faster blocks for tests, for example). */
  params?: Partial<ParamsView>
  /** Key-file KDF work; tests lower it, real devnets keep the default. */
  scrypt?: ScryptParams
  /** More funded accounts (benchmarks fund their senders at genesis). */
  accounts?: readonly { address: Uint8Array; balance: bigint }[]
}

const VALIDATOR_STAKE = 1_000n * WEFT
const FAUCET_BALANCE = 1_000_000_000n * WEFT

export async function createDevnetLayout(
  core: WeftCore,
  options: DevnetOptions,
): Promise<DevnetLayout> {
  const { dir } = options
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const passwordFile = join(dir, 'password')
  const password = randomBytes(24).toString('base64url')
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })

  const makeKey = async (path: string) => {
    const key = generateEd25519Key()
    const file = await encryptKey(key.secretKey, key.publicKey, password, options.scrypt)
    key.secretKey.fill(0)
    writeKeyFile(path, file, { overwrite: false })
    return key.publicKey
  }

  const validators: DevnetNode[] = []
  for (let i = 0; i < options.validators; i++) {
    const name = `validator-${i + 1}`
    const nodeDir = join(dir, name)
    mkdirSync(nodeDir, { recursive: true, mode: 0o700 })
    const keyFile = join(nodeDir, 'validator.key')
    validators.push({
      name,
      dataDir: join(nodeDir, 'data'),
      keyFile,
      publicKey: await makeKey(keyFile),
    })
  }
  const relayDir = join(dir, 'relay')
  mkdirSync(relayDir, { recursive: true, mode: 0o700 })
  const faucetKey = join(relayDir, 'faucet.key')
  const faucetPublic = await makeKey(faucetKey)
  const faucetAddress = core.chain.addressOf(faucetPublic)

  const chainId = options.chainId ?? 'weft-devnet'
  const genesis = core.views.encode('genesis', {
    chainId,
    genesisTime: BigInt(Date.now()),
    params: { ...core.views.defaultParams(), ...options.params },
    accounts: [
      { address: faucetAddress, balance: FAUCET_BALANCE },
      ...(options.accounts ?? []),
    ].sort((a, b) => Buffer.compare(a.address, b.address)),
    validators: validators
      .map((v) => ({ publicKey: v.publicKey as Uint8Array, stake: VALIDATOR_STAKE }))
      .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey)),
  })
  const genesisFile = join(dir, 'genesis.json')
  writeFileSync(genesisFile, `${core.views.decodeJson('genesis', genesis)}\n`)
  return {
    dir,
    chainId,
    genesisFile,
    passwordFile,
    validators,
    relay: {
      name: 'relay',
      dataDir: join(relayDir, 'data'),
      keyFile: undefined,
      publicKey: undefined,
    },
    faucet: { keyFile: faucetKey, publicKey: faucetPublic, address: faucetAddress },
  }
}

/** The layout createDevnetLayout wrote in `dir`, read back to resume the network. */
export function readDevnetLayout(core: WeftCore, dir: string): DevnetLayout {
  const genesisFile = join(dir, 'genesis.json')
  const { chainId } = JSON.parse(readFileSync(genesisFile, 'utf8')) as { chainId: string }
  const validators: DevnetNode[] = []
  for (let i = 1; existsSync(join(dir, `validator-${i}`)); i++) {
    const nodeDir = join(dir, `validator-${i}`)
    const keyFile = join(nodeDir, 'validator.key')
    validators.push({
      name: `validator-${i}`,
      dataDir: join(nodeDir, 'data'),
      keyFile,
      publicKey: readKeyFile(keyFile).publicKey,
    })
  }
  const relayDir = join(dir, 'relay')
  const faucetKey = join(relayDir, 'faucet.key')
  const faucetPublic = readKeyFile(faucetKey).publicKey
  return {
    dir,
    chainId,
    genesisFile,
    passwordFile: join(dir, 'password'),
    validators,
    relay: {
      name: 'relay',
      dataDir: join(relayDir, 'data'),
      keyFile: undefined,
      publicKey: undefined,
    },
    faucet: {
      keyFile: faucetKey,
      publicKey: faucetPublic,
      address: core.chain.addressOf(faucetPublic),
    },
  }
}
