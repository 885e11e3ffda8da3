// SHA-256, FIPS 180-4 §6.2. Streaming and one-shot forms.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace weft::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
public:
  static constexpr std::size_t kDigestSize = 32;
  static constexpr std::size_t kBlockSize = 64;

  Sha256();
  void update(std::span<const std::uint8_t> data);
  // Pads, returns the digest and leaves the object ready for a new message.
  Sha256Digest finish();

private:
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, kBlockSize> buffer_;
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::span<const std::uint8_t> data);

} // namespace weft::crypto
