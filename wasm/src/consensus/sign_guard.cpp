// The sign guard (docs/protocol/consensus.md §Sign guard).
#include "consensus/sign_guard.hpp"

#include <tuple>

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::consensus {
namespace {

constexpr std::uint8_t kLastSignedVersion = 1;

void write_maybe(encoding::Writer& w, const MaybeBlock& b) {
  w.boolean(b.has_value());
  if (b) w.fixed(*b);
}

MaybeBlock read_maybe(encoding::Reader& r) {
  if (r.boolean()) return r.fixed<32>();
  return std::nullopt;
}

} // namespace

Bytes encode_last_signed(const LastSigned& s) {
  encoding::Writer w;
  w.u8(kLastSignedVersion);
  w.u64(s.height);
  w.u32(s.round);
  w.u8(static_cast<std::uint8_t>(s.step));
  write_maybe(w, s.block);
  w.u32(s.pol_round);
  w.u32(s.locked_round);
  write_maybe(w, s.locked_block);
  w.u32(s.valid_round);
  write_maybe(w, s.valid_block);
  return std::move(w).take();
}

Result<LastSigned, encoding::DecodeError> decode_last_signed(std::span<const std::uint8_t> in) {
  using encoding::DecodeError;
  encoding::Reader r(in);
  LastSigned s;
  if (r.u8() != kLastSignedVersion) r.fail(DecodeError::UnknownVersion);
  s.height = r.u64();
  s.round = r.u32();
  const auto step = r.u8();
  if (step < 1 || step > 3) r.fail(DecodeError::UnknownType);
  s.step = static_cast<SignedStep>(step);
  s.block = read_maybe(r);
  s.pol_round = r.u32();
  s.locked_round = r.u32();
  s.locked_block = read_maybe(r);
  s.valid_round = r.u32();
  s.valid_block = read_maybe(r);
  if (r.ok()) {
    const bool bad = s.height == 0 || s.round > kMaxRound ||
                     (s.step == SignedStep::Proposal && !s.block) ||
                     (s.locked_round == kNoRound) != !s.locked_block ||
                     (s.valid_round == kNoRound) != !s.valid_block;
    if (bad) r.fail(DecodeError::ValueOutOfRange);
  }
  if (!r.finish()) return err(r.error());
  return s;
}

Status<SignGuardError> SignGuard::check(const LastSigned& next) const {
  if (!last_) return {};
  const auto key = [](const LastSigned& s) { return std::tuple(s.height, s.round, s.step); };
  if (key(next) < key(*last_)) return err(SignGuardError::Regression);
  // Re-signing the very same message is harmless (Ed25519 signatures are deterministic) and
  // lets a restarted node re-send what it had signed.
  if (key(next) == key(*last_) &&
      (next.block != last_->block || next.pol_round != last_->pol_round)) {
    return err(SignGuardError::Conflict);
  }
  return {};
}

Status<SignGuardError> SignGuard::approve(const LastSigned& next) {
  auto s = check(next);
  if (s) last_ = next;
  return s;
}

} // namespace weft::consensus
