// Invitations: one per survey sent to (or shown to) one contact.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"
#include "engine/store/sql_builder.hpp"

#include <optional>
#include <vector>

namespace touchpoint::engine::store {

struct invitation_filter {
    std::optional<std::string> survey_id;
    std::optional<std::string> contact_id;
    std::optional<std::string> status;
    std::optional<std::string> campaign_id;
};

// Counts of a campaign's invitations. The first five are where invitations stand
// (waiting to be sent, or ended so); the last four count every invitation that
// got that far, so they read as a funnel (sent >= delivered >= responded, mostly).
struct campaign_funnel {
    std::int64_t scheduled = 0, skipped = 0, cancelled = 0, failed = 0, expired = 0;
    std::int64_t sent = 0, delivered = 0, opened = 0, responded = 0;
};

// Where a campaign invitation's delivery starts.
struct campaign_delivery {
    std::string state;                  // scheduled or skipped
    std::optional<std::string> reason;  // why it was skipped
    std::int64_t due_at = 0;
    // Campaign, contact and occurrence: one invitation per firing. Empty (stored
    // as NULL, never in conflict) where the firing is unique already: an event
    // trigger fires once per stored event, whose id the events table keeps unique.
    std::string trigger_key;
    std::int64_t triggered_at = 0;      // when the trigger happened (the event's occurred_at)
};

// The invitations that count for fatigue: made directly, or by a campaign and
// sent or on their way (not skipped, cancelled or failed; an expired one was
// sent, so it counts); and when each went or goes out.
// Shared by survey_history and the campaign replay, so both count the same.
inline constexpr const char* counts_for_fatigue_sql = "(state IS NULL OR state IN ('scheduled', 'sent', 'delivered', 'expired'))";
inline constexpr const char* fatigue_time_sql = "COALESCE(sent_at, due_at, created_at)";

class invitation_repository {
public:
    explicit invitation_repository(soci::session& session) : session_(session) {}
    explicit invitation_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    void insert(const invitation_row& row);
    std::optional<invitation_row> find(const std::string& id);
    // A page in (created_at, id) order after the cursor.
    std::vector<invitation_row> list(const invitation_filter& filter, const std::optional<page_cursor>& after, int limit);
    // The statement list() runs, for checking its plan.
    static sql_builder list_query(const invitation_filter& filter, const std::optional<page_cursor>& after, int limit);
    // A campaign's invitations: how many wait, ended which way, and how far the others got.
    campaign_funnel campaign_funnel_of(const std::string& campaign_id);
    // A campaign invitation, scheduled or skipped with its reason; nothing when
    // its trigger_key was stored before (the same firing seen again). True when inserted.
    bool insert_campaign_invitation(const invitation_row& row, const campaign_delivery& delivery);
    // The contact's invitations that count for fatigue: made directly, or by a
    // campaign and sent or on its way (not skipped, cancelled or failed; an
    // expired one was sent, so it counts), each with
    // when it went or goes out, and its campaign ("" for none).
    // `except` leaves one invitation out (the one being judged again at its send time).
    std::vector<std::pair<std::int64_t, std::string>> survey_history(const std::string& contact_id,
                                                                     const std::string& except = "");
    // The contact's scheduled invitations of the campaign whose trigger happened
    // before `before` end cancelled (reason cancelled_by_event); their ids.
    std::vector<std::string> cancel_scheduled(const std::string& campaign_id, const std::string& contact_id,
                                              std::int64_t before);
    // The contact's scheduled invitations of the campaign made by another firing
    // than `keep_key` (all of them when it is empty) end cancelled with `reason`; their ids.
    std::vector<std::string> cancel_scheduled_except(const std::string& campaign_id, const std::string& contact_id,
                                                     const std::string& keep_key, const std::string& reason);
    // The invitation of this firing, if it was skipped when it was made, is
    // scheduled after all, due at `due_at`; its id when it was.
    std::optional<std::string> reopen_skipped(const std::string& trigger_key, std::int64_t due_at, std::int64_t expires_at);
    // The key of the firing that made a campaign invitation.
    std::optional<std::string> trigger_key_of(const std::string& id);
    // Delivery state changes, each only from the state it leaves, so a second
    // process or a retried job changes nothing: scheduled → sent (the expiry is
    // set from the send time), sent → delivered (count_attempt below), scheduled
    // or sent → an ending (skipped, cancelled, failed, expired) with its reason.
    // True when changed.
    bool mark_sent(const std::string& id, std::int64_t sent_at, std::int64_t expires_at);
    bool end_delivery(const std::string& id, const std::string& state, const std::string& reason);
    // Where its campaign delivery stands as stored (scheduled, sent, …; empty for
    // an invitation made directly), beneath what the status derives from it.
    std::optional<std::string> delivery_state(const std::string& id);
    // The contact's scheduled invitations end cancelled with `reason`; their ids.
    std::vector<std::string> cancel_scheduled_of_contact(const std::string& contact_id, const std::string& reason);
    // A sent or delivered invitation nobody answered ends expired; true when it did.
    bool mark_expired(const std::string& id);
    // The scheduled invitation of `trigger_key` whose trigger happened later than
    // `triggered_at` now counts from then, due at `due_at` (an earlier first
    // event arrived late); its id when there was one to move.
    std::optional<std::string> retime_scheduled(const std::string& trigger_key, std::int64_t triggered_at,
                                                std::int64_t due_at);
    // A scheduled invitation's new due time (its campaign's send window changed).
    void reschedule(const std::string& id, std::int64_t due_at);
    // One more delivery attempt was made for it. With `delivered_at`, that attempt
    // delivered it, in the same statement: sent → delivered, also failed →
    // delivered when it had failed for its receivers and a retried message arrived.
    void count_attempt(const std::string& id, std::optional<std::int64_t> delivered_at = std::nullopt);
    // First opening only; later views keep the first time.
    void mark_opened(const std::string& id, std::int64_t now);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

class leased_session;

// Everything answering needs, in one query: run for every answer submitted, so it
// uses the statement prepared on the leased connection.
std::optional<invitation_context> find_invitation_context(leased_session& session, const std::string& invitation_id);

} // namespace touchpoint::engine::store
