// Escapes text for HTML element content and quoted attribute values.
#pragma once

#include <string>
#include <string_view>

namespace touchpoint::reports {

std::string html_escape(std::string_view text);

} // namespace touchpoint::reports
