// Genesis, blocks and stateful transaction checks across the boundary (docs/protocol/
// transactions.md): the host hands over canonical bytes and a state tree handle; the core
// validates, executes or builds, and hands back everything the host must persist.
//
// Requests and answers are framed with the canonical encoding's own primitives (varint counts
// and lengths, big-endian integers); wasm/ts/src/blocks.ts mirrors every layout documented here.
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abi/abi.hpp"
#include "abi/session.hpp"
#include "abi/tree_handle.hpp"
#include "abi/tx_proof.hpp"
#include "chain/block_builder.hpp"
#include "chain/block_verify.hpp"
#include "chain/execute.hpp"
#include "chain/genesis.hpp"
#include "chain/genesis_state.hpp"
#include "chain/state_keys.hpp"
#include "chain/state_view.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_verify.hpp"
#include "chain/validator_list.hpp"
#include "chain/verified_signatures.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

using weft::abi::error_status;
using weft::abi::ErrorDomain;
using weft::abi::hash_at;
using weft::abi::Session;
using weft::abi::TreeHandle;
using weft::chain::VerifiedSignatures;
namespace ch = weft::chain;
namespace enc = weft::encoding;

namespace {

constexpr std::size_t kMaxChainIdBytes = 64;
// Bounds on request pieces; the chain's own parameters bound them again, tighter, when decoded.
constexpr std::size_t kMaxObjectBytes = std::size_t{64} << 20;
constexpr std::uint64_t kMaxListItems = std::uint64_t{1} << 20;

std::string read_chain_id(enc::Reader& r) {
  const auto bytes = r.bytes(kMaxChainIdBytes);
  return {bytes.begin(), bytes.end()};
}

std::optional<ch::Bytes> read_optional_bytes(enc::Reader& r) {
  if (!r.boolean()) return std::nullopt;
  return r.bytes(kMaxObjectBytes);
}

std::vector<ch::Bytes> read_list(enc::Reader& r) {
  const auto count = r.varint(kMaxListItems);
  std::vector<ch::Bytes> items;
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) items.push_back(r.bytes(kMaxObjectBytes));
  return items;
}

// The new root and its nodes: root [32], varint count, then per node hash [32] and its
// varint-length encoding (the layout weft_smt_apply answers with).
void write_nodes(enc::Writer& w, const weft::state::NodeBatch& nodes) {
  w.varint(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    w.fixed(nodes.hash(i));
    w.bytes(nodes.bytes(i));
  }
}

// An executed block: header (varint-length encoding) | block id [32] | new root [32] | tx_bytes u64
// | fees_burned u64 | tips u64 | minted u64 | slashed u64 | next_base_fee_per_byte u64 | receipts
// (varint count, each tx id [32], u8 result — 0 applied, else the TxError —, fee burned u64, tip
// u64) | writes (varint count, each key [32], u8 has_value, and when 1 a varint-length value) |
// nodes (write_nodes).
void write_outcome(enc::Writer& w, const ch::Header& header, const ch::BlockOutcome& o) {
  w.bytes(ch::encode(header));
  w.fixed(o.block_id);
  w.fixed(o.update.root);
  const auto& e = o.execution;
  w.u64(e.tx_bytes);
  w.u64(e.fees_burned);
  w.u64(e.tips);
  w.u64(e.minted);
  w.u64(e.slashed);
  w.u64(e.next_base_fee_per_byte);
  w.varint(e.receipts.size());
  for (const auto& receipt : e.receipts) {
    w.fixed(receipt.tx_id);
    w.u8(receipt.error ? static_cast<std::uint8_t>(*receipt.error) : 0);
    w.u64(receipt.fee_burned);
    w.u64(receipt.tip);
  }
  w.varint(o.writes.size());
  for (const auto& write : o.writes) {
    w.fixed(write.key);
    w.boolean(write.value.has_value());
    if (write.value) w.bytes(*write.value);
  }
  write_nodes(w, o.update.nodes);
}

