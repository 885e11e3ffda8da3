// The mempool's rules one by one, against the test chain model of the core: admission and its
// refusals, nonce queues and slots, replacement, the byte cap with eviction and the rising
// minimum tip, expiry, blocks, the building order, events and statuses.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type AdmitVerdict,
  DROP_REASONS,
  formatAddress,
  Mempool,
  MempoolConfigError,
  type MempoolValidator,
} from '../../src/index.ts'
import { addressOf, ChainModel } from './chain-model.ts'
import { accepted, RICH, refused, setup } from './harness.ts'

describe('admission', () => {
  it('admits a valid transaction as pending and reports it', () => {
    const { pool, offer, events } = setup()
    const { id, result } = offer({ sender: 1, nonce: 0n, tipPerByte: 10n })
    assert.deepEqual(accepted(result), { ok: true, id, queued: false })
    assert.deepEqual(pool.status(id), { id, status: 'pending', queued: false })
    const [tx] = pool.pending()
    assert.equal(tx?.id, id)
    assert.equal(tx?.sender, formatAddress(addressOf(1)))
    assert.equal(tx?.effectiveTipPerByte, 10n)
    const stats = pool.stats()
    assert.equal(stats.count, 1)
    assert.equal(stats.bytes, 150)
    assert.deepEqual(stats.pending, { count: 1, bytes: 150 })
    assert.deepEqual(stats.queued, { count: 0, bytes: 0 })
    assert.equal(stats.baseFeePerByte, 1000n)
    assert.equal(events.length, 1)
    assert.equal(events[0]?.type, 'added')
  })

  it('names what is wrong with each refused submission', () => {
    const { pool, model, offer, tx } = setup({}, { balances: { 1: RICH, 7: 0n, 8: 160_000n } })
    refused(pool.add(new Uint8Array([1, 2, 3])), 'MALFORMED', 'TxError.Malformed')
    refused(pool.add(new Uint8Array(0)), 'MALFORMED')
    refused(pool.add('not bytes' as unknown as Uint8Array), 'MALFORMED')
    refused(pool.add(new Uint8Array(5000)), 'MALFORMED', 'TxError.TooLarge')
    refused(
      offer({ sender: 1, nonce: 0n, signed: false }).result,
      'INVALID',
      'TxError.BadSignature',
    )
    refused(
      offer({ sender: 1, nonce: 0n, tipPerByte: 3000n }).result,
      'INVALID',
      'TxError.TipAboveMaxFee',
    )
    refused(
      offer({ sender: 1, nonce: 0n, maxFeePerByte: 999n }).result,
      'FEE_TOO_LOW',
      'TxError.FeeBelowBase',
    )
    refused(offer({ sender: 7, nonce: 0n }).result, 'INVALID', 'TxError.CannotPayFee')
    // 160 000 pays the fee (1 010 × 150 = 151 500) but not the amount on top.
    refused(
      offer({ sender: 8, nonce: 0n, amount: 10_000n }).result,
      'INVALID',
      'TxError.InsufficientBalance',
    )

    const good = tx({ sender: 1, nonce: 0n })
    accepted(pool.add(good))
    refused(pool.add(good), 'ALREADY_KNOWN')
    model.spendElsewhere(2)
    refused(offer({ sender: 2, nonce: 0n }).result, 'NONCE_TOO_LOW', 'TxError.NonceTooLow')
    // Refused submissions leave no trace.
    assert.equal(pool.status(offer({ sender: 7, nonce: 0n }).id).status, 'unknown')
    assert.equal(pool.stats().count, 1)
    assert.equal(pool.stats().totals.rejected, 12)
  })

  it('never throws, whatever the core or a subscriber does', () => {
    const model = new ChainModel({ balances: { 1: RICH } })
    let failing: 'decode' | 'decode-core' | 'admit' | 'accountNonce' | 'base' | undefined
    const flaky: MempoolValidator = {
      decode: (b) => {
        if (failing === 'decode') throw new Error('boom')
        // What @weft/wasm's decodeTransaction throws for bytes it cannot read.
        if (failing === 'decode-core')
          throw Object.assign(new Error('x'), { code: 'DecodeError.Truncated' })
        return model.decode(b)
      },
      admit: (b, ahead): AdmitVerdict => {
        if (failing === 'admit')
          throw Object.assign(new Error('x'), { code: 'BlockError.StateUnavailable' })
        return model.admit(b, ahead)
      },
      accountNonce: (a) => {
        if (failing === 'accountNonce') throw new Error('boom')
        return model.accountNonce(a)
      },
      baseFeePerByte: () => {
        if (failing === 'base') throw new Error('boom')
        return model.baseFeePerByte()
      },
    }
    const pool = new Mempool({ validator: flaky, now: () => 0 })
    pool.subscribe(() => {
      throw new Error('a subscriber fails')
    })
    const { tx } = setup()
    failing = 'base'
    refused(pool.add(tx({ sender: 1, nonce: 0n })), 'INTERNAL')
    failing = 'decode'
    refused(pool.add(tx({ sender: 1, nonce: 0n })), 'MALFORMED')
    failing = 'decode-core'
    refused(pool.add(tx({ sender: 1, nonce: 0n })), 'MALFORMED', 'DecodeError.Truncated')
    failing = 'admit'
    const internal = pool.add(tx({ sender: 1, nonce: 0n }))
    refused(internal, 'INTERNAL')
    assert.match(internal.ok ? '' : internal.message, /StateUnavailable/)
    failing = 'accountNonce'
    refused(pool.add(tx({ sender: 1, nonce: 0n })), 'INTERNAL')
    failing = undefined
    accepted(pool.add(tx({ sender: 1, nonce: 0n })))
    // A core that cannot answer after a block leaves transactions waiting, not dropped.
    failing = 'admit'
    pool.onBlock({
      height: 1n,
      includedTxIds: [],
      baseFeePerByte: 1000n,
      fullness: { usedBytes: 0, maxBytes: 4096 },
    })
    assert.equal(pool.pending().length, 0)
    assert.equal(pool.queued().length, 1)
    failing = undefined
    pool.onBlock({
      height: 2n,
      includedTxIds: [],
      baseFeePerByte: 1000n,
      fullness: { usedBytes: 0, maxBytes: 4096 },
    })
    assert.equal(pool.pending().length, 1)
  })

  it('refuses options out of range with a named error', () => {
    const model = new ChainModel()
    for (const init of [
      { maxBytes: 0 },
      { accountSlots: 1.5 },
      { minTipPerByte: -1n },
      { maxAgeMs: -5 },
    ]) {
      assert.throws(() => new Mempool({ validator: model, now: () => 0 }, init), MempoolConfigError)
    }
  })
})

