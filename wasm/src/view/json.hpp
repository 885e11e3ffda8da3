// A small strict JSON (RFC 8259) for views (docs/protocol/views.md, "JSON"): the value type, a
// parser that accepts only what a view can hold, and a canonical writer. The core takes no
// dependencies, so it has its own.
//
// The parser accepts RFC 8259 text with these restrictions, each failure a named ViewError:
// numbers are unsigned integers below 2^64 (no sign, fraction, exponent or leading zero);
// strings are ASCII (raw bytes above 0x7F and \u escapes above U+007F are NonAscii); an object
// names each key once; nesting is at most kMaxJsonDepth, the text at most kMaxJsonBytes and the
// values at most kMaxJsonValues, so a hostile text cannot exhaust the stack or linear memory.
//
// The writer is canonical: no whitespace, object members in the order they were built, integers
// in decimal, and in strings only `"`, `\` and control characters escaped (\b \f \n \r \t or
// \u00XX). Views build their objects in a fixed key order, so one value has one text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/result.hpp"
#include "view/view_error.hpp"

namespace weft::view {

// The largest view is a block of max_block_bytes (2 MiB by default) whose bytes become hex, about
// 2.5 times as long; these bounds leave room for that and nothing much larger.
inline constexpr std::size_t kMaxJsonBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxJsonValues = std::size_t{1} << 19;
inline constexpr std::size_t kMaxJsonDepth = 32;

enum class JsonType : std::uint8_t { Null, Bool, Number, String, Array, Object };

class Json {
public:
  struct Member;
  using Array = std::vector<Json>;
  using Object = std::vector<Member>; // in writing order

  Json() = default; // null
  static Json null();
  static Json boolean(bool b);
  static Json number(std::uint64_t n);
  static Json string(std::string s);
  static Json array(Array items);
  static Json object(Object members);

  JsonType type() const { return static_cast<JsonType>(value_.index()); }
  bool is(JsonType t) const { return type() == t; }

  // Each accessor requires the matching type(); anything else is a logic bug in the caller.
  bool as_bool() const;
  std::uint64_t as_number() const;
  const std::string& as_string() const;
  const Array& items() const;
  const Object& members() const;

  // The member named `key` of an object, or nullptr (also for a value that is not an object).
  const Json* find(std::string_view key) const;

private:
  // In JsonType order.
  using Value = std::variant<std::monostate, bool, std::uint64_t, std::string, Array, Object>;
  explicit Json(Value v);
  Value value_;
};

struct Json::Member {
  std::string key;
  Json value;
};

// Defined once Member is complete: Object's operations need it.
inline Json::Json(Value v) : value_(std::move(v)) {}
inline Json Json::null() {
  return Json();
}
inline Json Json::boolean(bool b) {
  return Json(Value(std::in_place_index<1>, b));
}
inline Json Json::number(std::uint64_t n) {
  return Json(Value(std::in_place_index<2>, n));
}
inline Json Json::string(std::string s) {
  return Json(Value(std::in_place_index<3>, std::move(s)));
}
inline Json Json::array(Array items) {
  return Json(Value(std::in_place_index<4>, std::move(items)));
}
inline Json Json::object(Object members) {
  return Json(Value(std::in_place_index<5>, std::move(members)));
}
inline bool Json::as_bool() const {
  return *std::get_if<1>(&value_);
}
inline std::uint64_t Json::as_number() const {
  return *std::get_if<2>(&value_);
}
inline const std::string& Json::as_string() const {
  return *std::get_if<3>(&value_);
}
inline const Json::Array& Json::items() const {
  return *std::get_if<4>(&value_);
}
inline const Json::Object& Json::members() const {
  return *std::get_if<5>(&value_);
}

// An object from members in the view's key order: object(member("a", x), member("b", y)).
inline Json::Member member(std::string_view key, Json value) {
  return Json::Member{std::string(key), std::move(value)};
}
template <typename... Members> Json object(Members&&... members) {
  Json::Object out;
  out.reserve(sizeof...(members));
  (out.push_back(std::forward<Members>(members)), ...);
  return Json::object(std::move(out));
}

Result<Json, ViewError> parse_json(std::string_view text);
inline Result<Json, ViewError> parse_json(std::span<const std::uint8_t> text) {
  return parse_json(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
}

std::string write_json(const Json& value);

} // namespace weft::view