// Where a rejected block went wrong, always 10 bytes: u8 flags (1 = tx index, 2 = tx error,
// 4 = evidence index) | tx index u32 | tx error u8 | evidence index u32.
void write_diagnostics(Session* s, const ch::BlockDiagnostics& d) {
  enc::Writer w;
  w.u8(static_cast<std::uint8_t>((d.tx_index ? 1 : 0) | (d.tx_error ? 2 : 0) |
                                 (d.evidence_index ? 4 : 0)));
  w.u32(d.tx_index.value_or(0));
  w.u8(d.tx_error ? static_cast<std::uint8_t>(*d.tx_error) : 0);
  w.u32(d.evidence_index.value_or(0));
  s->out = std::move(w).take();
}

std::int32_t block_failure(Session* s, ch::BlockError error, const ch::BlockDiagnostics& d) {
  write_diagnostics(s, d);
  return error_status(ErrorDomain::Block, error);
}

// The previous header, decoded; no header means height 1.
struct Previous {
  std::optional<ch::Header> header;
  std::optional<enc::DecodeError> malformed;
};

Previous read_previous(enc::Reader& r) {
  Previous p;
  const auto bytes = read_optional_bytes(r);
  if (!bytes) return p;
  auto decoded = ch::decode_header(*bytes);
  if (decoded) {
    p.header = std::move(decoded).value();
  } else {
    p.malformed = decoded.error();
  }
  return p;
}

// A failed StateView read: the store lacked a node, or a record did not decode.
std::int32_t view_failure(const ch::StateView& view) {
  return error_status(ErrorDomain::State, view.failure() == ch::ViewFailure::Unavailable
                                              ? weft::state::StateError::MissingNode
                                              : weft::state::StateError::CorruptNode);
}

} // namespace

// Input: a genesis encoding. Output: genesis hash [32] | state root [32] | the validator set of
// heights 1 and 2 (varint-length validator list encoding) | nodes (write_nodes) — the writes of
// height 0, which the host persists before using the root.
WEFT_EXPORT(weft_genesis_load)
std::int32_t weft_genesis_load(Session* s, TreeHandle* h, const std::uint8_t* bytes,
                               std::uint32_t len) {
  const auto genesis = ch::decode_genesis({bytes, len});
  if (!genesis) return error_status(ErrorDomain::Decode, genesis.error());
  const auto update = ch::genesis_state(h->tree, genesis.value());
  if (!update) return error_status(ErrorDomain::State, update.error());
  enc::Writer w;
  w.fixed(ch::genesis_hash(genesis.value()));
  w.fixed(update.value().root);
  w.bytes(ch::encode_validator_list(ch::genesis_validator_set(genesis.value())));
  write_nodes(w, update.value().nodes);
  s->out = std::move(w).take();
  return 0;
}

// Request: chain id (varint-length) | previous header (u8 present, varint-length encoding; absent
// at height 1) | expected proposer (u8 present, [20]) | block (varint-length encoding).
// Validates and executes the block on the state at `root`, which must be the previous header's
// state root. Output: the outcome (write_outcome); on a BlockError, the diagnostics.
WEFT_EXPORT(weft_block_validate)
std::int32_t weft_block_validate(Session* s, TreeHandle* h, VerifiedSignatures* v,
                                 const std::uint8_t* root, const std::uint8_t* request,
                                 std::uint32_t request_len) {
  enc::Reader r({request, request_len});
  const auto chain_id = read_chain_id(r);
  const auto previous = read_previous(r);
  std::optional<ch::Address> expected;
  if (r.boolean()) expected = r.fixed<20>();
  const auto block = r.bytes(kMaxObjectBytes);
  if (!r.finish()) return error_status(ErrorDomain::Decode, r.error());
  if (previous.malformed) return error_status(ErrorDomain::Decode, *previous.malformed);

  ch::BlockDiagnostics diagnostics;
  const ch::BlockContext ctx{chain_id, previous.header ? &*previous.header : nullptr, expected, v};
  const auto outcome = ch::validate_block(block, h->tree, hash_at(root), ctx, &diagnostics);
  if (!outcome) return block_failure(s, outcome.error(), diagnostics);
  // A valid block decodes; reading its header again is cheap and keeps validate_block's
  // interface to what consensus needs.
  enc::Reader block_reader(block);
  block_reader.u8(); // the block's version
  const auto header = ch::read_header(block_reader);
  enc::Writer w;
  write_outcome(w, header, outcome.value());
  s->out = std::move(w).take();
  return 0;
}

