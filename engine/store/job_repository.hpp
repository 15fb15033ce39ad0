// The outbox's jobs: enqueued with a due time, claimed in batches under a lease
// (FOR UPDATE SKIP LOCKED on PostgreSQL, so processes sharing the database never
// claim one job twice), then finished, retried or failed by the lease's owner.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct job_row {
    std::string id;
    std::string kind;    // "send", "reminder", "webhook"
    std::string channel; // "webhook", "email"
    std::optional<std::string> invitation_id;
    std::optional<std::string> subscription_id;
    std::optional<std::string> event_type; // what a webhook job carries: "survey.requested", "response.completed", ...
    std::string payload; // JSON: what the channel needs
    std::string idempotency_key;
    std::string state = "pending"; // pending, leased, done, failed, cancelled
    std::int64_t due_at = 0;
    int attempts = 0; // claims so far, this one included once claimed
    std::optional<std::string> lease_owner;
    std::optional<std::int64_t> lease_until;
    std::optional<std::string> last_error;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct attempt_row {
    std::string id;
    std::string job_id;
    int attempt = 0;
    std::int64_t started_at = 0;
    std::int64_t duration_ms = 0;
    std::string outcome; // delivered, retry, failed
    std::optional<int> peer_status;
    std::optional<std::string> error;
};

// The payload left on the jobs about an erased contact: nothing of what they said.
inline constexpr const char* erased_job_payload = R"({"erased":true})";

// Which of a subscription's deliveries a log page shows.
struct delivery_filter {
    std::string subscription_id;
    std::optional<std::string> state;      // pending, leased, done, failed, cancelled
    std::optional<std::string> event_type; // survey.requested, response.completed, ...
    std::optional<std::int64_t> since, until; // created within [since, until)
};

// Where an invitation's survey.requested messages stand, one per subscriber.
struct message_tally {
    int open = 0;      // pending or leased
    int delivered = 0; // done
    int failed = 0;
};

class job_repository {
public:
    explicit job_repository(leased_session& lease)
        : session_(lease.session()), statements_(&lease.statements()), dialect_(dialect_of(lease.session())) {}
    explicit job_repository(soci::session& session) : session_(session), dialect_(dialect_of(session)) {}

    void enqueue(const job_row& row);
    // Up to `limit` pending jobs due at `now`, oldest due first, leased to `owner`
    // until now + lease_ms, each with its attempt counted.
    std::vector<job_row> claim(const std::string& owner, std::int64_t now, std::int64_t lease_ms, int limit);
    // Jobs whose lease lapsed go back to pending; how many.
    int reclaim_lapsed(std::int64_t now);
    // The lease owner's verdicts; false when the job is no longer leased to
    // `owner` (its lease lapsed and another process took it).
    bool finish(const std::string& id, const std::string& owner, std::int64_t now);
    bool retry(const std::string& id, const std::string& owner, std::int64_t due_at, const std::string& error,
               std::int64_t now);
    bool fail(const std::string& id, const std::string& owner, const std::string& error, std::int64_t now);
    // `owner` hands one job back unattempted, due at `due_at` (its target is resting).
    bool defer(const std::string& id, const std::string& owner, std::int64_t due_at, std::int64_t now);
    // At shutdown: `owner`'s leased jobs go back to pending, due now; how many.
    int release(const std::string& owner, std::int64_t now);
    // Pending jobs of an invitation are cancelled (a response, a cancel_on event).
    int cancel_for_invitation(const std::string& invitation_id, std::int64_t now);
    // The earliest due_at of a pending job, for how long a worker may sleep.
    std::optional<std::int64_t> next_due();
    std::optional<job_row> find(const std::string& id);

    // A page of a subscription's deliveries in (created_at, id) order after the cursor.
    std::vector<job_row> deliveries(const delivery_filter& filter, const std::optional<page_cursor>& after, int limit);
    // A finished job (done or failed) goes back in the queue, due now: a manual
    // retry. It keeps its idempotency key and its attempt count, and gets at least
    // one more attempt. False when it is pending or leased already, cancelled, or
    // about an erased contact.
    bool requeue(const std::string& id, std::int64_t now);
    // requeue() for every finished job of the subscription the filter selects; how many.
    int requeue_matching(const delivery_filter& filter, std::int64_t now);
    // The invitation's pending send job is due at `due_at` instead.
    void retime_send(const std::string& invitation_id, std::int64_t due_at, std::int64_t now);
    // A subscription's pending jobs are cancelled (it was disabled or deleted);
    // the invitations whose survey.requested messages were among them.
    std::vector<std::string> cancel_for_subscription(const std::string& subscription_id, std::int64_t now);
    // The invitation's survey.requested messages.
    message_tally messages_of(const std::string& invitation_id);

    void record_attempt(const attempt_row& row);
    std::vector<attempt_row> attempts_of(const std::string& job_id);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
    dialect dialect_;
};

} // namespace touchpoint::engine::store
