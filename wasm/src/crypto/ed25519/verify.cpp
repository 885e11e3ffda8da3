// Single Ed25519 verification, RFC 8032 §5.1.7 under the ZIP-215 rules stated in verify.hpp.
#include "crypto/ed25519/verify.hpp"

#include <algorithm>
#include <optional>

#include "crypto/ed25519/point.hpp"
#include "crypto/ed25519/scalar.hpp"
#include "crypto/sha512.hpp"

namespace weft::crypto::ed25519 {

bool verify(std::span<const std::uint8_t, kPublicKeySize> public_key,
            std::span<const std::uint8_t> message,
            std::span<const std::uint8_t, kSignatureSize> signature) {
  const auto r_bytes = signature.first<32>();
  const auto s_bytes = signature.last<32>();
  if (!sc_is_canonical(s_bytes)) return false;
  const std::optional<P3> a = p3_decode(public_key);
  if (!a) return false;
  const std::optional<P3> r = p3_decode(r_bytes);
  if (!r) return false;

  // k = SHA-512(R || A || M) mod L over the encodings as received, not re-encoded points.
  Sha512 h;
  h.update(r_bytes);
  h.update(public_key);
  h.update(message);
  const Sha512Digest digest = h.finish();
  const Scalar k = sc_reduce(digest);

  Scalar s{};
  std::copy(s_bytes.begin(), s_bytes.end(), s.begin());
  // [S]B - [k]A - R, then the cofactored test [8](...) = identity, which ignores any small-order
  // components of A and R exactly as the batch equation does.
  const P3 sb_minus_ka = double_scalar_mul_base(s, p3_neg(*a), k);
  const P2 diff = p1p1_to_p2(p3_sub(sb_minus_ka, p3_to_cached(*r)));
  return p2_is_identity(p2_mul_by_cofactor(diff));
}

} // namespace weft::crypto::ed25519
