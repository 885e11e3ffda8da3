// The canonical encoding primitives (docs/protocol/encoding.md): what the writer produces, the
// reader accepts, and every other byte string is rejected with its named reason.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

using weft::encoding::DecodeError;
using weft::encoding::Reader;
using weft::encoding::Writer;

namespace {
std::vector<std::uint8_t> varint_bytes(std::uint64_t v) {
  Writer w;
  w.varint(v);
  return std::move(w).take();
}
} // namespace

TEST_CASE("encoding: integers are fixed-width big-endian") {
  Writer w;
  w.u8(0x01);
  w.u16(0x0203);
  w.u32(0x04050607);
  w.u64(0x08090a0b0c0d0e0f);
  CHECK(w.data() == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  Reader r(w.data());
  CHECK(r.u8() == 0x01);
  CHECK(r.u16() == 0x0203);
  CHECK(r.u32() == 0x04050607);
  CHECK(r.u64() == 0x08090a0b0c0d0e0f);
  CHECK(r.finish());
}

TEST_CASE("encoding: varints round-trip at every width and are minimal") {
  for (std::uint64_t v : {0ull, 1ull, 127ull, 128ull, 16383ull, 16384ull, 0xffffffffull,
                          0x7fffffffffffffffull, 0xffffffffffffffffull}) {
    const auto bytes = varint_bytes(v);
    Reader r(bytes);
    CHECK(r.varint(~0ull) == v);
    CHECK(r.finish());
  }
  CHECK(varint_bytes(300) == std::vector<std::uint8_t>{0xac, 0x02});
  CHECK(varint_bytes(0xffffffffffffffffull).size() == 10);
}

TEST_CASE("encoding: each malformed input has its named reason") {
  auto fails_with = [](std::vector<std::uint8_t> bytes, auto read, DecodeError expected) {
    Reader r(bytes);
    read(r);
    r.finish();
    CHECK_FALSE(r.ok());
    CHECK(r.error() == expected);
  };
  auto varint_max_1000 = [](Reader& r) { (void)r.varint(1000); };
  fails_with({0x80, 0x00}, varint_max_1000, DecodeError::NonMinimalLength);
  fails_with({0xff, 0x80, 0x00}, varint_max_1000, DecodeError::NonMinimalLength);
  fails_with({0xe9, 0x07}, varint_max_1000, DecodeError::LengthTooLarge); // 1001
  fails_with({0x80}, varint_max_1000, DecodeError::Truncated);
  fails_with(
      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
      [](Reader& r) { (void)r.varint(~0ull); }, DecodeError::LengthTooLarge); // > 64 bits
  fails_with({0x00, 0x01}, [](Reader& r) { (void)r.u8(); }, DecodeError::TrailingBytes);
  fails_with({0x00, 0x01, 0x02}, [](Reader& r) { (void)r.u32(); }, DecodeError::Truncated);
  fails_with({0x02}, [](Reader& r) { (void)r.boolean(); }, DecodeError::ValueOutOfRange);
  fails_with({0x05, 1, 2}, [](Reader& r) { (void)r.bytes(100); }, DecodeError::Truncated);
  fails_with(
      {0x05, 1, 2, 3, 4, 5}, [](Reader& r) { (void)r.bytes(4); }, DecodeError::LengthTooLarge);
}

TEST_CASE("encoding: the first failure sticks and later reads yield zeros") {
  const std::vector<std::uint8_t> bytes{0x01};
  Reader r(bytes);
  CHECK(r.u32() == 0);
  CHECK(r.error() == DecodeError::Truncated);
  CHECK(r.u8() == 0);
  CHECK(r.fixed<4>() == std::array<std::uint8_t, 4>{});
  CHECK(r.error() == DecodeError::Truncated);
  CHECK(r.remaining() == 0);
}

TEST_CASE("encoding: byte strings and fixed arrays") {
  Writer w;
  const std::array<std::uint8_t, 3> fixed{7, 8, 9};
  const std::vector<std::uint8_t> var{1, 2};
  w.fixed(fixed);
  w.bytes(var);
  w.boolean(true);
  Reader r(w.data());
  CHECK(r.fixed<3>() == fixed);
  CHECK(r.bytes(2) == var);
  CHECK(r.boolean());
  CHECK(r.finish());
}
