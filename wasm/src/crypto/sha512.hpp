// SHA-512, FIPS 180-4 §6.4. Streaming and one-shot forms.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace weft::crypto {

using Sha512Digest = std::array<std::uint8_t, 64>;

class Sha512 {
public:
  static constexpr std::size_t kDigestSize = 64;
  static constexpr std::size_t kBlockSize = 128;

  Sha512();
  void update(std::span<const std::uint8_t> data);
  // Pads, returns the digest and leaves the object ready for a new message.
  Sha512Digest finish();

private:
  std::array<std::uint64_t, 8> state_;
  std::array<std::uint8_t, kBlockSize> buffer_;
  std::size_t buffered_ = 0;
  // Messages here are far below 2^64 bytes; the 128-bit length field's high word is zero.
  std::uint64_t total_bytes_ = 0;
};

Sha512Digest sha512(std::span<const std::uint8_t> data);

} // namespace weft::crypto
