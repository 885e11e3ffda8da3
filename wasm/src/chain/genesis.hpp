// Genesis (docs/protocol.md, "Genesis"): the chain id, start time, parameters, initial balances
// and initial validators. Its hash identifies the chain; genesis_state.hpp turns it into state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chain/params.hpp"
#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct GenesisAccount {
  Address address{};
  Amount balance = 0;
  bool operator==(const GenesisAccount&) const = default;
};

struct GenesisValidator {
  PublicKey public_key{};
  Amount stake = 0; // self-bonded by the account Address(public_key)
  bool operator==(const GenesisValidator&) const = default;
};

struct Genesis {
  std::string chain_id;
  std::uint64_t genesis_time = 0;
  Params params;
  std::vector<GenesisAccount> accounts;     // strictly ascending by address
  std::vector<GenesisValidator> validators; // strictly ascending by public key
  bool operator==(const Genesis&) const = default;
};

inline constexpr std::uint8_t kGenesisVersion = 1;

Bytes encode(const Genesis& g);
// Besides the layout, rejects (ValueOutOfRange): a zero balance, a validator stake below one
// unit of power, no validators or more than max_validators, a total supply beyond u64.
Result<Genesis, encoding::DecodeError> decode_genesis(std::span<const std::uint8_t> in);
Hash genesis_hash(const Genesis& g);

} // namespace weft::chain
