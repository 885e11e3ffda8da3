// The light client's trusted state as it is stored (docs/light-client.md, "Persistence"): the
// trust path — the anchor, then blocks each of which the core verifies from the one before, the
// last being the head — under a checksum. Storage is not trusted: on load every step is verified
// again by the core and the anchor checked against the config, so a record someone edited
// (a head swapped for a fork, a validator set replaced) is discarded, not believed.
import { FrameReader, FrameWriter, type WeftCore } from '@weft/wasm'
import { checkAnchor, errorCode } from './anchor.ts'
import { type ChainTrust, equalBytes } from './config.ts'
import type { StoreDiscardReason } from './events.ts'
import { lightOptions, type ReadLightBlock, readLightBlock } from './light-block.ts'

const RECORD_VERSION = 1
// The checksum covers the record under a name of its own, so no other hash of the same bytes
// can stand in for it. It catches corruption and careless edits; it is no secret, so it cannot
// stop a deliberate forger — the re-verification below does that.
const CHECKSUM_DOMAIN = new TextEncoder().encode('weft/light-client/trusted-state/v1')

/** What a TrustedStore keeps: the encoded record and its checksum. */
export interface StoredTrustedState {
  record: Uint8Array
  checksum: Uint8Array
}

export type OpenedRecord =
  | { ok: true; path: ReadLightBlock[] }
  | { ok: false; reason: StoreDiscardReason; detail: string }

export function sealRecord(
  core: WeftCore,
  chain: ChainTrust,
  path: readonly ReadLightBlock[],
): StoredTrustedState {
  const w = new FrameWriter().u8(RECORD_VERSION).raw(chain.genesisHash)
  const checkpoint = chain.checkpoint
  if (checkpoint === undefined) w.u8(0)
  else w.u8(1).u64(BigInt(checkpoint.height)).raw(checkpoint.blockId)
  w.list(path.map((b) => b.bytes))
  const record = new Uint8Array(w.length)
  w.writeTo((at, data) => record.set(data, at), 0)
  return { record, checksum: checksum(core, record) }
}

/** The stored path, each block verified again; or why it is not to be trusted. */
export function openRecord(
  core: WeftCore,
  chain: ChainTrust,
  stored: StoredTrustedState,
  nowMs: number,
): OpenedRecord {
  if (!(stored?.record instanceof Uint8Array) || !(stored.checksum instanceof Uint8Array))
    return {
      ok: false,
      reason: 'MALFORMED',
      detail: 'the stored value is not a trusted-state record',
    }
  if (!equalBytes(checksum(core, stored.record), stored.checksum))
    return { ok: false, reason: 'CHECKSUM', detail: 'the checksum does not match the record' }
  let decoded: { genesisHash: Uint8Array; checkpoint?: [bigint, Uint8Array]; path: Uint8Array[] }
  try {
    decoded = decode(stored.record)
  } catch (err) {
    return { ok: false, reason: 'MALFORMED', detail: errorCode(err) }
  }
  const configured = chain.checkpoint
  const sameAnchor =
    equalBytes(decoded.genesisHash, chain.genesisHash) &&
    (configured === undefined
      ? decoded.checkpoint === undefined
      : decoded.checkpoint !== undefined &&
        decoded.checkpoint[0] === BigInt(configured.height) &&
        equalBytes(decoded.checkpoint[1], configured.blockId))
  if (!sameAnchor) {
    return {
      ok: false,
      reason: 'OTHER_ANCHOR',
      detail: 'saved for another genesis or checkpoint than the config names',
    }
  }
  let path: ReadLightBlock[]
  try {
    path = decoded.path.map((b) => readLightBlock(core, b))
  } catch (err) {
    return { ok: false, reason: 'MALFORMED', detail: errorCode(err) }
  }
  const [anchor] = path
  if (anchor === undefined) return { ok: false, reason: 'MALFORMED', detail: 'an empty path' }
  const anchorCheck = checkAnchor(core, chain, anchor.bytes, anchor.time)
  if (!anchorCheck.ok)
    return { ok: false, reason: 'UNVERIFIED', detail: `the anchor: ${anchorCheck.reason}` }
  for (let i = 1; i < path.length; i++) {
    const step = verifyStep(core, chain, path[i - 1] as ReadLightBlock, path[i] as ReadLightBlock)
    if (!step.ok) {
      const height = (path[i] as ReadLightBlock).height
      return { ok: false, reason: 'UNVERIFIED', detail: `height ${height}: ${step.reason}` }
    }
  }
  const head = path[path.length - 1] as ReadLightBlock
  if (head.time + chain.trustingPeriodMs <= nowMs) {
    return {
      ok: false,
      reason: 'EXPIRED',
      detail: `the newest trusted block (${head.height}) is older than the trusting period`,
    }
  }
  return { ok: true, path }
}

/**
 * `to` verified from `from` as of `to`'s own time: the check the client made when it adopted
 * `to` (then at a later clock, so no stricter), replayable at any later time. Each step must
 * still fall within the trusting period of the block it starts from.
 */
export function verifyStep(
  core: WeftCore,
  chain: ChainTrust,
  from: ReadLightBlock,
  to: ReadLightBlock,
) {
  return core.verifyLightBlock({ block: from.bytes }, to.bytes, lightOptions(chain), to.time)
}

/**
 * The shortest trust path to `head` the core accepts, walking back from it: each block's
 * predecessor is the lowest candidate it verifies from. `candidates` are verified blocks in
 * ascending height, the anchor first, each verifiable (as of its time) from one before it — so
 * a predecessor always exists and the walk ends at the anchor.
 */
export function trustPath(
  core: WeftCore,
  chain: ChainTrust,
  candidates: readonly ReadLightBlock[],
  head: ReadLightBlock,
): ReadLightBlock[] {
  const anchor = candidates[0]
  if (anchor === undefined) return [head]
  const path = [head]
  let target = head
  while (target.height > anchor.height) {
    const from = candidates.find(
      (c) => c.height < target.height && verifyStep(core, chain, c, target).ok,
    )
    if (from === undefined) {
      // Unreachable for candidates as documented; keeping every candidate is still verifiable.
      return [...candidates.filter((c) => c.height < head.height), head]
    }
    path.unshift(from)
    target = from
  }
  return path
}

function decode(record: Uint8Array) {
  const r = new FrameReader(record)
  const version = r.u8()
  if (version !== RECORD_VERSION) throw new Error(`record version ${version}`)
  const genesisHash = r.fixed(32)
  const hasCheckpoint = r.u8()
  if (hasCheckpoint > 1) throw new Error('a checkpoint flag other than 0 or 1')
  const checkpoint: [bigint, Uint8Array] | undefined =
    hasCheckpoint === 1 ? [r.u64(), r.fixed(32)] : undefined
  const path = r.list((x) => x.bytes())
  r.end()
  return { genesisHash, ...(checkpoint === undefined ? {} : { checkpoint }), path }
}

function checksum(core: WeftCore, record: Uint8Array): Uint8Array {
  const input = new Uint8Array(CHECKSUM_DOMAIN.length + record.length)
  input.set(CHECKSUM_DOMAIN)
  input.set(record, CHECKSUM_DOMAIN.length)
  return core.sha256(input)
}