// Request: chain id | previous header (as for weft_block_validate) | time u64 | proposer [20] |
// last commit (varint-length; the empty commit at height 1) | evidence (varint count, each
// varint-length) | candidate transactions in the proposer's order (varint count, each
// varint-length). Output: block (varint-length encoding) | outcome (write_outcome) | skipped
// candidates (varint count, each index u32 and TxError u8).
WEFT_EXPORT(weft_block_build)
std::int32_t weft_block_build(Session* s, TreeHandle* h, VerifiedSignatures* v,
                              const std::uint8_t* root, const std::uint8_t* request,
                              std::uint32_t request_len) {
  enc::Reader r({request, request_len});
  const auto chain_id = read_chain_id(r);
  const auto previous = read_previous(r);
  ch::BlockProposal proposal;
  proposal.time = r.u64();
  proposal.proposer = r.fixed<20>();
  const auto commit_bytes = r.bytes(kMaxObjectBytes);
  const auto evidence_bytes = read_list(r);
  const auto candidates = read_list(r);
  if (!r.finish()) return error_status(ErrorDomain::Decode, r.error());
  if (previous.malformed) return error_status(ErrorDomain::Decode, *previous.malformed);

  auto commit = weft::consensus::decode_commit(commit_bytes);
  if (!commit) return error_status(ErrorDomain::Decode, commit.error());
  for (const auto& e : evidence_bytes) {
    auto evidence = weft::consensus::decode_evidence(e);
    if (!evidence) return error_status(ErrorDomain::Decode, evidence.error());
    proposal.evidence.push_back(std::move(evidence).value());
  }
  proposal.chain_id = chain_id;
  proposal.previous = previous.header ? &*previous.header : nullptr;
  proposal.last_commit = std::move(commit).value();
  proposal.candidates = candidates;
  proposal.verified = v;

  const auto built = ch::build_block(h->tree, hash_at(root), proposal);
  if (!built) return block_failure(s, built.error(), {});
  enc::Writer w;
  w.bytes(ch::encode(built.value().block));
  write_outcome(w, built.value().block.header, built.value().outcome);
  w.varint(built.value().skipped.size());
  for (const auto& [index, error] : built.value().skipped) {
    w.u32(static_cast<std::uint32_t>(index));
    w.u8(static_cast<std::uint8_t>(error));
  }
  s->out = std::move(w).take();
  return 0;
}

// Every check a transaction must pass to enter the next block on the state at `root` (stateless,
// signature, then admission and execution rules), after the same sender's earlier pooled
// transactions have run: the mempool's question. Request: chain id (varint-length) | tx
// (varint-length) | ahead (varint count, each varint-length), executed in order first in a
// scratch overlay — a failure among them is the answer — | u8 check_signature (0 when the host
// already verified this transaction's signature: re-validating the pool after a block). Output: tx
// id [32] | size u64 | fee burned u64 | tip u64; or a negative TxError, or a State status when the
// state could not be read.
// With a signature memo `v` (may be null), a signature it remembers is not verified again.
WEFT_EXPORT(weft_tx_admit)
std::int32_t weft_tx_admit(Session* s, TreeHandle* h, VerifiedSignatures* v,
                           const std::uint8_t* root, const std::uint8_t* request,
                           std::uint32_t request_len) {
  enc::Reader r({request, request_len});
  const auto chain_id = read_chain_id(r);
  const auto tx = r.bytes(kMaxObjectBytes);
  const auto ahead = read_list(r);
  const bool check_signature = r.boolean();
  if (!r.finish()) return error_status(ErrorDomain::Decode, r.error());

  ch::StateView view(h->tree, hash_at(root));
  const auto params = view.params();
  const auto chain = view.chain_state();
  if (!view.ok()) return view_failure(view);
  const ch::TxContext ctx{chain.height + 1, chain.next_base_fee_per_byte};
  for (const auto& earlier : ahead) {
    // Pooled transactions passed every stateless check when they were admitted; their fields are
    // checked again (cheap), their signatures are not.
    const auto checked = ch::check_tx_fields(earlier, chain_id, params);
    if (!checked) return error_status(ErrorDomain::Tx, checked.error());
    const auto receipt = ch::execute_tx(view, checked.value(), params, ctx);
    if (!view.ok()) return view_failure(view);
    if (!receipt) return error_status(ErrorDomain::Tx, receipt.error());
  }
  const auto checked = check_signature ? ch::check_tx(tx, chain_id, params, v)
                                       : ch::check_tx_fields(tx, chain_id, params);
  if (!checked) return error_status(ErrorDomain::Tx, checked.error());
  const auto charge = ch::verify_tx(checked.value(), view, params, ctx);
  if (!view.ok()) return view_failure(view);
  if (!charge) return error_status(ErrorDomain::Tx, charge.error());
  enc::Writer w;
  w.fixed(checked.value().id);
  w.u64(checked.value().size);
  w.u64(charge.value().burned);
  w.u64(charge.value().tip);
  s->out = std::move(w).take();
  return 0;
}

