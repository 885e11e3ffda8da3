// Light-client verification at the boundary (abi/light_checks.hpp).
#include "abi/light_checks.hpp"

#include <utility>

#include "abi/abi.hpp"
#include "chain/header.hpp"
#include "consensus/validator_set.hpp"
#include "light/attack.hpp"
#include "light/light_block.hpp"

namespace weft::abi {

Result<light::TrustedBlock, encoding::DecodeError>
decode_trusted_block(std::span<const std::uint8_t> block, std::span<const std::uint8_t> next_set,
                     std::size_t max_validators) {
  auto decoded = light::decode_light_block(block, max_validators);
  if (!decoded) return err(decoded.error());
  light::TrustedBlock trusted{std::move(decoded).value(), std::nullopt};
  if (!next_set.empty()) {
    auto next = consensus::decode_validator_set(next_set, max_validators);
    if (!next) return err(next.error());
    trusted.next_validators = std::move(next).value();
  }
  return trusted;
}

std::int32_t verify_light_block(std::span<const std::uint8_t> trusted,
                                std::span<const std::uint8_t> trusted_next,
                                std::span<const std::uint8_t> untrusted, const LightParams& params,
                                std::uint64_t now_ms) {
  const auto t = decode_trusted_block(trusted, trusted_next, params.max_validators);
  if (!t) return error_status(ErrorDomain::Decode, t.error());
  const auto u = light::decode_light_block(untrusted, params.max_validators);
  if (!u) return error_status(ErrorDomain::Decode, u.error());
  const auto ok = light::verify(t.value(), u.value(), params.options, now_ms);
  return ok ? 0 : error_status(ErrorDomain::Light, ok.error());
}

std::int32_t check_witness(Session& s, std::span<const std::uint8_t> common,
                           std::span<const std::uint8_t> common_next,
                           std::span<const std::uint8_t> verified,
                           std::span<const std::uint8_t> witness, const LightParams& params,
                           std::uint64_t now_ms) {
  const auto c = decode_trusted_block(common, common_next, params.max_validators);
  if (!c) return error_status(ErrorDomain::Decode, c.error());
  const auto v = light::decode_light_block(verified, params.max_validators);
  if (!v) return error_status(ErrorDomain::Decode, v.error());
  const auto w = light::decode_light_block(witness, params.max_validators);
  if (!w) return error_status(ErrorDomain::Decode, w.error());
  const auto check = light::check_witness(c.value(), v.value(), w.value(), params.options, now_ms);
  if (check.evidence) {
    s.out = light::encode_attack_evidence(*check.evidence);
    return 1;
  }
  return check.status ? 0 : error_status(ErrorDomain::Light, check.status.error());
}

std::int32_t attack_evidence(Session& s, std::uint64_t common_height,
                             std::span<const std::uint8_t> verified,
                             std::span<const std::uint8_t> conflicting,
                             std::size_t max_validators) {
  const auto v = light::decode_light_block(verified, max_validators);
  if (!v) return error_status(ErrorDomain::Decode, v.error());
  auto w = light::decode_light_block(conflicting, max_validators);
  if (!w) return error_status(ErrorDomain::Decode, w.error());
  if (v.value().height() != w.value().height()) {
    return error_status(ErrorDomain::Light, light::LightError::WrongHeight);
  }
  const light::LightClientAttackEvidence evidence{std::move(w).value(), common_height,
                                                  chain::block_id(v.value().header)};
  auto bytes = light::encode_attack_evidence(evidence);
  // The decoder states the evidence's rules once; building only what it accepts keeps one form
  // per attack.
  if (const auto check = light::decode_attack_evidence(bytes, max_validators); !check) {
    return error_status(ErrorDomain::Decode, check.error());
  }
  s.out = std::move(bytes);
  return 0;
}

} // namespace weft::abi
