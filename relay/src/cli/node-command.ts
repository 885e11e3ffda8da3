// `weft node`: resolves and checks its settings, prepares the data dir and identity, loads the
// consensus core, starts the node, its HTTP API and metrics, prints where it listens, and runs
// until SIGINT or SIGTERM.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { loadCore, type WeftCore } from '@weft/wasm'
import { GenesisMismatchError } from '../chain/chain.ts'
import { ConfigError } from '../config/errors.ts'
import { NODE_USAGE } from '../config/node-usage.ts'
import { NODE_COMMAND, resolveNodeConfig } from '../config/resolve-node-config.ts'
import { formatWeft } from '../config/value-types.ts'
import type { ValidatorSigner } from '../consensus/consensus-driver.ts'
import {
  API_LINE_PREFIX,
  EXIT_USAGE,
  LISTENING_LINE_PREFIX,
  METRICS_LINE_PREFIX,
  REPUTATION_DIR,
} from '../constants.ts'
import { ed25519Signer } from '../keys/ed25519-key.ts'
import { createLogger } from '../log.ts'
import { keepBootstrapConnected } from '../net/bootstrap.ts'
import { HttpListenError } from '../net/listen-http.ts'
import { PeerReputation } from '../net/peer-reputation.ts'
import { type ChainNode, GenesisFileError, startChainNode } from '../node/chain-node.ts'
import { createWeftNode, listeningInfo } from '../node/create-node.ts'
import { DataDirError, ensureDataDir } from '../node/data-dir.ts'
import { unlockFaucetKey } from '../node/faucet-key.ts'
import { loadOrCreateNodeIdentity, NodeIdentityError } from '../node/node-identity.ts'
import { type NodeServices, startNodeServices } from '../node/node-services.ts'
import type { UnlockedKey } from '../node/unlock-key.ts'
import { unlockValidatorKey } from '../node/validator-key.ts'
import { LmdbDatastore } from '../storage/lmdb-datastore.ts'
import { type CommandIo, commandCwd, commandEnv } from './command-io.ts'

