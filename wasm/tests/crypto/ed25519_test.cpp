// Ed25519 verification: RFC 8032 §7.1 examples, mutations, ZIP-215 edge cases, and unit tests
// for the field, scalar and group layers underneath (including the committed base-point table).
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "../hex.hpp"
#include "crypto/ed25519/base_table.hpp"
#include "crypto/ed25519/field.hpp"
#include "crypto/ed25519/point.hpp"
#include "crypto/ed25519/scalar.hpp"
#include "crypto/ed25519/verify.hpp"
#include "crypto/sha512.hpp"
#include "ed25519_signer.hpp"

namespace {

namespace ed = weft::crypto::ed25519;
using weft::test::from_hex;
using weft::test::to_hex;

std::array<std::uint8_t, 32> b32(std::string_view hex) {
  const auto v = from_hex(hex);
  REQUIRE(v.size() == 32);
  std::array<std::uint8_t, 32> out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

std::array<std::uint8_t, 64> b64(std::string_view hex) {
  const auto v = from_hex(hex);
  REQUIRE(v.size() == 64);
  std::array<std::uint8_t, 64> out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

bool verify_hex(std::string_view pk, const std::vector<std::uint8_t>& msg, std::string_view sig) {
  return ed::verify(b32(pk), msg, b64(sig));
}

// A deterministic stream of test bytes (SHA-512 in counter mode).
struct TestRng {
  std::uint64_t counter = 0;
  std::array<std::uint8_t, 32> bytes32() {
    std::array<std::uint8_t, 8> c{};
    for (std::size_t i = 0; i < 8; ++i) c[i] = static_cast<std::uint8_t>(counter >> (8 * i));
    ++counter;
    const auto d = weft::crypto::sha512(c);
    std::array<std::uint8_t, 32> out{};
    std::copy(d.begin(), d.begin() + 32, out.begin());
    return out;
  }
  ed::Fe fe() { return ed::fe_from_bytes(bytes32()); }
  ed::Scalar scalar() {
    auto s = bytes32();
    s[31] &= 0x0f; // below 2^252 < L
    return s;
  }
};

std::string fe_hex(const ed::Fe& f) {
  return to_hex(ed::fe_to_bytes(f));
}

// ---------------------------------------------------------------------------------------------
// RFC 8032 §7.1

struct RfcVector {
  const char* name;
  const char* public_key;
  std::vector<std::uint8_t> message;
  const char* signature;
};

std::vector<RfcVector> rfc_vectors() {
  const auto abc = weft::crypto::sha512(weft::test::bytes_of("abc"));
  return {
      {"TEST 1",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
       {},
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
       "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"TEST 2", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", from_hex("72"),
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
       "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
      {"TEST 3", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
       from_hex("af82"),
       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760"
       "984dc6594a7c15e9716ed28dc027beceea1ec40a"},
      {"TEST 1024", "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
       from_hex(
           "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8"
           "f54e9f77b1e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c8"
           "1b37c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a"
           "858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116"
           "ec6dad2b3b310da903401aa62100ab5d1a36553e06203b33890cc9b832f79ef80560ccb9a39ce767967ed6"
           "28c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7aff6"
           "f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629e"
           "9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce"
           "22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f27088d78b"
           "7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9"
           "089beccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d08"
           "59dc65a46128bab27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a"
           "2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268c"
           "b8fcffead94f3c7ca495e056a9b47acdb751fb73e666c6c655ade8297297d07ad1ba5e43f1bca323016513"
           "39e22904cc8c42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8ca61783aac"
           "ec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927"
           "094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b"
           "16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e488acba6b9656"
           "10b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943"
           "bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c"
           "496afc5fb93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225b"
           "c307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c0"
           "91c6315cf4fde7cb68606937380db2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86"
           "aba41c0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0"),
       "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23"
       "c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
      {"TEST SHA(abc)", "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
       std::vector<std::uint8_t>(abc.begin(), abc.end()),
       "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c6"
       "6431e0303dca179c138ac17ad9bef1177331a704"},
  };
}

TEST_CASE("ed25519: RFC 8032 7.1 examples verify") {
  for (const auto& v : rfc_vectors()) {
    INFO(v.name);
    CHECK(v.message.size() == (std::string(v.name) == "TEST 1024" ? 1023u : v.message.size()));
    CHECK(verify_hex(v.public_key, v.message, v.signature));
  }
}

TEST_CASE("ed25519: any single-bit change to A, R, S or the message is rejected") {
  for (const auto& v : rfc_vectors()) {
    INFO(v.name);
    const auto pk = b32(v.public_key);
    const auto sig = b64(v.signature);
    for (std::size_t bit = 0; bit < 256; ++bit) {
      auto p = pk;
      p[bit / 8] = static_cast<std::uint8_t>(p[bit / 8] ^ (1u << (bit % 8)));
      CHECK_FALSE(ed::verify(p, v.message, sig));
    }
    for (std::size_t bit = 0; bit < 512; ++bit) {
      auto s = sig;
      s[bit / 8] = static_cast<std::uint8_t>(s[bit / 8] ^ (1u << (bit % 8)));
      CHECK_FALSE(ed::verify(pk, v.message, s));
    }
    for (std::size_t bit = 0; bit < std::min<std::size_t>(v.message.size() * 8, 256); ++bit) {
      auto m = v.message;
      m[bit / 8] = static_cast<std::uint8_t>(m[bit / 8] ^ (1u << (bit % 8)));
      CHECK_FALSE(ed::verify(pk, m, sig));
    }
    auto longer = v.message;
    longer.push_back(0);
    CHECK_FALSE(ed::verify(pk, longer, sig));
    if (!v.message.empty()) {
      auto shorter = v.message;
      shorter.pop_back();
      CHECK_FALSE(ed::verify(pk, shorter, sig));
    }
  }
}

// Adds L (or 2^253 etc.) to the S half of a signature, little-endian.
std::array<std::uint8_t, 64> add_to_s(std::array<std::uint8_t, 64> sig,
                                      const std::array<std::uint8_t, 32>& x) {
  unsigned carry = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    const unsigned t = sig[32 + i] + x[i] + carry;
    sig[32 + i] = static_cast<std::uint8_t>(t);
    carry = t >> 8;
  }
  return sig;
}

TEST_CASE("ed25519: S must be canonical (S + L, S + 2^253, S = L are rejected)") {
  for (const auto& v : rfc_vectors()) {
    INFO(v.name);
    const auto pk = b32(v.public_key);
    const auto sig = b64(v.signature);
    // Every RFC S is below 2^252 + 2^253 - L... in practice all are < 2^252, so S + L < 2^256.
    REQUIRE(sig[63] < 0x10);
    CHECK_FALSE(ed::verify(pk, v.message, add_to_s(sig, ed::kGroupOrder)));
    std::array<std::uint8_t, 32> two253{};
    two253[31] = 0x20;
    CHECK_FALSE(ed::verify(pk, v.message, add_to_s(sig, two253)));
  }
  // S = L with the identity everywhere would satisfy the equation if S were reduced mod L.
  std::array<std::uint8_t, 64> sig{};
  sig[0] = 1; // R = identity
  std::copy(ed::kGroupOrder.begin(), ed::kGroupOrder.end(), sig.begin() + 32);
  std::array<std::uint8_t, 32> identity{};
  identity[0] = 1;
  CHECK_FALSE(ed::verify(identity, {}, sig));
  sig[32] = 0; // S = L with its low byte cleared is canonical: [S]B != identity, rejected too
  CHECK_FALSE(ed::verify(identity, {}, sig));
  std::fill(sig.begin() + 32, sig.end(), 0); // S = 0: valid under ZIP-215
  CHECK(ed::verify(identity, {}, sig));
}

// ---------------------------------------------------------------------------------------------
// ZIP-215 behaviour

constexpr const char* kIdentity =
    "0100000000000000000000000000000000000000000000000000000000000000";
// y = p + 1, a non-canonical encoding of the identity.
constexpr const char* kIdentityNonCanonical =
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
// y = 1 with the sign bit set: x = 0, so RFC 8032 rejects it and ZIP-215 accepts it.
constexpr const char* kIdentityNegativeZero =
    "0100000000000000000000000000000000000000000000000000000000000080";
// (0, -1), the point of order 2.
constexpr const char* kOrder2 = "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
// y = 0, a point of order 4 ((sqrt(-1), 0)); and its non-canonical twin y = p.
constexpr const char* kOrder4 = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr const char* kOrder4NonCanonical =
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
// The canonical encoding of a point of order 8 (y from the torsion subgroup).
constexpr const char* kOrder8 = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a";

TEST_CASE("ed25519: ZIP-215 decoding of non-canonical and small-order encodings") {
  const auto id = ed::p3_decode(b32(kIdentity));
  REQUIRE(id);
  CHECK(ed::p3_is_identity(*id));
  for (const char* enc : {kIdentityNonCanonical, kIdentityNegativeZero}) {
    INFO(enc);
    const auto p = ed::p3_decode(b32(enc));
    REQUIRE(p);
    CHECK(ed::p3_is_identity(*p));
    CHECK(to_hex(ed::p3_encode(*p)) == kIdentity);
  }
  const auto o4 = ed::p3_decode(b32(kOrder4));
  const auto o4n = ed::p3_decode(b32(kOrder4NonCanonical));
  REQUIRE(o4);
  REQUIRE(o4n);
  CHECK(ed::p3_equal(*o4, *o4n));
  // y = 2 is not the y of any curve point.
  CHECK_FALSE(
      ed::p3_decode(b32("0200000000000000000000000000000000000000000000000000000000000000")));
  // Small-order points vanish under the cofactor; the base point does not.
  for (const char* enc : {kIdentity, kOrder2, kOrder4, kOrder8}) {
    INFO(enc);
    const auto p = ed::p3_decode(b32(enc));
    REQUIRE(p);
    CHECK(ed::p2_is_identity(ed::p2_mul_by_cofactor(ed::p3_to_p2(*p))));
  }
  CHECK_FALSE(ed::p3_is_identity(*ed::p3_decode(b32(kOrder2))));
  const auto b =
      ed::p3_decode(b32("5866666666666666666666666666666666666666666666666666666666666666"));
  REQUIRE(b);
  CHECK_FALSE(ed::p2_is_identity(ed::p2_mul_by_cofactor(ed::p3_to_p2(*b))));
}

TEST_CASE("ed25519: small-order keys and R, with S = 0, verify for any message (ZIP-215)") {
  const std::vector<std::uint8_t> msg = {'W', 'e', 'f', 't'};
  for (const char* a : {kIdentity, kIdentityNonCanonical, kIdentityNegativeZero, kOrder2, kOrder4,
                        kOrder4NonCanonical, kOrder8}) {
    for (const char* r : {kIdentity, kIdentityNegativeZero, kOrder2, kOrder8}) {
      INFO(a << " " << r);
      std::array<std::uint8_t, 64> sig{};
      const auto rb = b32(r);
      std::copy(rb.begin(), rb.end(), sig.begin());
      CHECK(ed::verify(b32(a), msg, sig));
      sig[32] = 1; // S = 1: [8]B is not small, so the equation fails
      CHECK_FALSE(ed::verify(b32(a), msg, sig));
    }
  }
}

TEST_CASE("ed25519: the equation is cofactored (small-order parts of A and R are ignored)") {
  TestRng rng;
  const auto key = weft::test::ed25519::key_from_seed(rng.bytes32());
  const auto a = ed::p3_decode(key.public_key);
  REQUIRE(a);
  const std::vector<std::uint8_t> msg = {1, 2, 3};
  for (const char* t_enc : {kOrder2, kOrder4, kOrder8}) {
    INFO(t_enc);
    const auto t = *ed::p3_decode(b32(t_enc));
    // A' = A + T, with k computed over the encoding of A'.
    const auto a_mixed = ed::p3_encode(ed::p1p1_to_p3(ed::p3_add(*a, ed::p3_to_cached(t))));
    CHECK(ed::verify(a_mixed, msg, weft::test::ed25519::sign_with(key, a_mixed, msg)));
    // R' = R + T.
    const auto sig = weft::test::ed25519::sign_with(key, key.public_key, msg, &t);
    CHECK(ed::verify(key.public_key, msg, sig));
    // The hash covers the encodings as given: signing over A and presenting A' fails.
    CHECK_FALSE(ed::verify(a_mixed, msg, weft::test::ed25519::sign(key, msg)));
  }
}

TEST_CASE("ed25519: the hash covers the non-canonical encoding as given") {
  // A = identity encoded as y = p + 1; R = identity; S = 0 verifies, and so does any S with
  // [8][S]B = [8][k]A = identity, i.e. only S = 0. The point: decoding accepts it and k is
  // computed over "eeff..7f", which the batch test relies on too.
  std::array<std::uint8_t, 64> sig{};
  sig[0] = 1;
  CHECK(ed::verify(b32(kIdentityNonCanonical), {}, sig));
  // Public key off the curve is rejected regardless of the rest.
  CHECK_FALSE(
      ed::verify(b32("0200000000000000000000000000000000000000000000000000000000000000"), {}, sig));
  // R off the curve is rejected.
  sig[0] = 2;
  CHECK_FALSE(ed::verify(b32(kIdentity), {}, sig));
}

TEST_CASE("ed25519: generated signatures verify, and sign/verify agree over many keys") {
  TestRng rng;
  for (int i = 0; i < 32; ++i) {
    const auto key = weft::test::ed25519::key_from_seed(rng.bytes32());
    std::vector<std::uint8_t> msg(static_cast<std::size_t>(i * 7));
    for (std::size_t j = 0; j < msg.size(); ++j) msg[j] = static_cast<std::uint8_t>(j * 31 + 7);
    const auto sig = weft::test::ed25519::sign(key, msg);
    CHECK(ed::verify(key.public_key, msg, sig));
  }
  // The signer itself against RFC 8032 TEST 1 (secret key from §7.1).
  const auto key = weft::test::ed25519::key_from_seed(
      b32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  CHECK(to_hex(key.public_key) ==
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  CHECK(to_hex(weft::test::ed25519::sign(key, {})) == rfc_vectors()[0].signature);
}

// ---------------------------------------------------------------------------------------------
// Field

constexpr const char* kP = "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";

TEST_CASE("ed25519 field: encoding round trips and reduces non-canonical values") {
  TestRng rng;
  for (int i = 0; i < 64; ++i) {
    auto x = rng.bytes32();
    x[31] &= 0x7f;
    if (x[31] == 0x7f) x[31] = 0x7e; // keep below p
    CHECK(to_hex(ed::fe_to_bytes(ed::fe_from_bytes(x))) == to_hex(x));
  }
  CHECK(fe_hex(ed::fe_from_bytes(b32(kP))) == std::string(64, '0'));
  CHECK(ed::fe_is_zero(ed::fe_from_bytes(b32(kP))));
  // p + 1 -> 1; 2^255 - 1 = p + 18 -> 18; bit 255 is ignored.
  CHECK(fe_hex(ed::fe_from_bytes(b32(kIdentityNonCanonical))) == kIdentity);
  CHECK(fe_hex(ed::fe_from_bytes(
            b32("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"))) ==
        "1200000000000000000000000000000000000000000000000000000000000000");
  CHECK(fe_hex(ed::fe_from_bytes(
            b32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"))) ==
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  // Negative representations reduce to p - x.
  CHECK(fe_hex(ed::fe_neg(ed::fe_one())) == kOrder2);
  CHECK(ed::fe_is_negative(ed::fe_one()));
  CHECK_FALSE(ed::fe_is_negative(ed::fe_neg(ed::fe_one()))); // p - 1 is even
  CHECK_FALSE(ed::fe_is_zero(ed::fe_one()));
  // A limb pattern whose reduction needs the final "value >= p" subtraction: p itself as limbs.
  ed::Fe p_limbs{};
  for (std::size_t i = 0; i < 10; ++i) p_limbs.v[i] = (1 << ed::kLimbBits[i]) - 1;
  p_limbs.v[0] -= 18;
  CHECK(ed::fe_is_zero(p_limbs));
  // Large negative limbs (magnitude 32) still encode correctly: -(32 * p-ish) pattern.
  ed::Fe big{};
  for (std::size_t i = 0; i < 10; ++i) big.v[i] = -(31 << (ed::kLimbBits[i] - 1));
  const ed::Fe big_carried = ed::fe_mul(big, ed::fe_one());
  CHECK(fe_hex(big) == fe_hex(big_carried));
}

TEST_CASE("ed25519 field: ring identities, including at the largest permitted magnitudes") {
  TestRng rng;
  for (int i = 0; i < 64; ++i) {
    const ed::Fe a = rng.fe(), b = rng.fe(), c = rng.fe();
    // (a + b)(a - b) = a^2 - b^2, a(b + c) = ab + ac, sq = mul, sq2 = 2 sq.
    CHECK(fe_hex(ed::fe_mul(ed::fe_add(a, b), ed::fe_sub(a, b))) ==
          fe_hex(ed::fe_sub(ed::fe_sq(a), ed::fe_sq(b))));
    CHECK(fe_hex(ed::fe_mul(a, ed::fe_add(b, c))) ==
          fe_hex(ed::fe_add(ed::fe_mul(a, b), ed::fe_mul(a, c))));
    CHECK(fe_hex(ed::fe_sq(a)) == fe_hex(ed::fe_mul(a, a)));
    CHECK(fe_hex(ed::fe_sq2(a)) == fe_hex(ed::fe_add(ed::fe_sq(a), ed::fe_sq(a))));
    // Magnitudes 4 and 8 (product 32): sums of tight values, the worst the formulas produce.
    const ed::Fe a4 = ed::fe_add(ed::fe_add(a, b), ed::fe_add(c, a));
    const ed::Fe b8 = ed::fe_add(ed::fe_add(a4, a4), ed::fe_sub(a4, ed::fe_neg(a4)));
    const ed::Fe a4c = ed::fe_carry(
        {a4.v[0], a4.v[1], a4.v[2], a4.v[3], a4.v[4], a4.v[5], a4.v[6], a4.v[7], a4.v[8], a4.v[9]});
    // b8 = 4 a4, so a4 b8 = 4 a4^2.
    CHECK(fe_hex(ed::fe_mul(a4, b8)) ==
          fe_hex(ed::fe_mul(ed::fe_sq(a4c),
                            ed::fe_from_bytes(b32("0400000000000000000000000000000000000000000000"
                                                  "000000000000000000")))));
    CHECK(fe_hex(ed::fe_sq2(a4)) == fe_hex(ed::fe_add(ed::fe_sq(a4c), ed::fe_sq(a4c))));
  }
  // Extreme limbs: every limb at +max and -max for magnitudes 4 and 8 (UBSan would flag overflow).
  for (int sign : {1, -1}) {
    ed::Fe f4{}, g8{};
    for (std::size_t i = 0; i < 10; ++i) {
      f4.v[i] = sign * (4 << (ed::kLimbBits[i] - 1));
      g8.v[i] = -sign * (8 << (ed::kLimbBits[i] - 1));
    }
    const ed::Fe f4c = ed::fe_mul(f4, ed::fe_one());
    const ed::Fe g8c = ed::fe_mul(g8, ed::fe_one());
    CHECK(fe_hex(ed::fe_mul(f4, g8)) == fe_hex(ed::fe_mul(f4c, g8c)));
    CHECK(fe_hex(ed::fe_sq(g8)) == fe_hex(ed::fe_sq(g8c)));
  }
}

TEST_CASE("ed25519 field: inversion, the (p-5)/8 power and square roots") {
  TestRng rng;
  CHECK(ed::fe_is_zero(ed::fe_invert(ed::fe_zero())));
  int roots_direct = 0, roots_times_i = 0;
  for (int i = 0; i < 64; ++i) {
    const ed::Fe a = rng.fe();
    CHECK(fe_hex(ed::fe_mul(a, ed::fe_invert(a))) == kIdentity);
    // a^(8 (2^252 - 3) + 5) = a^p = a
    ed::Fe t = ed::fe_pow22523(a);
    for (int k = 0; k < 3; ++k) t = ed::fe_sq(t);
    const ed::Fe a5 = ed::fe_mul(ed::fe_sq(ed::fe_sq(a)), a);
    CHECK(fe_hex(ed::fe_mul(t, a5)) == fe_hex(a));
    // u = x^2 v is a square ratio; u = 2 x^2 v is not (2 is not a square mod p).
    const ed::Fe v = rng.fe();
    const ed::Fe u = ed::fe_mul(ed::fe_sq(a), v);
    const ed::SqrtRatio r = ed::fe_sqrt_ratio(u, v);
    REQUIRE(r.was_square);
    CHECK(fe_hex(ed::fe_mul(v, ed::fe_sq(r.x))) == fe_hex(u));
    // Which branch found it: the first candidate or the one times sqrt(-1).
    const ed::Fe v3 = ed::fe_mul(ed::fe_sq(v), v);
    const ed::Fe cand =
        ed::fe_mul(ed::fe_mul(u, v3), ed::fe_pow22523(ed::fe_mul(u, ed::fe_mul(ed::fe_sq(v3), v))));
    (fe_hex(cand) == fe_hex(r.x) ? roots_direct : roots_times_i) += 1;
    const ed::Fe two = ed::fe_add(ed::fe_one(), ed::fe_one());
    CHECK_FALSE(ed::fe_sqrt_ratio(ed::fe_mul(two, u), v).was_square);
  }
  CHECK(roots_direct > 0);
  CHECK(roots_times_i > 0);
  const ed::SqrtRatio zero = ed::fe_sqrt_ratio(ed::fe_zero(), ed::fe_one());
  CHECK(zero.was_square);
  CHECK(ed::fe_is_zero(zero.x));
  // The constants: sqrt(-1)^2 = -1, d * (1/d) = 1, 2d = d + d, d = -121665/121666.
  CHECK(fe_hex(ed::fe_sq(ed::kFeSqrtM1)) == kOrder2);
  CHECK(fe_hex(ed::fe_mul(ed::kFeD, ed::kFeDInv)) == kIdentity);
  CHECK(fe_hex(ed::fe_add(ed::kFeD, ed::kFeD)) == fe_hex(ed::kFeD2));
  std::array<std::uint8_t, 32> n121665{}, n121666{};
  n121665[0] = 0x41, n121665[1] = 0xdb, n121665[2] = 0x01; // 121665 = 0x01db41
  n121666[0] = 0x42, n121666[1] = 0xdb, n121666[2] = 0x01;
  CHECK(fe_hex(ed::fe_mul(ed::kFeD, ed::fe_from_bytes(n121666))) ==
        fe_hex(ed::fe_neg(ed::fe_from_bytes(n121665))));
}

// ---------------------------------------------------------------------------------------------
// Scalars

TEST_CASE("ed25519 scalar: canonical check") {
  auto l = ed::kGroupOrder;
  CHECK_FALSE(ed::sc_is_canonical(l));
  l[0] -= 1;
  CHECK(ed::sc_is_canonical(l)); // L - 1
  l[0] += 2;
  CHECK_FALSE(ed::sc_is_canonical(l)); // L + 1
  CHECK(ed::sc_is_canonical(ed::Scalar{}));
  auto high = ed::Scalar{};
  high[31] = 0x80;
  CHECK_FALSE(ed::sc_is_canonical(high));
  high[31] = 0x0f;
  high[0] = 0xff;
  CHECK(ed::sc_is_canonical(high)); // decided by the top byte
  auto mid = ed::kGroupOrder;
  mid[15] = 0x15; // above L in a middle byte
  CHECK_FALSE(ed::sc_is_canonical(mid));
  mid[15] = 0x13;
  CHECK(ed::sc_is_canonical(mid));
}

// Expected values computed with Python big integers; little-endian hex.
TEST_CASE("ed25519 scalar: reduction of 512-bit values") {
  const std::pair<const char*, const char*> cases[] = {
      {"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"0100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0100000000000000000000000000000000000000000000000000000000000000"},
      {"ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"},
      {"edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"eed3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0100000000000000000000000000000000000000000000000000000000000000"},
      {"daa7ebb934c624b0ac39ef45bdf3bd2900000000000000000000000000000020000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"0000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000010"},
      {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f"},
      {"0000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "132c0aa3e59ceda72963085d210621ebffffffffffffffffffffffffffffff0f"},
      {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff000000000000000000000000000"
       "0000000000000000000000000000000000000",
       "1c95988d7431ecd670cf7d73f45befc6feffffffffffffffffffffffffffff0f"},
      {"698912ab85f6ede21da3982276920368bef517d273ecce3d9a307c1b4199b3a17dba9e4b634c02cb9af35ed43bd"
       "f9b0200000000000000000000000000000001",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
       "fffffffffffffffffffffffffffffffffffff",
       "000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903"},
      {"0000000000000000000000000000000000000000000000000000000000000000ecd3f55c1a631258d69cf7a2def"
       "9de1400000000000000000000000000000010",
       "d03e5dcfa531268165cd792fea9def4d01000000000000000000000000000000"},
      {"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "0000000000000000000000000000000000080",
       "77f1c8d07e3a0cfe0e98be05c38a76f232dffa0be93976e71e4d18be8da0cc09"},
      {"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "0000000000000000000000000000008000000",
       "c878d8dba20b776c5257fda5516050c6909e6377eed184e1db08ca9c8d091605"},
      {"fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
       "fffffffffffffffffffffffffffffffffff00",
       "688912ab85f6ede21da3982276920368bef517d273ecce3d9a307c1b4199b301"},
      {"38b4e652e44da7f2370d9e260e27136550a4a3a6d07f5c0c332f8b1224083fd22b902f8911e81818f8c99d5d5d9"
       "831957504d90e945de2e8f54ee781cc75f636",
       "69e635e2b59edaf289828e009b47ac5dd30f507e94a31614a8be389e1655b504"},
      {"d85099095aa300165a67036f9b540d6b8f0be21124179c3dd9f73817ce6e118d264aad6cb6dd210faf94acd3cf9"
       "2c190237cb11f5d108cf25930263938b370a1",
       "841ac4e571c9aab54df078817d95682262aed88f044783d0d94ebef20ceea708"},
      {"b5769fa0f1483f95a90d9df2f130d60fcf04bd93f50ae69514da8c659ce2b10cccdaebf990d19838b0d7ec0b3e9"
       "7818ecb96c4dbadbe172296d5234a42b24c6b",
       "fbfa1ec8eb3a28a0e6867e40d52d53090b65e07e85158eb020b4e9cfd6832400"},
      {"a4e6ed24ec636a8ac0a1271e5866279238aaf84e58056d8f2fa8edd094ba97ae8b15442ee2db611a91bfe394697"
       "33a9247d58fa3c55018300372555fd235f118",
       "b305efce81f3acddc5aaf695eb594e91c52d6aa59bde4665067f38bdd565e105"},
      {"29fb388c22e44cb637f01210c3707a90b405420fb169779edfb5b9342405157f54b12eae62d11e887eb0766d187"
       "7f8c6eff26b5010af3177d161e79587a766ec",
       "cae4b378653d86e4ae365c9c37478e948d5d0c84e11d2cfb77418ca6b6914601"},
      {"30e4037458a9905cad87bd4c77e2983f27745ccb9a31052e944cf1b220eaa2c7fb1b7d3e3f73f414af6e0d93552"
       "0dd4c2147738606f2bf7ec70209e0cd05ee57",
       "60850f0de6fd29b69ce916259544db136bd78ed0c9b8fb1c87cfc43a66fb5003"},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    const auto x = from_hex(in);
    REQUIRE(x.size() == 64);
    std::array<std::uint8_t, 64> xa{};
    std::copy(x.begin(), x.end(), xa.begin());
    CHECK(to_hex(ed::sc_reduce(xa)) == out);
  }
}

TEST_CASE("ed25519 scalar: multiply-add") {
  struct Case {
    const char *a, *b, *c, *out;
  };
  const Case cases[] = {
      {"0000000000000000000000000000000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",
       "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",
       "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
       "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
       "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
       "d14df91389432c25ad60ff9791b9fd1d67bef517d273ecce3d9a307c1b419903"},
      {"0100000000000000000000000000000000000000000000000000000000000000",
       "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",
       "0000000000000000000000000000000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000000"},
      {"0200000000000000000000000000000000000000000000000000000000000000",
       "0000000000000000000000000000000000000000000000000000000000000010",
       "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",
       "122c0aa3e59ceda72963085d210621ebffffffffffffffffffffffffffffff0f"},
      {"20edbcba3acce672084ab649fcbce49b38bdecface4abd12108f391ebc070e83",
       "e8180a6bd4f43a2afffcd3c12ef890575575e826e2cbeaee82af2c7d696cf46b",
       "977c090af4e146f6d03110ab86efde139eeabac37a0dde8ef2d3b1925e1302ca",
       "426672c25021ee47dc93b597681f310bb30f6a92f1447a6404734aae6905ef00"},
      {"57501fe0ca9a7fd1ccc15150424212578fe0feb17b4aa559cd9f28984b14267f",
       "1b037494dd1c01cc6adfc974d1729a11fe2008d737e8f517d69ed6f181bd1a45",
       "29825e79455971b21ae105aab2d6a3100b08880f0f422dbb36fb94b3cb6d424f",
       "76ca5f98da3a61a8d80b36bf86f965264ed053ab6fcb2c329d8f846ec871bb09"},
      {"813caaa5b348f4930b893bfe338f65aea5a969d270831572af40db4852eb74b7",
       "4f3ac362881215e31ed32cab3d56d55807afc6053558cef092a9317629b2ff5a",
       "e637052b3839659c78fdf91d0aaa627e00a3170ffb76dc37c1eaaac499239549",
       "2f218eaff6ef815a1b3062581d4d9e6cb1413c464fffebcafe8368225a04520f"},
      {"cf701c21e66105bd83af633f509fdc659c471564d277b4eab08215df3c101b7f",
       "e7f9a0141afb962a02f2fd727628d2661118a88c1f772047597125e27e970d23",
       "d952bcd1b0aa366e09162edd5f30db8c4d9a46473a6ad6b44ddf506a4a1b89fc",
       "251d1c8bc67a66f0901345e47e1bda9f6f6626c8e9ff68ae4cb0b3065154c009"},
      {"406dd85b24f0c6ae05765ae2c999646100000000000000000000000000000000",
       "700b3898e52400e3e623ab834b825f00f09a1c2dbd7dbb267686613b91911205",
       "0000000000000000000000000000000000000000000000000000000000000000",
       "73b7715f6fe31df44c4abc555c09a20967cfd93f1744e04054a90949a1d32200"},
      {"eae9bb3b9e9016037f84267c2e8cc2d400000000000000000000000000000000",
       "72f8da39b5a29bd6eebf4ba0dda24d3359470c014e0c4b25ef13406b805e1b01",
       "0000000000000000000000000000000000000000000000000000000000000000",
       "f12fb885b652f7d2a32288d544b125e1b1921b442e13c9662a589c73f4461202"},
  };
  for (const auto& t : cases) {
    INFO(t.a << " " << t.b << " " << t.c);
    CHECK(to_hex(ed::sc_muladd(b32(t.a), b32(t.b), b32(t.c))) == t.out);
  }
}

// ---------------------------------------------------------------------------------------------
// Group

TEST_CASE("ed25519 point: the committed base-point table is (2i+1)B") {
  const auto b =
      ed::p3_decode(b32("5866666666666666666666666666666666666666666666666666666666666666"));
  REQUIRE(b);
  CHECK(to_hex(ed::p3_encode(*b)) ==
        "5866666666666666666666666666666666666666666666666666666666666666");
  const ed::Cached b2 = ed::p3_to_cached(ed::p1p1_to_p3(ed::p2_dbl(ed::p3_to_p2(*b))));
  ed::P3 p = *b;
  for (std::size_t i = 0; i < ed::kBaseTableSize; ++i) {
    INFO(i);
    const ed::Precomp expect = ed::p3_to_precomp(p);
    const ed::Precomp& got = ed::base_odd_multiple(i);
    CHECK(fe_hex(got.yplusx) == fe_hex(expect.yplusx));
    CHECK(fe_hex(got.yminusx) == fe_hex(expect.yminusx));
    CHECK(fe_hex(got.xy2d) == fe_hex(expect.xy2d));
    CHECK(fe_hex(got.yplusx) == ed::base_table::kOddMultiplesHex[i].yplusx);
    CHECK(fe_hex(got.yminusx) == ed::base_table::kOddMultiplesHex[i].yminusx);
    CHECK(fe_hex(got.xy2d) == ed::base_table::kOddMultiplesHex[i].xy2d);
    // Tight limbs, as the addition formulas assume.
    for (const ed::Fe* f : {&got.yplusx, &got.yminusx, &got.xy2d}) {
      for (std::size_t j = 0; j < 10; ++j) {
        CHECK(std::abs(f->v[j]) <= (1 << (ed::kLimbBits[j] - 1)) + 32);
      }
    }
    p = ed::p1p1_to_p3(ed::p3_add(p, b2));
  }
}

// Reference [s]P by plain double-and-add over the bits.
ed::P3 naive_mul(const ed::Scalar& s, const ed::P3& p) {
  ed::P3 acc = ed::p3_identity();
  for (std::size_t bit = 256; bit-- > 0;) {
    acc = ed::p1p1_to_p3(ed::p2_dbl(ed::p3_to_p2(acc)));
    if ((s[bit / 8] >> (bit % 8)) & 1) acc = ed::p1p1_to_p3(ed::p3_add(acc, ed::p3_to_cached(p)));
  }
  return acc;
}

TEST_CASE("ed25519 point: double-scalar multiplication matches double-and-add") {
  TestRng rng;
  const auto b =
      *ed::p3_decode(b32("5866666666666666666666666666666666666666666666666666666666666666"));
  for (int i = 0; i < 24; ++i) {
    const ed::Scalar a = rng.scalar(), s = rng.scalar();
    const ed::P3 p = naive_mul(rng.scalar(), b);
    const ed::P3 fast = ed::double_scalar_mul_base(a, p, s);
    const ed::P3 slow =
        ed::p1p1_to_p3(ed::p3_add(naive_mul(a, b), ed::p3_to_cached(naive_mul(s, p))));
    CHECK(ed::p3_equal(fast, slow));
    CHECK(to_hex(ed::p3_encode(fast)) == to_hex(ed::p3_encode(slow)));
  }
  // Edge scalars: 0, 1, L - 1, and all-ones below 2^253 (long carries in the NAF).
  auto lm1 = ed::kGroupOrder;
  lm1[0] -= 1;
  ed::Scalar ones{};
  ones.fill(0xff);
  ones[31] = 0x1f;
  ed::Scalar one{};
  one[0] = 1;
  for (const ed::Scalar& s : {ed::Scalar{}, one, lm1, ones}) {
    CHECK(ed::p3_equal(ed::double_scalar_mul_base(s, b, s),
                       ed::p1p1_to_p3(ed::p2_dbl(ed::p3_to_p2(naive_mul(s, b))))));
  }
  // [L - 1]B + [1]B = identity
  CHECK(ed::p3_is_identity(ed::double_scalar_mul_base(lm1, b, one)));
  CHECK(ed::p3_is_identity(ed::double_scalar_mul_base(ed::Scalar{}, b, ed::Scalar{})));
  // p3_sub and p3_msub undo p3_add and p3_madd.
  const ed::P3 p = naive_mul(rng.scalar(), b);
  const ed::P3 q = naive_mul(rng.scalar(), b);
  const ed::P3 pq = ed::p1p1_to_p3(ed::p3_add(p, ed::p3_to_cached(q)));
  CHECK(ed::p3_equal(ed::p1p1_to_p3(ed::p3_sub(pq, ed::p3_to_cached(q))), p));
  const ed::Precomp qa = ed::p3_to_precomp(q);
  CHECK(ed::p3_equal(ed::p1p1_to_p3(ed::p3_madd(p, qa)), pq));
  CHECK(ed::p3_equal(ed::p1p1_to_p3(ed::p3_msub(pq, qa)), p));
  CHECK(ed::p3_equal(ed::p1p1_to_p3(ed::p3_madd(p, ed::precomp_neg(qa))),
                     ed::p1p1_to_p3(ed::p3_sub(p, ed::p3_to_cached(q)))));
  CHECK_FALSE(ed::p3_equal(p, q));
  CHECK_FALSE(ed::p3_equal(p, ed::p3_neg(p)));
  // A decoded point (Z = 1) gives the same Precomp with and without the inversion.
  const auto pd = *ed::p3_decode(ed::p3_encode(p));
  CHECK(fe_hex(ed::p3_affine_to_precomp(pd).xy2d) == fe_hex(ed::p3_to_precomp(p).xy2d));
  CHECK(fe_hex(ed::p3_affine_to_precomp(pd).yplusx) == fe_hex(ed::p3_to_precomp(p).yplusx));
}

TEST_CASE("ed25519 point: wNAF digits reconstruct the scalar") {
  TestRng rng;
  for (int w : {2, 5, 8}) {
    for (int i = 0; i < 16; ++i) {
      ed::Scalar s = rng.scalar();
      if (i == 0) s.fill(0xff), s[31] = 0x1f;
      std::array<std::int8_t, ed::kNafDigits> d{};
      const std::size_t top = ed::wnaf(s, w, d);
      // Horner over the digits mod L (compared with s mod L: the all-ones case exceeds L).
      ed::Scalar acc{};
      ed::Scalar two{};
      two[0] = 2;
      std::size_t last_nonzero = 1000;
      for (std::size_t j = ed::kNafDigits; j-- > 0;) {
        ed::Scalar digit{};
        if (d[j] >= 0) {
          digit[0] = static_cast<std::uint8_t>(d[j]);
        } else {
          digit = ed::kGroupOrder;
          digit[0] = static_cast<std::uint8_t>(digit[0] + d[j]); // L - |d|, no borrow: L[0] = 0xed
        }
        acc = ed::sc_muladd(acc, two, digit);
        if (d[j] != 0) {
          CHECK((d[j] & 1) != 0);
          CHECK(std::abs(d[j]) < (1 << (w - 1)));
          if (last_nonzero != 1000) CHECK(last_nonzero - j >= static_cast<std::size_t>(w));
          last_nonzero = j;
          if (top != 0 && j + 1 > top) CHECK(false);
        }
      }
      CHECK(to_hex(acc) == to_hex(weft::test::ed25519::reduce_32(s)));
      CHECK((top == 0 || d[top - 1] != 0));
    }
  }
}

} // namespace
