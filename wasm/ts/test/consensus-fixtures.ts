// Fixtures for the consensus and light-client tests: validators with noble keys, the two objects
// the loader cannot build yet — a validator set and a block header, written here from their
// layouts in docs/protocol.md and checked by the core's decoders whenever a test uses them — and
// commits made the honest way, by a state machine deciding the block.
import { ed25519 } from '@noble/curves/ed25519.js'
import type { Action, MessageOutcome, WeftCore } from '../src/index.ts'

export const CHAIN = 'weft-test'
export const GENESIS_MS = 1_700_000_000_000

export interface Validator {
  secret: Uint8Array
  publicKey: Uint8Array
  power: bigint
}

export function validator(seed: number, power = 10n): Validator {
  const secret = new Uint8Array(32).fill(seed)
  return { secret, publicKey: ed25519.getPublicKey(secret), power }
}

export const signer = (v: Validator) => (digest: Uint8Array) => ed25519.sign(digest, v.secret)

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, value)
  return out
}

function varint(n: number): Uint8Array {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return Uint8Array.from(out)
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** The members in set order (power descending, then public key ascending): the set's index order. */
export function setOrder(validators: readonly Validator[]): Validator[] {
  return [...validators].sort((a, b) =>
    a.power !== b.power ? (a.power > b.power ? -1 : 1) : compareBytes(a.publicKey, b.publicKey),
  )
}

/** Validator set: `count list of (public_key [32], power u64)` in set order. */
export function encodeValidatorSet(validators: readonly Validator[]): Uint8Array {
  const members = setOrder(validators)
  return concat([varint(members.length), ...members.flatMap((v) => [v.publicKey, u64(v.power)])])
}

export interface Header {
  chainId: string
  height: bigint
  timeMs: number
  previousBlock: Uint8Array
  stateRoot: Uint8Array
  validatorsHash: Uint8Array
  nextValidatorsHash: Uint8Array
  proposer: Uint8Array
}

const ZERO_HASH = new Uint8Array(32)

/**
 * Block header (version 1): chain id, height, time, previous block, last commit hash, tx root,
 * state root, validators hash, next validators hash, proposer [20], base fee, evidence hash.
 * Fields a light client does not read are zero.
 */
export function encodeHeader(h: Header): Uint8Array {
  const chain = new TextEncoder().encode(h.chainId)
  return concat([
    Uint8Array.of(1),
    varint(chain.length),
    chain,
    u64(h.height),
    u64(BigInt(h.timeMs)),
    h.previousBlock,
    ZERO_HASH,
    ZERO_HASH,
    h.stateRoot,
    h.validatorsHash,
    h.nextValidatorsHash,
    h.proposer,
    u64(100n),
    ZERO_HASH,
  ])
}

/** A light block: header ‖ commit ‖ validator set, each in its own encoding. */
export function lightBlock(header: Uint8Array, commit: Uint8Array, set: Uint8Array): Uint8Array {
  return concat([header, commit, set])
}

export function applied(outcome: MessageOutcome): Action[] {
  if (outcome.status !== 'applied')
    throw new Error(
      `expected applied, got ${JSON.stringify(outcome, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    )
  return outcome.actions
}

/**
 * The commit for `block` at `height`, made by a one-validator machine doing what a host does:
 * build the block when asked, sign what it broadcasts and feed it back, judge the block valid.
 */
export async function decideAlone(
  core: WeftCore,
  height: bigint,
  v: Validator,
  block: Uint8Array,
): Promise<Uint8Array> {
  const machine = core.openConsensus()
  try {
    const sign = signer(v)
    let pending = machine.startHeight({
      chainId: CHAIN,
      height,
      validators: encodeValidatorSet([v]),
      ownKey: v.publicKey,
    })
    for (let step = 0; step < 10; step++) {
      const next: Action[] = []
      for (const a of pending) {
        if (a.type === 'decide') return a.commit
        if (a.type === 'requestProposalBlock')
          next.push(...machine.onProposalBlock(a.height, a.round, block))
        if (a.type === 'requestValidity') next.push(...machine.onBlockValidity(a.block, true))
        if (a.type === 'broadcastProposal')
          next.push(...applied(machine.onProposal(await machine.signAction(a, sign))))
        if (a.type === 'broadcastVote')
          next.push(...applied(machine.onVote(await machine.signAction(a, sign))))
      }
      pending = next
    }
    throw new Error(`height ${height} was not decided`)
  } finally {
    machine.close()
  }
}
