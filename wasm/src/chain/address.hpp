// Account addresses (docs/protocol.md, "Identities and signing"): the first 20 bytes of
// SHA-256("weft/address/v1" || public key). Display (bech32m, weft1...) is TypeScript's job.
#pragma once

#include "chain/types.hpp"

namespace weft::chain {

Address address_of(const PublicKey& public_key);

} // namespace weft::chain
