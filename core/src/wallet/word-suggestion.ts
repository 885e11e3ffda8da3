// The word a user most likely meant when they typed one that is not in the BIP39 English list.
// BIP39 chose that list so the first four letters identify each word, and typos are mostly one
// wrong, missing, extra or swapped letter; both are cheap to check against 2 048 words.

/** The closest word of `list` to `typed`, or undefined when none is close or two tie. */
export function suggestWord(typed: string, list: readonly string[]): string | undefined {
  // Some wallets let users type only the first four letters of each word.
  if (typed.length >= 3) {
    const completions = list.filter((word) => word.startsWith(typed))
    if (completions.length === 1) return completions[0]
  }
  // A short word needs a closer match: "at" is one edit from dozens of words.
  const limit = typed.length <= 4 ? 1 : 2
  let best: string | undefined
  let bestDistance = limit + 1
  let tie = false
  for (const word of list) {
    if (Math.abs(word.length - typed.length) > limit) continue
    // Capped one above the best so far: a result equal to the best is a true tie.
    const d = editDistance(typed, word, bestDistance + 1)
    if (d < bestDistance) {
      best = word
      bestDistance = d
      tie = false
    } else if (d === bestDistance) {
      tie = true
    }
  }
  return best !== undefined && !tie ? best : undefined
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of adjacent
 * letters each cost 1); stops early and returns `cap` once every alignment costs at least `cap`.
 */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  let previous2: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (previous2[j - 2] ?? 0) + 1)
      }
      row.push(d)
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin >= cap) return cap
    previous2 = previous
    previous = row
  }
  return Math.min(previous[b.length] ?? 0, cap)
}