describe('nonces and slots', () => {
  it('queues future nonces and promotes them when the gap fills', () => {
    const { pool, offer } = setup()
    const two = offer({ sender: 1, nonce: 2n })
    const one = offer({ sender: 1, nonce: 1n })
    assert.equal(accepted(two.result).queued, true)
    assert.equal(accepted(one.result).queued, true)
    assert.deepEqual(pool.status(two.id), { id: two.id, status: 'pending', queued: true })
    assert.equal(pool.pending().length, 0)
    assert.equal(pool.queued().length, 2)
    const zero = offer({ sender: 1, nonce: 0n })
    assert.equal(accepted(zero.result).queued, false)
    assert.deepEqual(
      pool.pending().map((t) => t.nonce),
      [0n, 1n, 2n],
    )
    assert.equal(pool.status(two.id).queued, false)
    assert.equal(pool.stats().queued.count, 0)
  })

  it('promotes queued transactions when a block fills the gap', () => {
    const { pool, offer, tx, block } = setup()
    const one = offer({ sender: 1, nonce: 1n })
    assert.equal(accepted(one.result).queued, true)
    // Nonce 0 reaches a block through another node.
    const { outcome } = block([tx({ sender: 1, nonce: 0n, salt: 9 })])
    assert.equal(outcome.included, 0)
    assert.equal(outcome.pending, 1)
    assert.deepEqual(pool.status(one.id), { id: one.id, status: 'pending', queued: false })
  })

  it('bounds the queue, how far ahead a nonce may be, and each sender’s slots', () => {
    const { pool, offer } = setup()
    for (let n = 1n; n <= 8n; n++) accepted(offer({ sender: 1, nonce: n }).result)
    refused(offer({ sender: 1, nonce: 9n }).result, 'QUEUE_FULL')
    refused(offer({ sender: 2, nonce: 16n }).result, 'NONCE_TOO_FAR')
    accepted(offer({ sender: 2, nonce: 15n }).result)
    // Filling the gap is always possible: it makes the queue pending.
    accepted(offer({ sender: 1, nonce: 0n }).result)
    for (let n = 9n; n <= 15n; n++) accepted(offer({ sender: 1, nonce: n }).result)
    assert.equal(pool.pending().filter((t) => t.sender === formatAddress(addressOf(1))).length, 16)
    refused(offer({ sender: 1, nonce: 16n }).result, 'ACCOUNT_FULL')
    accepted(offer({ sender: 3, nonce: 0n }).result)
  })
})

