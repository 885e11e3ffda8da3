// libFuzzer: SHA-256/512 streaming over arbitrary splits must equal one-shot hashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "crypto/sha256.hpp"
#include "crypto/sha512.hpp"

template <typename Hash, typename OneShot>
static void check(std::span<const std::uint8_t> data, std::size_t split, OneShot one_shot) {
  Hash h;
  h.update(data.first(split));
  h.update(data.subspan(split));
  if (h.finish() != one_shot(data)) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
  check<weft::crypto::Sha256>(input, split, [](auto d) { return weft::crypto::sha256(d); });
  check<weft::crypto::Sha512>(input, split, [](auto d) { return weft::crypto::sha512(d); });
  return 0;
}
