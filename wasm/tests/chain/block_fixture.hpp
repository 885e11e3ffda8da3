// A chain driven through the full block rules: the builder proposes, validate_block checks the
// encoded bytes, and the genesis validators sign real commits.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <vector>

#include "chain/block_builder.hpp"
#include "chain/block_verify.hpp"
#include "chain_fixture.hpp"
#include "consensus/commit.hpp"
#include "consensus/vote.hpp"

namespace weft::test::chain {

inline consensus::Vote signed_vote(const TestKey& key, consensus::VoteType type,
                                   std::uint64_t height, std::uint32_t round,
                                   consensus::MaybeBlock block, std::uint32_t index) {
  consensus::Vote v{type, height, round, block, index, {}};
  v.signature = weft::test::ed25519::sign(key.pair, consensus::vote_sign_digest(kChainId, v));
  return v;
}

struct BlockChain {
  BlockChain(const Genesis& g, std::vector<TestKey> validator_keys) : exec(g) {
    for (auto& k : validator_keys) keys[k.public_key] = k;
  }

  StateView view() { return exec.view(); }

  // The set for `height` as stored in state, with each member's test key.
  ValidatorList set(std::uint64_t height) {
    auto v = view();
    return v.validator_set(height, v.params());
  }

  consensus::Commit commit_for(const Header& h, std::size_t signers = SIZE_MAX) {
    consensus::Commit c{h.height, 0, block_id(h), {}};
    const auto members = set(h.height);
    for (std::uint32_t i = 0; i < members.size() && c.signatures.size() < signers; ++i) {
      const auto vote = signed_vote(keys.at(members[i].public_key), consensus::VoteType::Precommit,
                                    h.height, 0, block_id(h), i);
      c.signatures.push_back({i, vote.signature});
    }
    return c;
  }

  BuiltBlock propose(const std::vector<Bytes>& txs,
                     std::vector<consensus::DuplicateVoteEvidence> evidence = {}) {
    BlockProposal p;
    p.chain_id = kChainId;
    p.previous = last ? &*last : nullptr;
    p.time = exec.time + 1000;
    p.proposer = address_of(set(exec.height + 1).front().public_key);
    p.last_commit = last_commit;
    p.evidence = std::move(evidence);
    p.candidates = txs;
    auto built = build_block(exec.smt, exec.root, p);
    REQUIRE(built.ok());
    return std::move(built).value();
  }

  Result<BlockOutcome, BlockError> validate(const Block& b, BlockDiagnostics* d = nullptr) {
    return validate_block(encode(b), exec.smt, exec.root,
                          BlockContext{kChainId, last ? &*last : nullptr, std::nullopt}, d);
  }

  // Validates the block's bytes, commits its state and signs its commit.
  BlockOutcome accept(const Block& b) {
    auto out = validate(b);
    REQUIRE(out.ok());
    exec.store.commit(out.value().update.nodes);
    exec.root = out.value().update.root;
    exec.height = b.header.height;
    exec.time = b.header.time;
    last = b.header;
    last_commit = commit_for(b.header);
    return std::move(out).value();
  }

  BlockOutcome step(const std::vector<Bytes>& txs = {},
                    std::vector<consensus::DuplicateVoteEvidence> evidence = {}) {
    return accept(propose(txs, std::move(evidence)).block);
  }

  ExecChain exec;
  std::map<PublicKey, TestKey> keys;
  std::optional<Header> last;
  consensus::Commit last_commit;
};

} // namespace weft::test::chain