describe('replacement', () => {
  it('needs both fee fields raised by at least 10 %, exactly', () => {
    const { pool, offer, events } = setup()
    const old = offer({ sender: 1, nonce: 0n, maxFeePerByte: 2000n, tipPerByte: 100n })
    accepted(old.result)
    refused(
      offer({ sender: 1, nonce: 0n, maxFeePerByte: 2199n, tipPerByte: 110n }).result,
      'REPLACEMENT_UNDERPRICED',
    )
    refused(
      offer({ sender: 1, nonce: 0n, maxFeePerByte: 2200n, tipPerByte: 109n }).result,
      'REPLACEMENT_UNDERPRICED',
    )
    const underpriced = offer({
      sender: 1,
      nonce: 0n,
      maxFeePerByte: 5000n,
      tipPerByte: 100n,
    }).result
    refused(underpriced, 'REPLACEMENT_UNDERPRICED')
    assert.match(underpriced.ok ? '' : underpriced.message, /≥ 2200 .* ≥ 110/)
    const next = offer({ sender: 1, nonce: 0n, maxFeePerByte: 2200n, tipPerByte: 110n })
    assert.deepEqual(accepted(next.result), {
      ok: true,
      id: next.id,
      queued: false,
      replaced: old.id,
    })
    assert.equal(pool.status(old.id).status, 'replaced')
    assert.equal(pool.status(old.id).replacedBy, next.id)
    assert.deepEqual(
      pool.pending().map((t) => t.id),
      [next.id],
    )
    assert.equal(pool.stats().bytes, 150)
    assert.deepEqual(
      events.map((e) => (e.type === 'added' ? `added ${e.tx.id}` : `${e.status} ${e.id}`)),
      [`added ${old.id}`, `replaced ${old.id}`, `added ${next.id}`],
    )
    // Re-offering the replaced one is now itself an underpriced replacement.
    refused(pool.add(old.bytes), 'REPLACEMENT_UNDERPRICED')
  })

  it('re-checks the transactions after a replaced one', () => {
    // Enough for two transactions at 1 010 per byte (151 501 each, amount 1 included).
    const { pool, offer } = setup({}, { balances: { 1: 303_002n } })
    accepted(offer({ sender: 1, nonce: 0n }).result)
    const second = offer({ sender: 1, nonce: 1n })
    accepted(second.result)
    // The replacement pays 2 000 per byte: nothing is left for nonce 1.
    accepted(offer({ sender: 1, nonce: 0n, maxFeePerByte: 2200n, tipPerByte: 1000n }).result)
    assert.deepEqual(pool.status(second.id), {
      id: second.id,
      status: 'dropped',
      reason: 'TxError.CannotPayFee',
      at: 1_000_000,
    })
    assert.equal(pool.pending().length, 1)
  })

  it('replaces a queued transaction in the queue', () => {
    const { pool, offer } = setup()
    const old = offer({ sender: 1, nonce: 3n })
    accepted(old.result)
    const next = offer({ sender: 1, nonce: 3n, maxFeePerByte: 3000n, tipPerByte: 20n })
    assert.deepEqual(accepted(next.result), {
      ok: true,
      id: next.id,
      queued: true,
      replaced: old.id,
    })
    assert.equal(pool.queued().length, 1)
  })
})

