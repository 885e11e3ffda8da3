// SLIP-0010 ed25519 derivation against the specification's own vectors, the errors for paths
// ed25519 cannot derive, and Weft's account path pinned to fixed keys and addresses.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { loadCore } from '@weft/wasm'
import { parseAddress } from '../../src/chain/address.ts'
import { accountAddress, accountPath, deriveAccountKey } from '../../src/wallet/account.ts'
import { WEFT_COIN_TYPE } from '../../src/wallet/constants.ts'
import { DerivationError } from '../../src/wallet/errors.ts'
import { mnemonicToSeed } from '../../src/wallet/mnemonic.ts'
import {
  formatDerivationPath,
  HARDENED_OFFSET,
  parseDerivationPath,
  slip10DerivePath,
  slip10HardenedChild,
  slip10MasterKey,
} from '../../src/wallet/slip10.ts'

interface Chain {
  path: string
  chainCode: string
  privateKey: string
  publicKey: string
}
const slip10 = JSON.parse(
  readFileSync(new URL('data/slip10-ed25519.json', import.meta.url), 'utf8'),
) as { vectors: { name: string; seed: string; chains: Chain[] }[] }

function rejects(run: () => unknown, code: string) {
  assert.throws(run, (e: unknown) => e instanceof DerivationError && e.code === code)
}

describe('SLIP-0010 ed25519 test vectors', () => {
  for (const vector of slip10.vectors) {
    for (const chain of vector.chains) {
      it(`${vector.name}, ${chain.path}`, () => {
        const node = slip10DerivePath(hexToBytes(vector.seed), chain.path)
        assert.equal(bytesToHex(node.chainCode), chain.chainCode)
        assert.equal(bytesToHex(node.key), chain.privateKey)
        assert.equal(`00${bytesToHex(ed25519.getPublicKey(node.key))}`, chain.publicKey)
      })
    }
  }

  it('derives step by step what a whole path gives', () => {
    const vector = slip10.vectors[1]
    assert.ok(vector)
    let node = slip10MasterKey(hexToBytes(vector.seed))
    for (const index of parseDerivationPath("m/0'/2147483647'/1'")) {
      node = slip10HardenedChild(node, index)
    }
    assert.equal(bytesToHex(node.key), vector.chains[3]?.privateKey)
  })
})

describe('derivation paths', () => {
  it('read every hardened marker and write them back', () => {
    assert.deepEqual(parseDerivationPath("m/44'/0h/7H"), [
      44 + HARDENED_OFFSET,
      HARDENED_OFFSET,
      7 + HARDENED_OFFSET,
    ])
    assert.equal(formatDerivationPath(parseDerivationPath("m/44h/1'/2H")), "m/44'/1'/2'")
    assert.deepEqual(parseDerivationPath('m'), [])
  })

  it('refuse normal (non-hardened) levels, which ed25519 cannot derive', () => {
    rejects(() => parseDerivationPath("m/44'/0"), 'NOT_HARDENED')
    rejects(
      () => slip10HardenedChild({ key: new Uint8Array(32), chainCode: new Uint8Array(32) }, 5),
      'NOT_HARDENED',
    )
  })

  it('refuse malformed text and indexes out of range', () => {
    for (const path of ['', "44'/0'", "m/'", "m/01'", "m/2147483648'", "m/-1'", "m//0'", 'M/0']) {
      rejects(() => parseDerivationPath(path), 'BAD_PATH')
    }
    assert.equal(parseDerivationPath("m/2147483647'")[0], 0xffffffff)
  })

  it('refuse seeds outside 16 to 64 bytes', () => {
    rejects(() => slip10MasterKey(new Uint8Array(15)), 'BAD_SEED')
    rejects(() => slip10MasterKey(new Uint8Array(65)), 'BAD_SEED')
    rejects(() => slip10MasterKey('00' as unknown as Uint8Array), 'BAD_SEED')
  })
})

const core = await loadCore()

describe("Weft's accounts", () => {
  // Pinned: a change to the path, the coin type or the address rule would give users a wallet
  // whose phrase no longer opens their funds. Account 0's key was checked against a separate
  // derivation (Python's hashlib PBKDF2 and HMAC-SHA512 following SLIP-0010 step by step).
  const ABOUT = `${'abandon '.repeat(11)}about`
  const PINNED = [
    {
      index: 0,
      publicKey: 'e488d89a2d8f77f3630c79d342d9dcb95ecfcaa271424ae929e71d63eb83185c',
      address: 'weft1hl8yw6asvhj4h0m7aqpupnxu8f4n7hgsy5d7a0',
    },
    {
      index: 1,
      publicKey: 'b8be132409b15f586d601609463f37bebcb11cd36ca8bc45803d5c4b178ee3dc',
      address: 'weft173fc463lfedaj70qjgh3dg3xszn3yamay94hd9',
    },
  ]

  it("use m/44'/1464157780'/account'/0'/0', coin type WEFT in ASCII", () => {
    assert.equal(WEFT_COIN_TYPE, 1464157780)
    assert.equal(String.fromCharCode(...hexToBytes(WEFT_COIN_TYPE.toString(16))), 'WEFT')
    assert.equal(accountPath(0), "m/44'/1464157780'/0'/0'/0'")
    assert.equal(accountPath(2147483647), "m/44'/1464157780'/2147483647'/0'/0'")
  })

  it('refuse account numbers that are not 0 to 2^31 − 1', () => {
    for (const index of [-1, 2 ** 31, 1.5, Number.NaN])
      rejects(() => accountPath(index), 'BAD_ACCOUNT')
  })

  it('give each account its own key and address, the same every time', async () => {
    const seed = await mnemonicToSeed(ABOUT)
    const seen = new Set<string>()
    for (const pinned of PINNED) {
      const key = deriveAccountKey(seed, pinned.index)
      const address = accountAddress(core, key.publicKey)
      assert.equal(bytesToHex(key.publicKey), pinned.publicKey)
      assert.equal(address, pinned.address)
      assert.deepEqual(parseAddress(address), core.chain.addressOf(key.publicKey))
      seen.add(address)
    }
    assert.equal(seen.size, PINNED.length)
  })

  it('come from the passphrase too: another passphrase is another wallet', async () => {
    const plain = deriveAccountKey(await mnemonicToSeed(ABOUT), 0)
    const other = deriveAccountKey(await mnemonicToSeed(ABOUT, 'TREZOR'), 0)
    assert.notEqual(bytesToHex(plain.publicKey), bytesToHex(other.publicKey))
  })
})
