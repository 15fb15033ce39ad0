// The active webhook subscriptions, read from the database at most once a
// second and shared by every thread: the fan-out of an event to its
// subscribers and the signing of each delivery read this snapshot instead of
// querying per message. A change made in this process is seen at once
// (invalidate); one made by another process sharing the database within a second.
#pragma once

#include "channels/webhook/webhook_signature.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::engine::store {
class database;
class leased_session;
struct webhook_row;
}

namespace touchpoint::engine::services {

// What a message's subscribers are chosen by; an absent field matches only
// subscriptions without that filter.
struct message_scope {
    std::optional<std::string> survey_id;
    std::optional<std::string> campaign_id;
    std::optional<std::string> band; // detractor, passive, promoter: the response's headline score
};

struct subscription_entry {
    std::string id;
    std::string url;
    std::vector<std::string> events;
    std::optional<std::string> survey_id, campaign_id, band; // the filters
    // The secrets to sign with now, newest first (two while a rotation overlaps).
    std::vector<channels::webhook::webhook_secret> secrets;

    // Listens to `type`, and every filter it has admits the scope.
    bool wants(std::string_view type, const message_scope& scope) const;
};

// The entry as the directory keeps it (secrets past their overlap dropped at `now`, UTC ms).
subscription_entry entry_of(const store::webhook_row& row, std::int64_t now);

class subscription_directory {
public:
    using snapshot = std::shared_ptr<const std::vector<subscription_entry>>;

    explicit subscription_directory(store::database& db, std::chrono::milliseconds max_age = std::chrono::seconds(1))
        : db_(db), max_age_(max_age) {}

    // The active subscriptions, re-read when older than max_age. The second form
    // reads through the caller's session (inside its transaction) when it must re-read.
    snapshot active();
    snapshot active(store::leased_session& lease);
    // The active subscription with this id, as of the snapshot.
    std::optional<subscription_entry> find(const std::string& id);
    // The next read goes to the database (after a change in this process).
    void invalidate();

private:
    snapshot fresh_or_null();
    snapshot load(store::leased_session& lease);

    store::database& db_;
    std::chrono::milliseconds max_age_;
    std::mutex mutex_;
    snapshot current_;
    std::chrono::steady_clock::time_point loaded_at_{};
};

} // namespace touchpoint::engine::services