// The pool's question for a run of one sender's transactions in nonce order: `ahead` executes
// first in a scratch overlay (as for weft_tx_admit; a failure among them is the answer), then each
// of `txs` is checked (signatures through the memo `v`, which may be null) and executed after the
// ones before it, stopping after the first refusal. Request: chain id (varint-length) | ahead
// (varint count, each varint-length) | txs (likewise). Output: varint count of answers, each a u8
// — 0 admitted, else the TxError — and when admitted tx id [32] | size u64 | fee burned u64 |
// tip u64. A negative status when `ahead` fails (TxError) or the state could not be read.
WEFT_EXPORT(weft_tx_admit_run)
std::int32_t weft_tx_admit_run(Session* s, TreeHandle* h, VerifiedSignatures* v,
                               const std::uint8_t* root, const std::uint8_t* request,
                               std::uint32_t request_len) {
  enc::Reader r({request, request_len});
  const auto chain_id = read_chain_id(r);
  const auto ahead = read_list(r);
  const auto txs = read_list(r);
  if (!r.finish()) return error_status(ErrorDomain::Decode, r.error());

  ch::StateView view(h->tree, hash_at(root));
  const auto params = view.params();
  const auto chain = view.chain_state();
  if (!view.ok()) return view_failure(view);
  const ch::TxContext ctx{chain.height + 1, chain.next_base_fee_per_byte};
  for (const auto& earlier : ahead) {
    const auto checked = ch::check_tx_fields(earlier, chain_id, params);
    if (!checked) return error_status(ErrorDomain::Tx, checked.error());
    const auto receipt = ch::execute_tx(view, checked.value(), params, ctx);
    if (!view.ok()) return view_failure(view);
    if (!receipt) return error_status(ErrorDomain::Tx, receipt.error());
  }
  enc::Writer w;
  std::uint64_t answers = 0;
  enc::Writer body;
  for (const auto& tx : txs) {
    ++answers;
    const auto checked = ch::check_tx(tx, chain_id, params, v);
    if (!checked) {
      body.u8(static_cast<std::uint8_t>(checked.error()));
      break;
    }
    const auto charge = ch::verify_tx(checked.value(), view, params, ctx);
    if (!view.ok()) return view_failure(view);
    if (!charge) {
      body.u8(static_cast<std::uint8_t>(charge.error()));
      break;
    }
    // Admitted: it runs before the next one, as in a block.
    const auto receipt = ch::execute_tx(view, checked.value(), params, ctx);
    if (!view.ok()) return view_failure(view);
    if (!receipt) {
      body.u8(static_cast<std::uint8_t>(receipt.error()));
      break;
    }
    body.u8(0);
    body.fixed(checked.value().id);
    body.u64(checked.value().size);
    body.u64(charge.value().burned);
    body.u64(charge.value().tip);
  }
  w.varint(answers);
  const auto tail = std::move(body).take();
  w.raw(tail);
  s->out = std::move(w).take();
  return 0;
}

