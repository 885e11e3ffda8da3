// Light blocks (docs/protocol.md, "Light block"; docs/protocol/light-client.md): a header, the
// commit for it and the validator set that signed the commit — everything a light client needs
// to check one height without executing the chain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "chain/header.hpp"
#include "consensus/commit.hpp"
#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "light/light_error.hpp"
#include "util/result.hpp"

namespace weft::light {

using consensus::Bytes;
using consensus::Hash;

struct LightBlock {
  chain::Header header;
  consensus::Commit commit;
  consensus::ValidatorSet validators; // the set at header.height, which signed `commit`

  std::uint64_t height() const { return header.height; }
};

// Equal encodings: the validator set's derived proposer priorities are not part of a light block.
bool same_light_block(const LightBlock& a, const LightBlock& b);

// `header ‖ commit ‖ validators`, each in its own canonical encoding. The header's version byte
// leads, so a light block still begins with a version.
void write_light_block(encoding::Writer& w, const LightBlock& block);
Bytes encode_light_block(const LightBlock& block);
// Fails the reader with the header's, commit's or set's own decode errors; `max_validators`
// bounds both the set and the commit's signature count (the chain's max_validators parameter).
LightBlock read_light_block(encoding::Reader& r,
                            std::size_t max_validators = consensus::kDefaultMaxValidators);
Result<LightBlock, encoding::DecodeError>
decode_light_block(std::span<const std::uint8_t> in,
                   std::size_t max_validators = consensus::kDefaultMaxValidators);

// Well-formedness (light-client.md, common check 1), no signatures: the header is on `chain_id`,
// the commit is for this header's height and block id, and the set hashes to validators_hash.
// Errors: WrongChain, CommitForOtherBlock, ValidatorsHashMismatch.
Status<LightError> check_well_formed(const LightBlock& block, std::string_view chain_id);

} // namespace weft::light
