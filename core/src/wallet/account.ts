// Weft accounts from a BIP39 seed: account n is the SLIP-0010 ed25519 key at
// m/44'/1464157780'/n'/0'/0' (coin type "WEFT", docs/wallet.md), and its address is the one
// the consensus core derives from the public key, written as bech32m weft1….
import type { ChainCodec } from '@weft/wasm'
import { formatAddress } from '../chain/address.ts'
import { AccountKey } from './account-key.ts'
import { MAX_ACCOUNT_INDEX, WEFT_COIN_TYPE } from './constants.ts'
import { DerivationError } from './errors.ts'
import { slip10DerivePath, wipeExtendedKey } from './slip10.ts'

/** The part of a loaded core that accounts need: its address rule. */
export interface AddressCore {
  chain: Pick<ChainCodec, 'addressOf'>
}

export function accountPath(index: number): string {
  checkIndex(index)
  return `m/44'/${WEFT_COIN_TYPE}'/${index}'/0'/0'`
}

/** The signing key of account `index` (0 for the first); wipe it with destroy() when done. */
export function deriveAccountKey(seed: Uint8Array, index: number): AccountKey {
  const path = accountPath(index)
  const node = slip10DerivePath(seed, path)
  try {
    return new AccountKey(node.key, index, path)
  } finally {
    wipeExtendedKey(node)
  }
}

/** The weft1… address of a public key, by the core's rule (docs/protocol.md, Address). */
export function accountAddress(core: AddressCore, publicKey: Uint8Array): string {
  return formatAddress(core.chain.addressOf(publicKey))
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_ACCOUNT_INDEX) {
    throw new DerivationError(
      'BAD_ACCOUNT',
      `an account number is a whole number from 0 to ${MAX_ACCOUNT_INDEX}, not ${String(index)}`,
    )
  }
}
