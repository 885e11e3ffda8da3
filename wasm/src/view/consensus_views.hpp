// Views of the consensus objects (docs/protocol/views.md; docs/protocol.md "Objects"): votes,
// proposals, commits, duplicate-vote evidence, validator sets, and the sign guard's LastSigned
// record. Rounds that may be unset (pol_round, locked and valid rounds) are null when unset.
#pragma once

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "view/fields.hpp"
#include "view/json.hpp"

namespace weft::view {

Json to_json(const consensus::Vote& vote);
Json to_json(const consensus::Proposal& proposal);
Json to_json(const consensus::Commit& commit);
Json to_json(const consensus::DuplicateVoteEvidence& evidence);
Json to_json(const consensus::ValidatorSet& set);
Json to_json(const consensus::LastSigned& record);

consensus::Vote vote_from_json(const Json& json, ReadStatus& status);
consensus::Proposal proposal_from_json(const Json& json, ReadStatus& status);
consensus::Commit commit_from_json(const Json& json, ReadStatus& status);
consensus::DuplicateVoteEvidence evidence_from_json(const Json& json, ReadStatus& status);
// A ValidatorSet cannot hold members that break its rules, so this one applies them, with the
// DecodeError the decoder gives for the same list: members out of set order or a key listed twice
// (NotSorted), none, zero power or too much power (ValueOutOfRange), more than
// kDefaultMaxValidators (LengthTooLarge).
consensus::ValidatorSet validator_set_from_json(const Json& json, ReadStatus& status);
consensus::LastSigned last_signed_from_json(const Json& json, ReadStatus& status);

} // namespace weft::view
