// `weft wallet balance`: an account at the node's head, and with --verify the node's state proof
// for it checked by the core against the state root the node reported (docs/protocol/state.md).
import { formatAddress } from '@weft/core'
import { type WeftCore, WeftCoreError, WeftInputError } from '@weft/wasm'
import { formatWeft } from '../config/value-types.ts'
import { type AccountAnswer, answerHex, answerU64 } from './api-answers.ts'
import type { CommandIo } from './command-io.ts'
import { WalletError } from './errors.ts'
import type { NodeApi } from './node-api.ts'

export interface BalanceRequest {
  /** The account's 20-byte address. */
  address: Uint8Array
  verify: boolean
}

export interface BalanceComponents {
  api: NodeApi
  core: WeftCore
  io: CommandIo
}

export async function walletBalance(
  request: BalanceRequest,
  { api, core, io }: BalanceComponents,
): Promise<number> {
  const address = formatAddress(request.address)
  const account = await api.get<AccountAnswer>(`/v1/accounts/${address}`)
  const balance = answerU64(account.balance, 'balance')
  const nonce = answerU64(account.nonce, 'nonce')
  if (request.verify) verifyAccount(core, request.address, account, { balance, nonce })
  io.stdout(`address:  ${address}`)
  io.stdout(`balance:  ${formatWeft(balance)} WEFT (${balance} base units)`)
  io.stdout(`nonce:    ${nonce}`)
  io.stdout(`height:   ${account.height}`)
  if (request.verify) {
    io.stdout(`proof:    verified against state root ${account.root} at height ${account.height}`)
    io.stdout(
      "          (the root is the one this node reported; checking the root itself against the validators' signatures is a light client's work)",
    )
  }
  return 0
}

/**
 * Checks that the proof is about this address's state key, that it holds under the reported
 * root, and that the record it proves is the balance and nonce the node reported. Throws
 * WalletError BAD_PROOF (or BAD_ANSWER for fields that are not what the API documents).
 */
function verifyAccount(
  core: WeftCore,
  address: Uint8Array,
  account: AccountAnswer,
  reported: { balance: bigint; nonce: bigint },
): void {
  const root = answerHex(account.root, 'state root', 32)
  const key = answerHex(account.key, 'state key', 32)
  const value = account.value === null ? null : answerHex(account.value, 'account record')
  const proof = answerHex(account.proof, 'proof')
  const expectedKey = core.blocks.accountKey(address)
  if (Buffer.compare(key, expectedKey) !== 0) {
    throw new WalletError(
      'BAD_PROOF',
      `the node's proof is about state key ${account.key}, not this account's ${Buffer.from(expectedKey).toString('hex')}`,
    )
  }
  let record: { balance: bigint; nonce: bigint }
  try {
    const check = core.verifyStateProof(root, key, value, proof)
    if (!check.valid) {
      throw new WalletError(
        'BAD_PROOF',
        `the node's proof does not verify against the state root it reported (${account.root}): ${check.reason}`,
      )
    }
    record = value === null ? { balance: 0n, nonce: 0n } : core.views.decode('account', value)
  } catch (err) {
    if (err instanceof WeftCoreError || err instanceof WeftInputError) {
      throw new WalletError('BAD_PROOF', `the node's proof cannot be checked: ${err.message}`)
    }
    throw err
  }
  if (record.balance !== reported.balance || record.nonce !== reported.nonce) {
    throw new WalletError(
      'BAD_PROOF',
      `the proven record holds balance ${record.balance} and nonce ${record.nonce}, but the node reported ${reported.balance} and ${reported.nonce}`,
    )
  }
}
