// Reading JSON documents back from the database. Rows written before input was
// checked for UTF-8 may hold ill-formed bytes; they are read with those bytes
// replaced by U+FFFD instead of failing the whole read (`touchpoint doctor
// --repair` rewrites them for good).
#pragma once

#include <boost/json/fwd.hpp>

#include <string_view>

namespace touchpoint::engine {

// The parsed document; throws std::invalid_argument when the text is not JSON
// even after repair.
boost::json::value parse_stored_json(std::string_view text);

} // namespace touchpoint::engine
