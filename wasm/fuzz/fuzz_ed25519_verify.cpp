// libFuzzer target: verify() must never crash or read out of bounds on any input, and signatures
// made by the test signer (optionally with fuzzer-chosen bit flips) must get consistent answers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "../tests/crypto/ed25519_signer.hpp"
#include "crypto/ed25519/verify.hpp"

namespace ed = weft::crypto::ed25519;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::span<const std::uint8_t> in(data, size);
  const std::uint8_t mode = in[0];
  const auto rest = in.subspan(1);

  if ((mode & 1) == 0) {
    // Raw: A || R || S || message.
    if (rest.size() < 96) return 0;
    std::array<std::uint8_t, 32> pk{};
    std::array<std::uint8_t, 64> sig{};
    std::copy(rest.begin(), rest.begin() + 32, pk.begin());
    std::copy(rest.begin() + 32, rest.begin() + 96, sig.begin());
    (void)ed::verify(pk, rest.subspan(96), sig);
    return 0;
  }

  // Structured: a key seed, a bit to flip (or none), then the message.
  if (rest.size() < 34) return 0;
  std::array<std::uint8_t, 32> seed{};
  std::copy(rest.begin(), rest.begin() + 32, seed.begin());
  const std::size_t flip = static_cast<std::size_t>(rest[32]) << 8 | rest[33];
  const auto message = rest.subspan(34);
  const auto key = weft::test::ed25519::key_from_seed(seed);
  auto sig = weft::test::ed25519::sign(key, message);
  auto pk = key.public_key;
  if (!ed::verify(pk, message, sig)) std::abort(); // an honest signature must verify
  if (flip < 768) {
    // Any single-bit change to A, R or S must be rejected.
    if (flip < 256) {
      pk[flip / 8] = static_cast<std::uint8_t>(pk[flip / 8] ^ (1u << (flip % 8)));
    } else {
      const std::size_t b = flip - 256;
      sig[b / 8] = static_cast<std::uint8_t>(sig[b / 8] ^ (1u << (b % 8)));
    }
    if (ed::verify(pk, message, sig)) std::abort();
  }
  return 0;
}
