#include "engine/http/json_text.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

namespace touchpoint::engine::http {
namespace json = boost::json;
namespace {

void append(std::string& out, const json::value& value) {
    switch (value.kind()) {
    case json::kind::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value.get_object()) {
            if (!first) out += ',';
            first = false;
            out += json::serialize(json::string(key));
            out += ':';
            append(out, item);
        }
        out += '}';
        return;
    }
    case json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& item : value.get_array()) {
            if (!first) out += ',';
            first = false;
            append(out, item);
        }
        out += ']';
        return;
    }
    case json::kind::double_: {
        const double number = value.get_double();
        // JSON has no NaN or infinity; an undefined statistic reads as null.
        out += std::isfinite(number) ? fmt::format("{}", number) : "null";
        return;
    }
    default:
        out += json::serialize(value); // strings (escaped), integers, booleans, null
    }
}

} // namespace

std::string to_json_text(const json::value& value) {
    std::string out;
    append(out, value);
    return out;
}

} // namespace touchpoint::engine::http
