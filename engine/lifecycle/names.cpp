#include "engine/lifecycle/names.hpp"

#include <algorithm>
#include <cctype>

namespace touchpoint::engine::lifecycle {

bool is_valid_event_name(std::string_view name) {
    return !name.empty() && name.size() <= 100 && std::ranges::all_of(name, [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == ':';
    });
}

bool is_valid_attribute_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 &&
           std::ranges::all_of(name, [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.'; });
}

bool is_valid_external_id(std::string_view id) {
    return !id.empty() && id.size() <= 200 &&
           std::ranges::none_of(id, [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '/'; });
}

} // namespace touchpoint::engine::lifecycle
