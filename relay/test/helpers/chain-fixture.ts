// A real chain for the node benchmarks and sync tests: a single validator's blocks full of signed transfers,
// built and committed through the core into a node's data dir (LMDB), with the commits a real
// validator would sign. Keys are made here with node:crypto, so building 10 000 blocks takes
// seconds, not the minutes a JavaScript signer would need.
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { WeftCore } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'

export interface ChainFixture {
  genesisFile: string
  dataDir: string
  blocks: number
  txs: number
}

interface Key {
  publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

function newKey(): Key {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'jwk' }).x as string
  return {
    publicKey: Uint8Array.from(Buffer.from(raw, 'base64url')),
    sign: (message) => Uint8Array.from(sign(null, message, privateKey)),
  }
}

const WEFT = 1_000_000_000n
const CHAIN_ID = 'weft-bench'

export async function buildChainFixture(
  core: WeftCore,
  dir: string,
  options: { blocks: number; txsPerBlock: number; senders?: number },
): Promise<ChainFixture> {
  mkdirSync(dir, { recursive: true })
  const validator = newKey()
  const senders = Array.from({ length: options.senders ?? 64 }, newKey)
  const recipient = core.chain.addressOf(newKey().publicKey)
  const genesisBytes = core.views.encode('genesis', {
    chainId: CHAIN_ID,
    genesisTime: 1_700_000_000_000n,
    params: core.views.defaultParams(),
    accounts: senders
      .map((s) => ({ address: core.chain.addressOf(s.publicKey), balance: 1_000_000n * WEFT }))
      .sort((a, b) => Buffer.compare(a.address, b.address)),
    validators: [{ publicKey: validator.publicKey, stake: 1000n * WEFT }],
  })
  const genesisFile = join(dir, 'genesis.json')
  writeFileSync(genesisFile, core.views.decodeJson('genesis', genesisBytes))
  const dataDir = join(dir, 'source')
  const store = ChainStore.open(join(dataDir, 'chain'), { archive: true })
  const chain = await Chain.open(core, store, genesisBytes, CHAIN_ID)
  const nonces = senders.map(() => 0n)
  const proposer = core.chain.addressOf(validator.publicKey)
  let lastCommit = core.views.encode('commit', {
    height: 0n,
    round: 0,
    block: new Uint8Array(32),
    signatures: [],
  })
  let txs = 0
  for (let h = 1; h <= options.blocks; h++) {
    const candidates: Uint8Array[] = []
    for (let k = 0; k < options.txsPerBlock; k++) {
      const i = (h * options.txsPerBlock + k) % senders.length
      const from = senders[i] as Key
      const tx = {
        kind: 'transfer' as const,
        sender: from.publicKey,
        nonce: nonces[i] as bigint,
        maxFeePerByte: 10_000n,
        tipPerByte: 10n,
        to: recipient,
        amount: 1000n + BigInt(k),
      }
      nonces[i] = (nonces[i] as bigint) + 1n
      const digest = core.chain.transactionSignDigest(CHAIN_ID, tx)
      candidates.push(core.chain.encodeTransaction({ ...tx, signature: from.sign(digest) }))
    }
    const head = chain.head
    const built = core.blocks.build(chain.tree, head.root, {
      chainId: CHAIN_ID,
      ...(head.header === undefined ? {} : { previousHeader: head.header }),
      time: 1_700_000_000_000n + BigInt(h) * 1000n,
      proposer,
      lastCommit,
      candidates,
    })
    if (built.skipped.length > 0)
      throw new Error(`block ${h} skipped ${built.skipped.length} transfers`)
    txs += candidates.length
    // The commit the validator signs: its precommit for this block, as the only signature.
    const vote = {
      type: 'precommit' as const,
      height: BigInt(h),
      round: 0,
      block: built.outcome.blockId,
      validatorIndex: 0,
      signature: new Uint8Array(64),
    }
    const digest = core.views.signDigest('vote', core.views.encode('vote', vote), CHAIN_ID)
    const commit = core.views.encode('commit', {
      height: BigInt(h),
      round: 0,
      block: built.outcome.blockId,
      signatures: [{ validatorIndex: 0, signature: validator.sign(digest) }],
    })
    await chain.apply(built.block, { commit })
    lastCommit = commit
  }
  chain.close()
  await store.close()
  return { genesisFile, dataDir, blocks: options.blocks, txs }
}
