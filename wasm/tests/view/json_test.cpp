// The strict JSON of views (view/json.hpp): what it accepts, the canonical text it writes, and
// each named reason it rejects text for, including the size, depth and value-count bounds.
#include <doctest/doctest.h>

#include <string>

#include "view/json.hpp"

using namespace weft::view;

namespace {

std::string canonical(std::string_view text) {
  const auto parsed = parse_json(text);
  REQUIRE(parsed.ok());
  return write_json(parsed.value());
}

ViewError rejection(std::string_view text) {
  const auto parsed = parse_json(text);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

std::string repeated(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

} // namespace

TEST_CASE("json: accepts the values views use and writes them canonically") {
  CHECK(canonical("null") == "null");
  CHECK(canonical(" true ") == "true");
  CHECK(canonical("false") == "false");
  CHECK(canonical("0") == "0");
  CHECK(canonical("18446744073709551615") == "18446744073709551615");
  CHECK(canonical(R"("abc-123")") == R"("abc-123")");
  CHECK(canonical("[]") == "[]");
  CHECK(canonical("{}") == "{}");
  CHECK(canonical(" [ 1 , [ 2 , { } ] ,\n\t\"x\" ]\r\n") == R"([1,[2,{}],"x"])");
  // Members keep their order: views write theirs in a fixed one.
  CHECK(canonical(R"({ "b" : 1, "a" : [true, null] })") == R"({"b":1,"a":[true,null]})");
}

TEST_CASE("json: escapes read as their characters and write back minimally") {
  CHECK(canonical(R"("\"\\\/\b\f\n\r\t")") == R"("\"\\/\b\f\n\r\t")");
  CHECK(canonical(R"("\u0041\u007a\u007F")") == "\"Az\x7f\"");
  CHECK(canonical(R"("\u0001\u001f")") == R"("\u0001\u001f")");
  const auto parsed = parse_json(R"({"k\u0000":"\u0000"})");
  REQUIRE(parsed.ok());
  CHECK(parsed.value().members()[0].key == std::string("k\0", 2));
  CHECK(write_json(Json::string(std::string("a\"b\\c\x01", 6))) == R"("a\"b\\c\u0001")");
}

TEST_CASE("json: lookup by key") {
  const auto parsed = parse_json(R"({"a":1,"b":"x"})");
  REQUIRE(parsed.ok());
  REQUIRE(parsed.value().find("b") != nullptr);
  CHECK(parsed.value().find("b")->as_string() == "x");
  CHECK(parsed.value().find("c") == nullptr);
  CHECK(Json::number(1).find("a") == nullptr);
}

TEST_CASE("json: each malformation has its own reason") {
  CHECK(rejection("") == ViewError::UnexpectedEnd);
  CHECK(rejection("   ") == ViewError::UnexpectedEnd);
  CHECK(rejection("[1,") == ViewError::UnexpectedEnd);
  CHECK(rejection("[1") == ViewError::UnexpectedEnd);
  CHECK(rejection(R"({"a")") == ViewError::UnexpectedEnd);
  CHECK(rejection(R"({"a":1)") == ViewError::UnexpectedEnd);
  CHECK(rejection(R"("abc)") == ViewError::UnexpectedEnd);
  CHECK(rejection(R"("\u00)") == ViewError::UnexpectedEnd);
  CHECK(rejection(R"("\)") == ViewError::UnexpectedEnd);

  CHECK(rejection("x") == ViewError::UnexpectedCharacter);
  CHECK(rejection("tru") == ViewError::UnexpectedCharacter);
  CHECK(rejection("nul") == ViewError::UnexpectedCharacter);
  CHECK(rejection("+1") == ViewError::UnexpectedCharacter);
  CHECK(rejection(".5") == ViewError::UnexpectedCharacter);
  CHECK(rejection("[1 2]") == ViewError::UnexpectedCharacter);
  CHECK(rejection("[1,]") == ViewError::UnexpectedCharacter);
  CHECK(rejection("{1:2}") == ViewError::UnexpectedCharacter);
  CHECK(rejection(R"({"a" 1})") == ViewError::UnexpectedCharacter);
  CHECK(rejection(R"({"a":1,})") == ViewError::UnexpectedCharacter);
  CHECK(rejection(R"({"a":1 "b":2})") == ViewError::UnexpectedCharacter);
  CHECK(rejection("'a'") == ViewError::UnexpectedCharacter);

  CHECK(rejection("1 2") == ViewError::TrailingCharacters);
  CHECK(rejection("{}}") == ViewError::TrailingCharacters);
  CHECK(rejection("null x") == ViewError::TrailingCharacters);

  CHECK(rejection("\"a\x01\"") == ViewError::ControlCharacter);
  CHECK(rejection("\"a\nb\"") == ViewError::ControlCharacter);
  CHECK(rejection("\"caf\xc3\xa9\"") == ViewError::NonAscii);
  CHECK(rejection(R"("\u00e9")") == ViewError::NonAscii);
  CHECK(rejection(R"("\ud83d\ude00")") == ViewError::NonAscii);
  CHECK(rejection(R"("\x41")") == ViewError::BadEscape);
  CHECK(rejection(R"("\u12g4")") == ViewError::BadEscape);
  CHECK(rejection(R"("\U0041")") == ViewError::BadEscape);

  CHECK(rejection("-1") == ViewError::NegativeNumber);
  CHECK(rejection("[-0]") == ViewError::NegativeNumber);
  CHECK(rejection("1.5") == ViewError::NotAnInteger);
  CHECK(rejection("1.0") == ViewError::NotAnInteger);
  CHECK(rejection("1e3") == ViewError::NotAnInteger);
  CHECK(rejection("2E1") == ViewError::NotAnInteger);
  CHECK(rejection("01") == ViewError::LeadingZero);
  CHECK(rejection("[00]") == ViewError::LeadingZero);
  CHECK(rejection("18446744073709551616") == ViewError::NumberTooLarge);
  CHECK(rejection("99999999999999999999999") == ViewError::NumberTooLarge);

  CHECK(rejection(R"({"a":1,"a":2})") == ViewError::DuplicateKey);
  CHECK(rejection(R"({"a":1,"b":{"c":1,"d":2,"c":3}})") == ViewError::DuplicateKey);
}

TEST_CASE("json: nesting, size and value count are bounded") {
  const std::string deepest = repeated("[", kMaxJsonDepth) + repeated("]", kMaxJsonDepth);
  CHECK(canonical(deepest) == deepest);
  CHECK(rejection(repeated("[", kMaxJsonDepth + 1) + repeated("]", kMaxJsonDepth + 1)) ==
        ViewError::TooDeep);
  CHECK(rejection(repeated(R"({"a":)", kMaxJsonDepth + 1)) == ViewError::TooDeep);
  // A hostile depth fails fast, without recursing through it.
  CHECK(rejection(repeated("[", 1'000'000)) == ViewError::TooDeep);

  const std::string longest = "\"" + std::string(kMaxJsonBytes - 2, 'a') + "\"";
  CHECK(parse_json(longest).ok());
  CHECK(rejection(longest + " ") == ViewError::TooLarge);

  // The array itself is one value.
  const std::string most = "[" + repeated("0,", kMaxJsonValues - 2) + "0]";
  CHECK(parse_json(most).ok());
  CHECK(rejection("[" + repeated("0,", kMaxJsonValues - 1) + "0]") == ViewError::TooLarge);
}

TEST_CASE("json: every reason has its qualified name") {
  CHECK(std::string(qualified_name(ViewError::TooLarge)) == "ViewError.TooLarge");
  CHECK(std::string(qualified_name(ViewError::DuplicateKey)) == "ViewError.DuplicateKey");
  CHECK(std::string(qualified_name(ViewError::BadChainId)) == "ViewError.BadChainId");
  for (int i = 1; i <= static_cast<int>(ViewError::BadChainId); ++i) {
    CHECK(std::string(qualified_name(static_cast<ViewError>(i))) != "ViewError.Unknown");
  }
  CHECK(std::string(qualified_name(static_cast<ViewError>(0))) == "ViewError.Unknown");
}
