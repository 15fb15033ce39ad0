// Walks over every contact for one campaign, in the background, a page of
// contacts per transaction so that no walk holds the database for long: a
// manual send (POST /v1/campaigns/{id}/send: each contact fires the campaign
// now) and the scan that schedules an attribute_date or recurring campaign's
// invitations when it is activated, resumed or its trigger is edited.
//
// Each page is an `audience_walk` job of the outbox, so it is durable and
// leased like every job: a process that dies mid-walk leaves the page to any
// other once the lease lapses. A page walks up to page_size contacts by id
// after the walk's cursor, through the same firing as every trigger
// (services/campaign_firing.hpp), moves the cursor and the counts, and
// enqueues the next page's job, all in one transaction. The job carries the
// cursor it starts from, so a page claimed twice is walked once; a manual
// send's invitations are keyed "send_<walk id>", so even a page walked again
// would invite no one twice. A walk stops when its campaign is no longer
// active (or its trigger no longer fits the walk).
#pragma once

#include "engine/dispatch/dispatcher.hpp"
#include "engine/store/audience_walk_repository.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace touchpoint::engine::store {
class database;
class leased_session;
}

namespace touchpoint::engine::services {

class audience_walker {
public:
    static constexpr int page_size = 500;

    explicit audience_walker(store::database& db) : db_(db) {}
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

    // In the caller's transaction: a new running walk of `kind` (send or scan)
    // for the campaign with its first page's job, due now; empty when the
    // campaign has a walk running already.
    static std::optional<store::audience_walk_row> start(store::leased_session& lease, const std::string& campaign_id,
                                                        const std::string& kind, std::int64_t now);
    // In the caller's transaction: the campaign's latest walk of `kind`, stopped
    // (by a pause), runs again from where it stopped; empty when there was none.
    static std::optional<store::audience_walk_row> restart(store::leased_session& lease, const std::string& campaign_id,
                                                          const std::string& kind, std::int64_t now);

    // An audience_walk job: one page.
    dispatch::delivery_verdict walk(const store::job_row& job);
    // In the verdict's transaction: a page that failed for good ends its walk
    // `failed`, so the campaign may start another.
    static void on_failed(store::leased_session& lease, const store::job_row& job, std::int64_t now);

private:
    store::database& db_;
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