describe('byte cap and eviction', () => {
  const cap = 600 // four 150-byte transactions

  it('evicts the lowest bid for a higher one and raises the minimum tip', () => {
    const { pool, offer, events } = setup({ maxBytes: cap })
    const low = offer({ sender: 1, nonce: 0n, tipPerByte: 10n })
    for (const [sender, tipPerByte] of [
      [2, 20n],
      [3, 30n],
      [4, 40n],
    ] as const) {
      accepted(offer({ sender, nonce: 0n, tipPerByte }).result)
    }
    refused(offer({ sender: 5, nonce: 0n, tipPerByte: 10n }).result, 'POOL_FULL')
    const higher = offer({ sender: 5, nonce: 0n, tipPerByte: 11n })
    accepted(higher.result)
    assert.deepEqual(pool.status(low.id), {
      id: low.id,
      status: 'dropped',
      reason: DROP_REASONS.evicted,
      at: 1_000_000,
    })
    assert.ok(
      events.some((e) => e.type === 'removed' && e.id === low.id && e.reason === 'Mempool.Evicted'),
    )
    assert.equal(pool.stats().bytes, cap)
    // The floor is now the evicted rate plus one.
    assert.equal(pool.stats().minTipPerByte, 11n)
    refused(offer({ sender: 6, nonce: 0n, tipPerByte: 10n }).result, 'FEE_TOO_LOW')
    // Equal bids do not evict each other.
    refused(offer({ sender: 6, nonce: 0n, tipPerByte: 11n }).result, 'POOL_FULL')
  })

  it('lets the minimum tip fall back over blocks', () => {
    const { pool, offer, block } = setup({ maxBytes: cap })
    for (const sender of [1, 2, 3, 4])
      accepted(offer({ sender, nonce: 0n, tipPerByte: 80n }).result)
    accepted(offer({ sender: 5, nonce: 0n, tipPerByte: 90n }).result)
    assert.equal(pool.stats().minTipPerByte, 81n)
    // Still half full or more: 12.5 % a block (at least 1).
    block([])
    assert.equal(pool.stats().minTipPerByte, 71n)
    block([])
    assert.equal(pool.stats().minTipPerByte, 63n)
    // Emptied: it halves each block, down to the static floor.
    block()
    assert.equal(pool.stats().count, 0)
    assert.equal(pool.stats().minTipPerByte, 31n)
    const floors: bigint[] = []
    for (let i = 0; i < 6; i++) {
      block([])
      floors.push(pool.stats().minTipPerByte)
    }
    assert.deepEqual(floors, [15n, 7n, 3n, 1n, 0n, 0n])
  })

  it('evicts a sender’s later nonces first, and queued before pending', () => {
    const { pool, offer } = setup({ maxBytes: cap })
    // Sender 1's nonce 1 bids 50 but cannot be mined before nonce 0, which bids 5.
    const first = offer({ sender: 1, nonce: 0n, tipPerByte: 5n })
    const second = offer({ sender: 1, nonce: 1n, tipPerByte: 50n })
    accepted(first.result)
    accepted(second.result)
    accepted(offer({ sender: 2, nonce: 0n, tipPerByte: 30n }).result)
    accepted(offer({ sender: 3, nonce: 0n, tipPerByte: 20n }).result)
    accepted(offer({ sender: 4, nonce: 0n, tipPerByte: 6n }).result)
    assert.equal(pool.status(second.id).reason, 'Mempool.Evicted')
    assert.equal(pool.status(first.id).status, 'pending')
    accepted(offer({ sender: 5, nonce: 0n, tipPerByte: 7n }).result)
    assert.equal(pool.status(first.id).reason, 'Mempool.Evicted')

    // A queued transaction goes before any pending one, whatever it bids…
    const queued = offer({ sender: 6, nonce: 1n, tipPerByte: 500n })
    refused(queued.result, 'POOL_FULL') // …and cannot push a pending one out.
    const { pool: p2, offer: o2 } = setup({ maxBytes: cap })
    const q = o2({ sender: 1, nonce: 1n, tipPerByte: 500n })
    accepted(q.result)
    for (const sender of [2, 3, 4]) accepted(o2({ sender, nonce: 0n, tipPerByte: 20n }).result)
    accepted(o2({ sender: 5, nonce: 0n, tipPerByte: 1n }).result)
    assert.equal(p2.status(q.id).reason, 'Mempool.Evicted')
    // Evicting a queued transaction says nothing about demand: the floor stays.
    assert.equal(p2.stats().minTipPerByte, 0n)
  })

  it('refuses a transaction larger than the whole pool', () => {
    const { offer } = setup({ maxBytes: 100 })
    refused(offer({ sender: 1, nonce: 0n }).result, 'POOL_FULL')
  })
})

