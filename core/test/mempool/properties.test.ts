// Property tests: random sequences of submissions, fee bumps, blocks (with nonces spent and
// balances drained outside the pool) and time, against the test chain model. After every step
// the pool's invariants hold; at the end every transaction it ever took has settled.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { formatAddress, Mempool, type MempoolEvent, TX_STATUSES } from '../../src/index.ts'
import { addressOf, ChainModel, encodeModelTx, modelTxId } from './chain-model.ts'

const SENDERS = [1, 2, 3, 4, 5, 6]
const CAP = 1800
const SLOTS = 4
const MAX_AGE = 5000
// Longer runs: WEFT_MEMPOOL_RUNS=5000 node --test core/test/mempool/properties.test.ts
const RUNS = Number(process.env.WEFT_MEMPOOL_RUNS ?? 300)

type Op =
  | {
      kind: 'add'
      sender: number
      ahead: number
      maxFee: bigint
      tip: bigint
      size: number
      signed: boolean
      salt: number
    }
  | { kind: 'bump'; pick: number; feePermille: number; tipPermille: number; salt: number }
  | {
      kind: 'block'
      maxBlockBytes: number
      skip: number
      outside?: { sender: number; drain: boolean }
    }
  | { kind: 'tick'; ms: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      sender: fc.constantFrom(...SENDERS),
      ahead: fc.integer({ min: -1, max: 4 }),
      maxFee: fc.bigInt({ min: 800n, max: 1600n }),
      tip: fc.bigInt({ min: 0n, max: 400n }),
      size: fc.integer({ min: 60, max: 400 }),
      signed: fc.integer({ min: 0, max: 9 }).map((n) => n > 0), // one in ten badly signed
      salt: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bump' as const),
      pick: fc.nat(),
      // Around the 10 % line: 1 090 ‰ to 1 110 ‰ of the old fees.
      feePermille: fc.integer({ min: 1090, max: 1110 }),
      tipPermille: fc.integer({ min: 1090, max: 1110 }),
      salt: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('block' as const),
        maxBlockBytes: fc.integer({ min: 0, max: 1200 }),
        skip: fc.integer({ min: 0, max: 4 }),
        outside: fc.record({ sender: fc.constantFrom(...SENDERS), drain: fc.boolean() }),
      },
      { requiredKeys: ['kind', 'maxBlockBytes', 'skip'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 0, max: 3000 }),
    }),
  },
)

const balances = fc.tuple(
  ...SENDERS.map(() => fc.constantFrom(10n ** 15n, 10n ** 15n, 1_000_000n, 200_000n)),
)

