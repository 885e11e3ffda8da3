// Block encoding (docs/protocol.md, "Block").
#include "chain/block.hpp"

#include "chain/transaction.hpp"
#include "crypto/sha256.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {
namespace {

void write_evidence_list(encoding::Writer& w,
                         std::span<const consensus::DuplicateVoteEvidence> evidence) {
  w.varint(evidence.size());
  for (const auto& e : evidence) consensus::write_evidence(w, e);
}

// The smallest evidence encoding: version, kind and two nil votes without blocks.
constexpr std::size_t kMinEvidenceSize = 2 + 2 * (1 + 1 + 8 + 4 + 1 + 4 + 64);

} // namespace

Bytes encode(const Block& b) {
  encoding::Writer w;
  w.u8(kBlockVersion);
  write_header(w, b.header);
  w.varint(b.txs.size());
  for (const auto& tx : b.txs) w.bytes(tx);
  write_evidence_list(w, b.evidence);
  consensus::write_commit(w, b.last_commit);
  return std::move(w).take();
}

Result<Block, encoding::DecodeError> decode_block(std::span<const std::uint8_t> in,
                                                  const Params& params) {
  encoding::Reader r(in);
  Block b;
  if (r.u8() != kBlockVersion && r.ok()) r.fail(encoding::DecodeError::UnknownVersion);
  b.header = read_header(r);
  const auto txs = r.varint(params.max_block_bytes / kMinTxEncodedSize);
  b.txs.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(txs, r.remaining())));
  for (std::uint64_t i = 0; i < txs && r.ok(); ++i) b.txs.push_back(r.bytes(params.max_tx_bytes));
  const auto evidence = r.varint(r.remaining() / kMinEvidenceSize);
  for (std::uint64_t i = 0; i < evidence && r.ok(); ++i)
    b.evidence.push_back(consensus::read_evidence(r));
  b.last_commit = consensus::read_commit(r, params.max_validators);
  if (!r.finish()) return err(r.error());
  return b;
}

Hash evidence_hash(std::span<const consensus::DuplicateVoteEvidence> evidence) {
  encoding::Writer w;
  write_evidence_list(w, evidence);
  return crypto::sha256(w.data());
}

} // namespace weft::chain
