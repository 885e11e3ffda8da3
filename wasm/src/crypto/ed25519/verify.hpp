// Ed25519 signature verification, RFC 8032 §5.1.7 with the ZIP-215 acceptance rules:
//  - A and R may be non-canonical encodings (y >= p is reduced mod p); they must decode to points
//    on the curve. Small-order A and R are accepted.
//  - S must be canonical (S < L); otherwise the signature is rejected.
//  - The cofactored equation [8][S]B = [8]R + [8][k]A is checked, k = SHA-512(R || A || M) mod L,
//    hashing the encodings exactly as given.
// These rules make single and batch verification agree on every input.
#pragma once

#include <cstdint>
#include <span>

namespace weft::crypto::ed25519 {

inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSignatureSize = 64;

bool verify(std::span<const std::uint8_t, kPublicKeySize> public_key,
            std::span<const std::uint8_t> message,
            std::span<const std::uint8_t, kSignatureSize> signature);

} // namespace weft::crypto::ed25519
