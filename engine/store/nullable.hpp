// Reads nullable columns into std::optional: SOCI 4.0.3 knows only indicators.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace touchpoint::engine::store {

// A value and its indicator to read a nullable column into.
template <class T>
struct nullable_column {
    T value{};
    soci::indicator indicator = soci::i_null;

    std::optional<T> get() const {
        if (indicator == soci::i_ok) return value;
        return std::nullopt;
    }
};

template <class T>
auto into(nullable_column<T>& column) {
    return soci::into(column.value, column.indicator);
}

// Parameters are bound inline with soci::use(value, indicator): a helper that
// returned SOCI's use_container would leave it holding a dangling name reference.
inline soci::indicator indicator_of(bool present) { return present ? soci::i_ok : soci::i_null; }

} // namespace touchpoint::engine::store
