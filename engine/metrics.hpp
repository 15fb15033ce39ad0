// Counters and a latency histogram in the Prometheus text format. Debian 12 has
// no prometheus-cpp package, and the exposition format is small and stable.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace touchpoint::engine {

class metrics {
public:
    void observe_request(const std::string& method, const std::string& route, int status, double seconds);
    // One group commit of the response writer and how many responses it made durable.
    void add_response_commit(std::size_t count) {
        responses_stored_ += count;
        ++response_commits_;
    }
    // One outbox job attempt: its kind (send, reminder, expire, webhook) and its
    // outcome (delivered, retry, failed).
    void count_job_attempt(const std::string& kind, const std::string& outcome) {
        std::lock_guard lock(mutex_);
        ++job_attempts_[{kind, outcome}];
    }
    std::string render() const;

    static constexpr std::array<double, 12> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                            0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

private:
    struct histogram {
        std::array<std::uint64_t, latency_buckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_; // method, route, status
    std::map<std::string, histogram> latency_;                                     // by route
    std::map<std::pair<std::string, std::string>, std::uint64_t> job_attempts_; // kind, outcome
    std::atomic<std::uint64_t> responses_stored_{0};
    std::atomic<std::uint64_t> response_commits_{0};
};

} // namespace touchpoint::engine
