// The strict JSON parser and canonical writer (view/json.hpp; RFC 8259 §2-§7 restricted as
// documented there). The parser remembers its first failure and unwinds at once, like
// encoding::Reader; recursion is bounded by kMaxJsonDepth, so stack use is too.
#include "view/json.hpp"

#include <algorithm>

namespace weft::view {
namespace {

bool is_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The value of a hex digit (either case, as RFC 8259 allows in \u escapes), or -1.
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Json, ViewError> document() {
    if (text_.size() > kMaxJsonBytes) return err(ViewError::TooLarge);
    Json out = value(0);
    skip_whitespace();
    if (ok() && pos_ != text_.size()) fail(ViewError::TrailingCharacters);
    if (!ok()) return err(error_);
    return out;
  }

private:
  bool ok() const { return !failed_; }
  void fail(ViewError e) {
    if (!failed_) {
      failed_ = true;
      error_ = e;
    }
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_whitespace() {
    while (!at_end() && is_whitespace(peek())) ++pos_;
  }

  // Consumes `c` after optional whitespace, or fails.
  bool expect(char c) {
    skip_whitespace();
    if (at_end()) {
      fail(ViewError::UnexpectedEnd);
      return false;
    }
    if (peek() != c) {
      fail(ViewError::UnexpectedCharacter);
      return false;
    }
    ++pos_;
    return true;
  }

  // `depth` counts the arrays and objects this value is inside.
  Json value(std::size_t depth) {
    skip_whitespace();
    if (at_end()) {
      fail(ViewError::UnexpectedEnd);
      return {};
    }
    if (++values_ > kMaxJsonValues) {
      fail(ViewError::TooLarge);
      return {};
    }
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth + 1 > kMaxJsonDepth) {
        fail(ViewError::TooDeep);
        return {};
      }
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') return Json::string(string());
    if (c == '-') {
      fail(ViewError::NegativeNumber);
      return {};
    }
    if (is_digit(c)) return number();
    if (literal("true")) return Json::boolean(true);
    if (literal("false")) return Json::boolean(false);
    if (literal("null")) return Json::null();
    fail(ViewError::UnexpectedCharacter);
    return {};
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Json number() {
    if (peek() == '0' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) {
      fail(ViewError::LeadingZero);
      return {};
    }
    std::uint64_t n = 0;
    while (!at_end() && is_digit(peek())) {
      const auto digit = static_cast<std::uint64_t>(peek() - '0');
      if (n > (UINT64_MAX - digit) / 10) {
        fail(ViewError::NumberTooLarge);
        return {};
      }
      n = n * 10 + digit;
      ++pos_;
    }
    if (!at_end() && (peek() == '.' || peek() == 'e' || peek() == 'E')) {
      fail(ViewError::NotAnInteger);
      return {};
    }
    return Json::number(n);
  }

  // At the opening quote.
  std::string string() {
    std::string out;
    ++pos_;
    while (ok()) {
      if (at_end()) {
        fail(ViewError::UnexpectedEnd);
        break;
      }
      const auto c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') break;
      if (c < 0x20) {
        fail(ViewError::ControlCharacter);
      } else if (c > 0x7f) {
        fail(ViewError::NonAscii);
      } else if (c == '\\') {
        escape(out);
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
    return out;
  }

  // After a backslash.
  void escape(std::string& out) {
    if (at_end()) {
      fail(ViewError::UnexpectedEnd);
      return;
    }
    switch (text_[pos_++]) {
    case '"':
      out.push_back('"');
      return;
    case '\\':
      out.push_back('\\');
      return;
    case '/':
      out.push_back('/');
      return;
    case 'b':
      out.push_back('\b');
      return;
    case 'f':
      out.push_back('\f');
      return;
    case 'n':
      out.push_back('\n');
      return;
    case 'r':
      out.push_back('\r');
      return;
    case 't':
      out.push_back('\t');
      return;
    case 'u':
      break;
    default:
      fail(ViewError::BadEscape);
      return;
    }
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_end()) {
        fail(ViewError::UnexpectedEnd);
        return;
      }
      const int digit = hex_digit(text_[pos_++]);
      if (digit < 0) {
        fail(ViewError::BadEscape);
        return;
      }
      code = code * 16 + static_cast<unsigned>(digit);
    }
    if (code > 0x7f) {
      fail(ViewError::NonAscii);
      return;
    }
    out.push_back(static_cast<char>(code));
  }

  // At '['.
  Json array(std::size_t depth) {
    ++pos_;
    Json::Array items;
    skip_whitespace();
    if (!at_end() && peek() == ']') {
      ++pos_;
      return Json::array(std::move(items));
    }
    while (ok()) {
      items.push_back(value(depth));
      skip_whitespace();
      if (at_end()) {
        fail(ViewError::UnexpectedEnd);
      } else if (peek() == ']') {
        ++pos_;
        break;
      } else if (peek() == ',') {
        ++pos_;
      } else {
        fail(ViewError::UnexpectedCharacter);
      }
    }
    return Json::array(std::move(items));
  }

  // At '{'.
  Json object(std::size_t depth) {
    ++pos_;
    Json::Object members;
    skip_whitespace();
    if (!at_end() && peek() == '}') {
      ++pos_;
      return Json::object(std::move(members));
    }
    while (ok()) {
      skip_whitespace();
      if (at_end()) {
        fail(ViewError::UnexpectedEnd);
        break;
      }
      if (peek() != '"') {
        fail(ViewError::UnexpectedCharacter);
        break;
      }
      std::string key = string();
      if (!ok() || !expect(':')) break;
      members.push_back({std::move(key), value(depth)});
      skip_whitespace();
      if (at_end()) {
        fail(ViewError::UnexpectedEnd);
      } else if (peek() == '}') {
        ++pos_;
        break;
      } else if (peek() == ',') {
        ++pos_;
      } else {
        fail(ViewError::UnexpectedCharacter);
      }
    }
    if (ok() && has_duplicate_key(members)) fail(ViewError::DuplicateKey);
    return Json::object(std::move(members));
  }

  // Sorting keeps a hostile object with many members at n log n.
  static bool has_duplicate_key(const Json::Object& members) {
    std::vector<std::string_view> keys;
    keys.reserve(members.size());
    for (const auto& m : members) keys.push_back(m.key);
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t values_ = 0;
  bool failed_ = false;
  ViewError error_{};
};

void write_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (u < 0x20) {
        out += "\\u00";
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 15]);
      } else {
        out.push_back(c);
      }
    }
  }
  out.push_back('"');
}

