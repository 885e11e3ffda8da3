// Cross-checking one witness (docs/protocol/light-client.md, "Detecting attacks"): its header at
// the height just verified from the primary is compared by the core. A different header that
// also verifies from the common trusted block is an attack, with evidence; one that does not is
// the witness's fault. A witness whose block needs bisection is bisected on its own blocks first.
import type { WeftCore } from '@weft/wasm'
import { bisect } from './bisect.ts'
import type { ChainTrust } from './config.ts'
import { lightOptions, type ReadLightBlock } from './light-block.ts'
import type { LightClientTransport, PeerName } from './transport.ts'

export type WitnessVerdict =
  | { status: 'agrees' }
  | { status: 'attack'; evidence: Uint8Array; conflicting: Uint8Array }
  /** The witness served a block the core refused: stop relying on it. */
  | { status: 'faulty'; reason: string }
  /** It did not answer, or has no block at that height yet: ask another this time. */
  | { status: 'unavailable'; reason: string }

export interface WitnessCheckInput {
  core: WeftCore
  chain: ChainTrust
  transport: LightClientTransport
  /** The trusted block `verified` was verified from. */
  common: ReadLightBlock
  verified: ReadLightBlock
  nowMs: number
  maxClockDriftMs?: number
}

export async function checkWitness(
  input: WitnessCheckInput,
  witness: PeerName,
): Promise<WitnessVerdict> {
  const { core, chain, transport, common, verified, nowMs } = input
  const height = verified.height
  let block: Uint8Array | undefined
  try {
    ;[block] = await transport.lightBlocks(witness, height, 1)
  } catch (err) {
    return { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) }
  }
  if (block === undefined) return { status: 'unavailable', reason: `no block at ${height}` }
  const options = lightOptions(chain, input.maxClockDriftMs)
  const check = core.checkWitness({ block: common.bytes }, verified.bytes, block, options, nowMs)
  if (check.status === 'agrees') return check
  if (check.status === 'attack') return { ...check, conflicting: block }
  if (check.reason !== 'LightError.NotEnoughTrust') return check
  // The witness's header is valid on its own but too far from the common block to judge in one
  // step: verify it through the witness's own chain, then it is an attack like any other.
  const run = await bisect(
    core,
    chain,
    common,
    height,
    async (h) => (h === height ? block : (await transport.lightBlocks(witness, h, 1))[0]),
    nowMs,
    input.maxClockDriftMs,
  )
  if (!run.ok) {
    return run.reason === 'UNSERVED'
      ? { status: 'unavailable', reason: `no block at ${run.height}` }
      : { status: 'faulty', reason: run.reason }
  }
  const evidence = core.lightAttackEvidence(
    BigInt(common.height),
    verified.bytes,
    run.block,
    chain.maxValidators,
  )
  return { status: 'attack', evidence, conflicting: run.block }
}
