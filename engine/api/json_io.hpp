// The JSON edges of the API: reading bodies, writing errors, paging cursors and
// the key checks every /v1 route starts with.
#pragma once

#include "engine/http/message.hpp"
#include "engine/http/router.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/records.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace touchpoint::engine::api {

// 415 unless the body is declared JSON, 400 when it does not parse.
services::outcome<boost::json::value> read_json_body(const http::request& req);

http::response error_to_response(const services::service_error& error);

std::string encode_cursor(const store::page_cursor& cursor);
services::outcome<std::optional<store::page_cursor>> read_cursor(const http::request& req);
// A filter given as a query parameter: absent or empty means no filter.
std::optional<std::string> read_filter_param(const http::request& req, const std::string& name);
// ?limit=N, 1 to 500, default 50.
services::outcome<int> read_limit(const http::request& req);
// ?from and ?to as ISO-8601 instants or dates.
services::outcome<std::optional<std::int64_t>> read_time_param(const http::request& req, const std::string& name);

// A page of a listing: {"data": [to_json(view)...], "next_cursor"}, the cursor
// after the last view when the page is full, else null. Views carry row.created_at and row.id.
template <class Views, class ToJson>
http::response page_response(const Views& views, int limit, ToJson to_json) {
    boost::json::array data;
    for (const auto& view : views) data.push_back(to_json(view));
    boost::json::value next = nullptr;
    if (static_cast<int>(views.size()) == limit) next = encode_cursor({views.back().row.created_at, views.back().row.id});
    return http::json_response(200, boost::json::object{{"data", std::move(data)}, {"next_cursor", std::move(next)}});
}

// Wraps a handler so it runs only for a key of the scope (admin keys pass everywhere).
http::handler require_key(services::api_key_service& keys, services::key_scope scope, http::handler inner);

} // namespace touchpoint::engine::api
