#include "engine/api/json_io.hpp"

#include "engine/security/crypto.hpp"
#include "engine/time_format.hpp"
#include "surveys/utf8.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::outcome;
using services::service_error;

namespace {

bool holds_nul(const json::value& value) {
    if (value.is_string()) return value.get_string().find('\0') != json::string::npos;
    if (value.is_array()) return std::ranges::any_of(value.get_array(), holds_nul);
    if (!value.is_object()) return false;
    for (const auto& [key, item] : value.get_object())
        if (key.find('\0') != json::string_view::npos || holds_nul(item)) return true;
    return false;
}

// The dotted path ("attributes.plan", "questions[2].text.en") of the first key or
// string holding U+0000, which JSON allows as \u0000 but PostgreSQL text cannot hold.
// Paths are built only once a NUL is known to be there: every request body passes here.
std::optional<std::string> find_nul_character(const json::value& value, const std::string& path = "") {
    if (!holds_nul(value)) return std::nullopt;
    const auto where = [&path] { return path.empty() ? std::string("body") : path; };
    if (value.is_array()) {
        const auto& items = value.get_array();
        for (std::size_t i = 0; i < items.size(); ++i)
            if (holds_nul(items[i])) return find_nul_character(items[i], where() + "[" + std::to_string(i) + "]");
    }
    if (value.is_object())
        for (const auto& [key, item] : value.get_object()) {
            if (key.find('\0') != json::string_view::npos) return where();
            if (holds_nul(item)) return find_nul_character(item, path.empty() ? std::string(key) : path + "." + std::string(key));
        }
    return where();
}

} // namespace

outcome<json::value> read_json_body(const http::request& req) {
    const auto type = req.header("content-type");
    const auto media = type.substr(0, type.find(';'));
    if (media != "application/json" && !(media.starts_with("application/") && media.ends_with("+json")))
        return service_error{415, "unsupported_media_type", "send the body as Content-Type: application/json", {}};
    boost::system::error_code ec;
    auto value = json::parse(req.body, ec);
    if (ec) {
        // Boost.JSON refuses ill-formed UTF-8 as a syntax error; say which it is.
        if (const auto at = surveys::find_invalid_utf8(req.body); at != std::string::npos && req.body[at] != '\0')
            return service_error{400, "invalid_utf8", "the body is not valid UTF-8 (byte " + std::to_string(at) + ")",
                                 {{"body", "is not valid UTF-8 text"}}};
        return service_error{400, "malformed_json", "the body is not valid JSON: " + ec.message(), {}};
    }
    if (auto field = find_nul_character(value))
        return service_error{400, "invalid_utf8", *field + " holds the character U+0000, which cannot be stored",
                             {{*field, "must not hold the character U+0000"}}};
    return value;
}

http::response error_to_response(const service_error& error) {
    json::array details;
    for (const auto& detail : error.details) details.push_back(json::object{{"field", detail.field}, {"message", detail.message}});
    return http::json_response(error.status, json::object{{"error", json::object{{"code", error.code},
                                                                                  {"message", error.message},
                                                                                  {"details", std::move(details)}}}});
}

std::string encode_cursor(const store::page_cursor& cursor) {
    const auto text = std::to_string(cursor.created_at) + ":" + cursor.id;
    return security::base64url_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

outcome<std::optional<store::page_cursor>> read_cursor(const http::request& req) {
    auto value = req.query_param("cursor");
    if (!value || value->empty()) return std::optional<store::page_cursor>{};
    security::bytes raw;
    auto bad = services::invalid_field("cursor", "is not a cursor this API returned");
    if (!security::base64url_decode(*value, raw)) return bad;
    const std::string text(raw.begin(), raw.end());
    const auto colon = text.find(':');
    if (colon == std::string::npos) return bad;
    store::page_cursor cursor;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + colon, cursor.created_at);
    if (ec != std::errc{} || ptr != text.data() + colon) return bad;
    cursor.id = text.substr(colon + 1);
    return std::optional<store::page_cursor>{cursor};
}

std::optional<std::string> read_filter_param(const http::request& req, const std::string& name) {
    auto value = req.query_param(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
}

outcome<int> read_limit(const http::request& req) {
    auto value = req.query_param("limit");
    if (!value) return {boost::system::in_place_value, 50};
    int limit = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), limit);
    if (ec != std::errc{} || ptr != value->data() + value->size() || limit < 1 || limit > 500)
        return services::invalid_field("limit", "must be an integer from 1 to 500");
    return {boost::system::in_place_value, limit};
}

outcome<std::optional<std::int64_t>> read_time_param(const http::request& req, const std::string& name) {
    auto value = req.query_param(name);
    if (!value || value->empty()) return std::optional<std::int64_t>{};
    auto parsed = parse_time(*value);
    if (!parsed) return services::invalid_field(name, "must be an ISO-8601 date or time such as 2026-11-01 or 2026-11-01T09:00:00Z");
    return std::optional<std::int64_t>{*parsed};
}

http::handler require_key(services::api_key_service& keys, services::key_scope scope, http::handler inner) {
    return [&keys, scope, inner = std::move(inner)](http::request& req) -> http::response {
        const auto key = req.bearer_token();
        if (!key) {
            auto out = http::error_response(401, "unauthorized", "send an API key as Authorization: Bearer KEY");
            out.set_header("WWW-Authenticate", "Bearer");
            return out;
        }
        auto granted = keys.authenticate(*key);
        if (!granted) {
            auto out = http::error_response(401, "unauthorized", "the API key is not valid");
            out.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return out;
        }
        if (*granted != services::key_scope::admin && *granted != scope)
            return http::error_response(403, "forbidden", "this API key's scope does not allow this route");
        return inner(req);
    };
}

} // namespace touchpoint::engine::api
