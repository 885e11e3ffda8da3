// The sparse Merkle tree's reads, proofs and batch updates, docs/protocol/state.md §4–§5.
//
// Canonical shape (state.md §4): an empty subtree is kEmptyHash, a subtree holding one key is
// that key's leaf (whatever its depth), and a subtree holding two or more keys is an internal
// node. A leaf's hash does not depend on its depth, so when a delete leaves a leaf alone in a
// subtree the leaf moves up unchanged, and the tree after any sequence of batches is exactly the
// tree built from scratch from the same (key, value) set.
#include "state/smt.hpp"

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

namespace weft::state {

Result<const Node*, StateError> Smt::load(const Hash& hash) {
  assert(!is_empty(hash));
  if (const Node* cached = cache_.find(hash)) return cached;
  if (!store_.get(hash, scratch_)) return Err{StateError::MissingNode};
  auto node = decode_node(hash, scratch_);
  if (!node) return Err{node.error()};
  return &cache_.insert(hash, std::move(node).value());
}

Result<std::optional<Bytes>, StateError> Smt::get(const Hash& root, const Key& key) {
  Hash at = root;
  for (std::size_t depth = 0;; ++depth) {
    if (is_empty(at)) return std::optional<Bytes>{};
    const auto loaded = load(at);
    if (!loaded) return Err{loaded.error()};
    const Node& node = *loaded.value();
    if (node.is_leaf()) {
      if (node.key() != key) return std::optional<Bytes>{};
      return std::optional<Bytes>{node.value};
    }
    if (depth == kKeyBits) return Err{StateError::MalformedTree};
    at = key_bit(key, depth) == 0 ? node.left() : node.right();
  }
}

Result<Proof, StateError> Smt::prove(const Hash& root, const Key& key) {
  Proof proof;
  Hash at = root;
  std::size_t depth = 0;
  for (;; ++depth) {
    if (is_empty(at)) {
      proof.kind = ProofKind::EmptySubtree;
      break;
    }
    const auto loaded = load(at);
    if (!loaded) return Err{loaded.error()};
    const Node& node = *loaded.value();
    if (node.is_leaf()) {
      if (node.key() == key) {
        proof.kind = ProofKind::Inclusion;
      } else {
        if (common_prefix_bits(node.key(), key) < depth) return Err{StateError::MalformedTree};
        proof.kind = ProofKind::OtherLeaf;
        proof.other_key = node.key();
        proof.other_value_hash = node.value_hash();
      }
      break;
    }
    if (depth == kKeyBits) return Err{StateError::MalformedTree};
    const bool right = key_bit(key, depth) != 0;
    const Hash& sibling = right ? node.left() : node.right();
    if (!is_empty(sibling)) {
      proof.bitmap[depth >> 3] |= static_cast<std::uint8_t>(0x80u >> (depth & 7u));
      proof.siblings.push_back(sibling);
    }
    at = right ? node.right() : node.left();
  }
  proof.depth = static_cast<std::uint16_t>(depth);
  return proof;
}

namespace detail {

// One batch update. Writes are sorted by key and deduplicated up front; the recursion then
// splits the sorted span by key bit at each depth, so each touched internal node is read once and
// hashed once, and untouched subtrees are never read.
class SmtUpdater {
public:
  SmtUpdater(Smt& tree, Update& out) : tree_(tree), out_(out) {}

  Result<Hash, StateError> run(const Hash& root, std::span<const Write> writes) {
    prepare(writes);
    if (items_.empty()) return root;
    auto sub = update(root, 0, items_);
    if (!sub) return Err{sub.error()};
    return sub.value().hash;
  }

private:
  // A pending write. `value` points into the caller's Write; nullptr deletes.
  struct Item {
    Key key;
    Hash value_hash;
    Hash leaf;
    const Bytes* value;
  };
  // A leaf already in the store that stays in the subtree being rebuilt.
  struct Kept {
    Key key;
    Hash leaf;
  };
  enum class Shape : std::uint8_t { Empty, Leaf, Internal, Unknown };
  struct Subtree {
    Hash hash;
    Shape shape;
  };

  void prepare(std::span<const Write> writes) {
    std::vector<std::uint32_t> order(writes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    // By key, then by position: a stable sort without std::stable_sort's temporary buffer.
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (writes[a].key != writes[b].key) return writes[a].key < writes[b].key;
      return a < b;
    });
    items_.reserve(order.size());
    std::size_t inserted_bytes = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      // Last write wins: skip a write followed by one to the same key.
      if (i + 1 < order.size() && writes[order[i + 1]].key == writes[order[i]].key) continue;
      const Write& w = writes[order[i]];
      Item item{w.key, {}, {}, nullptr};
      if (w.value) {
        item.value = &*w.value;
        item.value_hash = value_hash(*w.value);
        item.leaf = leaf_hash(w.key, item.value_hash);
        inserted_bytes += kLeafHeaderSize + w.value->size();
      }
      items_.push_back(item);
    }
    // A batch creates its leaves, about one internal node per leaf, and a path's worth more
    // (about log2 n) when it is small.
    const std::size_t internal = items_.size() + 32;
    out_.nodes.reserve(items_.size() + internal, inserted_bytes + internal * kInternalEncodingSize);
  }

  static std::span<const Item>::iterator split(std::span<const Item> items, std::size_t depth) {
    return std::partition_point(items.begin(), items.end(),
                                [depth](const Item& it) { return key_bit(it.key, depth) == 0; });
  }

