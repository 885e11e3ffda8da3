// Why a block is rejected (docs/protocol/transactions.md §Block validity). Every rejection is one
// of these values; its name crosses into TypeScript unchanged (Bitcoin Core's
// BlockValidationResult, one value per rule).
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::chain {

enum class BlockError : std::uint8_t {
  Malformed = 1,       // the bytes are not a canonical block encoding
  TooLarge,            // the encoding is longer than params.max_block_bytes
  WrongChain,          // header.chain_id is not this chain's
  WrongHeight,         // height is not the previous height + 1
  TimeNotIncreasing,   // time is not later than the previous block's (genesis time at 1)
  WrongPreviousBlock,  // previous_block is not the previous header's id (zeros at height 1)
  WrongLastCommitHash, // last_commit_hash does not match the block's last commit
  BadLastCommit,       // the last commit is not > 2/3 of the previous set for the previous block
  WrongTxRoot,         // tx_root does not match the transactions
  WrongValidatorsHash, // validators_hash is not the set this height was given two blocks ago
  WrongNextValidatorsHash, // next_validators_hash is not the set stored for height + 1
  WrongProposer,           // proposer is not the expected proposer (or not in the set)
  WrongBaseFee,            // base_fee_per_byte is not the one the previous block fixed
  WrongEvidenceHash,       // evidence_hash does not match the evidence list
  InvalidEvidence,         // evidence is malformed, too old, from the future or badly signed
  DuplicateEvidence,       // an offence already punished, or listed twice
  InvalidTransaction,      // a transaction fails a stateless or admission check (TxError tells)
  WrongStateRoot,          // state_root differs from the state execution produces
  StateMismatch,           // the state given is not the one the previous header committed to
  StateUnavailable,        // the host's store lacks a node the execution needed
  StateCorrupt,            // a record in state does not decode
};

constexpr std::string_view name(BlockError e) {
  switch (e) {
  case BlockError::Malformed:
    return "Malformed";
  case BlockError::TooLarge:
    return "TooLarge";
  case BlockError::WrongChain:
    return "WrongChain";
  case BlockError::WrongHeight:
    return "WrongHeight";
  case BlockError::TimeNotIncreasing:
    return "TimeNotIncreasing";
  case BlockError::WrongPreviousBlock:
    return "WrongPreviousBlock";
  case BlockError::WrongLastCommitHash:
    return "WrongLastCommitHash";
  case BlockError::BadLastCommit:
    return "BadLastCommit";
  case BlockError::WrongTxRoot:
    return "WrongTxRoot";
  case BlockError::WrongValidatorsHash:
    return "WrongValidatorsHash";
  case BlockError::WrongNextValidatorsHash:
    return "WrongNextValidatorsHash";
  case BlockError::WrongProposer:
    return "WrongProposer";
  case BlockError::WrongBaseFee:
    return "WrongBaseFee";
  case BlockError::WrongEvidenceHash:
    return "WrongEvidenceHash";
  case BlockError::InvalidEvidence:
    return "InvalidEvidence";
  case BlockError::DuplicateEvidence:
    return "DuplicateEvidence";
  case BlockError::InvalidTransaction:
    return "InvalidTransaction";
  case BlockError::WrongStateRoot:
    return "WrongStateRoot";
  case BlockError::StateMismatch:
    return "StateMismatch";
  case BlockError::StateUnavailable:
    return "StateUnavailable";
  case BlockError::StateCorrupt:
    return "StateCorrupt";
  }
  return "Unknown";
}

} // namespace weft::chain
