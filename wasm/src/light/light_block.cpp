// Light block encoding and well-formedness (docs/protocol.md, "Light block";
// docs/protocol/light-client.md, common check 1).
#include "light/light_block.hpp"

#include <utility>

namespace weft::light {
bool same_light_block(const LightBlock& a, const LightBlock& b) {
  return a.header == b.header && a.commit == b.commit &&
         a.validators.members() == b.validators.members();
}

void write_light_block(encoding::Writer& w, const LightBlock& block) {
  chain::write_header(w, block.header);
  consensus::write_commit(w, block.commit);
  consensus::write_validator_set(w, block.validators);
}

Bytes encode_light_block(const LightBlock& block) {
  encoding::Writer w;
  write_light_block(w, block);
  return std::move(w).take();
}

LightBlock read_light_block(encoding::Reader& r, std::size_t max_validators) {
  LightBlock block;
  block.header = chain::read_header(r);
  block.commit = consensus::read_commit(r, max_validators);
  // A failed reader makes read_validator_set fail with the first error, which it keeps.
  auto set = consensus::read_validator_set(r, max_validators);
  if (set) block.validators = std::move(set).value();
  return block;
}

Result<LightBlock, encoding::DecodeError> decode_light_block(std::span<const std::uint8_t> in,
                                                             std::size_t max_validators) {
  encoding::Reader r(in);
  LightBlock block = read_light_block(r, max_validators);
  if (!r.finish()) return err(r.error());
  return block;
}

Status<LightError> check_well_formed(const LightBlock& block, std::string_view chain_id) {
  if (block.header.chain_id != chain_id) return err(LightError::WrongChain);
  if (block.commit.height != block.header.height ||
      block.commit.block != chain::block_id(block.header)) {
    return err(LightError::CommitForOtherBlock);
  }
  // An empty set (only ever built in memory; the decoder refuses one) could make a zero-power
  // commit look sufficient to a careless tally, so it never counts as well formed.
  if (block.validators.size() == 0 || block.validators.hash() != block.header.validators_hash) {
    return err(LightError::ValidatorsHashMismatch);
  }
  return {};
}

} // namespace weft::light
