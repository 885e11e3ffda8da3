// Result<T, E>: a value or a named error, for a core built without exceptions (C++20 has no
// std::expected). Errors are enum class values whose names cross into TypeScript unchanged.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace weft {

template <typename E> struct Err {
  E error;
};

template <typename E> Err<E> err(E e) {
  return Err<E>{e};
}

template <typename T, typename E> class [[nodiscard]] Result {
  static_assert(std::is_enum_v<E>, "errors are named enum values");

public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Err<E> e) : v_(std::in_place_index<1>, e.error) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Accessing the wrong alternative is a logic bug in the caller, never a reaction to input.
  T& value() & {
    assert(ok());
    return *std::get_if<0>(&v_);
  }
  const T& value() const& {
    assert(ok());
    return *std::get_if<0>(&v_);
  }
  T&& value() && {
    assert(ok());
    return std::move(*std::get_if<0>(&v_));
  }
  E error() const {
    assert(!ok());
    return *std::get_if<1>(&v_);
  }

private:
  std::variant<T, E> v_;
};

// Result<void, E>: success or a named error.
template <typename E> class [[nodiscard]] Status {
  static_assert(std::is_enum_v<E>, "errors are named enum values");

public:
  Status() = default;
  Status(Err<E> e) : failed_(true), error_(e.error) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  E error() const {
    assert(failed_);
    return error_;
  }

private:
  bool failed_ = false;
  E error_{};
};

} // namespace weft
