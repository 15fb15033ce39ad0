#include "engine/metrics.hpp"

#include <fmt/format.h>

namespace touchpoint::engine {
namespace {

// Label values are route patterns and methods, but escape them as the format asks.
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

void metrics::observe_request(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    auto& h = latency_[route];
    ++h.count;
    h.sum += seconds;
    for (std::size_t i = 0; i < latency_buckets.size(); ++i)
        if (seconds <= latency_buckets[i]) ++h.buckets[i];
}

std::string metrics::render() const {
    std::string out;
    std::lock_guard lock(mutex_);
    out += "# HELP touchpoint_http_requests_total HTTP requests by method, route and status.\n"
           "# TYPE touchpoint_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out += fmt::format("touchpoint_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", label(method),
                           label(route), status, count);
    }
    out += "# HELP touchpoint_http_request_duration_seconds Time to handle a request, by route.\n"
           "# TYPE touchpoint_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < latency_buckets.size(); ++i)
            out += fmt::format("touchpoint_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label(route),
                               latency_buckets[i], h.buckets[i]);
        out += fmt::format("touchpoint_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label(route), h.count);
        out += fmt::format("touchpoint_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label(route), h.sum);
        out += fmt::format("touchpoint_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label(route), h.count);
    }
    out += "# HELP touchpoint_responses_stored_total Survey responses committed to storage.\n"
           "# TYPE touchpoint_responses_stored_total counter\n";
    out += fmt::format("touchpoint_responses_stored_total {}\n", responses_stored_.load());
    out += "# HELP touchpoint_response_commits_total Transactions that committed responses (group commits).\n"
           "# TYPE touchpoint_response_commits_total counter\n";
    out += fmt::format("touchpoint_response_commits_total {}\n", response_commits_.load());
    out += "# HELP touchpoint_job_attempts_total Outbox job attempts by kind and outcome (delivered, retry, failed).\n"
           "# TYPE touchpoint_job_attempts_total counter\n";
    for (const auto& [key, count] : job_attempts_) // under the lock taken above
        out += fmt::format("touchpoint_job_attempts_total{{kind=\"{}\",outcome=\"{}\"}} {}\n", key.first, key.second, count);
    return out;
}

} // namespace touchpoint::engine
