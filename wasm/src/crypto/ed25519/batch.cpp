// Batch Ed25519 verification under ZIP-215 (verify.hpp): one random linear combination of the
// cofactored equations, [8]([sum z_i S_i]B - sum [z_i]R_i - sum [z_i k_i]A_i) = identity, checked
// with a Pippenger (bucket) multi-scalar multiplication, then bisection to name failing items.
//
// Agreement with verify(): every valid item satisfies [8]([S]B - R - [k]A) = identity, so any
// combination of valid items passes. If item j is invalid, [8]([S_j]B - R_j - [k_j]A_j) is a
// non-zero point of prime order L and the combination passes only if z_j takes one particular
// value mod L given the others: probability 2^-127 for our coefficients, which the caller cannot
// steer (they come from a hash over the whole chunk). A subset that passes is reported valid;
// single items are decided by verify() itself.
#include "crypto/ed25519/batch.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>

#include "crypto/ed25519/point.hpp"
#include "crypto/ed25519/scalar.hpp"
#include "crypto/sha512.hpp"

namespace weft::crypto::ed25519 {
namespace {

// Items are combined in chunks of this size: big enough that the bucket method pays off, small
// enough that the whole workspace (about 40 KiB) lives on the stack of a wasm module.
constexpr std::size_t kChunk = 64;
constexpr std::size_t kMaxTerms = 2 * kChunk + 1; // -R_i, -A_i and B
// Below this many items bisection stops and items are checked one by one with verify().
constexpr std::size_t kSingleThreshold = 2;

constexpr std::array<std::uint8_t, 24> kDomain = {'w', 'e', 'f', 't', '/', 'e', 'd', '2',
                                                  '5', '5', '1', '9', '-', 'b', 'a', 't',
                                                  'c', 'h', '/', 'v', '1', 0,   0,   0};

// What the combination needs from one item that decoded: the negated points, S, k and z.
struct Prepared {
  Precomp neg_a;
  Precomp neg_r;
  Scalar s;
  Scalar k;
  Scalar z; // 128 bits, odd
};

// Signed radix-2^c digits of a scalar below 2^253, each in [-2^(c-1), 2^(c-1)).
// With c in 3..6, ceil(253 / c) windows hold the whole value with no carry left over: the top
// window has at most 253 - c (windows - 1) <= c - 1 significant bits, plus one carry.
constexpr int kMaxWindowBits = 6;
constexpr std::size_t kMaxWindows = (253 + 2) / 3 + 1;

std::size_t window_count(int c) {
  return (253 + static_cast<std::size_t>(c) - 1) / static_cast<std::size_t>(c);
}

void recode(const Scalar& s, int c, std::span<std::int8_t> digits) {
  assert(s[31] < 0x20);
  const std::size_t windows = window_count(c);
  const std::int32_t radix = 1 << c;
  std::int32_t carry = 0;
  for (std::size_t w = 0; w < windows; ++w) {
    const std::size_t bit = w * static_cast<std::size_t>(c);
    // Up to 6 bits starting at `bit`: read two bytes (the second may be past the end).
    std::uint32_t two = s[bit / 8];
    if (bit / 8 + 1 < 32) two |= static_cast<std::uint32_t>(s[bit / 8 + 1]) << 8;
    std::int32_t v =
        static_cast<std::int32_t>((two >> (bit % 8)) & static_cast<std::uint32_t>(radix - 1));
    v += carry;
    carry = v >= radix / 2 ? 1 : 0;
    digits[w] = static_cast<std::int8_t>(v - carry * radix);
  }
  assert(carry == 0);
}

// The bucket method on affine points. Bucket j collects the points whose current digit is
// +-(j+1); sum_j (j+1) bucket_j is formed with a running sum, 2 additions per bucket.
class Msm {
public:
  // A P3 of an affine (Precomp) point without inversion: X = 2x, Y = 2y, Z = 2, T = 2xy = xy2d/d.
  static P3 from_precomp(const Precomp& q) {
    return {fe_sub(q.yplusx, q.yminusx), fe_add(q.yplusx, q.yminusx), fe_add(fe_one(), fe_one()),
            fe_mul(q.xy2d, kFeDInv)};
  }

