// Double-sign protection across restarts (docs/protocol/consensus.md §Sign guard). The host
// persists a LastSigned record before it signs anything and checks every new signing request
// against it, as CometBFT's FilePV does with its last-sign state: height, round and step only move
// forward, and the same (height, round, step) may be re-signed only with identical content. The
// record also carries Algorithm 1's lock and valid value, so a restarted state machine resumes
// with them instead of forgetting a lock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "consensus/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::consensus {

enum class SignedStep : std::uint8_t {
  Proposal = 1,
  Prevote = 2,
  Precommit = 3,
};

struct LastSigned {
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  SignedStep step = SignedStep::Proposal;
  MaybeBlock block;                   // the proposal's block, or the vote's block / nil
  std::uint32_t pol_round = kNoRound; // proposals only
  // Algorithm 1 lines 38-39 and 42-43 as of this signature.
  std::uint32_t locked_round = kNoRound;
  MaybeBlock locked_block;
  std::uint32_t valid_round = kNoRound;
  MaybeBlock valid_block;
  bool operator==(const LastSigned&) const = default;
};

// A versioned host-storage encoding of the record (not a network object). Decoding rejects the
// usual malformations plus a lock or valid round without a block (or the reverse).
Bytes encode_last_signed(const LastSigned& record);
Result<LastSigned, encoding::DecodeError> decode_last_signed(std::span<const std::uint8_t> in);

enum class SignGuardError : std::uint8_t {
  Regression = 1, // (height, round, step) is below the last signed one
  Conflict,       // same (height, round, step) as the last signature but different content
};

class SignGuard {
public:
  explicit SignGuard(std::optional<LastSigned> last = std::nullopt) : last_(std::move(last)) {}

  // Whether signing `next` is safe given what was last signed.
  Status<SignGuardError> check(const LastSigned& next) const;
  // check(), then remember `next`. The host persists `next` durably after approve() succeeds and
  // before it signs and sends.
  Status<SignGuardError> approve(const LastSigned& next);

  const std::optional<LastSigned>& last() const { return last_; }

private:
  std::optional<LastSigned> last_;
};

} // namespace weft::consensus