describe('expiry', () => {
  it('drops transactions at the maximum age; followers wait for a new one', () => {
    const { pool, offer, advance } = setup({ maxAgeMs: 1000 })
    const zero = offer({ sender: 1, nonce: 0n })
    accepted(zero.result)
    advance(500)
    const one = offer({ sender: 1, nonce: 1n })
    accepted(one.result)
    advance(499)
    assert.equal(pool.expire(), 0)
    advance(1)
    assert.equal(pool.expire(), 1)
    assert.deepEqual(pool.status(zero.id), {
      id: zero.id,
      status: 'dropped',
      reason: 'Mempool.Expired',
      at: 1_001_000,
    })
    assert.deepEqual(pool.status(one.id), { id: one.id, status: 'pending', queued: true })
    assert.equal(pool.pending().length, 0)
    // A fresh nonce 0 (a rebroadcast of the same bytes is a new arrival) fills the gap again.
    accepted(pool.add(zero.bytes))
    assert.equal(pool.pending().length, 2)
    advance(500)
    pool.onBlock({
      height: 1n,
      includedTxIds: [],
      baseFeePerByte: 1000n,
      fullness: { usedBytes: 0, maxBytes: 4096 },
    })
    assert.equal(pool.status(one.id).reason, 'Mempool.Expired')
  })
})

describe('blocks', () => {
  it('removes included transactions as final, or included until the host says final', () => {
    const { pool, offer, block, model } = setup()
    const ids = [0n, 1n, 2n].map((nonce) => offer({ sender: 1, nonce }).id)
    const { outcome } = block()
    assert.deepEqual(outcome, { included: 3, dropped: 0, pending: 0, queued: 0 })
    for (const id of ids) {
      const status = pool.status(id)
      assert.equal(status.status, 'final')
      assert.equal(status.height, 1n)
    }
    const next = offer({ sender: 1, nonce: 3n })
    const committed = model.commit(pool.pending().map((t) => t.bytes))
    pool.onBlock({ ...committed, finalizedHeight: 1n })
    assert.equal(pool.status(next.id).status, 'included')
    assert.equal(pool.stats().totals.included, 4)
    pool.onBlock({ ...model.commit([]), finalizedHeight: 2n })
    assert.equal(pool.status(next.id).status, 'final')
    refused(pool.add(next.bytes), 'ALREADY_KNOWN')
  })

  it('re-checks each sender’s transactions in one question when the core answers runs', () => {
    const { pool, offer, model, block } = setup({}, { answersRuns: true })
    for (const sender of [1, 2, 3]) {
      for (let nonce = 0n; nonce < 10n; nonce++) accepted(offer({ sender, nonce }).result)
    }
    // Sender 2 can now pay for four of its ten (150 bytes at a base fee of at most 1 000).
    model.setBalance(2, 4n * 150n * 1010n + 100n)
    model.admitCalls = 0
    const { outcome } = block([])
    assert.equal(model.admitCalls, 3, 'one question per sender, not one per transaction')
    assert.deepEqual(outcome, { included: 0, dropped: 1, pending: 24, queued: 5 })
    assert.equal(pool.stats().pending.count, 24)
  })

  it('drops a transaction whose nonce another one used', () => {
    const { pool, offer, model, block } = setup()
    const mine = offer({ sender: 1, nonce: 0n })
    model.spendElsewhere(1)
    const { outcome } = block([])
    assert.equal(outcome.dropped, 1)
    assert.equal(pool.status(mine.id).reason, 'TxError.NonceTooLow')
  })

  it('drops what a drained sender can no longer pay, and queues what follows', () => {
    const { pool, offer, model, block } = setup()
    const zero = offer({ sender: 1, nonce: 0n })
    const one = offer({ sender: 1, nonce: 1n })
    model.setBalance(1, 0n)
    block([])
    assert.equal(pool.status(zero.id).reason, 'TxError.CannotPayFee')
    assert.deepEqual(pool.status(one.id), { id: one.id, status: 'pending', queued: true })
  })

  it('keeps a transaction whose max fee the base fee passed, until it falls back', () => {
    const { pool, offer, model } = setup()
    const tx = offer({ sender: 1, nonce: 0n, maxFeePerByte: 1100n })
    const empty = (height: bigint) => ({
      height,
      includedTxIds: [],
      baseFeePerByte: model.base,
      fullness: { usedBytes: 0, maxBytes: 4096 },
    })
    model.base = 1125n
    pool.onBlock(empty(1n))
    assert.deepEqual(pool.status(tx.id), { id: tx.id, status: 'pending', queued: true })
    assert.equal(pool.pending().length, 0)
    model.base = 1000n
    pool.onBlock(empty(2n))
    assert.deepEqual(pool.status(tx.id), { id: tx.id, status: 'pending', queued: false })
  })

  it('reports a replaced transaction that another node got included', () => {
    const { pool, offer, block } = setup()
    const old = offer({ sender: 1, nonce: 0n })
    offer({ sender: 1, nonce: 0n, maxFeePerByte: 3000n, tipPerByte: 20n })
    assert.equal(pool.status(old.id).status, 'replaced')
    block([old.bytes])
    assert.equal(pool.status(old.id).status, 'final')
    assert.equal(pool.stats().count, 0)
  })
})

