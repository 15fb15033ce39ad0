#include "engine/stored_json.hpp"

#include "surveys/utf8.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <stdexcept>

namespace touchpoint::engine {

boost::json::value parse_stored_json(std::string_view text) {
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (!ec) return value;
    if (!surveys::is_valid_utf8(text)) {
        ec.clear();
        value = boost::json::parse(surveys::repair_utf8(text), ec);
        if (!ec) return value;
    }
    throw std::invalid_argument("a stored JSON document does not parse: " + ec.message());
}

} // namespace touchpoint::engine
