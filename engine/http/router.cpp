#include "engine/http/router.hpp"

#include "surveys/utf8.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

} // namespace

void router::add(std::string method, std::string pattern, handler h, runs_on where) {
    route r{std::move(method), std::move(pattern), {}, std::move(h), where};
    for (auto segment : split_path(r.pattern)) r.segments.emplace_back(segment);
    routes_.push_back(std::move(r));
}

bool router::match(const route& r, const std::vector<std::string_view>& path, std::map<std::string, std::string>& params) {
    if (r.segments.size() != path.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const auto& segment = r.segments[i];
        if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
            if (path[i].empty()) return false;
            params[segment.substr(1, segment.size() - 2)] = std::string(path[i]);
        } else if (segment != path[i]) {
            return false;
        }
    }
    return true;
}

std::vector<bool> router::fixed_segments(const route& r) {
    std::vector<bool> fixed;
    for (const auto& segment : r.segments)
        fixed.push_back(!(segment.size() > 2 && segment.front() == '{' && segment.back() == '}'));
    return fixed;
}

std::vector<bool> router::best_fixed_segments(const std::vector<std::string_view>& path) const {
    // Compared segment by segment from the left, a fixed one beating a parameter.
    std::vector<bool> best;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (match(r, path, params)) best = std::max(best, fixed_segments(r));
    }
    return best;
}

response router::dispatch(request& req) const {
    // Text that is not UTF-8 would be stored as is and break every later read.
    if (auto refusal = refuse_invalid_text(req)) return std::move(*refusal);
    if (req.route_index >= 0 && static_cast<std::size_t>(req.route_index) < routes_.size())
        return routes_[static_cast<std::size_t>(req.route_index)].h(req);
    const auto path = split_path(req.path);
    const auto best = best_fixed_segments(path);
    std::string allowed;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (!match(r, path, params) || fixed_segments(r) != best) continue;
        const bool head_as_get = req.method == "HEAD" && r.method == "GET";
        if (r.method != req.method && !head_as_get) {
            if (allowed.find(r.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + r.method;
            continue;
        }
        req.params = std::move(params);
        req.route = r.pattern;
        return r.h(req);
    }
    if (!allowed.empty()) {
        req.route = "(method not allowed)";
        auto out = error_response(405, "method_not_allowed", req.method + " is not allowed here; use " + allowed);
        out.set_header("Allow", allowed);
        return out;
    }
    req.route = "(unmatched)";
    return error_response(404, "not_found", "no route for " + req.method + " " + req.path);
}

runs_on router::resolve(request& req) const {
    const auto path = split_path(req.path);
    const auto best = best_fixed_segments(path);
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& r = routes_[i];
        if (r.method != req.method) continue;
        std::map<std::string, std::string> params;
        if (!match(r, path, params) || fixed_segments(r) != best) continue;
        req.params = std::move(params);
        req.route = r.pattern;
        req.route_index = static_cast<int>(i);
        return r.where;
    }
    return runs_on::worker_pool;
}

std::vector<router::route_info> router::routes() const {
    std::vector<route_info> out;
    for (const auto& r : routes_) out.push_back({r.method, r.pattern});
    return out;
}

std::optional<response> refuse_invalid_text(request& req) {
    auto refuse = [&req](const std::string& field) {
        req.route = "(invalid text)";
        return json_response(400, boost::json::object{
                                      {"error", boost::json::object{
                                                    {"code", "invalid_utf8"},
                                                    {"message", field + " is not valid UTF-8 text"},
                                                    {"details", boost::json::array{boost::json::object{
                                                                    {"field", field}, {"message", "is not valid UTF-8 text"}}}}}}});
    };
    if (!surveys::is_valid_utf8(req.path)) return refuse("path");
    for (const auto& [name, value] : req.query) {
        if (!surveys::is_valid_utf8(name)) return refuse("query");
        if (!surveys::is_valid_utf8(value)) return refuse(name);
    }
    return std::nullopt;
}

response error_response(int status, std::string code, std::string message) {
    return json_response(status, boost::json::object{
                                     {"error", boost::json::object{{"code", std::move(code)},
                                                                   {"message", std::move(message)},
                                                                   {"details", boost::json::array{}}}}});
}

} // namespace touchpoint::engine::http
