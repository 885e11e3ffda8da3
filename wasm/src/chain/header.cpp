// Header encoding and block id (docs/protocol.md, "Block header").
#include "chain/header.hpp"

#include "chain/chain_id.hpp"
#include "crypto/sha256.hpp"

namespace weft::chain {

void write_header(encoding::Writer& w, const Header& h) {
  w.u8(kHeaderVersion);
  write_chain_id(w, h.chain_id);
  w.u64(h.height);
  w.u64(h.time);
  w.fixed(h.previous_block);
  w.fixed(h.last_commit_hash);
  w.fixed(h.tx_root);
  w.fixed(h.state_root);
  w.fixed(h.validators_hash);
  w.fixed(h.next_validators_hash);
  w.fixed(h.proposer);
  w.u64(h.base_fee_per_byte);
  w.fixed(h.evidence_hash);
}

Header read_header(encoding::Reader& r) {
  Header h;
  if (r.u8() != kHeaderVersion && r.ok()) r.fail(encoding::DecodeError::UnknownVersion);
  h.chain_id = read_chain_id(r);
  h.height = r.u64();
  // Height 0 is the genesis state, never a block.
  if (r.ok() && h.height == 0) r.fail(encoding::DecodeError::ValueOutOfRange);
  h.time = r.u64();
  h.previous_block = r.fixed<32>();
  h.last_commit_hash = r.fixed<32>();
  h.tx_root = r.fixed<32>();
  h.state_root = r.fixed<32>();
  h.validators_hash = r.fixed<32>();
  h.next_validators_hash = r.fixed<32>();
  h.proposer = r.fixed<20>();
  h.base_fee_per_byte = r.u64();
  h.evidence_hash = r.fixed<32>();
  return h;
}

Bytes encode(const Header& h) {
  encoding::Writer w;
  write_header(w, h);
  return std::move(w).take();
}

Result<Header, encoding::DecodeError> decode_header(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Header h = read_header(r);
  if (!r.finish()) return err(r.error());
  return h;
}

Hash block_id(const Header& h) {
  return crypto::sha256(encode(h));
}

} // namespace weft::chain
