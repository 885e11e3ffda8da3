// libFuzzer: every consensus decoder on arbitrary bytes. A decoder either rejects the input or
// returns an object whose encoding is exactly the input (canonical: one byte string per object).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"

namespace c = weft::consensus;

template <typename Decoded, typename Encode>
static void round_trip(std::span<const std::uint8_t> in, const Decoded& decoded, Encode encode) {
  if (!decoded.ok()) return;
  const auto again = encode(decoded.value());
  if (!std::equal(again.begin(), again.end(), in.begin(), in.end())) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the decoder, so one corpus covers them all.
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  switch (data[0] % 6) {
  case 0:
    round_trip(in, c::decode_vote(in), [](const c::Vote& v) { return c::encode_vote(v); });
    break;
  case 1:
    round_trip(in, c::decode_proposal(in),
               [](const c::Proposal& p) { return c::encode_proposal(p); });
    break;
  case 2:
    round_trip(in, c::decode_commit(in), [](const c::Commit& x) { return c::encode_commit(x); });
    break;
  case 3:
    round_trip(in, c::decode_evidence(in),
               [](const c::DuplicateVoteEvidence& e) { return c::encode_evidence(e); });
    break;
  case 4: {
    const auto set = c::decode_validator_set(in);
    round_trip(in, set, [](const c::ValidatorSet& s) { return c::encode_validator_set(s); });
    if (set.ok()) {
      // Any decodable set supports the priority arithmetic without overflow traps (UBSan).
      auto copy = set.value().for_round(3);
      (void)copy.next_height();
    }
    break;
  }
  default:
    round_trip(in, c::decode_last_signed(in),
               [](const c::LastSigned& s) { return c::encode_last_signed(s); });
  }
  return 0;
}
