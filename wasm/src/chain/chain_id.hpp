// Chain ids (docs/protocol.md, "Identities and signing"): 1-32 characters from [a-z0-9-],
// encoded as bytes(32). Every signature digest includes it, so ids must be unambiguous text.
#pragma once

#include <string>
#include <string_view>

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

inline constexpr std::size_t kMaxChainIdLength = 32;

bool valid_chain_id(std::string_view id);

void write_chain_id(encoding::Writer& w, std::string_view id);
// Reads a chain id; one that is empty or has a character outside [a-z0-9-] is ValueOutOfRange.
std::string read_chain_id(encoding::Reader& r);

} // namespace weft::chain
