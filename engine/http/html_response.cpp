#include "engine/http/html_response.hpp"

namespace touchpoint::engine::http {

response html_response(int status, std::string body, const std::string& content_security_policy) {
    auto out = text_response(status, std::move(body), "text/html; charset=utf-8");
    out.set_header("Content-Security-Policy", content_security_policy);
    out.set_header("X-Content-Type-Options", "nosniff");
    out.set_header("Referrer-Policy", "no-referrer");
    out.set_header("Cache-Control", "no-store");
    return out;
}

} // namespace touchpoint::engine::http