  // sum [scalars_i] points_i
  static P3 run(std::span<const Precomp> points, std::span<const Scalar> scalars) {
    assert(points.size() == scalars.size() && points.size() <= kMaxTerms);
    const std::size_t n = points.size();
    const int c = n >= 48 ? 5 : n >= 12 ? 4 : 3;
    const std::size_t windows = window_count(c);
    const std::size_t buckets = std::size_t{1} << (c - 1);

    std::array<std::array<std::int8_t, kMaxWindows>, kMaxTerms> digits;
    for (std::size_t i = 0; i < n; ++i) recode(scalars[i], c, digits[i]);

    std::array<P3, std::size_t{1} << (kMaxWindowBits - 1)> bucket;
    std::array<bool, std::size_t{1} << (kMaxWindowBits - 1)> used{};
    P3 acc = p3_identity();
    bool acc_used = false;
    for (std::size_t w = windows; w-- > 0;) {
      if (acc_used) {
        P2 r = p3_to_p2(acc);
        for (int i = 0; i < c - 1; ++i) r = p1p1_to_p2(p2_dbl(r));
        acc = p1p1_to_p3(p2_dbl(r));
      }
      used.fill(false);
      for (std::size_t i = 0; i < n; ++i) {
        const int d = digits[i][w];
        if (d == 0) continue;
        const auto j = static_cast<std::size_t>((d > 0 ? d : -d) - 1);
        const Precomp q = d > 0 ? points[i] : precomp_neg(points[i]);
        if (!used[j]) {
          bucket[j] = from_precomp(q);
          used[j] = true;
        } else {
          bucket[j] = p1p1_to_p3(p3_madd(bucket[j], q));
        }
      }
      // total = sum (j+1) bucket_j = sum over j of (bucket_top + ... + bucket_j).
      P3 running{};
      bool running_used = false;
      P3 total{};
      bool total_used = false;
      for (std::size_t j = buckets; j-- > 0;) {
        if (used[j]) {
          running = running_used ? p1p1_to_p3(p3_add(running, p3_to_cached(bucket[j]))) : bucket[j];
          running_used = true;
        }
        if (running_used) {
          total = total_used ? p1p1_to_p3(p3_add(total, p3_to_cached(running))) : running;
          total_used = true;
        }
      }
      if (total_used) {
        acc = acc_used ? p1p1_to_p3(p3_add(acc, p3_to_cached(total))) : total;
        acc_used = true;
      }
    }
    return acc;
  }
};

// The cofactored combined equation over the items listed in `subset` (indices into `prepared`).
bool combined_check(std::span<const Prepared> prepared, std::span<const std::size_t> subset) {
  std::array<Precomp, kMaxTerms> points;
  std::array<Scalar, kMaxTerms> scalars;
  std::size_t n = 0;
  Scalar s_sum{};
  for (const std::size_t i : subset) {
    const Prepared& p = prepared[i];
    s_sum = sc_muladd(p.z, p.s, s_sum);
    points[n] = p.neg_r;
    scalars[n++] = p.z;
    points[n] = p.neg_a;
    scalars[n++] = sc_muladd(p.z, p.k, Scalar{});
  }
  points[n] = base_odd_multiple(0);
  scalars[n++] = s_sum;
  const P3 sum = Msm::run(std::span(points).first(n), std::span<const Scalar>(scalars).first(n));
  return p2_is_identity(p2_mul_by_cofactor(p3_to_p2(sum)));
}

// Decides every item of `subset`, knowing (when known_bad) that its combination fails. Returns
// true when all of them are valid.
bool resolve(std::span<const BatchItem> items, std::span<const Prepared> prepared,
             std::span<const std::size_t> index_of, std::span<const std::size_t> subset,
             bool known_bad, std::span<std::uint8_t> results) {
  if (subset.size() <= kSingleThreshold) {
    bool all = true;
    for (const std::size_t i : subset) {
      const BatchItem& item = items[index_of[i]];
      const bool ok = verify(item.public_key, item.message, item.signature);
      results[index_of[i]] = ok ? 1 : 0;
      all = all && ok;
    }
    return all;
  }
  if (!known_bad && combined_check(prepared, subset)) {
    for (const std::size_t i : subset) results[index_of[i]] = 1;
    return true;
  }
  // The combination is the sum of the two halves' combinations (same z), so when it fails and
  // the left half passes, the right half must fail: no need to check it as a whole.
  const std::size_t half = subset.size() / 2;
  const bool left_ok = resolve(items, prepared, index_of, subset.first(half), false, results);
  const bool right_ok = resolve(items, prepared, index_of, subset.subspan(half), left_ok, results);
  return left_ok && right_ok;
}

bool verify_chunk(std::span<const BatchItem> items, std::span<const std::uint8_t, 32> seed,
                  std::span<std::uint8_t> results) {
  assert(items.size() <= kChunk);
  std::array<Prepared, kChunk> prepared;
  std::array<std::size_t, kChunk> index_of{}; // prepared slot -> item index
  std::size_t count = 0;
  bool all = true;

  // The coefficients depend on every item of the chunk (its k-hash input and S) and the seed.
  Sha512 transcript;
  transcript.update(kDomain);
  transcript.update(seed);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const BatchItem& item = items[i];
    const auto r_bytes = item.signature.first<32>();
    const auto s_bytes = item.signature.last<32>();
    Sha512 h;
    h.update(r_bytes);
    h.update(item.public_key);
    h.update(item.message);
    const Sha512Digest digest = h.finish();
    transcript.update(digest);
    transcript.update(s_bytes);

    // Up-front rejections: exactly verify()'s, so excluded items get verify()'s answer.
    results[i] = 0;
    if (!sc_is_canonical(s_bytes)) {
      all = false;
      continue;
    }
    const std::optional<P3> a = p3_decode(item.public_key);
    const std::optional<P3> r = a ? p3_decode(r_bytes) : std::nullopt;
    if (!a || !r) {
      all = false;
      continue;
    }
    Prepared& p = prepared[count];
    p.neg_a = precomp_neg(p3_affine_to_precomp(*a));
    p.neg_r = precomp_neg(p3_affine_to_precomp(*r));
    std::copy(s_bytes.begin(), s_bytes.end(), p.s.begin());
    p.k = sc_reduce(digest);
    index_of[count++] = i;
  }
  const Sha512Digest chunk_hash = transcript.finish();
  for (std::size_t j = 0; j < count; j += 4) {
    // One hash gives four 128-bit coefficients.
    Sha512 zh;
    zh.update(chunk_hash);
    const std::array<std::uint8_t, 4> counter = {static_cast<std::uint8_t>(j),
                                                 static_cast<std::uint8_t>(j >> 8), 0, 0};
    zh.update(counter);
    const Sha512Digest zs = zh.finish();
    for (std::size_t t = 0; t < 4 && j + t < count; ++t) {
      Scalar& z = prepared[j + t].z;
      z.fill(0);
      std::copy(zs.begin() + static_cast<std::ptrdiff_t>(16 * t),
                zs.begin() + static_cast<std::ptrdiff_t>(16 * t + 16), z.begin());
      z[0] |= 1; // never zero, so no item can drop out of the combination
    }
  }

  std::array<std::size_t, kChunk> subset{};
  for (std::size_t i = 0; i < count; ++i) subset[i] = i;
  const bool decoded_ok =
      resolve(items, std::span<const Prepared>(prepared).first(count), index_of,
              std::span<const std::size_t>(subset).first(count), false, results);
  return all && decoded_ok;
}

} // namespace

bool verify_batch(std::span<const BatchItem> items, std::span<const std::uint8_t, 32> seed,
                  std::span<std::uint8_t> results) {
  if (results.size() != items.size()) { // misuse: answer "invalid" rather than guess
    std::fill(results.begin(), results.end(), std::uint8_t{0});
    return false;
  }
  bool all = true;
  for (std::size_t start = 0; start < items.size(); start += kChunk) {
    const std::size_t len = std::min(kChunk, items.size() - start);
    all = verify_chunk(items.subspan(start, len), seed, results.subspan(start, len)) && all;
  }
  return all;
}

} // namespace weft::crypto::ed25519
