// The light client across the boundary (docs/protocol/light-client.md; docs/architecture.md,
// "Consensus and light-client handles"): one-step verification, witness comparison and attack
// evidence, and bisection handles. The logic lives in abi/light_checks.cpp and
// abi/bisection_handle.cpp, which the native tests exercise; these are the C entry points. An
// optional next validator set is passed with length 0.
#include <cstdint>
#include <new>
#include <span>

#include "abi/abi.hpp"
#include "abi/bisection_handle.hpp"
#include "abi/light_checks.hpp"
#include "abi/session.hpp"

using weft::abi::BisectionHandle;
using weft::abi::LightParams;
using weft::abi::Session;

namespace {

std::span<const std::uint8_t> span_of(const std::uint8_t* p, std::uint32_t len) {
  return {p, len};
}

LightParams params(std::uint64_t trusting_period_ms, std::uint64_t max_clock_drift_ms,
                   std::uint32_t max_validators) {
  return LightParams{{trusting_period_ms, max_clock_drift_ms}, max_validators};
}

} // namespace

WEFT_EXPORT(weft_light_verify)
std::int32_t weft_light_verify(const std::uint8_t* trusted, std::uint32_t trusted_len,
                               const std::uint8_t* next_set, std::uint32_t next_len,
                               const std::uint8_t* untrusted, std::uint32_t untrusted_len,
                               std::uint64_t trusting_period_ms, std::uint64_t max_clock_drift_ms,
                               std::uint64_t now_ms, std::uint32_t max_validators) {
  return weft::abi::verify_light_block(
      span_of(trusted, trusted_len), span_of(next_set, next_len), span_of(untrusted, untrusted_len),
      params(trusting_period_ms, max_clock_drift_ms, max_validators), now_ms);
}

WEFT_EXPORT(weft_light_check_witness)
std::int32_t weft_light_check_witness(Session* s, const std::uint8_t* common,
                                      std::uint32_t common_len, const std::uint8_t* next_set,
                                      std::uint32_t next_len, const std::uint8_t* verified,
                                      std::uint32_t verified_len, const std::uint8_t* witness,
                                      std::uint32_t witness_len, std::uint64_t trusting_period_ms,
                                      std::uint64_t max_clock_drift_ms, std::uint64_t now_ms,
                                      std::uint32_t max_validators) {
  return weft::abi::check_witness(*s, span_of(common, common_len), span_of(next_set, next_len),
                                  span_of(verified, verified_len), span_of(witness, witness_len),
                                  params(trusting_period_ms, max_clock_drift_ms, max_validators),
                                  now_ms);
}

WEFT_EXPORT(weft_light_attack_evidence)
std::int32_t weft_light_attack_evidence(Session* s, std::uint64_t common_height,
                                        const std::uint8_t* verified, std::uint32_t verified_len,
                                        const std::uint8_t* conflicting,
                                        std::uint32_t conflicting_len,
                                        std::uint32_t max_validators) {
  return weft::abi::attack_evidence(*s, common_height, span_of(verified, verified_len),
                                    span_of(conflicting, conflicting_len), max_validators);
}

// A handle, or 0 when out of memory.
WEFT_EXPORT(weft_bisection_new)
BisectionHandle* weft_bisection_new(std::uint64_t trusting_period_ms,
                                    std::uint64_t max_clock_drift_ms,
                                    std::uint32_t max_validators) {
  return new (std::nothrow)
      BisectionHandle(params(trusting_period_ms, max_clock_drift_ms, max_validators));
}

WEFT_EXPORT(weft_bisection_free) void weft_bisection_free(BisectionHandle* h) {
  delete h;
}

WEFT_EXPORT(weft_bisection_start)
std::int32_t weft_bisection_start(BisectionHandle* h, const std::uint8_t* trusted,
                                  std::uint32_t trusted_len, const std::uint8_t* next_set,
                                  std::uint32_t next_len, std::uint64_t target_height,
                                  std::uint64_t now_ms) {
  return h->start(span_of(trusted, trusted_len), span_of(next_set, next_len), target_height,
                  now_ms);
}

WEFT_EXPORT(weft_bisection_next) std::int32_t weft_bisection_next(Session* s, BisectionHandle* h) {
  return h->next(*s);
}

WEFT_EXPORT(weft_bisection_provide)
std::int32_t weft_bisection_provide(BisectionHandle* h, const std::uint8_t* block,
                                    std::uint32_t len) {
  return h->provide(span_of(block, len));
}

WEFT_EXPORT(weft_bisection_fetched)
std::uint64_t weft_bisection_fetched(const BisectionHandle* h) {
  return h->fetched();
}

WEFT_EXPORT(weft_bisection_trusted)
std::int32_t weft_bisection_trusted(Session* s, const BisectionHandle* h) {
  return h->trusted(*s);
}
