// Canonical encoder (docs/protocol/encoding.md): fixed-width big-endian integers, raw
// fixed-size byte arrays, and unsigned LEB128 varints (always minimal) for lengths and counts.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace weft::encoding {

class Writer {
public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { be(v, 2); }
  void u32(std::uint32_t v) { be(v, 4); }
  void u64(std::uint64_t v) { be(v, 8); }
  void boolean(bool v) { u8(v ? 1 : 0); }

  // Lengths and counts: unsigned LEB128, 7 bits per byte, least significant group first.
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<std::uint8_t>(v));
  }

  template <std::size_t N> void fixed(const std::array<std::uint8_t, N>& bytes) { raw(bytes); }
  void raw(std::span<const std::uint8_t> bytes) {
    out_.insert(out_.end(), bytes.begin(), bytes.end());
  }

  // A variable-length byte string: varint length, then the bytes.
  void bytes(std::span<const std::uint8_t> b) {
    varint(b.size());
    raw(b);
  }

  const std::vector<std::uint8_t>& data() const& { return out_; }
  std::vector<std::uint8_t> take() && { return std::move(out_); }
  std::size_t size() const { return out_.size(); }

private:
  void be(std::uint64_t v, int width) {
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
      out_.push_back(static_cast<std::uint8_t>(v >> shift));
    }
  }

  std::vector<std::uint8_t> out_;
};

} // namespace weft::encoding
