// Every HTML page the engine serves (the survey pages, the report) goes out
// through this one helper, so each carries the same security headers.
#pragma once

#include "engine/http/message.hpp"

#include <string>

namespace touchpoint::engine::http {

// A text/html response with `content_security_policy`, X-Content-Type-Options:
// nosniff, Referrer-Policy: no-referrer (tokens in page URLs must not leak to
// other sites) and Cache-Control: no-store (pages show personal answers).
response html_response(int status, std::string body, const std::string& content_security_policy);

} // namespace touchpoint::engine::http
