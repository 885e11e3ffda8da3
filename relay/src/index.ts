// @weft/relay: the Weft node as a library, for tests and for hosts that embed it.
export { ApiError, Reply, Router, toJson } from './api/http.ts'
export {
  type ChainReader,
  type MempoolReader,
  type NodeView,
  type NodeViewInit,
  nodeView,
} from './api/node-view.ts'
export { type ApiServer, type ApiServerInit, apiRouter, startApiServer } from './api/server.ts'
export {
  DEFAULT_SUBSCRIPTION_LIMITS,
  type SubscriptionLimits,
  WS_PATH,
} from './api/subscriptions.ts'
export type { CommandIo } from './cli/command-io.ts'
export { CliUsageError, WalletError, type WalletErrorCode } from './cli/errors.ts'
export { KEYS_USAGE, keysCommand } from './cli/keys-command.ts'
export { main, USAGE } from './cli/main.ts'
export { NodeApi, NodeApiError, NodeUnreachableError } from './cli/node-api.ts'
export { nodeCommand } from './cli/node-command.ts'
export { describePeers, PEERS_USAGE, peersCommand } from './cli/peers-command.ts'
export { STATUS_USAGE, statusCommand } from './cli/status-command.ts'
export { WALLET_USAGE, walletCommand } from './cli/wallet-command.ts'
export { ConfigError, type ConfigErrorCode } from './config/errors.ts'
export type { History, NodeConfig } from './config/node-config.ts'
export { NODE_SETTINGS, type NodeSettingKey } from './config/node-settings.ts'
export { NODE_USAGE } from './config/node-usage.ts'
export {
  type ResolvedNodeConfig,
  type ResolveNodeConfigInput,
  resolveNodeConfig,
} from './config/resolve-node-config.ts'
export type { Setting } from './config/setting.ts'
export type { Source } from './config/source.ts'
export { formatHostPort, type HostPort } from './config/value-types.ts'
export {
  API_LINE_PREFIX,
  DEFAULT_API_ADDR,
  DEFAULT_LISTEN_ADDRS,
  DEFAULT_METRICS_ADDR,
  DEFAULT_PRUNE_BLOCKS,
  EXIT_USAGE,
  LISTENING_LINE_PREFIX,
  METRICS_LINE_PREFIX,
} from './constants.ts'
export {
  callerKey,
  Faucet,
  type FaucetCaller,
  FaucetError,
  type FaucetInit,
  faucet,
} from './faucet/faucet.ts'
export { RateLimiter } from './faucet/rate-limit.ts'
export { decryptKey } from './keys/decrypt-key.ts'
export { ed25519PublicKey, generateEd25519Key } from './keys/ed25519-key.ts'
export { encryptKey } from './keys/encrypt-key.ts'
export {
  KeyFileError,
  type KeyFileErrorCode,
  PasswordError,
  type PasswordErrorCode,
} from './keys/errors.ts'
export { type KeyFile, parseKeyFile, serializeKeyFile } from './keys/key-file.ts'
export { readKeyFile, writeKeyFile } from './keys/key-file-io.ts'
export { startMetricsServer } from './metrics/metrics-server.ts'
export { createNodeMetrics, type NodeMetrics } from './metrics/node-metrics.ts'
export { type Readiness, readiness } from './metrics/readiness.ts'
export { HttpListenError } from './net/listen-http.ts'
export {
  createWeftNode,
  type ListeningInfo,
  listeningInfo,
  type WeftNode,
  type WeftNodeInit,
} from './node/create-node.ts'
export { DataDirError, ensureDataDir } from './node/data-dir.ts'
export {
  loadOrCreateNodeIdentity,
  type NodeIdentity,
  NodeIdentityError,
} from './node/node-identity.ts'