void write_value(std::string& out, const Json& v) {
  switch (v.type()) {
  case JsonType::Null:
    out += "null";
    return;
  case JsonType::Bool:
    out += v.as_bool() ? "true" : "false";
    return;
  case JsonType::Number:
    out += std::to_string(v.as_number());
    return;
  case JsonType::String:
    write_string(out, v.as_string());
    return;
  case JsonType::Array: {
    out.push_back('[');
    bool first = true;
    for (const Json& item : v.items()) {
      if (!first) out.push_back(',');
      first = false;
      write_value(out, item);
    }
    out.push_back(']');
    return;
  }
  case JsonType::Object: {
    out.push_back('{');
    bool first = true;
    for (const auto& m : v.members()) {
      if (!first) out.push_back(',');
      first = false;
      write_string(out, m.key);
      out.push_back(':');
      write_value(out, m.value);
    }
    out.push_back('}');
    return;
  }
  }
}

} // namespace

const Json* Json::find(std::string_view key) const {
  if (!is(JsonType::Object)) return nullptr;
  for (const auto& m : members()) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

Result<Json, ViewError> parse_json(std::string_view text) {
  return Parser(text).document();
}

std::string write_json(const Json& value) {
  std::string out;
  write_value(out, value);
  return out;
}

} // namespace weft::view