// A signature memo for `chain_id` (chain/verified_signatures.hpp) remembering at least
// `capacity` transactions; null when memory is short. Free it with weft_verified_free.
WEFT_EXPORT(weft_verified_new)
VerifiedSignatures* weft_verified_new(const std::uint8_t* chain_id, std::uint32_t chain_len,
                                      std::uint32_t capacity) {
  return new (std::nothrow) VerifiedSignatures(
      std::string_view(reinterpret_cast<const char*>(chain_id), chain_len), capacity);
}

WEFT_EXPORT(weft_verified_free) void weft_verified_free(VerifiedSignatures* v) {
  delete v;
}

// Verifies the signatures of a burst of transactions as one batch and remembers the valid ones in
// `v`, so that their admission does not verify them one by one. Request: seed [32] | txs (varint
// count, each varint-length). Output: one u8 per transaction, 1 when its signature is valid.
WEFT_EXPORT(weft_tx_verify_signatures)
std::int32_t weft_tx_verify_signatures(Session* s, VerifiedSignatures* v,
                                       const std::uint8_t* request, std::uint32_t request_len) {
  enc::Reader r({request, request_len});
  const auto seed = r.fixed<32>();
  const auto txs = read_list(r);
  if (!r.finish()) return error_status(ErrorDomain::Decode, r.error());
  if (v == nullptr) return error_status(ErrorDomain::Abi, weft::abi::AbiError::NotStarted);
  s->out.assign(txs.size(), 0);
  ch::verify_signatures(txs, seed, *v, s->out);
  return 0;
}

// Output: the chain record at `root` — height u64 | time u64 | next_base_fee_per_byte u64 |
// supply u64 — then the parameters (varint-length params encoding).
WEFT_EXPORT(weft_state_chain)
std::int32_t weft_state_chain(Session* s, TreeHandle* h, const std::uint8_t* root) {
  ch::StateView view(h->tree, hash_at(root));
  const auto chain = view.chain_state();
  const auto params = view.params();
  if (!view.ok()) return view_failure(view);
  enc::Writer w;
  w.u64(chain.height);
  w.u64(chain.time);
  w.u64(chain.next_base_fee_per_byte);
  w.u64(chain.supply);
  w.bytes(ch::encode(params));
  s->out = std::move(w).take();
  return 0;
}

// Output: the validator list stored for `height` (its canonical encoding, which validators_hash
// commits to). Sets are stored two heights ahead, so height ≤ state height + 2 is answered.
WEFT_EXPORT(weft_state_validator_set)
std::int32_t weft_state_validator_set(Session* s, TreeHandle* h, const std::uint8_t* root,
                                      std::uint64_t height) {
  ch::StateView view(h->tree, hash_at(root));
  const auto params = view.params();
  const auto set = view.validator_set(height, params);
  if (!view.ok()) return view_failure(view);
  s->out = ch::encode_validator_list(set);
  return 0;
}

// The state key of the account record for `address` [20]: what a balance proof is about.
WEFT_EXPORT(weft_account_key)
void weft_account_key(const std::uint8_t* address, std::uint8_t* out) {
  ch::Address a;
  std::copy_n(address, a.size(), a.begin());
  const auto key = ch::account_key(a);
  std::copy(key.begin(), key.end(), out);
}

// The inclusion proof of the transaction at `index` of `block` (a block encoding): tx root [32] |
// tx id [32] | count u64 | audit path (32 bytes per sibling, from the leaf up), in the session.
// A DecodeError when the block does not decode or has no transaction at `index`.
WEFT_EXPORT(weft_tx_proof)
std::int32_t weft_tx_proof(Session* s, const std::uint8_t* block, std::uint32_t len,
                           std::uint64_t index) {
  return weft::abi::tx_proof(*s, {block, len}, index);
}

// 1 when `path` (32-byte sibling hashes) proves `tx_id` [32] at `index` of `count` transactions
// under the tx root `root` [32]; 0 when it does not; DecodeError.Truncated for a ragged path.
WEFT_EXPORT(weft_tx_proof_verify)
std::int32_t weft_tx_proof_verify(const std::uint8_t* root, const std::uint8_t* tx_id,
                                  std::uint64_t index, std::uint64_t count,
                                  const std::uint8_t* path, std::uint32_t path_len) {
  return weft::abi::tx_proof_verify(hash_at(root), hash_at(tx_id), index, count, {path, path_len});
}
