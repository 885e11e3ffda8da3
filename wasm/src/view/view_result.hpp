// The outcome of a view operation: a value, or the reason it failed — the view's own
// (ViewError) or the canonical decoder's verdict on the bytes the view describes (DecodeError,
// or ProofError for state proofs), kept unchanged so that reason is what TypeScript sees.
#pragma once

#include <cassert>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "encoding/decode_error.hpp"
#include "state/error_names.hpp"
#include "view/view_error.hpp"

namespace weft::view {

using ViewFailure = std::variant<ViewError, encoding::DecodeError, state::ProofError>;

// "Domain.Reason" of a failure, as weft_error_name spells it.
constexpr std::string_view failure_name(const ViewFailure& failure) {
  return std::visit([](auto reason) { return std::string_view(qualified_name(reason)); }, failure);
}

template <typename T> class [[nodiscard]] ViewResult {
public:
  ViewResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  ViewResult(ViewFailure failure) : v_(std::in_place_index<1>, failure) {}
  template <typename E>
    requires std::is_enum_v<E> && std::is_constructible_v<ViewFailure, E>
  ViewResult(E reason) : v_(std::in_place_index<1>, ViewFailure(reason)) {}

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
  ViewFailure error() const {
    assert(!ok());
    return *std::get_if<1>(&v_);
  }

private:
  std::variant<T, ViewFailure> v_;
};

} // namespace weft::view