  // The subtree at `depth` whose hash is `at`, after `items` (non-empty, all on this subtree's
  // path) are applied.
  Result<Subtree, StateError> update(const Hash& at, std::size_t depth,
                                     std::span<const Item> items) {
    if (is_empty(at)) return build(depth, items, nullptr);
    const auto loaded = tree_.load(at);
    if (!loaded) return Err{loaded.error()};
    const Node& node = *loaded.value();

    if (node.is_leaf()) {
      const Kept kept{node.key(), at};
      if (common_prefix_bits(kept.key, items.front().key) < depth) {
        return Err{StateError::MalformedTree};
      }
      const auto it = std::lower_bound(items.begin(), items.end(), kept.key,
                                       [](const Item& item, const Key& k) { return item.key < k; });
      const bool overwritten = it != items.end() && it->key == kept.key;
      if (overwritten && items.size() == 1 && it->value != nullptr && it->leaf == at) {
        return Subtree{at, Shape::Leaf}; // rewritten with its current value
      }
      return build(depth, items, overwritten ? nullptr : &kept);
    }

    if (depth == kKeyBits) return Err{StateError::MalformedTree};
    const Hash left = node.left();
    const Hash right = node.right();
    const auto mid = split(items, depth);
    const std::span<const Item> left_items(items.begin(), mid);
    const std::span<const Item> right_items(mid, items.end());

    Subtree l{left, Shape::Unknown};
    if (!left_items.empty()) {
      auto sub = update(left, depth + 1, left_items);
      if (!sub) return sub;
      l = sub.value();
    }
    Subtree r{right, Shape::Unknown};
    if (!right_items.empty()) {
      auto sub = update(right, depth + 1, right_items);
      if (!sub) return sub;
      r = sub.value();
    }
    if (l.hash == left && r.hash == right) return Subtree{at, Shape::Internal};
    return join(l, r);
  }

  // The canonical node over two updated children.
  Result<Subtree, StateError> join(Subtree l, Subtree r) {
    const bool l_empty = is_empty(l.hash);
    const bool r_empty = is_empty(r.hash);
    if (l_empty && r_empty) return Subtree{kEmptyHash, Shape::Empty};
    if (l_empty || r_empty) {
      // A lone leaf moves up into this position; anything larger keeps its internal node.
      Subtree& only = l_empty ? r : l;
      if (only.shape == Shape::Unknown) {
        const auto loaded = tree_.load(only.hash);
        if (!loaded) return Err{loaded.error()};
        only.shape = loaded.value()->is_leaf() ? Shape::Leaf : Shape::Internal;
      }
      if (only.shape == Shape::Leaf) return only;
    }
    return emit_internal(l.hash, r.hash);
  }

  // The subtree at `depth` holding the inserts among `items` plus `kept`; the deletes among
  // `items` have nothing to remove here.
  Subtree build(std::size_t depth, std::span<const Item> items, const Kept* kept) {
    std::size_t live = kept != nullptr ? 1 : 0;
    const Item* single = nullptr;
    for (const Item& item : items) {
      if (item.value == nullptr) continue;
      single = &item;
      if (++live > 1) break;
    }
    if (live == 0) return Subtree{kEmptyHash, Shape::Empty};
    if (live == 1) {
      if (kept != nullptr) return Subtree{kept->leaf, Shape::Leaf};
      return emit_leaf(*single);
    }
    // Two distinct keys sharing `depth` bits: depth < 256.
    assert(depth < kKeyBits);
    const auto mid = split(items, depth);
    const Kept* kept_left = kept != nullptr && key_bit(kept->key, depth) == 0 ? kept : nullptr;
    const Kept* kept_right = kept != nullptr && kept_left == nullptr ? kept : nullptr;
    const Subtree l = build(depth + 1, std::span<const Item>(items.begin(), mid), kept_left);
    const Subtree r = build(depth + 1, std::span<const Item>(mid, items.end()), kept_right);
    return emit_internal(l.hash, r.hash);
  }

  Subtree emit_leaf(const Item& item) {
    const auto out = out_.nodes.append(item.leaf, kLeafHeaderSize + item.value->size());
    encode_leaf(out, item.key, *item.value);
    Node node;
    node.kind = NodeKind::Leaf;
    node.first = item.key;
    node.second = item.value_hash;
    node.value = *item.value;
    tree_.cache_.insert(item.leaf, std::move(node));
    return Subtree{item.leaf, Shape::Leaf};
  }

  Subtree emit_internal(const Hash& left, const Hash& right) {
    const Hash hash = internal_hash(left, right);
    encode_internal(out_.nodes.append(hash, kInternalEncodingSize), left, right);
    Node node;
    node.kind = NodeKind::Internal;
    node.first = left;
    node.second = right;
    tree_.cache_.insert(hash, std::move(node));
    return Subtree{hash, Shape::Internal};
  }

  Smt& tree_;
  Update& out_;
  std::vector<Item> items_;
};

} // namespace detail

Result<Update, StateError> Smt::apply(const Hash& root, std::span<const Write> writes) {
  Update update;
  detail::SmtUpdater updater(*this, update);
  auto new_root = updater.run(root, writes);
  if (!new_root) return Err{new_root.error()};
  update.root = new_root.value();
  return update;
}

} // namespace weft::state
