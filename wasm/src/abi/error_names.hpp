// "Domain.Reason" for every status an export can return (abi/abi.hpp): the name weft_error_name
// hands to TypeScript, spelled as the core's own enums spell it.
#pragma once

#include <cstdint>
#include <string>

namespace weft::abi {

// "" for a status that is not an error (>= 0); "<Domain>Error.Unknown" for a reason the domain
// does not define, and "Unknown" for an unknown domain.
std::string error_name(std::int32_t status);

} // namespace weft::abi
