// The conventions every view follows (docs/protocol/views.md, "Conventions"): byte fields as
// lowercase hex of exact length, integers as JSON numbers checked against their field's width,
// variants as names, absent values as null. Reading remembers its first failure, like
// encoding::Reader: a view reads straight through, gets zero values after a failure, and checks
// its ReadStatus once at the end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "view/json.hpp"
#include "view/view_result.hpp"

namespace weft::view {

// A variant of an enum and the name a view gives it.
template <typename E> struct Name {
  std::string_view text;
  E value;
};

// --- writing ---

Json hex(std::span<const std::uint8_t> bytes);

template <std::size_t N> Json hex_or_null(const std::optional<std::array<std::uint8_t, N>>& bytes) {
  return bytes ? hex(*bytes) : Json::null();
}

// A u32 that means "none" when it equals `none` (a round that is not set).
inline Json number_or_null(std::uint32_t n, std::uint32_t none) {
  return n == none ? Json::null() : Json::number(n);
}

// Precondition: `value` is one of `names` (it came from a decoded object).
template <typename E, std::size_t N> Json name_of(E value, const std::array<Name<E>, N>& names) {
  for (const auto& n : names) {
    if (n.value == value) return Json::string(std::string(n.text));
  }
  return Json::null();
}

// --- reading ---

// The first failure of one view's reading, shared by the readers of its nested objects.
class ReadStatus {
public:
  bool ok() const { return !failure_.has_value(); }
  ViewFailure error() const { return *failure_; }
  void fail(ViewFailure f) {
    if (!failure_) failure_ = f;
  }

private:
  std::optional<ViewFailure> failure_;
};

// Readers of single values. Each checks the JSON type (WrongType) and the field's own rule.
std::uint64_t read_number(const Json& v, std::uint64_t max, ReadStatus& s); // OutOfRange
std::string read_string(const Json& v, ReadStatus& s);
std::span<const Json> read_array(const Json& v, ReadStatus& s);
// Lowercase hex of any even length (BadHex).
std::vector<std::uint8_t> read_hex(const Json& v, ReadStatus& s);
// Lowercase hex of exactly `out.size()` bytes (BadHex, then WrongLength).
void read_hex_into(const Json& v, std::span<std::uint8_t> out, ReadStatus& s);

template <std::size_t N> std::array<std::uint8_t, N> read_fixed(const Json& v, ReadStatus& s) {
  std::array<std::uint8_t, N> out{};
  read_hex_into(v, out, s);
  return out;
}

template <typename E, std::size_t N>
E read_name(const Json& v, const std::array<Name<E>, N>& names, ReadStatus& s) {
  const std::string text = read_string(v, s);
  if (!s.ok()) return names[0].value;
  for (const auto& n : names) {
    if (n.text == text) return n.value;
  }
  s.fail(ViewError::UnknownVariant);
  return names[0].value;
}

// The members of one object, read by key in the view's order. A key that is absent is
// MissingKey; finish() reports a member nobody read as UnknownKey.
class Fields {
public:
  Fields(const Json& object, ReadStatus& status);

  // The member's value; null (after MissingKey) when it is absent.
  const Json& at(std::string_view key);

  std::uint64_t u64(std::string_view key) { return read_number(at(key), UINT64_MAX, status_); }
  std::uint32_t u32(std::string_view key) {
    return static_cast<std::uint32_t>(read_number(at(key), UINT32_MAX, status_));
  }
  std::uint16_t u16(std::string_view key) {
    return static_cast<std::uint16_t>(read_number(at(key), UINT16_MAX, status_));
  }
  // null, or a number no larger than `max`.
  std::optional<std::uint32_t> u32_or_null(std::string_view key, std::uint32_t max);
  std::string string(std::string_view key) { return read_string(at(key), status_); }
  std::span<const Json> array(std::string_view key) { return read_array(at(key), status_); }
  std::vector<std::uint8_t> bytes(std::string_view key) { return read_hex(at(key), status_); }

  template <std::size_t N> std::array<std::uint8_t, N> fixed(std::string_view key) {
    return read_fixed<N>(at(key), status_);
  }
  template <std::size_t N>
  std::optional<std::array<std::uint8_t, N>> fixed_or_null(std::string_view key) {
    const Json& v = at(key);
    if (v.is(JsonType::Null)) return std::nullopt;
    return read_fixed<N>(v, status_);
  }
  template <typename E, std::size_t N>
  E name(std::string_view key, const std::array<Name<E>, N>& names) {
    return read_name(at(key), names, status_);
  }

  // A member that this variant of the object leaves empty: it must be present and null.
  void null(std::string_view key);

  // Call after the last key: every member must have been read.
  bool finish();

private:
  const Json& object_;
  ReadStatus& status_;
  std::size_t read_ = 0;
};

} // namespace weft::view
