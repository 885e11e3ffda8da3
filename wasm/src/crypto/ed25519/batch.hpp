// Batch Ed25519 verification with random linear combinations, agreeing with verify() (ZIP-215)
// on every input: if the combined cofactored check fails, the failing items are found and only
// they are reported invalid.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/ed25519/verify.hpp"

namespace weft::crypto::ed25519 {

struct BatchItem {
  std::span<const std::uint8_t, kPublicKeySize> public_key;
  std::span<const std::uint8_t> message;
  std::span<const std::uint8_t, kSignatureSize> signature;
};

// The combination coefficients are derived from `seed` and the batch contents, never from a clock
// or an RNG, so the core stays deterministic; a host that wants unpredictable coefficients passes
// fresh random bytes as the seed. Writes 1 (valid) or 0 (invalid) to results[i] for every item
// and returns true when all are valid. results.size() must equal items.size().
bool verify_batch(std::span<const BatchItem> items, std::span<const std::uint8_t, 32> seed,
                  std::span<std::uint8_t> results);

} // namespace weft::crypto::ed25519
