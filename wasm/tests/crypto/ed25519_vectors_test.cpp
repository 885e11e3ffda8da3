// Public Ed25519 vector sets (Wycheproof, the ZIP-215 set, SUPERCOP sign.input, strict-RFC edge
// cases), read at run time from WEFT_VECTORS_DIR and never copied into the repository. Where the
// folder is absent the cases say so and pass. Expected answers follow ZIP-215; every place where
// that differs from a strict verifier's expectation is listed, with its reason, in
// tests/data/ed25519-zip215-expectations.json.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../hex.hpp"
#include "crypto/ed25519/verify.hpp"

#ifndef WEFT_VECTORS_DIR
#define WEFT_VECTORS_DIR ""
#endif

namespace {

namespace ed = weft::crypto::ed25519;
using weft::test::from_hex;

// ---------------------------------------------------------------------------------------------
// A small JSON reader for these files: objects, arrays, strings (with simple escapes), numbers,
// booleans and null. Malformed input fails the test rather than being guessed at.

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
  bool boolean = false;
  double number = 0; // test-only; never used by the consensus code
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  const Json& operator[](const std::string& key) const {
    static const Json kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : it->second;
  }
  long long integer() const { return static_cast<long long>(number); }
};

class JsonParser {
public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  std::optional<Json> parse() {
    Json v;
    if (!value(v)) return std::nullopt;
    skip_ws();
    if (pos_ != text_.size()) return std::nullopt;
    return v;
  }

private:
  void skip_ws() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool string(std::string& out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c == '\\') {
        if (pos_ >= text_.size()) return false;
        const char e = text_[pos_++];
        switch (e) {
        case 'n':
          c = '\n';
          break;
        case 't':
          c = '\t';
          break;
        case 'r':
          c = '\r';
          break;
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'u': {
          // Only ASCII escapes appear in these files.
          if (pos_ + 4 > text_.size()) return false;
          const auto code = std::stoi(std::string(text_.substr(pos_, 4)), nullptr, 16);
          pos_ += 4;
          if (code > 0x7f) return false;
          c = static_cast<char>(code);
          break;
        }
        default:
          c = e; // \" \\ \/
        }
      }
      out.push_back(c);
    }
    if (pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }
  bool value(Json& v) {
    skip_ws();
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '{') {
      v.kind = Json::Kind::Object;
      ++pos_;
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
      for (;;) {
        skip_ws();
        std::string key;
        if (!string(key)) return false;
        skip_ws();
        if (pos_ >= text_.size() || text_[pos_++] != ':') return false;
        Json member;
        if (!value(member)) return false;
        v.object.emplace(std::move(key), std::move(member));
        skip_ws();
        if (pos_ >= text_.size()) return false;
        if (text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (text_[pos_] == '}') return ++pos_, true;
        return false;
      }
    }
    if (c == '[') {
      v.kind = Json::Kind::Array;
      ++pos_;
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
      for (;;) {
        Json element;
        if (!value(element)) return false;
        v.array.push_back(std::move(element));
        skip_ws();
        if (pos_ >= text_.size()) return false;
        if (text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (text_[pos_] == ']') return ++pos_, true;
        return false;
      }
    }
    if (c == '"') {
      v.kind = Json::Kind::String;
      return string(v.string);
    }
    if (literal("true")) return v.kind = Json::Kind::Bool, v.boolean = true, true;
    if (literal("false")) return v.kind = Json::Kind::Bool, v.boolean = false, true;
    if (literal("null")) return v.kind = Json::Kind::Null, true;
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           std::string_view("+-0123456789.eE").find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
    }
    if (pos_ == start) return false;
    v.kind = Json::Kind::Number;
    v.number = std::stod(std::string(text_.substr(start, pos_ - start)));
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------

std::optional<std::string> read_vector_file(const char* name) {
  const std::filesystem::path dir(WEFT_VECTORS_DIR);
  const auto path = dir / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::printf("[ed25519 vectors] skipped %s: %s not found (WEFT_VECTORS_DIR=\"%s\"; the public "
                "vectors live beside the checkout in shared/vectors and are not in the repo)\n",
                name, path.string().c_str(), WEFT_VECTORS_DIR);
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<Json> read_json(const char* name) {
  const auto text = read_vector_file(name);
  if (!text) return std::nullopt;
  auto json = JsonParser(*text).parse();
  REQUIRE_MESSAGE(json.has_value(), "malformed JSON in " << name);
  return json;
}

// verify() over hex inputs of any length: the API fixes A at 32 and the signature at 64 bytes,
// so other lengths are invalid before any arithmetic (Wycheproof's truncated/garbage cases).
bool verify_any(std::string_view pk_hex, std::string_view msg_hex, std::string_view sig_hex) {
  const auto pk = from_hex(pk_hex);
  const auto msg = from_hex(msg_hex);
  const auto sig = from_hex(sig_hex);
  if (pk.size() != ed::kPublicKeySize || sig.size() != ed::kSignatureSize) return false;
  return ed::verify(std::span<const std::uint8_t, 32>(pk.data(), 32), msg,
                    std::span<const std::uint8_t, 64>(sig.data(), 64));
}

// The intended differences from strict verifiers live in one file both test suites read:
// tests/data/ed25519-zip215-expectations.json (tcId or index, the ZIP-215 answer, the reason).
Json read_expectations() {
  const std::filesystem::path path =
      std::filesystem::path(WEFT_TEST_DATA_DIR) / "ed25519-zip215-expectations.json";
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto json = JsonParser(ss.str()).parse();
  REQUIRE_MESSAGE(json.has_value(), "malformed JSON in " << path.string());
  return *json;
}

TEST_CASE("ed25519 vectors: Wycheproof eddsa_verify (ZIP-215 deviations listed)") {
  const auto json = read_json("ed25519-wycheproof.json");
  if (!json) return;
  REQUIRE((*json)["algorithm"].string == "EDDSA");
  int count = 0;
  std::map<int, bool> seen_deviation;
  const Json expectations = read_expectations();
  const auto& deviations = expectations["wycheproofDeviations"].array;
  REQUIRE(!deviations.empty());
  for (const auto& group : (*json)["testGroups"].array) {
    const std::string& pk = group["publicKey"]["pk"].string;
    for (const auto& t : group["tests"].array) {
      const int id = static_cast<int>(t["tcId"].integer());
      const std::string& result = t["result"].string;
      REQUIRE((result == "valid" || result == "invalid"));
      bool expected = result == "valid";
      for (const auto& d : deviations) {
        if (d["tcId"].integer() == id) {
          const bool zip215_valid = d["zip215Valid"].boolean;
          CHECK_MESSAGE(expected != zip215_valid, "tcId " << id << " is not a deviation");
          INFO("deviation: " << d["reason"].string);
          expected = zip215_valid;
          seen_deviation[id] = true;
        }
      }
      INFO("tcId " << id << ": " << t["comment"].string);
      CHECK(verify_any(pk, t["msg"].string, t["sig"].string) == expected);
      ++count;
    }
  }
  CHECK(count == (*json)["numberOfTests"].integer());
  CHECK(count == 151);
  for (const auto& d : deviations) {
    CHECK_MESSAGE(seen_deviation[static_cast<int>(d["tcId"].integer())], d["tcId"].integer());
  }
}

TEST_CASE("ed25519 vectors: ZIP-215 set (valid_zip215)") {
  const auto json = read_json("ed25519-zip215.json");
  if (!json) return;
  // The ZIP-215 test set signs the message "Zcash".
  const std::string msg_hex = "5a63617368";
  int count = 0, valid = 0;
  for (const auto& t : json->array) {
    INFO("case " << count << " vk " << t["vk_bytes"].string << " sig " << t["sig_bytes"].string);
    const bool expected = t["valid_zip215"].boolean;
    CHECK(verify_any(t["vk_bytes"].string, msg_hex, t["sig_bytes"].string) == expected);
    valid += expected ? 1 : 0;
    ++count;
  }
  CHECK(count == 196);
  MESSAGE("zip215 set: " << valid << " of " << count << " valid under ZIP-215");
}

TEST_CASE("ed25519 vectors: SUPERCOP sign.input (all verify; one-bit mutations fail)") {
  const auto text = read_vector_file("ed25519-sign-input.txt");
  if (!text) return;
  std::istringstream lines(*text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t colon; (colon = line.find(':', start)) != std::string::npos;
         start = colon + 1) {
      fields.push_back(line.substr(start, colon - start));
    }
    REQUIRE(fields.size() == 4);
    const auto pk = from_hex(fields[1]);
    const auto msg = from_hex(fields[2]);
    const auto sig_msg = from_hex(fields[3]);
    REQUIRE(pk.size() == 32);
    REQUIRE(sig_msg.size() == 64 + msg.size());
    std::array<std::uint8_t, 32> a{};
    std::array<std::uint8_t, 64> sig{};
    std::copy(pk.begin(), pk.end(), a.begin());
    std::copy(sig_msg.begin(), sig_msg.begin() + 64, sig.begin());
    INFO("line " << count + 1);
    CHECK(ed::verify(a, msg, sig));
    // One flipped bit, rotating through A, R, S and the message.
    const auto n = static_cast<std::size_t>(count);
    switch (n % 4) {
    case 0:
      a[(n / 4) % 32] ^= static_cast<std::uint8_t>(1u << (n % 8));
      break;
    case 1:
      sig[(n / 4) % 32] ^= static_cast<std::uint8_t>(1u << (n % 8));
      break;
    case 2:
      sig[32 + (n / 4) % 32] ^= static_cast<std::uint8_t>(1u << (n % 8));
      break;
    default:
      break;
    }
    auto m = msg;
    if (n % 4 == 3) {
      if (m.empty()) {
        m.push_back(0);
      } else {
        m[(n / 4) % m.size()] ^= static_cast<std::uint8_t>(1u << (n % 8));
      }
    }
    CHECK_FALSE(ed::verify(a, m, sig));
    ++count;
  }
  CHECK(count == 1024);
}

// Signatures that strict RFC 8032 verification rejects. What ZIP-215 does with each, and why:
TEST_CASE("ed25519 vectors: strict-RFC edge cases under ZIP-215") {
  const auto json = read_json("ed25519-edge-cases.json");
  if (!json) return;
  const Json expectations = read_expectations();
  const auto& cases = expectations["edgeCases"].array;
  REQUIRE(json->array.size() == cases.size());
  for (const auto& e : cases) {
    const auto index = static_cast<std::size_t>(e["index"].integer());
    REQUIRE(index < json->array.size());
    const Json& t = json->array[index];
    INFO("edge case " << index << ": " << e["reason"].string);
    CHECK(verify_any(t["pub_key"].string, t["message"].string, t["signature"].string) ==
          e["zip215Valid"].boolean);
  }
}

} // namespace
