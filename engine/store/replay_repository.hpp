// What the campaign preview replays: each contact a trigger's event reached in a
// period, with its events of the trigger's and the cancel_on names, what the rules
// read of it, and the invitations that count for its fatigue. Read in pages of
// 5,000 contacts by id: per page one range of events_name per event name, then the
// contacts the trigger reached and their invitations by id; all pages from one
// snapshot of the database.
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace touchpoint::engine::store {

struct replay_query {
    std::string trigger_event;
    // after_event: the contacts whose first such event ever happened in the period,
    // each with that first event; else every such event in the period.
    bool first_only = false;
    bool with_properties = false; // read the events' properties (for an event trigger's `where`)
    std::vector<std::string> cancel_events;
    std::int64_t since = 0, until = 0; // occurred_at from since to until, both included
    // Invitations that go out before this cannot change a decision in the period.
    std::int64_t history_since = 0;
    // A saved campaign: its own stored invitations whose trigger happened in the
    // period are left out of the history, since the replay makes them again.
    std::optional<std::string> campaign_id;
};

struct replay_event_row {
    std::string name;
    std::int64_t occurred_at = 0;
    std::string properties; // a JSON object; "{}" unless with_properties
};

struct replay_contact_rows {
    std::string contact_id;
    std::string external_id;
    std::optional<std::string> locale, timezone;
    std::string attributes; // a JSON object
    bool has_email = false;
    bool unsubscribed = false;
    std::optional<std::int64_t> first_occurrence; // first_only: the first trigger event, ever
    std::vector<replay_event_row> events;         // in the period, in the order they happened
    std::vector<std::pair<std::int64_t, std::string>> history; // as invitation_repository::survey_history
};

class replay_repository {
public:
    explicit replay_repository(leased_session& lease) : session_(lease.session()) {}

    // Visits every contact the trigger's event reached in the period, in contact
    // id order; returns how many stored events were read.
    std::int64_t for_each_contact(const replay_query& query, const std::function<void(replay_contact_rows&)>& visit);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
