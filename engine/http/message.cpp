#include "engine/http/message.hpp"

#include "engine/http/json_text.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace touchpoint::engine::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

} // namespace

std::string_view request::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

std::optional<std::string> request::query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string_view> request::bearer_token() const {
    const auto authorization = header("authorization");
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size() || !iequals(authorization.substr(0, scheme.size()), scheme)) return std::nullopt;
    return authorization.substr(scheme.size());
}

void response::set_header(std::string name, std::string value) {
    for (auto& [key, existing] : headers)
        if (iequals(key, name)) {
            existing = std::move(value);
            return;
        }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string_view response::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

response json_response(int status, const boost::json::value& body) {
    response out;
    out.status = status;
    out.body = to_json_text(body);
    out.set_header("Content-Type", "application/json");
    return out;
}

response text_response(int status, std::string body, std::string content_type) {
    response out;
    out.status = status;
    out.body = std::move(body);
    out.set_header("Content-Type", std::move(content_type));
    return out;
}

bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return false;
    path = url->path();
    query.clear();
    for (auto param : url->params()) query[param.key] = param.value;
    return true;
}

} // namespace touchpoint::engine::http
