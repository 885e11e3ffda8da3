// The backup check after a new phrase is shown once: the user types the words at a few random
// positions, proving they wrote the phrase down before the wallet stops showing it.
import { normalizeMnemonic } from './mnemonic.ts'

export const DEFAULT_BACKUP_CHECK_WORDS = 3

/** `count` distinct 1-based word positions of the phrase, chosen uniformly, in ascending order. */
export function backupCheckPositions(phrase: string, count = DEFAULT_BACKUP_CHECK_WORDS): number[] {
  const words = normalizeMnemonic(phrase).split(' ').length
  if (!Number.isSafeInteger(count) || count < 1 || count > words) {
    throw new RangeError(`a backup check asks for 1 to ${words} words, not ${count}`)
  }
  const positions = Array.from({ length: words }, (_, i) => i + 1)
  // A partial Fisher–Yates shuffle: the first `count` slots end up a uniform random sample.
  for (let i = 0; i < count; i++) {
    const j = i + uniformBelow(words - i)
    const a = positions[i] as number
    positions[i] = positions[j] as number
    positions[j] = a
  }
  return positions.slice(0, count).sort((a, b) => a - b)
}

/**
 * The asked positions whose answer is wrong (empty when the backup is confirmed). Answers are
 * compared as the phrase is normalized: case and surrounding spaces do not matter.
 */
export function checkBackupAnswers(phrase: string, answers: ReadonlyMap<number, string>): number[] {
  const words = normalizeMnemonic(phrase).split(' ')
  const wrong: number[] = []
  for (const [position, answer] of answers) {
    const expected = words[position - 1]
    const given = typeof answer === 'string' ? answer.normalize('NFKD').trim().toLowerCase() : ''
    if (expected === undefined || given !== expected) wrong.push(position)
  }
  return wrong.sort((a, b) => a - b)
}

/** A uniform integer in [0, n) from crypto.getRandomValues, without modulo bias. */
function uniformBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  const word = new Uint32Array(1)
  for (;;) {
    crypto.getRandomValues(word)
    const value = word[0] as number
    if (value < limit) return value % n
  }
}
