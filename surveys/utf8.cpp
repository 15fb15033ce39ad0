#include "surveys/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>

namespace touchpoint::surveys {

std::size_t find_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int64_t>(text.size());
    for (std::int64_t i = 0; i < length;) {
        const auto start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c <= 0) return static_cast<std::size_t>(start);
    }
    return std::string_view::npos;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int64_t>(text.size());
    for (std::int64_t i = 0; i < length;) {
        const auto start = i;
        UChar32 c = 0;
        U8_NEXT_OR_FFFD(bytes, i, length, c);
        if (c == 0 || (c == 0xfffd && !(i - start == 3 && text.compare(start, 3, "\xEF\xBF\xBD") == 0))) out += "\xEF\xBF\xBD";
        else out.append(text.substr(start, i - start));
    }
    return out;
}

} // namespace touchpoint::surveys
