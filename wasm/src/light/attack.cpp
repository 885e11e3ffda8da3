// Light-client attack evidence and witness comparison (docs/protocol/light-client.md,
// "Detecting attacks").
#include "light/attack.hpp"

#include <utility>

#include "chain/header.hpp"

namespace weft::light {

bool same_evidence(const LightClientAttackEvidence& a, const LightClientAttackEvidence& b) {
  return same_light_block(a.conflicting, b.conflicting) && a.common_height == b.common_height &&
         a.trusted_block == b.trusted_block;
}

void write_attack_evidence(encoding::Writer& w, const LightClientAttackEvidence& evidence) {
  w.u8(kAttackEvidenceVersion);
  w.u8(kEvidenceLightClientAttack);
  write_light_block(w, evidence.conflicting);
  w.u64(evidence.common_height);
  w.fixed(evidence.trusted_block);
}

Bytes encode_attack_evidence(const LightClientAttackEvidence& evidence) {
  encoding::Writer w;
  write_attack_evidence(w, evidence);
  return std::move(w).take();
}

LightClientAttackEvidence read_attack_evidence(encoding::Reader& r, std::size_t max_validators) {
  using encoding::DecodeError;
  LightClientAttackEvidence evidence;
  if (r.u8() != kAttackEvidenceVersion && r.ok()) r.fail(DecodeError::UnknownVersion);
  if (r.u8() != kEvidenceLightClientAttack && r.ok()) r.fail(DecodeError::UnknownType);
  evidence.conflicting = read_light_block(r, max_validators);
  evidence.common_height = r.u64();
  evidence.trusted_block = r.fixed<32>();
  if (!r.ok()) return evidence;
  // Only one form per attack: a common block below the fork, and two different headers.
  if (evidence.common_height == 0 || evidence.common_height >= evidence.conflicting.header.height ||
      evidence.trusted_block == chain::block_id(evidence.conflicting.header)) {
    r.fail(DecodeError::ValueOutOfRange);
  }
  return evidence;
}

Result<LightClientAttackEvidence, encoding::DecodeError>
decode_attack_evidence(std::span<const std::uint8_t> in, std::size_t max_validators) {
  encoding::Reader r(in);
  LightClientAttackEvidence evidence = read_attack_evidence(r, max_validators);
  if (!r.finish()) return err(r.error());
  return evidence;
}

LightClientAttackEvidence make_attack_evidence(const TrustedBlock& common,
                                               const LightBlock& verified,
                                               const LightBlock& conflicting) {
  return LightClientAttackEvidence{conflicting, common.height(), chain::block_id(verified.header)};
}

WitnessCheck check_witness(const TrustedBlock& common, const LightBlock& verified,
                           const LightBlock& witness, const Options& options,
                           std::uint64_t now_ms) {
  if (witness.header.height != verified.header.height) {
    return WitnessCheck{err(LightError::WrongHeight), std::nullopt};
  }
  // Same header, same block: commits may carry different signature subsets and still agree.
  if (witness.header == verified.header) return WitnessCheck{{}, std::nullopt};
  if (auto s = verify(common, witness, options, now_ms); !s) return WitnessCheck{s, std::nullopt};
  return WitnessCheck{err(LightError::ConflictingHeaders),
                      make_attack_evidence(common, verified, witness)};
}

} // namespace weft::light