describe('building order', () => {
  it('puts higher effective tips first, each sender’s nonces in order', () => {
    const { pool, offer } = setup()
    const s1n0 = offer({ sender: 1, nonce: 0n, tipPerByte: 5n }).id
    const s1n1 = offer({ sender: 1, nonce: 1n, tipPerByte: 100n }).id
    const s2 = offer({ sender: 2, nonce: 0n, tipPerByte: 50n }).id
    const s3 = offer({ sender: 3, nonce: 0n, tipPerByte: 50n }).id
    // A 500 tip under a 1 100 max fee pays only 100 over the 1 000 base fee.
    const s4 = offer({ sender: 4, nonce: 0n, maxFeePerByte: 1100n, tipPerByte: 500n }).id
    assert.deepEqual(
      pool.pending().map((t) => t.id),
      [s4, s2, s3, s1n0, s1n1],
    )
  })
})

describe('fee estimates', () => {
  it('with nothing known: no tip, twice the base fee as the cap', () => {
    const { pool } = setup()
    const quote = { maxFeePerByte: 2000n, tipPerByte: 0n }
    assert.deepEqual(pool.estimateFees(), {
      baseFeePerByte: 1000n,
      nextBlock: quote,
      fast: quote,
      economy: quote,
    })
  })

  it('bids above the pool’s backlog for the next block and the one after', () => {
    const { pool, offer, block, model } = setup()
    block([], 300) // blocks of two transactions; base 1 000 → 875 after an empty one
    for (const [sender, tipPerByte] of [
      [1, 100n],
      [2, 90n],
      [3, 80n],
      [4, 70n],
      [5, 60n],
    ] as const) {
      accepted(offer({ sender, nonce: 0n, tipPerByte }).result)
    }
    const base = model.base
    assert.equal(base, 875n)
    assert.deepEqual(pool.estimateFees(), {
      baseFeePerByte: base,
      nextBlock: { maxFeePerByte: 2n * base + 81n, tipPerByte: 81n },
      fast: { maxFeePerByte: 2n * base + 61n, tipPerByte: 61n },
      economy: { maxFeePerByte: 2n * base, tipPerByte: 0n },
    })
  })

  it('follows what recent blocks paid', () => {
    const balances = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i + 1, RICH]))
    const { pool, offer, block } = setup({}, { balances })
    for (let round = 0n; round < 3n; round++) {
      for (let i = 1; i <= 20; i++) {
        // Tips 10, 20, … 200 per block, all paid in full (max fee 3 000).
        const spec = { sender: i, nonce: round, maxFeePerByte: 3000n, tipPerByte: BigInt(i * 10) }
        accepted(offer(spec).result)
      }
      block()
      assert.equal(pool.stats().count, 0)
    }
    const fees = pool.estimateFees()
    assert.equal(fees.economy.tipPerByte, 20n) // p10 of 20 tips: rank 2
    assert.equal(fees.fast.tipPerByte, 100n) // p50: rank 10
    assert.equal(fees.nextBlock.tipPerByte, 150n) // p75: rank 15
  })
})