function run(initial: bigint[], ops: Op[], answersRuns = false) {
  const model = new ChainModel({
    balances: Object.fromEntries(SENDERS.map((s, i) => [s, initial[i] ?? 0n])),
    answersRuns,
  })
  let time = 0
  const pool = new Mempool(
    { validator: model, now: () => time },
    { maxBytes: CAP, accountSlots: SLOTS, maxQueuedPerAccount: 2, maxAgeMs: MAX_AGE },
  )
  const live = new Set<string>()
  pool.subscribe((e: MempoolEvent) => {
    if (e.type === 'added') live.add(e.tx.id)
    else live.delete(e.id)
  })
  const taken = new Set<string>()
  const label = (sender: number) => formatAddress(addressOf(sender))

  const checkInvariants = (afterBlock: boolean) => {
    const pending = pool.pending()
    const queued = pool.queued()
    const stats = pool.stats()
    // The byte cap holds and the books agree.
    assert.ok(stats.bytes <= CAP, `${stats.bytes} > ${CAP}`)
    assert.equal(
      stats.bytes,
      [...pending, ...queued].reduce((n, t) => n + t.size, 0),
    )
    assert.equal(stats.count, pending.length + queued.length)
    assert.deepEqual(new Set([...pending, ...queued].map((t) => t.id)), live)
    for (const sender of SENDERS) {
      // Pending runs from the account's nonce without a gap, in order.
      const mine = pending.filter((t) => t.sender === label(sender))
      const next = model.accountNonce(addressOf(sender))
      mine.forEach((t, i) => {
        assert.equal(t.nonce, next + BigInt(i), `sender ${sender} has a gap`)
      })
      const all = mine.length + queued.filter((t) => t.sender === label(sender)).length
      assert.ok(all <= SLOTS)
      // Right after a block, every pending transaction passes the core's admission.
      if (afterBlock) {
        mine.forEach((t, i) => {
          const verdict = model.admit(
            t.bytes,
            mine.slice(0, i).map((x) => x.bytes),
          )
          assert.ok(verdict.ok, `pending ${t.id} fails: ${verdict.ok ? '' : verdict.reason}`)
        })
      }
    }
    for (const id of taken) {
      const status = pool.status(id).status
      assert.ok(TX_STATUSES.includes(status))
      assert.notEqual(status, 'unknown')
      assert.equal(status === 'pending', pool.get(id) !== undefined)
    }
  }

  const offer = (bytes: Uint8Array, sender: number, nonce: bigint, maxFee: bigint, tip: bigint) => {
    pool.expire() // add() expires first too: what it may replace is what survives that
    const old = [...pool.pending(), ...pool.queued()].find(
      (t) => t.sender === label(sender) && t.nonce === nonce,
    )
    const result = pool.add(bytes)
    const raised =
      old !== undefined &&
      maxFee * 10n >= old.maxFeePerByte * 11n &&
      tip * 10n >= old.tipPerByte * 11n
    if (result.ok) {
      taken.add(result.id)
      assert.equal(result.id, modelTxId(bytes))
      assert.equal(result.replaced, old?.id)
      if (old !== undefined) assert.ok(raised, 'replaced without a 10 % raise')
    } else if (result.code === 'REPLACEMENT_UNDERPRICED') {
      assert.ok(old !== undefined && !raised, 'a 10 % raise was refused')
    }
  }

  for (const o of ops) {
    let afterBlock = false
    switch (o.kind) {
      case 'add': {
        const nonce = model.accountNonce(addressOf(o.sender)) + BigInt(o.ahead)
        if (nonce < 0n) break
        const tx = {
          sender: o.sender,
          nonce,
          maxFeePerByte: o.maxFee,
          tipPerByte: o.tip,
          size: o.size,
          signed: o.signed,
          salt: o.salt,
        }
        offer(encodeModelTx(tx), o.sender, nonce, o.maxFee, o.tip)
        break
      }
      case 'bump': {
        const all = [...pool.pending(), ...pool.queued()]
        const old = all[o.pick % Math.max(all.length, 1)]
        if (old === undefined) break
        const sender = SENDERS.find((s) => label(s) === old.sender) ?? 1
        const maxFee = (old.maxFeePerByte * BigInt(o.feePermille)) / 1000n
        const tip = (old.tipPerByte * BigInt(o.tipPermille)) / 1000n
        const bytes = encodeModelTx({
          sender,
          nonce: old.nonce,
          maxFeePerByte: maxFee,
          tipPerByte: tip,
          size: old.size,
          salt: o.salt + 1,
        })
        offer(bytes, sender, old.nonce, maxFee, tip)
        break
      }
      case 'block': {
        if (o.outside !== undefined) {
          if (o.outside.drain) model.setBalance(o.outside.sender, 0n)
          else model.spendElsewhere(o.outside.sender)
        }
        const candidates = pool.pending().filter((_, i) => o.skip === 0 || i % (o.skip + 1) !== 0)
        pool.onBlock(
          model.commit(
            candidates.map((t) => t.bytes),
            Math.max(o.maxBlockBytes, 1),
          ),
        )
        afterBlock = true
        break
      }
      case 'tick':
        time += o.ms
        break
    }
    checkInvariants(afterBlock)
  }

  // Let everything settle: blocks take what they can, and time takes the rest.
  for (let i = 0; i < 4; i++) pool.onBlock(model.commit(pool.pending().map((t) => t.bytes)))
  time += MAX_AGE
  pool.expire()
  assert.equal(pool.stats().count, 0)
  assert.equal(live.size, 0)
  for (const id of taken) {
    const { status } = pool.status(id)
    assert.ok(['included', 'final', 'replaced', 'dropped'].includes(status), `${id} is ${status}`)
  }
}

describe('mempool properties', () => {
  it('keeps its invariants through any sequence of submissions, blocks and time', () => {
    fc.assert(
      fc.property(
        balances,
        fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }),
        (initial, ops) => run(initial, ops),
      ),
      { numRuns: RUNS },
    )
  })

  it('keeps them too when the core answers a sender’s run in one question', () => {
    fc.assert(
      fc.property(
        balances,
        fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }),
        (initial, ops) => run(initial, ops, true),
      ),
      { numRuns: RUNS },
    )
  })

  it('replaces a transaction exactly when both fee fields rise by 10 %', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 40n }),
        fc.bigInt({ min: 0n, max: 1n << 30n }),
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
        (extra, tip, dFee, dTip) => {
          const maxFee = 1000n + tip + extra
          const model = new ChainModel({ balances: { 1: 1n << 62n } })
          const pool = new Mempool({ validator: model, now: () => 0 })
          const first = pool.add(
            encodeModelTx({ sender: 1, nonce: 0n, maxFeePerByte: maxFee, tipPerByte: tip }),
          )
          assert.ok(first.ok)
          // The least raise (⌈old × 1.1⌉) moved by a unit or two either way.
          const newFee = (maxFee * 110n + 99n) / 100n + BigInt(dFee)
          const newTip = (tip * 110n + 99n) / 100n + BigInt(dTip)
          if (newTip < 0n || newTip > newFee) return
          const result = pool.add(
            encodeModelTx({
              sender: 1,
              nonce: 0n,
              maxFeePerByte: newFee,
              tipPerByte: newTip,
              salt: 1,
            }),
          )
          const enough = newFee * 10n >= maxFee * 11n && newTip * 10n >= tip * 11n
          // ⌈old × 1.1⌉ is the least integer at or above the line, so the line sits at d = 0.
          assert.equal(enough, dFee >= 0 && dTip >= 0)
          if (enough) assert.ok(result.ok, result.ok ? '' : result.message)
          else assert.equal(result.ok ? 'ok' : result.code, 'REPLACEMENT_UNDERPRICED')
        },
      ),
    )
  })
})
