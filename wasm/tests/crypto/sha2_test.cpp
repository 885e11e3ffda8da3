// SHA-256 and SHA-512 against the FIPS 180-4 example vectors (NIST CSRC "Examples with
// Intermediate Values") and against themselves across every streaming split.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../hex.hpp"
#include "crypto/sha256.hpp"
#include "crypto/sha512.hpp"

using weft::crypto::Sha256;
using weft::crypto::Sha512;
using weft::test::bytes_of;
using weft::test::to_hex;

namespace {
constexpr const char* kTwoBlock448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* kTwoBlock896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
} // namespace

TEST_CASE("sha256: NIST examples") {
  CHECK(to_hex(weft::crypto::sha256(bytes_of(""))) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(weft::crypto::sha256(bytes_of("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(weft::crypto::sha256(bytes_of(kTwoBlock448))) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(to_hex(weft::crypto::sha256(bytes_of(kTwoBlock896))) ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256: one million 'a'") {
  const std::string million(1'000'000, 'a');
  CHECK(to_hex(weft::crypto::sha256(bytes_of(million))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha512: NIST examples") {
  CHECK(to_hex(weft::crypto::sha512(bytes_of(""))) ==
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  CHECK(to_hex(weft::crypto::sha512(bytes_of("abc"))) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(to_hex(weft::crypto::sha512(bytes_of(kTwoBlock448))) ==
        "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
        "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
  CHECK(to_hex(weft::crypto::sha512(bytes_of(kTwoBlock896))) ==
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
        "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST_CASE("sha512: one million 'a'") {
  const std::string million(1'000'000, 'a');
  CHECK(to_hex(weft::crypto::sha512(bytes_of(million))) ==
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
        "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

// Padding has three regimes (fits in the last block, needs an extra block, exact boundary); every
// length across three blocks and every split point must give the one-shot digest.
TEST_CASE_TEMPLATE("sha2: streaming equals one-shot for every length and split", Hash, Sha256,
                   Sha512) {
  std::vector<std::uint8_t> data(3 * Hash::kBlockSize + 1);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 131 + 7);
  for (std::size_t len = 0; len <= data.size(); ++len) {
    const std::span<const std::uint8_t> msg(data.data(), len);
    Hash one_shot;
    one_shot.update(msg);
    const auto expected = one_shot.finish();
    for (std::size_t split = 0; split <= len; split += (len < 40 ? 1 : 7)) {
      Hash h;
      h.update(msg.first(split));
      h.update(msg.subspan(split));
      REQUIRE(h.finish() == expected);
    }
  }
}

TEST_CASE("sha2: finish resets the object for the next message") {
  Sha256 h;
  h.update(bytes_of("abc"));
  (void)h.finish();
  h.update(bytes_of("abc"));
  CHECK(to_hex(h.finish()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
