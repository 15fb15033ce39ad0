// Fuzzes engine::pages::parse_form, the reader of the hosted survey page's
// application/x-www-form-urlencoded POST body. Checks: nothing throws; names and
// values are valid UTF-8 (they become answers and are stored as text); a body
// written back from the parsed form parses to the same form; a body with no
// escapes splits exactly on '&' and '='.
#include "engine/pages/page_routes.hpp"

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pages = touchpoint::engine::pages;

namespace {

std::string encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const auto form = pages::parse_form(body);

    std::size_t values = 0;
    std::string written;
    for (const auto& [name, list] : form) {
        FUZZ_CHECK(!list.empty());
        FUZZ_CHECK(touchpoint::fuzz::is_valid_utf8(name));
        for (const auto& value : list) {
            FUZZ_CHECK(touchpoint::fuzz::is_valid_utf8(value));
            if (!written.empty()) written += '&';
            written += encode(name) + '=' + encode(value);
            ++values;
        }
    }
    FUZZ_CHECK(pages::parse_form(written) == form);

    // Without escapes decoding is the identity: one value per non-empty pair.
    if (body.find_first_of("%+") == std::string_view::npos) {
        std::size_t pairs = 0;
        for (std::size_t start = 0; start <= body.size();) {
            const auto amp = std::min(body.find('&', start), body.size());
            if (amp > start) ++pairs;
            start = amp + 1;
        }
        FUZZ_CHECK(values == pairs);
    }
    return 0;
}
