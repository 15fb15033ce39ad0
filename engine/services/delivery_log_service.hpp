// A webhook subscription's delivery log (/v1/webhooks/{id}/deliveries): every
// message enqueued for it with where it stands and each attempt made; one
// delivery retried by hand; a period's deliveries replayed. A retried or
// replayed message keeps its webhook-id, so a receiver that dedupes on it sees
// it once.
//
// Delivery statuses as the API names them: pending (waiting for its due time),
// sending (claimed by a worker now), delivered, failed, cancelled.
#pragma once

#include "engine/services/service_error.hpp"
#include "engine/store/job_repository.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

struct delivery_view {
    store::job_row job;
    std::vector<store::attempt_row> attempts; // filled for a single delivery, not in a listing
};

struct delivery_query {
    std::optional<std::string> status;     // as the API names it
    std::optional<std::string> event_type;
    std::optional<std::int64_t> since, until; // created within [since, until), UTC ms
};

// The API's name for a job state: pending, sending, delivered, failed, cancelled.
std::string delivery_status(const std::string& job_state);

class delivery_log_service {
public:
    // `wake` asks the dispatcher to look for due jobs (after a retry or replay).
    explicit delivery_log_service(store::database& db, std::function<void()> wake = {}) : db_(db), wake_(std::move(wake)) {}
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

    // 404 for an unknown subscription; 422 naming `status` or `event_type` when not one the API knows.
    outcome<std::vector<delivery_view>> list(const std::string& subscription_id, const delivery_query& query,
                                             const std::optional<store::page_cursor>& after, int limit);
    // One delivery with its attempts.
    outcome<delivery_view> get(const std::string& subscription_id, const std::string& delivery_id);
    // Sends a delivered or failed message again, due now; 409 when it is still
    // pending or sending (or was cancelled), or the subscription is not active.
    outcome<delivery_view> retry(const std::string& subscription_id, const std::string& delivery_id);
    // {"since", "until"?, "status"?}: every message of the period in that
    // status (default failed; delivered or failed) goes out again; how many.
    outcome<int> replay(const std::string& subscription_id, const boost::json::value& body);

private:
    store::database& db_;
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
