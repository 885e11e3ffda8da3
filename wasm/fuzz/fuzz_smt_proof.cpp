// libFuzzer: state proofs (docs/protocol/state.md §6–§7). Arbitrary bytes never crash the decoder
// or the verifier and decode only if they re-encode identically; for a small tree built from the
// input, a proof for a claim verifies only if it is byte for byte the tree's own proof (a valid
// proof is unique), and the tree's proof never verifies a false claim.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

#include "state/memory_node_store.hpp"
#include "state/smt.hpp"
#include "state/smt_proof.hpp"

using namespace weft::state;

namespace {

using Value = std::optional<std::span<const std::uint8_t>>;

void require(bool ok) {
  if (!ok) std::abort();
}

// Keys that differ in one chosen byte, so the small trees still have deep paths.
Key key_of(std::uint8_t where, std::uint8_t what) {
  Key k{};
  k[where % 32] = what;
  return k;
}

void raw(std::span<const std::uint8_t> bytes) {
  const auto decoded = decode_proof(bytes);
  if (!decoded.ok()) return;
  const Bytes again = encode_proof(decoded.value());
  require(again.size() == bytes.size() && std::equal(again.begin(), again.end(), bytes.begin()));
  const Hash root = Hash{};
  (void)verify_proof(root, Key{}, std::nullopt, decoded.value());
  const Bytes v = {1};
  (void)verify_proof(root, Key{}, Value(v), decoded.value());
}

void structured(std::span<const std::uint8_t> in) {
  if (in.size() < 3) return;
  const std::size_t n = in[0] % 8;
  if (in.size() < 3 + 2 * n) return;
  MemoryNodeStore store;
  Smt tree(store, 4096);
  std::vector<Write> writes;
  for (std::size_t i = 0; i < n; ++i) {
    const Key k = key_of(in[1 + 2 * i], in[2 + 2 * i]);
    writes.push_back({k, Bytes{static_cast<std::uint8_t>(i)}});
  }
  auto update = tree.apply(Hash{}, writes);
  require(update.ok());
  store.commit(update.value().nodes);
  const Hash root = update.value().root;

  const Key key = key_of(in[1 + 2 * n], in[2 + 2 * n]);
  auto got = tree.get(root, key);
  require(got.ok());
  const std::optional<Bytes> truth = got.value();
  const Value claim = truth ? Value(*truth) : std::nullopt;
  auto proof = tree.prove(root, key);
  require(proof.ok());
  require(verify_proof(root, key, claim, proof.value()).ok());
  const Bytes honest = encode_proof(proof.value());
  // False claims fail.
  const Bytes other = {0xee};
  require(!verify_proof(root, key, Value(other), proof.value()).ok());
  if (truth) require(!verify_proof(root, key, std::nullopt, proof.value()).ok());

  // The honest bytes xor the rest of the input: valid only if unchanged.
  const auto noise = in.subspan(3 + 2 * n);
  if (noise.empty()) return;
  Bytes mutated = honest;
  for (std::size_t i = 0; i < mutated.size(); ++i) mutated[i] ^= noise[i % noise.size()];
  if (noise.size() > mutated.size()) {
    mutated.insert(mutated.end(), noise.begin() + static_cast<std::ptrdiff_t>(mutated.size()),
                   noise.end());
  }
  const auto decoded = decode_proof(mutated);
  if (!decoded.ok()) return;
  if (verify_proof(root, key, claim, decoded.value()).ok()) require(mutated == honest);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  raw(input);
  structured(input);
  return 0;
}
