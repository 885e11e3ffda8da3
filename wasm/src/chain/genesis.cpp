// Genesis encoding and validity (docs/protocol.md, "Genesis").
#include "chain/genesis.hpp"

#include "chain/amount.hpp"
#include "chain/chain_id.hpp"
#include "chain/power.hpp"
#include "crypto/sha256.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

Bytes encode(const Genesis& g) {
  encoding::Writer w;
  w.u8(kGenesisVersion);
  write_chain_id(w, g.chain_id);
  w.u64(g.genesis_time);
  write_params(w, g.params);
  w.varint(g.accounts.size());
  for (const auto& a : g.accounts) {
    w.fixed(a.address);
    w.u64(a.balance);
  }
  w.varint(g.validators.size());
  for (const auto& v : g.validators) {
    w.fixed(v.public_key);
    w.u64(v.stake);
  }
  return std::move(w).take();
}

Result<Genesis, encoding::DecodeError> decode_genesis(std::span<const std::uint8_t> in) {
  using encoding::DecodeError;
  encoding::Reader r(in);
  Genesis g;
  if (r.u8() != kGenesisVersion && r.ok()) r.fail(DecodeError::UnknownVersion);
  g.chain_id = read_chain_id(r);
  g.genesis_time = r.u64();
  g.params = read_params(r);

  Amount supply = 0;
  auto add_supply = [&](Amount v) {
    const auto s = checked_add(supply, v);
    if (!s) r.fail(DecodeError::ValueOutOfRange);
    supply = s.value_or(0);
  };

  // Counts are bounded by what the remaining input could hold, so a forged count never
  // reserves memory the bytes do not back.
  const auto accounts = r.varint(r.remaining() / 28);
  g.accounts.reserve(static_cast<std::size_t>(accounts));
  for (std::uint64_t i = 0; i < accounts && r.ok(); ++i) {
    GenesisAccount a{r.fixed<20>(), r.u64()};
    if (r.ok() && a.balance == 0) r.fail(DecodeError::ValueOutOfRange);
    if (r.ok() && !g.accounts.empty() && !(g.accounts.back().address < a.address))
      r.fail(DecodeError::NotSorted);
    add_supply(a.balance);
    g.accounts.push_back(a);
  }

  const auto validators = r.varint(r.remaining() / 40);
  if (r.ok() && (validators == 0 || validators > g.params.max_validators))
    r.fail(DecodeError::ValueOutOfRange);
  g.validators.reserve(static_cast<std::size_t>(validators));
  for (std::uint64_t i = 0; i < validators && r.ok(); ++i) {
    GenesisValidator v{r.fixed<32>(), r.u64()};
    if (r.ok() && power_of(v.stake) == 0) r.fail(DecodeError::ValueOutOfRange);
    if (r.ok() && !g.validators.empty() && !(g.validators.back().public_key < v.public_key))
      r.fail(DecodeError::NotSorted);
    add_supply(v.stake);
    g.validators.push_back(v);
  }
  if (!r.finish()) return err(r.error());
  return g;
}

Hash genesis_hash(const Genesis& g) {
  return crypto::sha256(encode(g));
}

} // namespace weft::chain
