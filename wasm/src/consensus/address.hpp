// Account addresses (docs/protocol.md, "Identities and signing"): the first 20 bytes of
// SHA-256("weft/address/v1" || public key). Consensus needs them for proposer ties and the chain
// for accounts; both use this one derivation. Display (bech32m, weft1...) is TypeScript's job.
#pragma once

#include "consensus/types.hpp"

namespace weft::consensus {

Address address_of(const PublicKey& public_key);

} // namespace weft::consensus
