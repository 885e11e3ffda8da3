// A one-validator devnet for wallet specs, made the way an operator would: `weft keys create`
// for a validator key and a faucet key, `weft genesis` funding the faucet, then one `weft node`
// that validates, pays from the faucet (libp2p and API), serves its API and listens on
// WebSockets for the browser. Everything lives in a temporary directory removed on stop.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RunningNode, startWeftNode } from './weft-node.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NODE = `${ROOT}node_modules/.bin/node`
const WEFT = `${ROOT}relay/bin/weft.ts`
/** The faucet's balance at genesis, in WEFT. */
const FAUCET_WEFT = '1000000'

export interface Devnet {
  node: RunningNode
  /** The genesis file's text: what the web app is served with. */
  genesisJson: string
  stop(): Promise<void>
}

function weft(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(NODE, [WEFT, ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`weft ${args[0]} failed: ${err.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

export async function startDevnet(): Promise<Devnet> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-e2e-devnet-'))
  try {
    const password = join(dir, 'password')
    writeFileSync(password, 'e2e-devnet-password\n', { mode: 0o600 })
    const validatorKey = join(dir, 'validator.key')
    const faucetKey = join(dir, 'faucet.key')
    const keyArgs = (out: string) => ['keys', 'create', '--out', out, '--password-file', password]
    const [, faucetShown] = await Promise.all([
      weft(keyArgs(validatorKey)),
      weft(keyArgs(faucetKey)),
    ])
    const faucetAddress = /^address:\s+(weft1\S+)$/m.exec(faucetShown)?.[1]
    if (faucetAddress === undefined)
      throw new Error(`no address in weft keys output:\n${faucetShown}`)
    const genesis = join(dir, 'genesis.json')
    await weft([
      'genesis',
      '--out',
      genesis,
      '--validator',
      validatorKey,
      '--account',
      `${faucetAddress}=${FAUCET_WEFT}`,
    ])
    const node = await startWeftNode([
      '--genesis',
      genesis,
      '--validator-key',
      validatorKey,
      '--validator-key-password-file',
      password,
      '--faucet-key',
      faucetKey,
      '--faucet-key-password-file',
      password,
    ])
    const genesisJson = readFileSync(genesis, 'utf8').trim()
    return {
      node,
      genesisJson,
      async stop() {
        try {
          await node.stop()
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
