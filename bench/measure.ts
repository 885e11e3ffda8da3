// Timing helpers for the benchmarks: run a body repeatedly for a fixed wall-clock budget and
// report operations per second. Each figure is later printed beside a reference from the same run.

export interface Rate {
  /** Operations per second. */
  perSecond: number
  operations: number
  seconds: number
}

/** Calls `body` (which performs `opsPerCall` operations) until `seconds` have passed. */
export function measure(body: () => unknown, opsPerCall = 1, seconds = 2): Rate {
  for (let i = 0; i < 3; i++) body() // warm-up: JIT, WASM tier-up
  let operations = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round(seconds * 1e9))
  let elapsed = 0n
  while (elapsed < budget) {
    body()
    operations += opsPerCall
    elapsed = process.hrtime.bigint() - start
  }
  const secs = Number(elapsed) / 1e9
  return { perSecond: operations / secs, operations, seconds: secs }
}

export async function measureAsync(
  body: () => Promise<unknown>,
  opsPerCall = 1,
  seconds = 2,
): Promise<Rate> {
  for (let i = 0; i < 3; i++) await body()
  let operations = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round(seconds * 1e9))
  let elapsed = 0n
  while (elapsed < budget) {
    await body()
    operations += opsPerCall
    elapsed = process.hrtime.bigint() - start
  }
  const secs = Number(elapsed) / 1e9
  return { perSecond: operations / secs, operations, seconds: secs }
}
