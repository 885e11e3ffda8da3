// `weft devnet`: a whole local network in one command — N validators, a relay (archive, faucet,
// API, WebSockets for browsers) and the web app — each a real `weft node` process. It prints
// where to look, and Ctrl-C stops everything (docs/devnet.md).
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadCore } from '@weft/wasm'
import { EXIT_USAGE } from '../constants.ts'
import {
  createDevnetLayout,
  type DevnetLayout,
  type DevnetNode,
  readDevnetLayout,
} from '../devnet/devnet-layout.ts'
import { ensureDataDir } from '../node/data-dir.ts'
import { loadOrCreateNodeIdentity } from '../node/node-identity.ts'
import { type CommandIo, commandCwd, commandEnv } from './command-io.ts'

export const DEVNET_USAGE = `Usage: weft devnet [--validators <n>] [--data-dir <dir>] [--fresh] [--base-port <port>] [--no-web]

Starts a local Weft network: <n> validators (default 4, from 1 to 10), a relay that keeps the
whole chain, serves the API and a faucet and accepts browsers over WebSockets, and the web app's
dev server when run from a checkout. Keys, genesis and every node's data live in --data-dir
(default ~/.weft/devnet); running again resumes the same chain, --fresh starts a new one.

Ports: the relay listens on <base-port> (TCP) and <base-port>+1 (WebSockets); validator i on
<base-port>+10+i; the relay's API on 127.0.0.1:8645 and metrics on 127.0.0.1:9645. Default
base port 26600.
`

const BIN = fileURLToPath(new URL('../../bin/weft.ts', import.meta.url))
const WEB_DIR = fileURLToPath(new URL('../../../apps/web', import.meta.url))

export async function devnetCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: ReturnType<typeof parse>
  try {
    values = parse(argv)
  } catch (err) {
    io.stderr(`weft devnet: ${(err as Error).message}; see weft devnet --help`)
    return EXIT_USAGE
  }
  if (values.help) {
    io.stdout(DEVNET_USAGE)
    return 0
  }
  const validators = Number(values.validators ?? 4)
  if (!Number.isInteger(validators) || validators < 1 || validators > 10) {
    io.stderr(`weft devnet: --validators '${values.validators}' is not allowed; allowed: 1 to 10`)
    return EXIT_USAGE
  }
  const basePort = Number(values['base-port'] ?? 26600)
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65000) {
    io.stderr(
      `weft devnet: --base-port '${values['base-port']}' is not allowed; allowed: 1024 to 65000`,
    )
    return EXIT_USAGE
  }
  const env = commandEnv(io)
  const dir = resolve(
    commandCwd(io),
    values['data-dir'] ?? join(env.HOME ?? homedir(), '.weft', 'devnet'),
  )
  if (values.fresh) rmSync(dir, { recursive: true, force: true })

  const core = await loadCore()
  let layout: DevnetLayout
  if (existsSync(join(dir, 'genesis.json'))) {
    layout = readDevnetLayout(core, dir)
    if (layout.validators.length !== validators) {
      io.stderr(
        `weft devnet: ${dir} holds a network of ${layout.validators.length} validators; use --fresh to start one of ${validators}`,
      )
      return EXIT_USAGE
    }
    io.stderr(`weft devnet: resuming the network in ${dir}`)
  } else {
    layout = await createDevnetLayout(core, { dir, validators })
    io.stderr(`weft devnet: created a network of ${validators} validators in ${dir}`)
  }

  // Peer ids are known before anything starts, so every node can bootstrap from every other.
  const nodes = [layout.relay, ...layout.validators]
  const ids = await Promise.all(
    nodes.map(async (n) => {
      ensureDataDir(n.dataDir)
      return (await loadOrCreateNodeIdentity(n.dataDir)).privateKey
    }),
  )
  const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
  const port = (i: number) => (i === 0 ? basePort : basePort + 10 + i)
  const addr = (i: number) =>
    `/ip4/127.0.0.1/tcp/${port(i)}/p2p/${peerIdFromPrivateKey(ids[i] as never).toString()}`

  const children: ChildProcess[] = []
  const start = (node: DevnetNode, i: number, extra: string[]) => {
    const bootstrap = nodes.flatMap((_, j) => (j === i ? [] : ['--bootstrap', addr(j)]))
    const args = [
      BIN,
      'node',
      '--data-dir',
      node.dataDir,
      '--genesis',
      layout.genesisFile,
      '--listen',
      `/ip4/127.0.0.1/tcp/${port(i)}`,
      ...bootstrap,
      ...extra,
    ]
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        // The relay's commits show the chain moving; the validators' would repeat them.
        if (line.trim() === '' || (line.includes('"committed block"') && node !== layout.relay))
          continue
        io.stderr(`[${node.name}] ${line}`)
      }
    })
    children.push(child)
    return child
  }
  start(layout.relay, 0, [
    '--listen',
    `/ip4/127.0.0.1/tcp/${basePort + 1}/ws`,
    '--archive',
    '--api',
    '127.0.0.1:8645',
    '--metrics',
    '127.0.0.1:9645',
    '--faucet-key',
    layout.faucet.keyFile,
    '--faucet-key-password-file',
    layout.passwordFile,
  ])
  for (const [i, v] of layout.validators.entries()) {
    start(v, i + 1, [
      '--validator-key',
      v.keyFile as string,
      '--validator-key-password-file',
      layout.passwordFile,
      '--api',
      'off',
      '--metrics',
      'off',
    ])
  }
  const relayWs = `/ip4/127.0.0.1/tcp/${basePort + 1}/ws/p2p/${peerIdFromPrivateKey(ids[0] as never).toString()}`
  const root = join(WEB_DIR, '..', '..')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (!values['no-web'] && existsSync(join(WEB_DIR, 'package.json')) && existsSync(vite)) {
    const port = env.WEFT_WEB_PORT ?? '5173'
    children.push(
      spawn(process.execPath, [vite, 'apps/web', '--port', port, '--strictPort'], {
        cwd: root,
        stdio: 'ignore',
        // The web app's chain config (apps/web/src/config/page-config.ts): the light client
        // starts from this genesis, dials the relay and submits through the relay's API.
        env: {
          ...process.env,
          ...env,
          VITE_WEFT_NODE: relayWs,
          VITE_WEFT_GENESIS: readFileSync(layout.genesisFile, 'utf8').trim(),
          VITE_WEFT_API: 'http://127.0.0.1:8645',
        },
      }),
    )
    io.stdout(`web app:  http://localhost:${port}/`)
  }
  io.stdout(`relay:    ${relayWs}`)
  io.stdout('api:      http://127.0.0.1:8645/v1/status')
  io.stdout('metrics:  http://127.0.0.1:9645/metrics')
  io.stdout(`data:     ${dir}`)
  io.stdout('Ctrl-C stops the network.')

  const signal = await io.stopRequested
  io.stderr(`weft devnet: ${signal}, stopping ${children.length} processes`)
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done()
          c.once('exit', () => done())
          c.kill('SIGTERM')
        }),
    ),
  )
  return 0
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      validators: { type: 'string' },
      'data-dir': { type: 'string' },
      'base-port': { type: 'string' },
      fresh: { type: 'boolean' },
      'no-web': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values
}
