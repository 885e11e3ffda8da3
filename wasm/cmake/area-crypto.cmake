# Crypto: SHA-2 (FIPS 180-4) and Ed25519 verification (RFC 8032, ZIP-215).
list(APPEND WEFT_CORE_SOURCES
  src/crypto/sha256.cpp
  src/crypto/sha512.cpp
  src/crypto/ed25519/field.cpp
  src/crypto/ed25519/scalar.cpp
  src/crypto/ed25519/point.cpp
  src/crypto/ed25519/verify.cpp
  src/crypto/ed25519/batch.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/crypto/sha2_test.cpp
  tests/crypto/ed25519_test.cpp
  tests/crypto/ed25519_vectors_test.cpp
  tests/crypto/ed25519_batch_test.cpp
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_sha2 fuzz_ed25519_verify fuzz_ed25519_batch)
