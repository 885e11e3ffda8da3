// libFuzzer: light blocks and light-client attack evidence (docs/protocol.md "Light block";
// docs/protocol/light-client.md). Whatever a decoder accepts re-encodes to exactly the input;
// verification, witness comparison and bisection over any decoded blocks never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>

#include "light/attack.hpp"
#include "light/bisection.hpp"
#include "light/light_block.hpp"
#include "light/verify.hpp"

using namespace weft::light;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

template <typename R, typename Encode>
void round_trip(std::span<const std::uint8_t> in, const R& decoded, Encode encode_fn) {
  if (!decoded.ok()) return;
  const auto again = encode_fn(decoded.value());
  require(again.size() == in.size() && std::equal(again.begin(), again.end(), in.begin()));
}

// Layout: u64 now, u64 trusting period, u64 drift, then trusted, untrusted and witness blocks.
void verify_decoded(std::span<const std::uint8_t> in) {
  weft::encoding::Reader r(in);
  const std::uint64_t now = r.u64();
  const Options options{r.u64(), r.u64()};
  TrustedBlock trusted{read_light_block(r), std::nullopt};
  const LightBlock untrusted = read_light_block(r);
  if (!r.ok()) return;
  const auto direct = verify(trusted, untrusted, options, now);
  // Verification is a function of its inputs: the same answer twice.
  const auto again = verify(trusted, untrusted, options, now);
  require(direct.ok() == again.ok() && (direct.ok() || direct.error() == again.error()));
  if (direct.ok()) require(untrusted.height() > trusted.height());

  const LightBlock witness = read_light_block(r);
  if (r.ok()) {
    const auto check = check_witness(trusted, untrusted, witness, options, now);
    require(check.evidence.has_value() ==
            (!check.status.ok() && check.status.error() == LightError::ConflictingHeaders));
    if (check.evidence) {
      const auto bytes = encode_attack_evidence(*check.evidence);
      require(decode_attack_evidence(bytes).ok());
    }
  }

  // Bisection toward the untrusted block's height, served only the blocks at hand.
  Bisection bisection(options);
  bisection.start(trusted, untrusted.height(), now);
  for (int steps = 0; steps < 64; ++steps) {
    const Step step = bisection.next();
    const auto* need = std::get_if<NeedBlock>(&step);
    if (need == nullptr) {
      if (const auto* failed = std::get_if<Failed>(&step)) {
        require(failed->error != LightError::NotEnoughTrust);
      }
      break;
    }
    require(need->height > bisection.trusted().height() &&
            need->height <= bisection.target_height());
    if (need->height == untrusted.height()) {
      bisection.provide(untrusted);
    } else if (need->height == witness.height() && r.ok()) {
      bisection.provide(witness);
    } else {
      break;
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  switch (data[0] % 3) {
  case 0:
    round_trip(in, decode_light_block(in), [](const auto& b) { return encode_light_block(b); });
    break;
  case 1:
    round_trip(in, decode_attack_evidence(in),
               [](const auto& e) { return encode_attack_evidence(e); });
    break;
  case 2:
    verify_decoded(in);
    break;
  }
  return 0;
}
