// Canonical decoder (docs/protocol/encoding.md). The first failure is remembered with its
// offset and every later read returns zero values, so decoders read straight through and check
// ok() once; finish() rejects trailing bytes. Nothing here trusts a length it has not bounded.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "encoding/decode_error.hpp"

namespace weft::encoding {

class Reader {
public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}

  bool ok() const { return !failed_; }
  DecodeError error() const { return error_; }
  // Offset of the first failure (or of the current position while ok()).
  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return failed_ ? 0 : in_.size() - pos_; }

  void fail(DecodeError e) {
    if (!failed_) {
      failed_ = true;
      error_ = e;
    }
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(be(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(be(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(be(4)); }
  std::uint64_t u64() { return be(8); }

  bool boolean() {
    const std::uint8_t v = u8();
    if (v > 1) fail(DecodeError::ValueOutOfRange);
    return v == 1;
  }

  // A minimal LEB128 varint no larger than `max`.
  std::uint64_t varint(std::uint64_t max) {
    std::uint64_t v = 0;
    for (int shift = 0; ok(); shift += 7) {
      if (pos_ >= in_.size()) {
        fail(DecodeError::Truncated);
        break;
      }
      const std::uint8_t byte = in_[pos_++];
      if (shift == 63 && byte > 1) {
        fail(DecodeError::LengthTooLarge);
        break;
      }
      v |= std::uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) {
        // A final zero group after the first byte means the same value fits in fewer bytes.
        if (byte == 0 && shift > 0) fail(DecodeError::NonMinimalLength);
        break;
      }
    }
    if (ok() && v > max) fail(DecodeError::LengthTooLarge);
    return ok() ? v : 0;
  }

  template <std::size_t N> std::array<std::uint8_t, N> fixed() {
    std::array<std::uint8_t, N> out{};
    if (take(N)) std::copy_n(in_.begin() + static_cast<std::ptrdiff_t>(pos_ - N), N, out.begin());
    return out;
  }

  // A varint-length byte string of at most `max` bytes.
  std::vector<std::uint8_t> bytes(std::size_t max) {
    const auto n = static_cast<std::size_t>(varint(max));
    std::vector<std::uint8_t> out;
    if (take(n)) {
      const auto begin = in_.begin() + static_cast<std::ptrdiff_t>(pos_ - n);
      out.assign(begin, begin + static_cast<std::ptrdiff_t>(n));
    }
    return out;
  }

  // Call after the last field: the object must end exactly here.
  bool finish() {
    if (ok() && pos_ != in_.size()) fail(DecodeError::TrailingBytes);
    return ok();
  }

private:
  bool take(std::size_t n) {
    if (!ok()) return false;
    if (in_.size() - pos_ < n) {
      fail(DecodeError::Truncated);
      return false;
    }
    pos_ += n;
    return true;
  }

  std::uint64_t be(std::size_t width) {
    if (!take(width)) return 0;
    std::uint64_t v = 0;
    for (std::size_t i = pos_ - width; i < pos_; ++i) v = (v << 8) | in_[i];
    return v;
  }

  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  DecodeError error_{};
};

} // namespace weft::encoding
