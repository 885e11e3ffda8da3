// Defaults of the wallet primitives, in one place; docs/wallet.md gives the reasons for each.
import type { Pbkdf2Params, ScryptParams } from './kdf.ts'

/** Words in a new recovery phrase: 24 words carry 256 bits of entropy. */
export const DEFAULT_MNEMONIC_WORDS = 24
/** Lengths a new phrase may have (128 or 256 bits of entropy). */
export const GENERATED_WORD_COUNTS: readonly number[] = [12, 24]
/** Lengths an imported phrase may have: every length BIP39 defines. */
export const IMPORTED_WORD_COUNTS: readonly number[] = [12, 15, 18, 21, 24]

/**
 * SLIP-0044 coin type of Weft's derivation path: "WEFT" in ASCII (0x57454654). It is not in the
 * SLIP-0044 registry, so no other chain's wallet derives the same keys from the same phrase; it
 * must be registered before a main network launches.
 */
export const WEFT_COIN_TYPE = 0x57454654
/** Accounts are numbered 0 to 2^31 − 1: every level of an ed25519 path is hardened. */
export const MAX_ACCOUNT_INDEX = 0x7fffffff

/** How a new vault turns its password into a key: scrypt at OWASP's recommended cost (128 MiB). */
export const DEFAULT_VAULT_KDF: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }
/** The fallback for devices that cannot spare 128 MiB: OWASP 2023's PBKDF2-SHA256 figure. */
export const PBKDF2_VAULT_KDF: Pbkdf2Params = { name: 'pbkdf2-sha256', iterations: 600_000 }
