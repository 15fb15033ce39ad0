// Lifecycle events from the customer's product: validated, then stored once per
// idempotency key.
#pragma once

#include "engine/lifecycle/names.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/records.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class trigger_service;

using lifecycle::is_valid_event_name;

struct event_input;

struct recorded_event {
    std::string id;
    bool duplicate = false; // the id was stored before, with the same contact, name and time
    std::vector<store::invitation_row> invitations; // what the campaigns it fired made, scheduled or skipped
};

class event_service {
public:
    static constexpr std::size_t max_batch = 1000;
    static constexpr std::size_t max_properties_bytes = 16 * 1024;

    event_service(store::database& db, trigger_service& triggers) : db_(db), triggers_(triggers) {}

    // {"id","contact","name","occurred_at"?,"properties"?}. An unknown contact is
    // created bare. The same id again is a duplicate (stored once); the same id
    // for a different contact, name or time is a 409.
    outcome<recorded_event> record(const boost::json::value& body);
    // {"events":[...]}: all stored in one transaction, or none.
    outcome<std::vector<recorded_event>> record_batch(const boost::json::value& body);

private:
    // Stores validated events in one transaction; a reused id is a 409 naming
    // id_field(position of the event). A PostgreSQL deadlock with a concurrent
    // batch runs the transaction again (up to three times in all).
    outcome<std::vector<recorded_event>> store_events(std::vector<event_input> events, std::int64_t now,
                                                      const std::function<std::string(std::size_t)>& id_field);
    outcome<std::vector<recorded_event>> store_events_once(const std::vector<event_input>& events, std::int64_t now,
                                                           const std::function<std::string(std::size_t)>& id_field);

    store::database& db_;
    trigger_service& triggers_;
};

} // namespace touchpoint::engine::services
