// Walks over every contact for a campaign, a page per transaction: a manual
// send and the scan that schedules date and recurring triggers (migration 0015).
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine::store {

struct audience_walk_row {
    std::string id;
    std::string campaign_id;
    std::string kind;          // send | scan
    std::string status;        // running | done | stopped | failed
    std::string after_contact; // the last contact id walked; "" before the first page
    std::int64_t contacts_seen = 0, scheduled = 0, skipped = 0;
    std::int64_t started_at = 0, updated_at = 0;
    std::optional<std::int64_t> finished_at;
};

class audience_walk_repository {
public:
    explicit audience_walk_repository(leased_session& lease) : session_(lease.session()) {}

    // A new running walk; false when the campaign has one running already.
    bool start(const audience_walk_row& row);
    std::optional<audience_walk_row> find(const std::string& id);
    // The campaign's latest walk of `kind`.
    std::optional<audience_walk_row> latest(const std::string& campaign_id, const std::string& kind);
    // The running walk whose last page ended at `after_contact`, locked until the
    // transaction ends; empty when it is no longer running or that page was walked.
    std::optional<audience_walk_row> claim_page(const std::string& id, const std::string& after_contact, std::int64_t now);
    // A page walked: the cursor moves and the counts grow.
    void advance(const std::string& id, const std::string& after_contact, std::int64_t seen, std::int64_t scheduled,
                 std::int64_t skipped, std::int64_t now);
    // The walk ends (done, stopped, failed) unless it ended before; true when it did now.
    bool finish(const std::string& id, const std::string& status, std::int64_t now);
    // The campaign's running walk, if any, ends `stopped`; its id.
    std::optional<std::string> stop_running(const std::string& campaign_id, std::int64_t now);
    // The campaign's latest walk of `kind` runs again from where it stopped when
    // it was stopped (and no other runs); the walk, when it did.
    std::optional<audience_walk_row> restart_stopped(const std::string& campaign_id, const std::string& kind, std::int64_t now);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
