// The bisection handle (abi/bisection_handle.hpp).
#include "abi/bisection_handle.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include "abi/abi.hpp"
#include "encoding/writer.hpp"
#include "light/light_block.hpp"

namespace weft::abi {

std::int32_t BisectionHandle::start(std::span<const std::uint8_t> trusted,
                                    std::span<const std::uint8_t> trusted_next,
                                    std::uint64_t target_height, std::uint64_t now_ms) {
  auto t = decode_trusted_block(trusted, trusted_next, max_validators_);
  if (!t) return error_status(ErrorDomain::Decode, t.error());
  bisection_.start(std::move(t).value(), target_height, now_ms);
  started_ = true;
  return 0;
}

std::int32_t BisectionHandle::next(Session& s) {
  if (!started_) return error_status(ErrorDomain::Abi, AbiError::NotStarted);
  encoding::Writer w;
  std::visit(
      [&](const auto& step) {
        using T = std::decay_t<decltype(step)>;
        if constexpr (std::is_same_v<T, light::Verified>) {
          w.u8(static_cast<std::uint8_t>(BisectionTag::Verified));
          w.u64(step.block.height());
        } else if constexpr (std::is_same_v<T, light::NeedBlock>) {
          w.u8(static_cast<std::uint8_t>(BisectionTag::NeedBlock));
          w.u64(step.height);
        } else {
          static_assert(std::is_same_v<T, light::Failed>);
          w.u8(static_cast<std::uint8_t>(BisectionTag::Failed));
          w.u64(step.height);
          w.u32(static_cast<std::uint32_t>(error_status(ErrorDomain::Light, step.error)));
        }
      },
      bisection_.next());
  s.out = std::move(w).take();
  return 0;
}

std::int32_t BisectionHandle::provide(std::span<const std::uint8_t> block) {
  auto decoded = light::decode_light_block(block, max_validators_);
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  return bisection_.provide(std::move(decoded).value()) ? 1 : 0;
}

std::int32_t BisectionHandle::trusted(Session& s) const {
  if (!started_) return error_status(ErrorDomain::Abi, AbiError::NotStarted);
  s.out = light::encode_light_block(bisection_.trusted().block);
  return 0;
}

} // namespace weft::abi
