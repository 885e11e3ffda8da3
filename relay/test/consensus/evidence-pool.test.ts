// Evidence from a validator that signed two prevotes in one round: kept once when it verifies,
// refused when forged, proposed in the next block (which slashes the offender), and never
// proposed again once committed — the block rules would refuse a block that punished twice.
import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { EvidencePool } from '../../src/consensus/evidence-pool.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'

const core = await loadCore()
const CHAIN_ID = 'weft-evidence-test'
const WEFT = 1_000_000_000n
const dir = mkdtempSync(join(tmpdir(), 'weft-evidence-'))

after(() => rmSync(dir, { recursive: true, force: true }))

function newKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return {
    publicKey: Uint8Array.from(
      Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'),
    ),
    sign: (m: Uint8Array) => Uint8Array.from(sign(null, m, privateKey)),
  }
}

// The honest validator holds nearly all the power, so its signature alone commits each block;
// the small one is the one that equivocates.
const honest = newKey()
const offender = newKey()
const validators = [
  { key: honest, stake: 1000n * WEFT },
  { key: offender, stake: 10n * WEFT },
]
const genesis = core.views.encode('genesis', {
  chainId: CHAIN_ID,
  genesisTime: 1_700_000_000_000n,
  params: core.views.defaultParams(),
  accounts: [],
  validators: validators
    .map((v) => ({ publicKey: v.key.publicKey, stake: v.stake }))
    .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey)),
})

type Vote = Parameters<typeof core.views.encode<'vote'>>[1]

function signedVote(
  key: ReturnType<typeof newKey>,
  index: number,
  vote: Omit<Vote, 'validatorIndex' | 'signature'>,
): Vote {
  const unsigned = { ...vote, validatorIndex: index, signature: new Uint8Array(64) }
  const digest = core.views.signDigest('vote', core.views.encode('vote', unsigned), CHAIN_ID)
  return { ...unsigned, signature: key.sign(digest) }
}

/** The index each key has in the set of `height` (sets are ordered by the core, not by us). */
function indexOf(chain: Chain, key: ReturnType<typeof newKey>, height: number): number {
  const set = core.views.decode(
    'validatorSet',
    core.blocks.validatorSet(chain.tree, chain.head.root, BigInt(height)),
  )
  return set.members.findIndex((v) => Buffer.compare(v.publicKey, key.publicKey) === 0)
}

/** Two prevotes of `key` in one round for different blocks, in the order the core wants. */
function duplicateVote(chain: Chain, key: ReturnType<typeof newKey>, height: number): Uint8Array {
  const index = indexOf(chain, key, height)
  const votes = [1, 2].map((fill) =>
    signedVote(key, index, {
      type: 'prevote',
      height: BigInt(height),
      round: 0,
      block: new Uint8Array(32).fill(fill),
    }),
  )
  for (const [voteA, voteB] of [votes, [...votes].reverse()]) {
    try {
      return core.views.encode('evidence', { kind: 'duplicateVote', voteA, voteB } as never)
    } catch {
      // The other order is the canonical one.
    }
  }
  throw new Error('neither order of the two votes encodes as evidence')
}

async function commitNext(chain: Chain, evidence: Uint8Array[], lastCommit: Uint8Array) {
  const head = chain.head
  const built = core.blocks.build(chain.tree, head.root, {
    chainId: CHAIN_ID,
    ...(head.header === undefined ? {} : { previousHeader: head.header }),
    time: 1_700_000_000_000n + BigInt(head.height + 1) * 1000n,
    proposer: core.chain.addressOf(honest.publicKey),
    lastCommit,
    evidence,
    candidates: [],
  })
  const height = head.height + 1
  const precommit = signedVote(honest, indexOf(chain, honest, height), {
    type: 'precommit',
    height: BigInt(height),
    round: 0,
    block: built.outcome.blockId,
  })
  const commit = core.views.encode('commit', {
    height: BigInt(height),
    round: 0,
    block: built.outcome.blockId,
    signatures: [{ validatorIndex: precommit.validatorIndex, signature: precommit.signature }],
  })
  const event = await chain.apply(built.block, { commit })
  return { event, commit }
}

describe('EvidencePool', () => {
  it('keeps verified evidence once, refuses forgeries, and proposes it until a block commits it', async () => {
    const store = ChainStore.open(join(dir, 'chain'), { archive: true })
    const chain = await Chain.open(core, store, genesis, CHAIN_ID)
    try {
      const pool = new EvidencePool(core, chain)
      chain.on('committed', (e) => pool.onCommitted(e.height, e.block, e.outcome.header))
      const empty = core.views.encode('commit', {
        height: 0n,
        round: 0,
        block: new Uint8Array(32),
        signatures: [],
      })
      const first = await commitNext(chain, [], empty)

      const evidence = duplicateVote(chain, offender, 1)
      assert.equal(pool.add(new Uint8Array([1, 2, 3])), 'reject', 'garbage')
      const forged = Uint8Array.from(evidence)
      forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1
      assert.equal(pool.add(forged), 'reject', 'a signature that does not verify')
      assert.equal(pool.add(evidence), 'accept')
      assert.equal(pool.add(evidence), 'ignore', 'the same offence again')
      assert.equal(pool.size, 1)
      assert.deepEqual(pool.forProposal(), [evidence])

      // The next block carries it and the offender is slashed.
      const stakeBefore = core.views.decode(
        'validatorSet',
        core.blocks.validatorSet(chain.tree, chain.head.root, 2n),
      )
      const second = await commitNext(chain, pool.forProposal(), first.commit)
      assert.equal(core.views.decode('block', second.event.block).evidence.length, 1)
      assert.equal(pool.size, 0, 'committed evidence leaves the pool')
      assert.equal(pool.add(evidence), 'ignore', 'and is not taken again from gossip')
      const setAfter = core.views.decode(
        'validatorSet',
        core.blocks.validatorSet(chain.tree, chain.head.root, 4n),
      )
      assert.ok(
        setAfter.members.length < stakeBefore.members.length,
        'the offender is jailed: left out of the set derived in that block (for height 4)',
      )

      // A pool that forgot what was punished (a restart) takes the piece again; the block rules
      // refuse a block that would punish twice, so building drops it and proposes without it.
      const forgetful = new EvidencePool(core, chain)
      assert.equal(forgetful.add(evidence), 'accept')
      const build = (pieces: Uint8Array[]) =>
        core.blocks.build(chain.tree, chain.head.root, {
          chainId: CHAIN_ID,
          previousHeader: chain.head.header as Uint8Array,
          time: 1_700_000_010_000n,
          proposer: core.chain.addressOf(honest.publicKey),
          lastCommit: second.commit,
          evidence: pieces,
          candidates: [],
        })
      assert.throws(() => build([evidence]), /BlockError\.DuplicateEvidence/)
      const { built, evidence: proposed } = forgetful.buildWith(build)
      assert.deepEqual(proposed, [])
      assert.equal(core.views.decode('block', built.block).evidence.length, 0)
      assert.equal(forgetful.size, 0, 'the refused piece is dropped')
    } finally {
      chain.close()
      await store.close()
    }
  })
})
