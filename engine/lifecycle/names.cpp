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

} // namespace touchpoint::engine::lifecycle
