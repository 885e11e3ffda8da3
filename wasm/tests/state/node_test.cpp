// Node hashing and encoding against vectors computed by an independent Python statement of
// docs/protocol/state.md §2–§3, and the decoder's rejection of every malformed node.
#include <doctest/doctest.h>

#include "../hex.hpp"
#include "state/node.hpp"

using namespace weft::state;
using weft::test::from_hex;
using weft::test::to_hex;

TEST_CASE("state node: hash vectors") {
  CHECK(to_hex(leaf_hash(Key{}, value_hash({}))) ==
        "347440344d8a9ce3ab396411c11000afa49899767dd9f9aaaebdc1c7165f3281");
  CHECK(to_hex(internal_hash(kEmptyHash, kEmptyHash)) ==
        "a18a0ee74ff4f247a12f06df86c65ba8df783b3f7e7473de12fe1df2e662f9be");
}

TEST_CASE("state node: leaf and internal encodings round-trip") {
  Key key{};
  key[3] = 7;
  const Bytes value = from_hex("0102030405");
  const Hash leaf = leaf_hash(key, value_hash(value));
  Bytes encoded(kLeafHeaderSize + value.size());
  encode_leaf(encoded, key, value);
  CHECK(encoded[0] == 0);
  auto node = decode_node(leaf, encoded);
  REQUIRE(node.ok());
  CHECK(node.value().is_leaf());
  CHECK(node.value().key() == key);
  CHECK(node.value().value == value);
  CHECK(node.value().value_hash() == value_hash(value));

  const Hash internal = internal_hash(leaf, kEmptyHash);
  Bytes inner(kInternalEncodingSize);
  encode_internal(inner, leaf, kEmptyHash);
  CHECK(inner[0] == 1);
  auto decoded = decode_node(internal, inner);
  REQUIRE(decoded.ok());
  CHECK(!decoded.value().is_leaf());
  CHECK(decoded.value().left() == leaf);
  CHECK(is_empty(decoded.value().right()));

  // An empty value is a valid leaf.
  Bytes bare(kLeafHeaderSize);
  encode_leaf(bare, key, {});
  CHECK(decode_node(leaf_hash(key, value_hash({})), bare).ok());
}

TEST_CASE("state node: decoder rejects malformed and misaddressed bytes") {
  const Key key{};
  const Bytes value = {9};
  Bytes leaf(kLeafHeaderSize + 1);
  encode_leaf(leaf, key, value);
  const Hash leaf_address = leaf_hash(key, value_hash(value));

  auto rejects = [](const Hash& address, const Bytes& bytes) {
    const auto r = decode_node(address, bytes);
    return !r.ok() && r.error() == StateError::CorruptNode;
  };
  CHECK(rejects(leaf_address, {}));
  CHECK(rejects(leaf_address, Bytes(leaf.begin(), leaf.begin() + 32))); // short leaf
  Bytes flipped = leaf;
  flipped.back() ^= 1;
  CHECK(rejects(leaf_address, flipped)); // value changed
  Bytes bad_kind = leaf;
  bad_kind[0] = 2;
  CHECK(rejects(leaf_address, bad_kind));

  Hash a{};
  a[0] = 1;
  Bytes internal(kInternalEncodingSize);
  encode_internal(internal, a, kEmptyHash);
  const Hash address = internal_hash(a, kEmptyHash);
  CHECK(decode_node(address, internal).ok());
  Bytes longer = internal;
  longer.push_back(0);
  CHECK(rejects(address, longer));
  CHECK(rejects(address, Bytes(internal.begin(), internal.end() - 1)));
  CHECK(rejects(leaf_address, internal)); // a valid node under the wrong address
  Bytes both_empty(kInternalEncodingSize);
  encode_internal(both_empty, kEmptyHash, kEmptyHash);
  CHECK(rejects(internal_hash(kEmptyHash, kEmptyHash), both_empty));
}
