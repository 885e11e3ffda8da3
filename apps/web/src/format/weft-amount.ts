// Amounts as people write them (WEFT, up to 9 decimals) and as the chain holds them (u64 base
// units, 10^9 per WEFT: DESIGN §3). Exact: bigint all the way, never a float.
const DECIMALS = 9
const UNIT = 10n ** BigInt(DECIMALS)
const U64_MAX = (1n << 64n) - 1n

/** An amount a user typed that is not one; the message says what to type instead. */
export class AmountError extends Error {
  override readonly name = 'AmountError'
}

/** "1.5" → 1 500 000 000 base units. Refuses zero, negatives, extra decimals and overflow. */
export function parseWeft(text: string): bigint {
  const trimmed = text.trim()
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed)
  if (match === null) throw new AmountError(`"${text}" is not an amount: write it like 2 or 0.5`)
  const fraction = match[2] ?? ''
  if (fraction.length > DECIMALS) {
    throw new AmountError(
      `an amount has at most ${DECIMALS} decimals (1 base unit is 0.000000001 WEFT)`,
    )
  }
  const units = BigInt(match[1] as string) * UNIT + BigInt(fraction.padEnd(DECIMALS, '0') || '0')
  if (units === 0n) throw new AmountError('the amount must be above 0')
  if (units > U64_MAX) throw new AmountError('that amount is larger than any account can hold')
  return units
}

/** 1 500 000 000 → "1.5" (no trailing zeros, no rounding). */
export function formatWeft(units: bigint): string {
  const whole = units / UNIT
  const fraction = (units % UNIT).toString().padStart(DECIMALS, '0').replace(/0+$/, '')
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`
}
