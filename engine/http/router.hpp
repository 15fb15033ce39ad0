// The routing table: method and path pattern ("/v1/surveys/{id}") to handler.
// Pure, so it is tested without sockets.
#pragma once

#include "engine/http/message.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::http {

using handler = std::function<response(request&)>;

// Where a handler runs: on the worker pool (the default, for anything that may
// wait on the database) or directly on the network thread (never waits).
enum class runs_on { worker_pool, network_thread };

class router {
public:
    void add(std::string method, std::string pattern, handler h, runs_on where = runs_on::worker_pool);

    // Fills req.params and req.route and calls the handler; 404 when no pattern
    // matches, 405 with Allow when the path matches under other methods. A fixed
    // segment wins over a parameter: with "POST /v1/campaigns/preview" and
    // "GET /v1/campaigns/{id}", GET /v1/campaigns/preview is a 405, not a campaign id.
    response dispatch(request& req) const;

    // Finds the route for `req` once (its params, pattern and index go into req,
    // so dispatch does not search again) and says where its handler runs; a
    // request no route takes (404, 405) runs on the worker pool.
    runs_on resolve(request& req) const;

    struct route_info {
        std::string method;
        std::string pattern;
    };
    std::vector<route_info> routes() const;

private:
    struct route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        handler h;
        runs_on where = runs_on::worker_pool;
    };
    static bool match(const route& r, const std::vector<std::string_view>& path, std::map<std::string, std::string>& params);
    // Which segments of the route's pattern are fixed text rather than parameters.
    static std::vector<bool> fixed_segments(const route& r);
    // The most fixed pattern among the routes matching `path`: only routes with it take the request.
    std::vector<bool> best_fixed_segments(const std::vector<std::string_view>& path) const;

    std::vector<route> routes_;
};

// 400 naming the part (the path, or the query parameter) whose decoded text is
// not well-formed UTF-8; nullopt when the path and query are.
std::optional<response> refuse_invalid_text(request& req);

// The JSON error body of the public contract.
response error_response(int status, std::string code, std::string message);

} // namespace touchpoint::engine::http
