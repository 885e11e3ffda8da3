// Proposer-priority records (abi/priority_record.hpp).
#include "abi/priority_record.hpp"

#include <utility>

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::abi {
namespace {
constexpr std::uint8_t kPriorityRecordVersion = 1;
} // namespace

consensus::Bytes encode_priority_record(const consensus::ValidatorSet& set) {
  encoding::Writer w;
  w.u8(kPriorityRecordVersion);
  w.u32(set.proposer_index());
  const auto priorities = set.priorities();
  w.varint(priorities.size());
  for (const auto p : priorities) w.u64(static_cast<std::uint64_t>(p));
  return std::move(w).take();
}

Result<PriorityRecord, encoding::DecodeError>
decode_priority_record(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  PriorityRecord record;
  if (r.u8() != kPriorityRecordVersion && r.ok()) r.fail(encoding::DecodeError::UnknownVersion);
  record.proposer = r.u32();
  const auto count = r.varint(consensus::kMaxValidatorsEncodable);
  // Bounded by the count's maximum, and by the input: each priority takes 8 bytes.
  if (r.ok() && count > r.remaining() / 8) r.fail(encoding::DecodeError::Truncated);
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    record.priorities.push_back(static_cast<std::int64_t>(r.u64()));
  }
  if (!r.finish()) return err(r.error());
  return record;
}

} // namespace weft::abi
