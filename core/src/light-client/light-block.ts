// A light block read through the core once: the header fields the client acts on, its block id
// and the parts' own encodings. Nothing here judges the block; verification is the core's.
import type { HeaderView, LightBlockView, WeftCore } from '@weft/wasm'
import type { ChainTrust } from './config.ts'
import type { VerifiedHead } from './events.ts'

export interface ReadLightBlock {
  bytes: Uint8Array
  view: LightBlockView
  header: HeaderView
  height: number
  time: number
  headerBytes: Uint8Array
  blockId: Uint8Array
}

export function readLightBlock(core: WeftCore, bytes: Uint8Array): ReadLightBlock {
  const view = core.views.decode('lightBlock', bytes)
  const headerBytes = core.views.encode('header', view.header)
  return {
    bytes,
    view,
    header: view.header,
    height: Number(view.header.height),
    time: Number(view.header.time),
    headerBytes,
    blockId: core.views.id('header', headerBytes),
  }
}

export function headOf(block: ReadLightBlock): VerifiedHead {
  return {
    height: block.height,
    blockId: block.blockId,
    time: block.time,
    stateRoot: block.header.stateRoot,
    lightBlock: block.bytes,
  }
}

/** The core's light-verification options for the chain. */
export function lightOptions(chain: ChainTrust, maxClockDriftMs?: number) {
  return {
    trustingPeriodMs: chain.trustingPeriodMs,
    maxValidators: chain.maxValidators,
    ...(maxClockDriftMs === undefined ? {} : { maxClockDriftMs }),
  }
}
