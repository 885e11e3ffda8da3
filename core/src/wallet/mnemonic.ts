// Recovery phrases (BIP39, English word list) through @scure/bip39: a new phrase from
// crypto.getRandomValues, an imported one normalized and checked word by word with a specific
// error, and the 64-byte seed (PBKDF2-HMAC-SHA512, 2 048 rounds, via WebCrypto).
import { entropyToMnemonic, mnemonicToSeedWebcrypto, validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { DEFAULT_MNEMONIC_WORDS, GENERATED_WORD_COUNTS, IMPORTED_WORD_COUNTS } from './constants.ts'
import { MnemonicError } from './errors.ts'
import { suggestWord } from './word-suggestion.ts'

const WORDS = new Set(wordlist)

/** A new phrase of 24 (default) or 12 words, shown to the user once and then kept in the vault. */
export function generateMnemonic(words: number = DEFAULT_MNEMONIC_WORDS): string {
  if (!GENERATED_WORD_COUNTS.includes(words)) {
    throw new MnemonicError(
      'WRONG_WORD_COUNT',
      `a new recovery phrase has ${GENERATED_WORD_COUNTS.join(' or ')} words, not ${words}`,
    )
  }
  // 11 bits per word, of which 1 in 33 is checksum: 12 words carry 128 bits, 24 carry 256.
  const entropy = crypto.getRandomValues(new Uint8Array((words * 4) / 3))
  try {
    return entropyToMnemonic(entropy, wordlist)
  } finally {
    entropy.fill(0)
  }
}

/**
 * The phrase as BIP39 spells it — lower case, one space between words — or a MnemonicError:
 * UNKNOWN_WORD (with the word's position and, when one is clearly meant, a suggestion),
 * WRONG_WORD_COUNT or BAD_CHECKSUM. Messages name positions, never the words themselves.
 */
export function normalizeMnemonic(text: string): string {
  if (typeof text !== 'string') {
    throw new MnemonicError('WRONG_TYPE', 'a recovery phrase must be a string')
  }
  const words = text.normalize('NFKD').toLowerCase().split(/\s+/u).filter(Boolean)
  for (const [i, word] of words.entries()) {
    if (WORDS.has(word)) continue
    throw unknownWord(i + 1, suggestWord(word, wordlist))
  }
  if (!IMPORTED_WORD_COUNTS.includes(words.length)) {
    throw new MnemonicError(
      'WRONG_WORD_COUNT',
      `the phrase has ${words.length} word${words.length === 1 ? '' : 's'}; a recovery phrase has ${IMPORTED_WORD_COUNTS.join(', ')} words`,
    )
  }
  const phrase = words.join(' ')
  if (!validateMnemonic(phrase, wordlist)) {
    throw new MnemonicError(
      'BAD_CHECKSUM',
      'every word is in the list but the phrase’s checksum does not match: a word is wrong or two are swapped',
    )
  }
  return phrase
}

export function isMnemonic(text: string): boolean {
  try {
    normalizeMnemonic(text)
    return true
  } catch {
    return false
  }
}

/** The BIP39 seed (64 bytes) of a phrase and its optional passphrase; the caller wipes it. */
export async function mnemonicToSeed(phrase: string, passphrase = ''): Promise<Uint8Array> {
  if (typeof passphrase !== 'string') {
    throw new MnemonicError('WRONG_TYPE', 'a passphrase must be a string')
  }
  return mnemonicToSeedWebcrypto(normalizeMnemonic(phrase), passphrase)
}

function unknownWord(position: number, suggestion: string | undefined): MnemonicError {
  const hint = suggestion === undefined ? '' : ' (a close word is suggested)'
  const detail = suggestion === undefined ? { position } : { position, suggestion }
  return new MnemonicError(
    'UNKNOWN_WORD',
    `word ${position} is not in the BIP39 English word list${hint}`,
    detail,
  )
}
