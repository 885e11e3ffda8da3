// Transactions arriving together are verified as one batch, and the pool then admits each one
// with every check it always made: good ones in, a forged one refused with the core's reason.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { Mempool } from '@weft/core'
import { loadCore, type Transaction } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { chainMempoolValidator } from '../../src/chain/mempool-validator.ts'
import { SignatureBatch } from '../../src/chain/signature-batch.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'

const core = await loadCore()
const CHAIN = 'weft-batch-test'
const WEFT = 1_000_000_000n
const dirs: string[] = []
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

const senders = Array.from({ length: 8 }, (_, i) => new Uint8Array(32).fill(i + 10))
const genesis = core.views.encode('genesis', {
  chainId: CHAIN,
  genesisTime: 1_700_000_000_000n,
  params: core.views.defaultParams(),
  accounts: senders
    .map((s) => ({ address: core.chain.addressOf(ed25519.getPublicKey(s)), balance: 10n * WEFT }))
    .sort((a, b) => Buffer.compare(a.address, b.address)),
  validators: [{ publicKey: ed25519.getPublicKey(new Uint8Array(32).fill(1)), stake: WEFT }],
})

function transfer(secret: Uint8Array, nonce: bigint): Uint8Array {
  const tx: Transaction = {
    kind: 'transfer',
    sender: ed25519.getPublicKey(secret),
    nonce,
    maxFeePerByte: 10_000n,
    tipPerByte: 10n,
    to: new Uint8Array(20).fill(7),
    amount: 1n,
  }
  const signature = ed25519.sign(core.chain.transactionSignDigest(CHAIN, tx), secret)
  return core.chain.encodeTransaction({ ...tx, signature })
}

describe('signatures verified in batches', () => {
  it('admits a burst whose signatures were checked together, and refuses the forged one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-batch-'))
    dirs.push(dir)
    const store = ChainStore.open(join(dir, 'chain'), { archive: false })
    const chain = await Chain.open(core, store, genesis, CHAIN)
    const pool = new Mempool({ validator: chainMempoolValidator(chain), now: Date.now })
    const batch = new SignatureBatch(chain)
    const good = senders.flatMap((s) => [transfer(s, 0n), transfer(s, 1n)])
    const forged = transfer(senders[0] as Uint8Array, 2n)
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1
    const burst = [...good, forged]
    await Promise.all(burst.map((tx) => batch.verify(tx)))
    const results = burst.map((tx) => pool.add(tx))
    assert.ok(results.slice(0, good.length).every((r) => r.ok))
    assert.deepEqual(results.at(-1), {
      ok: false,
      code: 'INVALID',
      message: 'the core refused the transaction (TxError.BadSignature)',
      reason: 'TxError.BadSignature',
    })
    assert.equal(pool.stats().pending.count, good.length)
    chain.close()
    await store.close()
  })
})
