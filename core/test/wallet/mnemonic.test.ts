// Recovery phrases: the BIP39 reference vectors, new phrases, and the specific error a user sees
// for each way a typed phrase can be wrong — without the error carrying words of the phrase.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { bytesToHex } from '@noble/hashes/utils.js'
import { entropyToMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import fc from 'fast-check'
import { MnemonicError } from '../../src/wallet/errors.ts'
import {
  generateMnemonic,
  isMnemonic,
  mnemonicToSeed,
  normalizeMnemonic,
} from '../../src/wallet/mnemonic.ts'
import { editDistance, suggestWord } from '../../src/wallet/word-suggestion.ts'

const bip39 = JSON.parse(
  readFileSync(new URL('data/bip39-english.json', import.meta.url), 'utf8'),
) as {
  passphrase: string
  vectors: { entropy: string; phrase: string; seed: string }[]
}
const ABOUT = `${'abandon '.repeat(11)}about`

function rejects(text: string, code: string, more: (e: MnemonicError) => void = () => {}) {
  assert.throws(
    () => normalizeMnemonic(text),
    (e: unknown) => {
      if (!(e instanceof MnemonicError) || e.code !== code) return false
      more(e)
      return true
    },
  )
}

describe('BIP39 reference vectors', () => {
  for (const v of bip39.vectors) {
    it(`${v.phrase.split(' ').length} words from ${v.entropy.slice(0, 8)}…: accepted, same seed`, async () => {
      assert.equal(normalizeMnemonic(v.phrase), v.phrase)
      assert.equal(bytesToHex(await mnemonicToSeed(v.phrase, bip39.passphrase)), v.seed)
    })
  }

  it('gives a different seed without the passphrase: a forgotten passphrase is another wallet', async () => {
    const v = bip39.vectors[0]
    assert.ok(v)
    assert.notEqual(bytesToHex(await mnemonicToSeed(v.phrase)), v.seed)
  })
})

describe('new phrases', () => {
  it('have 24 words by default, 12 on request, and pass their own check', () => {
    const long = generateMnemonic()
    const short = generateMnemonic(12)
    assert.equal(long.split(' ').length, 24)
    assert.equal(short.split(' ').length, 12)
    assert.equal(normalizeMnemonic(long), long)
    assert.equal(normalizeMnemonic(short), short)
  })

  it('are not repeated', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateMnemonic(12)))
    assert.equal(seen.size, 200)
  })

  it('refuse other lengths', () => {
    for (const words of [0, 11, 15, 18, 25]) {
      assert.throws(
        () => generateMnemonic(words),
        (e: unknown) => e instanceof MnemonicError && e.code === 'WRONG_WORD_COUNT',
      )
    }
  })
})

describe('imported phrases', () => {
  it('are read whatever the case and spacing', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom(' ', '  ', '\n', '\t', ' \n '),
        (entropy, gap) => {
          const phrase = entropyToMnemonic(entropy, wordlist)
          const typed = `  ${phrase.toUpperCase().split(' ').join(gap)}\n`
          assert.equal(normalizeMnemonic(typed), phrase)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('name the position of an unknown word and suggest the likely one', () => {
    const typo = ABOUT.replace(/about$/, 'abuot')
    rejects(typo, 'UNKNOWN_WORD', (e) => {
      assert.equal(e.position, 12)
      assert.equal(e.suggestion, 'about')
      assert.match(e.message, /word 12/)
    })
    rejects(`abandn ${ABOUT.slice('abandon '.length)}`, 'UNKNOWN_WORD', (e) => {
      assert.equal(e.position, 1)
      assert.equal(e.suggestion, 'abandon')
    })
  })

  it('keep the suggested word out of the message and of serialized errors', () => {
    rejects(ABOUT.replace(/about$/, 'abuot'), 'UNKNOWN_WORD', (e) => {
      assert.doesNotMatch(e.message, /abuot|about/)
      assert.doesNotMatch(JSON.stringify(e), /about/)
      assert.ok(!Object.keys(e).includes('suggestion'))
    })
  })

  it('suggest nothing for a word far from every list word', () => {
    rejects(ABOUT.replace(/about$/, 'qqqqzx'), 'UNKNOWN_WORD', (e) => {
      assert.equal(e.suggestion, undefined)
    })
  })

  it('report a wrong word count', () => {
    rejects('abandon '.repeat(10).trim(), 'WRONG_WORD_COUNT', (e) =>
      assert.match(e.message, /10 words/),
    )
    rejects(`${ABOUT} abandon`, 'WRONG_WORD_COUNT')
    rejects('   ', 'WRONG_WORD_COUNT')
  })

  it('report a bad checksum when every word is valid', () => {
    rejects('abandon '.repeat(12).trim(), 'BAD_CHECKSUM')
    // Two words swapped: the commonest transcription error.
    const words = bip39.vectors[4]?.phrase.split(' ') ?? []
    ;[words[0], words[1]] = [words[1] as string, words[0] as string]
    rejects(words.join(' '), 'BAD_CHECKSUM')
    assert.equal(isMnemonic(ABOUT), true)
    assert.equal(isMnemonic(words.join(' ')), false)
  })

  it('refuse a non-string', () => {
    rejects(42 as unknown as string, 'WRONG_TYPE')
  })
})

describe('word suggestions', () => {
  const typos = {
    drop: (w: string, i: number) => w.slice(0, i) + w.slice(i + 1),
    double: (w: string, i: number) => w.slice(0, i + 1) + w.slice(i),
    swap: (w: string, i: number) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2),
    change: (w: string, i: number) => w.slice(0, i) + (w[i] === 'x' ? 'y' : 'x') + w.slice(i + 1),
  }

  it('never suggest a word farther from the typo than the one meant, but for completions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...wordlist),
        fc.nat(),
        fc.constantFrom(...Object.values(typos)),
        (word, n, typo) => {
          const typed = typo(word, n % (word.length - 1))
          if (wordlist.includes(typed)) return
          const suggestion = suggestWord(typed, wordlist)
          if (suggestion === undefined || suggestion.startsWith(typed)) return
          assert.ok(editDistance(typed, suggestion) <= editDistance(typed, word))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('recover most words from one slip of the finger', () => {
    // Every twentieth word of the list, each slip at each position: what users would type.
    let meant = 0
    let total = 0
    for (const word of wordlist.filter((_, i) => i % 20 === 0)) {
      for (const typo of Object.values(typos)) {
        const typed = typo(word, 1 + (total % (word.length - 2)))
        if (wordlist.includes(typed)) continue
        total++
        if (suggestWord(typed, wordlist) === word) meant++
      }
    }
    assert.ok(meant / total > 0.8, `${meant} of ${total} typos led back to the word`)
  })

  it('count a swap of adjacent letters as one edit', () => {
    assert.equal(editDistance('abuot', 'about'), 1)
    assert.equal(editDistance('kitten', 'sitting'), 3)
  })
})
