// The request and response every handler sees. Plain structs, so handlers and
// their tests never include Beast or Asio; only http/server.cpp converts.
#pragma once

#include <boost/json/fwd.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace touchpoint::engine::http {

struct request {
    std::string method;                         // "GET"
    std::string target;                         // as received: "/v1/surveys?limit=5"
    std::string path;                           // percent-decoded path
    std::map<std::string, std::string> query;   // decoded query parameters (last one wins)
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::map<std::string, std::string> params;  // path parameters, set by the router
    std::string route;                          // the matched route pattern, for metrics and logs
    int route_index = -1;                       // the router's match once found, so it searches once

    std::string_view header(std::string_view name) const;
    std::optional<std::string> query_param(const std::string& name) const;
    // The API key of `Authorization: Bearer KEY` (RFC 6750); nullopt without one.
    std::optional<std::string_view> bearer_token() const;
};

// Produces a streamed body chunk by chunk: appends to `chunk` and returns false
// once nothing is left. Runs on the blocking pool, so it may query the database.
using body_stream = std::function<bool(std::string& chunk)>;

struct response;
// Builds a deferred response; run on the connection's own network thread, so the
// thread that finished the work (e.g. the database writer) only hands it over.
using response_builder = std::function<response()>;
// Called exactly once, from any thread, when a deferred response is ready.
using reply_function = std::function<void(response_builder)>;

struct response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    body_stream stream; // when set, sent with chunked encoding instead of `body`
    // When set, the real response comes later: the server calls it with a
    // reply_function and the connection waits for that, holding no thread.
    std::function<void(reply_function)> deferred;

    void set_header(std::string name, std::string value);
    std::string_view header(std::string_view name) const;
};

response json_response(int status, const boost::json::value& body);
response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");

// Splits a target into path and query with Boost.URL; false when it is not a
// valid origin-form target.
bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

} // namespace touchpoint::engine::http
