// The backup check after a new phrase is shown: random distinct positions, and answers judged
// the way the phrase itself is read.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { backupCheckPositions, checkBackupAnswers } from '../../src/wallet/backup-check.ts'
import { MnemonicError } from '../../src/wallet/errors.ts'
import { generateMnemonic } from '../../src/wallet/mnemonic.ts'

const phrase = generateMnemonic()
const words = phrase.split(' ')

describe('backup check', () => {
  it('asks for distinct positions of the phrase, in order', () => {
    for (let run = 0; run < 200; run++) {
      const positions = backupCheckPositions(phrase)
      assert.equal(positions.length, 3)
      assert.equal(new Set(positions).size, 3)
      assert.deepEqual(
        [...positions].sort((a, b) => a - b),
        positions,
      )
      for (const p of positions) assert.ok(p >= 1 && p <= 24)
    }
  })

  it('can ask for any word, so a user cannot write down only some', () => {
    const asked = new Set<number>()
    // Each position has a 1 in 8 chance per check: 500 checks miss one with odds below 10^-25.
    for (let run = 0; run < 500; run++) for (const p of backupCheckPositions(phrase)) asked.add(p)
    assert.equal(asked.size, 24)
    assert.deepEqual(
      backupCheckPositions(generateMnemonic(12), 12),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    )
  })

  it('accepts the right words whatever their case and spacing', () => {
    const answers = new Map([
      [2, ` ${words[1]?.toUpperCase()} `],
      [24, words[23] ?? ''],
    ])
    assert.deepEqual(checkBackupAnswers(phrase, answers), [])
  })

  it('names the positions answered wrongly', () => {
    const wrong = words[4] === 'zoo' ? 'abandon' : 'zoo'
    const answers = new Map([
      [9, wrong],
      [5, words[4] ?? ''],
      [1, ''],
    ])
    assert.deepEqual(checkBackupAnswers(phrase, answers), [1, 9])
    assert.deepEqual(checkBackupAnswers(phrase, new Map([[25, 'zoo']])), [25])
  })

  it('refuses counts the phrase cannot give, and phrases that are not valid', () => {
    for (const count of [0, 25, 1.5])
      assert.throws(() => backupCheckPositions(phrase, count), RangeError)
    assert.throws(() => backupCheckPositions('zoo zoo'), MnemonicError)
  })
})
