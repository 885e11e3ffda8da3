// One run of the core's skipping verification (LightBisection) from a trusted block to a target
// height, with the light blocks it asks for fetched from one peer. The core decides everything;
// this only moves bytes between it and the network.
import type { WeftCore } from '@weft/wasm'
import type { ChainTrust } from './config.ts'
import { lightOptions, type ReadLightBlock } from './light-block.ts'

export type BisectionRun =
  /** `block` is the target's light block; `provided` every block fetched (all verified). */
  | { ok: true; block: Uint8Array; provided: Uint8Array[] }
  /** The core refused the block at `height` for `reason`. */
  | { ok: false; height: number; reason: string }
  /** The peer did not serve the block at `height`. */
  | { ok: false; height: number; reason: 'UNSERVED'; cause?: unknown }

export async function bisect(
  core: WeftCore,
  chain: ChainTrust,
  trusted: ReadLightBlock,
  target: number,
  fetch: (height: number) => Promise<Uint8Array | undefined>,
  nowMs: number,
  maxClockDriftMs?: number,
): Promise<BisectionRun> {
  const bisection = core.openBisection(lightOptions(chain, maxClockDriftMs))
  const provided: Uint8Array[] = []
  try {
    bisection.start({ block: trusted.bytes }, BigInt(target), nowMs)
    for (;;) {
      const step = bisection.next()
      if (step.type === 'verified') return { ok: true, block: bisection.trusted(), provided }
      const height = Number(step.height)
      if (step.type === 'failed') return { ok: false, height, reason: step.reason }
      let block: Uint8Array | undefined
      try {
        block = await fetch(height)
      } catch (cause) {
        return { ok: false, height, reason: 'UNSERVED', cause }
      }
      if (block === undefined) return { ok: false, height, reason: 'UNSERVED' }
      // A block for another height is not kept by the core, which then asks again: refuse it.
      if (!bisection.provide(block)) return { ok: false, height, reason: 'LightError.WrongHeight' }
      provided.push(block)
    }
  } finally {
    bisection.close()
  }
}
