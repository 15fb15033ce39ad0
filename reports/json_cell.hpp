// Reading report JSON into CSV cells.
#pragma once

#include <boost/json/fwd.hpp>

#include <initializer_list>
#include <string>

namespace touchpoint::reports {

// A number as plain text (no exponent), an absent or null value as an empty cell.
std::string cell(const boost::json::value* value);

// The value at a path of object keys, or null when any step is missing.
const boost::json::value* at_path(const boost::json::object& object, std::initializer_list<const char*> path);

} // namespace touchpoint::reports
