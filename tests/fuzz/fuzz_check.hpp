// What every fuzz target shares: a check that stops the run on a broken
// invariant, and a strict UTF-8 validator for "valid in, valid out" checks.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace touchpoint::fuzz {

// abort(), not __builtin_trap(): libFuzzer catches SIGABRT, prints the stack and
// saves the input, and the message says which invariant broke.
[[noreturn]] inline void invariant_failed(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, what);
    std::abort();
}

// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t code = 0, lowest = 0;
        if ((c & 0xe0) == 0xc0) length = 2, code = c & 0x1f, lowest = 0x80;
        else if ((c & 0xf0) == 0xe0) length = 3, code = c & 0x0f, lowest = 0x800;
        else if ((c & 0xf8) == 0xf0) length = 4, code = c & 0x07, lowest = 0x10000;
        else return false;
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) return false;
            code = (code << 6) | (next & 0x3f);
        }
        if (code < lowest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
        i += length;
    }
    return true;
}

} // namespace touchpoint::fuzz

#define FUZZ_CHECK(condition) \
    ((condition) ? static_cast<void>(0) : ::touchpoint::fuzz::invariant_failed(#condition, __FILE__, __LINE__))
