// The crypto part of weft_core.wasm's C ABI, plus memory management. Pointers are offsets into
// the module's linear memory; the loader owns every buffer it passes (weft_alloc/weft_free) and
// checks lengths before calling, so these functions trust sizes but never read past them.
#include <cstdint>
#include <cstdlib>
#include <new>
#include <span>

#include "abi/abi.hpp"
#include "crypto/ed25519/batch.hpp"
#include "crypto/ed25519/verify.hpp"
#include "crypto/sha256.hpp"
#include "crypto/sha512.hpp"

namespace {

using weft::abi::fixed;

template <typename Hash> Hash* new_hash() {
  void* memory = std::malloc(sizeof(Hash));
  return memory == nullptr ? nullptr : new (memory) Hash();
}

template <typename Hash> void finish_hash(Hash* h, std::uint8_t* out) {
  const auto digest = h->finish();
  std::copy(digest.begin(), digest.end(), out);
  h->~Hash();
  std::free(h);
}

} // namespace

// ABI version: bumped on any incompatible change so a stale .wasm is refused with a clear error.
WEFT_EXPORT(weft_abi_version) std::uint32_t weft_abi_version() {
  return 3;
}

WEFT_EXPORT(weft_alloc) std::uint8_t* weft_alloc(std::uint32_t size) {
  return static_cast<std::uint8_t*>(std::malloc(size == 0 ? 1 : size));
}

WEFT_EXPORT(weft_free) void weft_free(std::uint8_t* p) {
  std::free(p);
}

WEFT_EXPORT(weft_sha256)
void weft_sha256(const std::uint8_t* data, std::uint32_t len, std::uint8_t* out) {
  const auto digest = weft::crypto::sha256({data, len});
  std::copy(digest.begin(), digest.end(), out);
}

WEFT_EXPORT(weft_sha512)
void weft_sha512(const std::uint8_t* data, std::uint32_t len, std::uint8_t* out) {
  const auto digest = weft::crypto::sha512({data, len});
  std::copy(digest.begin(), digest.end(), out);
}

// Streaming hashes for inputs larger than the loader's scratch buffer. A handle returned by
// *_new is consumed by *_finish; 0 means out of memory.
WEFT_EXPORT(weft_sha256_new) weft::crypto::Sha256* weft_sha256_new() {
  return new_hash<weft::crypto::Sha256>();
}
WEFT_EXPORT(weft_sha256_update)
void weft_sha256_update(weft::crypto::Sha256* h, const std::uint8_t* data, std::uint32_t len) {
  h->update({data, len});
}
WEFT_EXPORT(weft_sha256_finish)
void weft_sha256_finish(weft::crypto::Sha256* h, std::uint8_t* out) {
  finish_hash(h, out);
}

WEFT_EXPORT(weft_sha512_new) weft::crypto::Sha512* weft_sha512_new() {
  return new_hash<weft::crypto::Sha512>();
}
WEFT_EXPORT(weft_sha512_update)
void weft_sha512_update(weft::crypto::Sha512* h, const std::uint8_t* data, std::uint32_t len) {
  h->update({data, len});
}
WEFT_EXPORT(weft_sha512_finish)
void weft_sha512_finish(weft::crypto::Sha512* h, std::uint8_t* out) {
  finish_hash(h, out);
}

// Returns 1 when the signature is valid under Weft's ZIP-215 rules, 0 otherwise.
WEFT_EXPORT(weft_ed25519_verify)
std::int32_t weft_ed25519_verify(const std::uint8_t* public_key, const std::uint8_t* message,
                                 std::uint32_t message_len, const std::uint8_t* signature) {
  return weft::crypto::ed25519::verify(fixed<32>(public_key), {message, message_len},
                                       fixed<64>(signature))
             ? 1
             : 0;
}

// Batch layout: count public keys (32 bytes each) back to back, count signatures (64 bytes each),
// the messages concatenated, and count u32 message lengths. results receives count bytes (1/0).
// Returns 1 when every signature is valid, 0 when any is not, -1 when out of memory.
WEFT_EXPORT(weft_ed25519_verify_batch)
std::int32_t weft_ed25519_verify_batch(std::uint32_t count, const std::uint8_t* public_keys,
                                       const std::uint8_t* signatures, const std::uint8_t* messages,
                                       const std::uint32_t* message_lens, const std::uint8_t* seed,
                                       std::uint8_t* results) {
  using weft::crypto::ed25519::BatchItem;
  auto* items = static_cast<BatchItem*>(std::malloc(sizeof(BatchItem) * (count == 0 ? 1 : count)));
  if (items == nullptr) return -1;
  std::size_t offset = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    new (&items[i]) BatchItem{fixed<32>(public_keys + 32 * i),
                              {messages + offset, message_lens[i]},
                              fixed<64>(signatures + 64 * i)};
    offset += message_lens[i];
  }
  const bool all_valid =
      weft::crypto::ed25519::verify_batch({items, count}, fixed<32>(seed), {results, count});
  std::free(items);
  return all_valid ? 1 : 0;
}
