// weft_replay: validates and executes a chain natively and prints every height's state root.
// The TypeScript suite builds a chain through the WASM core, writes it out, and compares these
// roots with its own (wasm/ts/test/chain-replay.test.ts): one set of sources, two builds, one
// answer.
//
//   weft_replay <genesis file> <chain file>
//
// The genesis file holds a genesis encoding; the chain file holds blocks from height 1 on, each
// as a varint length followed by the block's encoding. Prints "<height> <state root> <block id>"
// in hex per block (height 0: the genesis root and hash); exits 1 naming the first failure.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "chain/block.hpp"
#include "chain/block_verify.hpp"
#include "chain/genesis.hpp"
#include "chain/genesis_state.hpp"
#include "encoding/reader.hpp"
#include "state/memory_node_store.hpp"
#include "state/smt.hpp"

namespace {

std::optional<std::vector<std::uint8_t>> read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (const auto b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "weft_replay: %s\n", message.c_str());
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  using namespace weft;
  if (argc != 3) return fail("usage: weft_replay <genesis file> <chain file>");
  const auto genesis_bytes = read_file(argv[1]);
  const auto chain_bytes = read_file(argv[2]);
  if (!genesis_bytes || !chain_bytes) return fail("cannot read the genesis or chain file");

  const auto genesis = chain::decode_genesis(*genesis_bytes);
  if (!genesis) return fail(std::string("genesis: ") + encoding::qualified_name(genesis.error()));
  state::MemoryNodeStore store;
  state::Smt smt(store);
  const auto initial = chain::genesis_state(smt, genesis.value());
  if (!initial) return fail("genesis state could not be built");
  store.commit(initial.value().nodes);
  state::Hash root = initial.value().root;
  std::printf("0 %s %s\n", hex(root).c_str(), hex(chain::genesis_hash(genesis.value())).c_str());

  encoding::Reader blocks(*chain_bytes);
  std::optional<chain::Header> previous;
  const auto max_block = genesis.value().params.max_block_bytes;
  while (blocks.remaining() > 0) {
    const auto bytes = blocks.bytes(max_block);
    if (!blocks.ok()) return fail("chain file: a block's length is cut short or too large");
    const chain::BlockContext ctx{genesis.value().chain_id, previous ? &*previous : nullptr,
                                  std::nullopt};
    const auto outcome = chain::validate_block(bytes, smt, root, ctx);
    const auto height = previous ? previous->height + 1 : 1;
    if (!outcome) {
      return fail("block " + std::to_string(height) + ": BlockError." +
                  std::string(chain::name(outcome.error())));
    }
    store.commit(outcome.value().update.nodes);
    root = outcome.value().update.root;
    previous = chain::decode_block(bytes, genesis.value().params).value().header;
    std::printf("%llu %s %s\n", static_cast<unsigned long long>(height), hex(root).c_str(),
                hex(outcome.value().block_id).c_str());
  }
  return 0;
}
