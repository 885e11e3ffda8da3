// Views by kind (view/object_view.hpp): each kind's canonical decoder and encoder paired with its
// view.
#include "view/object_view.hpp"

#include "chain/params.hpp"
#include "consensus/types.hpp"
#include "encoding/sign_digest.hpp"
#include "view/chain_views.hpp"
#include "view/consensus_views.hpp"
#include "view/light_views.hpp"
#include "view/state_views.hpp"

namespace weft::view {
namespace {

template <typename T, typename E> ViewResult<std::string> text_of(const Result<T, E>& decoded) {
  if (!decoded) return decoded.error();
  return write_json(to_json(decoded.value()));
}

// The view read into its object, the object encoded, and the bytes judged by the decoder.
template <typename T, typename Encode, typename Decode>
ViewResult<Bytes> canonical(const Json& view, T (*read)(const Json&, ReadStatus&), Encode encode,
                            Decode decode) {
  ReadStatus status;
  const T value = read(view, status);
  if (!status.ok()) return status.error();
  Bytes bytes = encode(value);
  if (const auto back = decode(bytes); !back) return back.error();
  return bytes;
}

chain::Params default_params() {
  return chain::Params{};
}

auto decode_block(std::span<const std::uint8_t> bytes) {
  return chain::decode_block(bytes, default_params());
}

auto decode_commit(std::span<const std::uint8_t> bytes) {
  return consensus::decode_commit(bytes, consensus::kDefaultMaxValidators);
}

auto decode_validator_set(std::span<const std::uint8_t> bytes) {
  return consensus::decode_validator_set(bytes, consensus::kDefaultMaxValidators);
}

auto decode_light_block(std::span<const std::uint8_t> bytes) {
  return light::decode_light_block(bytes, consensus::kDefaultMaxValidators);
}

// A proof's shape is checked before its bytes so that a view with too few or too many siblings
// is SiblingCountMismatch, not the Truncated or TrailingBytes its bytes would show.
ViewResult<Bytes> proof_bytes(const Json& view) {
  ReadStatus status;
  const state::Proof proof = proof_from_json(view, status);
  if (!status.ok()) return status.error();
  if (const auto shape = state::check_proof_shape(proof); !shape) return shape.error();
  Bytes bytes = state::encode_proof(proof);
  if (const auto back = state::decode_proof(bytes); !back) return back.error();
  return bytes;
}

} // namespace

std::optional<ViewKind> view_kind(std::uint32_t number) {
  if (number < 1 || number > kLastViewKind) return std::nullopt;
  return static_cast<ViewKind>(number);
}

ViewResult<std::string> decode_view(ViewKind kind, std::span<const std::uint8_t> bytes) {
  switch (kind) {
  case ViewKind::Transaction:
    return text_of(chain::decode_transaction(bytes));
  case ViewKind::Header:
    return text_of(chain::decode_header(bytes));
  case ViewKind::Block:
    return text_of(decode_block(bytes));
  case ViewKind::Receipt:
    return text_of(chain::decode_receipt(bytes));
  case ViewKind::Genesis:
    return text_of(chain::decode_genesis(bytes));
  case ViewKind::Account:
    return text_of(chain::decode_account(bytes));
  case ViewKind::Vote:
    return text_of(consensus::decode_vote(bytes));
  case ViewKind::Proposal:
    return text_of(consensus::decode_proposal(bytes));
  case ViewKind::Commit:
    return text_of(decode_commit(bytes));
  case ViewKind::Evidence:
    return text_of(consensus::decode_evidence(bytes));
  case ViewKind::ValidatorSet:
    return text_of(decode_validator_set(bytes));
  case ViewKind::LastSigned:
    return text_of(consensus::decode_last_signed(bytes));
  case ViewKind::LightBlock:
    return text_of(decode_light_block(bytes));
  case ViewKind::StateProof:
    return text_of(state::decode_proof(bytes));
  }
  return ViewError::UnknownKind;
}

ViewResult<Bytes> encode_view(ViewKind kind, const Json& view) {
  const auto same = [](const auto& value) { return chain::encode(value); };
  switch (kind) {
  case ViewKind::Transaction:
    return canonical(view, transaction_from_json, same, chain::decode_transaction);
  case ViewKind::Header:
    return canonical(view, header_from_json, same, chain::decode_header);
  case ViewKind::Block:
    return canonical(view, block_from_json, same, decode_block);
  case ViewKind::Receipt:
    return canonical(view, receipt_from_json, same, chain::decode_receipt);
  case ViewKind::Genesis:
    return canonical(view, genesis_from_json, same, chain::decode_genesis);
  case ViewKind::Account:
    return canonical(view, account_from_json, same, chain::decode_account);
  case ViewKind::Vote:
    return canonical(view, vote_from_json, consensus::encode_vote, consensus::decode_vote);
  case ViewKind::Proposal:
    return canonical(view, proposal_from_json, consensus::encode_proposal,
                     consensus::decode_proposal);
  case ViewKind::Commit:
    return canonical(view, commit_from_json, consensus::encode_commit, decode_commit);
  case ViewKind::Evidence:
    return canonical(view, evidence_from_json, consensus::encode_evidence,
                     consensus::decode_evidence);
  case ViewKind::ValidatorSet:
    return canonical(view, validator_set_from_json, consensus::encode_validator_set,
                     decode_validator_set);
  case ViewKind::LastSigned:
    return canonical(view, last_signed_from_json, consensus::encode_last_signed,
                     consensus::decode_last_signed);
  case ViewKind::LightBlock:
    return canonical(view, light_block_from_json, light::encode_light_block, decode_light_block);
  case ViewKind::StateProof:
    return proof_bytes(view);
  }
  return ViewError::UnknownKind;
}

ViewResult<Bytes> encode_view(ViewKind kind, std::string_view json) {
  const auto parsed = parse_json(json);
  if (!parsed) return parsed.error();
  return encode_view(kind, parsed.value());
}

ViewResult<Digest> view_sign_digest(ViewKind kind, std::span<const std::uint8_t> bytes,
                                    std::string_view chain_id) {
  if (kind != ViewKind::Transaction && kind != ViewKind::Vote && kind != ViewKind::Proposal)
    return ViewError::NotSigned;
  if (!encoding::is_valid_chain_id(chain_id)) return ViewError::BadChainId;
  if (kind == ViewKind::Transaction) {
    const auto tx = chain::decode_transaction(bytes);
    if (!tx) return tx.error();
    return chain::tx_sign_digest(chain_id, tx.value());
  }
  if (kind == ViewKind::Vote) {
    const auto vote = consensus::decode_vote(bytes);
    if (!vote) return vote.error();
    return consensus::vote_sign_digest(chain_id, vote.value());
  }
  const auto proposal = consensus::decode_proposal(bytes);
  if (!proposal) return proposal.error();
  return consensus::proposal_sign_digest(chain_id, proposal.value());
}

ViewResult<Digest> view_id(ViewKind kind, std::span<const std::uint8_t> bytes) {
  switch (kind) {
  case ViewKind::Transaction: {
    const auto tx = chain::decode_transaction(bytes);
    if (!tx) return tx.error();
    return chain::tx_id(bytes);
  }
  case ViewKind::Header: {
    const auto header = chain::decode_header(bytes);
    if (!header) return header.error();
    return chain::block_id(header.value());
  }
  case ViewKind::Block: {
    const auto block = decode_block(bytes);
    if (!block) return block.error();
    return chain::block_id(block.value().header);
  }
  default:
    return ViewError::NoId;
  }
}

} // namespace weft::view
