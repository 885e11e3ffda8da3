// Reading and writing view fields (view/fields.hpp).
#include "view/fields.hpp"

namespace weft::view {
namespace {

const Json& absent() {
  static const Json null_value;
  return null_value;
}

int lower_hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The hex text of `v`, or nullopt after WrongType / BadHex.
std::optional<std::string_view> hex_text(const Json& v, ReadStatus& s) {
  if (!s.ok()) return std::nullopt;
  if (!v.is(JsonType::String)) {
    s.fail(ViewError::WrongType);
    return std::nullopt;
  }
  const std::string_view text = v.as_string();
  if (text.size() % 2 != 0) {
    s.fail(ViewError::BadHex);
    return std::nullopt;
  }
  for (const char c : text) {
    if (lower_hex_digit(c) < 0) {
      s.fail(ViewError::BadHex);
      return std::nullopt;
    }
  }
  return text;
}

// Precondition: `text` is lowercase hex of 2 x out.size() digits.
void decode_hex(std::string_view text, std::span<std::uint8_t> out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>((lower_hex_digit(text[2 * i]) << 4) |
                                       lower_hex_digit(text[2 * i + 1]));
  }
}

} // namespace

Json hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return Json::string(std::move(out));
}

std::uint64_t read_number(const Json& v, std::uint64_t max, ReadStatus& s) {
  if (!s.ok()) return 0;
  if (!v.is(JsonType::Number)) {
    s.fail(ViewError::WrongType);
    return 0;
  }
  if (v.as_number() > max) {
    s.fail(ViewError::OutOfRange);
    return 0;
  }
  return v.as_number();
}

std::string read_string(const Json& v, ReadStatus& s) {
  if (!s.ok()) return {};
  if (!v.is(JsonType::String)) {
    s.fail(ViewError::WrongType);
    return {};
  }
  return v.as_string();
}

std::span<const Json> read_array(const Json& v, ReadStatus& s) {
  if (!s.ok()) return {};
  if (!v.is(JsonType::Array)) {
    s.fail(ViewError::WrongType);
    return {};
  }
  return v.items();
}

std::vector<std::uint8_t> read_hex(const Json& v, ReadStatus& s) {
  const auto text = hex_text(v, s);
  if (!text) return {};
  std::vector<std::uint8_t> out(text->size() / 2);
  decode_hex(*text, out);
  return out;
}

void read_hex_into(const Json& v, std::span<std::uint8_t> out, ReadStatus& s) {
  const auto text = hex_text(v, s);
  if (!text) return;
  if (text->size() != 2 * out.size()) {
    s.fail(ViewError::WrongLength);
    return;
  }
  decode_hex(*text, out);
}

Fields::Fields(const Json& object, ReadStatus& status) : object_(object), status_(status) {
  if (status_.ok() && !object_.is(JsonType::Object)) status_.fail(ViewError::WrongType);
}

const Json& Fields::at(std::string_view key) {
  if (!status_.ok()) return absent();
  const Json* v = object_.find(key);
  if (v == nullptr) {
    status_.fail(ViewError::MissingKey);
    return absent();
  }
  ++read_;
  return *v;
}

std::optional<std::uint32_t> Fields::u32_or_null(std::string_view key, std::uint32_t max) {
  const Json& v = at(key);
  if (v.is(JsonType::Null)) return std::nullopt;
  return static_cast<std::uint32_t>(read_number(v, max, status_));
}

void Fields::null(std::string_view key) {
  const Json& v = at(key);
  if (status_.ok() && !v.is(JsonType::Null)) status_.fail(ViewError::WrongType);
}

bool Fields::finish() {
  // Keys are unique (the parser rejects duplicates), so fewer reads than members means some
  // member is not part of the view.
  if (status_.ok() && read_ != object_.members().size()) status_.fail(ViewError::UnknownKey);
  return status_.ok();
}

} // namespace weft::view