/** Runs the command to completion and returns the process exit status. */
export async function nodeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const say = (line: string) => io.stderr(`${NODE_COMMAND}: ${line}`)
  const env = commandEnv(io)
  let resolved: ReturnType<typeof resolveNodeConfig>
  try {
    resolved = resolveNodeConfig({
      argv,
      env,
      cwd: commandCwd(io),
      homeDir: env.HOME ?? homedir(),
    })
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    say(err.message)
    return EXIT_USAGE
  }
  if (resolved.help) {
    io.stdout(NODE_USAGE)
    return 0
  }
  const { config } = resolved
  for (const warning of resolved.warnings) say(warning)

  let signer: ValidatorSigner | undefined
  let faucetSigner: ValidatorSigner | undefined
  try {
    const validatorKey = await unlockValidatorKey(config, io.promptPassword)
    if (validatorKey !== undefined) {
      say(`validator key ${Buffer.from(validatorKey.publicKey).toString('hex')} unlocked`)
      signer = signerOf(validatorKey)
    }
    const faucetKey = await unlockFaucetKey(config, io.promptPassword)
    if (faucetKey !== undefined) {
      say(`faucet key ${Buffer.from(faucetKey.publicKey).toString('hex')} unlocked`)
      faucetSigner = signerOf(faucetKey)
    }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    say(err.message)
    return EXIT_USAGE
  }

  let identity: Awaited<ReturnType<typeof loadOrCreateNodeIdentity>>
  try {
    if (ensureDataDir(config.dataDir)) say(`created data dir ${config.dataDir}`)
    identity = await loadOrCreateNodeIdentity(config.dataDir)
  } catch (err) {
    if (!(err instanceof DataDirError || err instanceof NodeIdentityError)) throw err
    say(err.message)
    return 1
  }
  if (identity.created) say(`new node identity saved to ${identity.path}`)
  if (identity.warning !== undefined) say(identity.warning)

  let verify: (pk: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean
  let core: WeftCore
  try {
    core = await loadCore()
    verify = (pk, msg, sig) => core.ed25519Verify(pk, msg, sig)
  } catch (err) {
    say(`cannot load the consensus core: ${describe(err)}`)
    return 1
  }

  const log = createLogger(env.WEFT_LOG_LEVEL)
  // The peer store and DHT records persist in the data dir (relay/src/storage/lmdb-datastore.ts),
  // and so do peers' scores and bans (docs/peers.md).
  const peerStore = new LmdbDatastore(join(config.dataDir, 'peers'))
  const reputation = new PeerReputation({
    path: join(config.dataDir, REPUTATION_DIR),
    score: config.reputation,
    rateLimits: config.rateLimits,
    log: log.child({ part: 'peers' }),
  })
  const closeStores = async () => {
    await reputation.stop()
    await peerStore.close()
  }
  let node: Awaited<ReturnType<typeof createWeftNode>>
  try {
    node = await createWeftNode({
      listen: config.listen,
      announce: config.announce,
      relay: config.relay,
      privateKey: identity.privateKey,
      verify,
      datastore: peerStore,
      connectionGater: reputation.gater,
      appSpecificScore: reputation.appSpecificScore,
    })
  } catch (err) {
    say(`cannot start listening on ${config.listen.join(' ')}:\n${listenFailures(err)}`)
    await closeStores()
    return 1
  }
  reputation.start(node)

  let chainNode: ChainNode | undefined
  const genesis = config.genesis
  if (genesis !== undefined) {
    try {
      chainNode = await startChainNode({
        core,
        config: { ...config, genesis },
        libp2p: node,
        signer,
        faucetSigner,
        log,
        ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
        reputation,
      })
    } catch (err) {
      if (!(err instanceof GenesisFileError || err instanceof GenesisMismatchError)) throw err
      say(err.message)
      await node.stop()
      await closeStores()
      return EXIT_USAGE
    }
  } else {
    if (config.sources.api.kind !== 'default' && config.api !== undefined) {
      say('no --genesis, so no chain: the HTTP API is not served')
    }
    if (faucetSigner !== undefined) say('no --genesis, so no chain: the faucet is off')
  }

  if (chainNode?.faucet !== undefined && config.api === undefined) {
    say('api is off, so the faucet is served over libp2p only')
  }
  let services: NodeServices
  try {
    services = await startNodeServices({ config, node, chainNode, signer, log, reputation })
  } catch (err) {
    if (!(err instanceof HttpListenError)) throw err
    say(err.message)
    await chainNode?.stop()
    await node.stop()
    await closeStores()
    return 1
  }
  const faucet = chainNode?.faucet
  if (faucet !== undefined) {
    say(`faucet ${faucet.address} pays ${formatWeft(faucet.amount)} WEFT a request`)
  }
  if (services.api !== undefined) io.stderr(`${API_LINE_PREFIX}${services.api.url}`)
  if (services.metricsUrl !== undefined) io.stderr(`${METRICS_LINE_PREFIX}${services.metricsUrl}`)

  const stopBootstrap = keepBootstrapConnected(node, config.bootstrap)
  const info = listeningInfo(node)
  for (const ma of info.multiaddrs) io.stdout(ma)
  io.stdout(`${LISTENING_LINE_PREFIX}${JSON.stringify(info)}`)

  const signal = await io.stopRequested
  say(`${signal}, stopping`)
  stopBootstrap()
  // Servers first: no request may reach a chain that is closing.
  await services.stop()
  await chainNode?.stop()
  await node.stop()
  await closeStores()
  say('stopped')
  return 0
}

function signerOf(key: UnlockedKey): ValidatorSigner {
  const sign = ed25519Signer(key.secretKey)
  key.secretKey.fill(0)
  return { publicKey: key.publicKey, sign }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * libp2p reports failed listens as one message with a line per address (plus stacks and a hint
 * about its own config); the user needs just the address and the system's reason.
 */
function listenFailures(err: unknown): string {
  const message = describe(err)
  const perAddress = [...message.matchAll(/^\s*(\/\S+): (?:Error: )?(.+)$/gm)].map(
    (m) => `  ${m[1]}: ${m[2]}`,
  )
  return perAddress.length > 0 ? perAddress.join('\n') : `  ${message.split('\n')[0]}`
}
