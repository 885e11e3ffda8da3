// Validator set encoding and hash (docs/protocol.md, "Validator set").
#include "chain/validator_list.hpp"

#include <algorithm>
#include <vector>

#include "crypto/sha256.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

Bytes encode_validator_list(std::span<const ValidatorPower> set) {
  encoding::Writer w;
  w.varint(set.size());
  for (const auto& v : set) {
    w.fixed(v.public_key);
    w.u64(v.power);
  }
  return std::move(w).take();
}

Result<ValidatorList, encoding::DecodeError> decode_validator_list(std::span<const std::uint8_t> in,
                                                                   std::uint64_t max_validators) {
  using encoding::DecodeError;
  encoding::Reader r(in);
  ValidatorList set;
  const auto n = r.varint(max_validators);
  set.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n, r.remaining() / 40)));
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    ValidatorPower v{r.fixed<32>(), r.u64()};
    if (r.ok() && v.power == 0) r.fail(DecodeError::ValueOutOfRange);
    if (r.ok() && !set.empty() && !set_order(set.back(), v)) r.fail(DecodeError::NotSorted);
    set.push_back(v);
  }
  // Set order (power descending, then key) does not by itself exclude one key listed twice with
  // different powers; a key may appear once, and a duplicate in a sorted list is NotSorted.
  if (r.ok()) {
    std::vector<PublicKey> keys;
    keys.reserve(set.size());
    for (const auto& v : set) keys.push_back(v.public_key);
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) r.fail(DecodeError::NotSorted);
  }
  if (!r.finish()) return err(r.error());
  return set;
}

Hash validators_hash(std::span<const ValidatorPower> set) {
  return crypto::sha256(encode_validator_list(set));
}

} // namespace weft::chain
