// Fuzzes engine::pages::parse_form, the reader of the hosted survey page's
// application/x-www-form-urlencoded POST body. Checks: nothing throws; a body
// written back from the parsed form parses to the same form; a body without
// percent escapes reads as its own text split on '&' and the first '=', with
// '+' as a space. Escapes may decode to bytes that are not UTF-8: parse_form
// hands them on and the POST /s/{token} handler refuses such a field.
#include "engine/pages/page_routes.hpp"

#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

    std::string written;
    for (const auto& [name, list] : form) {
        FUZZ_CHECK(!list.empty());
        for (const auto& value : list) {
            if (!written.empty()) written += '&';
            written += encode(name) + '=' + encode(value);
        }
    }
    FUZZ_CHECK(pages::parse_form(written) == form);

    if (body.find('%') != std::string_view::npos) return 0;
    std::map<std::string, std::vector<std::string>> expected;
    for (auto rest = body; !rest.empty();) {
        const auto amp = rest.find('&');
        auto pair = std::string(rest.substr(0, amp));
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        std::ranges::replace(pair, '+', ' ');
        const auto eq = pair.find('=');
        expected[pair.substr(0, eq)].push_back(eq == std::string::npos ? std::string() : pair.substr(eq + 1));
    }
    FUZZ_CHECK(form == expected);
    return 0;
}
