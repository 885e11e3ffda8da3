// The validator set (docs/protocol.md, "Validator set") and CometBFT's weighted round-robin
// proposer selection (docs/protocol/consensus.md §Proposer selection; CometBFT
// types/validator_set.go IncrementProposerPriority / updateWithChangeSet). Priorities are not
// part of the encoding: they evolve deterministically from genesis, height by height.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "consensus/address.hpp"
#include "consensus/types.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::consensus {

struct ValidatorPower {
  PublicKey public_key{};
  std::uint64_t power = 0; // 0 in an update removes the validator
  bool operator==(const ValidatorPower&) const = default;
};

struct Validator {
  PublicKey public_key{};
  std::uint64_t power = 0;
  Address address{};         // breaks proposer-priority ties, as in CometBFT
  std::int64_t priority = 0; // proposer priority; never encoded
};

enum class ValidatorSetError : std::uint8_t {
  Empty = 1,          // a set needs at least one validator
  TooMany,            // more than max_validators
  ZeroPower,          // a member of a new set has power 0
  DuplicateKey,       // one public key listed twice
  TotalPowerTooLarge, // total power above kMaxTotalPower
  RemovesUnknown,     // an update removes (power 0) a key that is not in the set
};

// The set order: power descending, then public key ascending.
bool set_order(const ValidatorPower& a, const ValidatorPower& b);

// The priority algorithm on its own, over any validators (CometBFT semantics, integer only):
// rescale so max - min <= 2 x total power, centre on the floor average, then `times` rounds of
// "everyone gains their power; the highest (ties: lowest address) is proposer and pays total".
// Returns the index of the last proposer. times >= 1; total_power is the sum of powers.
std::size_t increment_proposer_priority(std::span<Validator> validators, std::uint64_t total_power,
                                        std::uint32_t times);
// Its two halves: the rescale-and-centre done once per call, and one selection round.
void rescale_and_centre(std::span<Validator> validators, std::uint64_t total_power);
std::size_t select_proposer(std::span<Validator> validators, std::uint64_t total_power);
// Floor of the mean priority (CometBFT uses big.Int Div, which floors for a positive divisor).
std::int64_t average_priority(std::span<const Validator> validators);

class ValidatorSet {
public:
  // The empty set: no members, no proposer. Only a placeholder until a real set is assigned.
  ValidatorSet() = default;

  // A fresh set, as at genesis (CometBFT NewValidatorSet): members in any order, all priorities
  // start equal, then one increment picks height 1's round-0 proposer.
  static Result<ValidatorSet, ValidatorSetError>
  create(std::vector<ValidatorPower> members, std::size_t max_validators = kDefaultMaxValidators);

  std::size_t size() const { return validators_.size(); }
  const Validator& operator[](std::size_t i) const { return validators_[i]; }
  std::span<const Validator> validators() const { return validators_; }
  std::uint64_t total_power() const { return total_power_; }
  std::optional<std::uint32_t> index_of(const PublicKey& public_key) const;

  // The proposer chosen by the last increment.
  std::uint32_t proposer_index() const { return proposer_; }
  const Validator& proposer() const { return validators_[proposer_]; }

  // CometBFT IncrementProposerPriority(times), times >= 1.
  void increment_proposer_priority(std::uint32_t times);

  // The set `times` rounds later in the same height: a copy incremented `times` times (0 gives
  // the set unchanged). See consensus.md for why rounds are counted from round 0.
  ValidatorSet for_round(std::uint32_t round) const;

  // CometBFT updateWithChangeSet: power 0 removes a member; a new member starts at
  // -1.125 x (total power after updates, before removals), so bonding out and back in never
  // resets a low priority; then rescale and centre. The proposer is not re-picked.
  Result<ValidatorSet, ValidatorSetError>
  with_updates(std::span<const ValidatorPower> changes,
               std::size_t max_validators = kDefaultMaxValidators) const;

  // The next height's set: updates applied (if any), then one increment (CometBFT updateState).
  Result<ValidatorSet, ValidatorSetError>
  next_height(std::span<const ValidatorPower> changes = {},
              std::size_t max_validators = kDefaultMaxValidators) const;

  // Members in set order, without priorities: what the encoding and validators_hash cover.
  std::vector<ValidatorPower> members() const;
  Hash hash() const;

  // Host persistence of the derived priorities (not a protocol object): restore the exact
  // priority state after a restart without replaying history.
  std::vector<std::int64_t> priorities() const;
  // False (and no change) if the count differs or proposer >= size.
  bool restore_priorities(std::span<const std::int64_t> priorities, std::uint32_t proposer);

private:
  void recompute_total();

  std::vector<Validator> validators_; // set order
  std::uint64_t total_power_ = 0;
  std::uint32_t proposer_ = 0;
};

void write_validator_set(encoding::Writer& w, const ValidatorSet& set);
Bytes encode_validator_set(const ValidatorSet& set);
// Rejects an empty set, zero power or total power above kMaxTotalPower (ValueOutOfRange), more
// than max_validators entries (LengthTooLarge), and any order other than set_order or a key
// listed twice (NotSorted). The result has genesis priorities (ValidatorSet::create).
Result<ValidatorSet, encoding::DecodeError>
read_validator_set(encoding::Reader& r, std::size_t max_validators = kDefaultMaxValidators);
Result<ValidatorSet, encoding::DecodeError>
decode_validator_set(std::span<const std::uint8_t> in,
                     std::size_t max_validators = kDefaultMaxValidators);

} // namespace weft::consensus
