// Account addresses (docs/protocol.md, "Identities and signing"): the first 20 bytes of
// SHA-256("weft/address/v1" || public key), derived in consensus/address.hpp. Display (bech32m,
// weft1...) is TypeScript's job.
#pragma once

#include "consensus/address.hpp"

namespace weft::chain {

using consensus::address_of;

} // namespace weft::chain
