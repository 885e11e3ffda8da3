// Light-client attack detection (docs/protocol/light-client.md, "Detecting attacks"): after
// verifying a header from its primary, the client compares a witness's block at that height. A
// different header that also verifies from the same trusted block is a fork signed by at least
// 1/3 of a trusted set (or a bad state transition signed by more than 2/3 of one): the client
// stops and keeps LightClientAttackEvidence, whose canonical bytes it can hand to full nodes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "light/light_block.hpp"
#include "light/light_error.hpp"
#include "light/verify.hpp"
#include "util/result.hpp"

namespace weft::light {

inline constexpr std::uint8_t kAttackEvidenceVersion = 1;
// Evidence kinds share one numbering (docs/protocol.md, "Evidence": 1 is a duplicate vote).
inline constexpr std::uint8_t kEvidenceLightClientAttack = 2;

struct LightClientAttackEvidence {
  LightBlock conflicting;          // the witness's block, which verifies from the common block
  std::uint64_t common_height = 0; // the trusted height both blocks were verified from
  Hash trusted_block{};            // block id of the header the client verified at that height
};

bool same_evidence(const LightClientAttackEvidence& a, const LightClientAttackEvidence& b);

// `version u8, kind u8 (2), conflicting LightBlock, common_height u64, trusted_block Hash`.
void write_attack_evidence(encoding::Writer& w, const LightClientAttackEvidence& evidence);
Bytes encode_attack_evidence(const LightClientAttackEvidence& evidence);
// Fails on UnknownVersion, UnknownType (kind not 2), the light block's own errors, and
// ValueOutOfRange: common_height 0 or not below the conflicting height, or trusted_block equal
// to the conflicting header's id (no conflict).
LightClientAttackEvidence
read_attack_evidence(encoding::Reader& r,
                     std::size_t max_validators = consensus::kDefaultMaxValidators);
Result<LightClientAttackEvidence, encoding::DecodeError>
decode_attack_evidence(std::span<const std::uint8_t> in,
                       std::size_t max_validators = consensus::kDefaultMaxValidators);

// The evidence that `conflicting` contradicts `verified`, both verified from `common`
// (directly, or by a bisection run against the witness). Precondition: same height, different
// headers, common below them.
LightClientAttackEvidence make_attack_evidence(const TrustedBlock& common,
                                               const LightBlock& verified,
                                               const LightBlock& conflicting);

struct WitnessCheck {
  // ok(): the witness has the same header. ConflictingHeaders: `evidence` is set. Otherwise the
  // witness's block does not verify from `common` and is the witness's fault: WrongHeight if it
  // answers another height, NotEnoughTrust if the host must first bisect the witness's chain
  // from `common` (then make_attack_evidence on the block that run verifies), or its error.
  Status<LightError> status;
  std::optional<LightClientAttackEvidence> evidence;
};

// Compares a witness's block with `verified`, the block the client verified from `common`.
WitnessCheck check_witness(const TrustedBlock& common, const LightBlock& verified,
                           const LightBlock& witness, const Options& options, std::uint64_t now_ms);

} // namespace weft::light
