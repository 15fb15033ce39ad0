// Instance settings (GET/PUT /v1/settings): today the fatigue rules every
// campaign and channel obey. Unset settings read as their defaults.
#pragma once

#include "engine/lifecycle/fatigue.hpp"
#include "engine/services/service_error.hpp"

#include <boost/json/fwd.hpp>

namespace touchpoint::engine::store {
class database;
class leased_session;
}

namespace touchpoint::engine::services {

class settings_service {
public:
    explicit settings_service(store::database& db) : db_(db) {}

    lifecycle::fatigue_settings fatigue();
    // The same, through a session the caller holds (inside its transaction).
    static lifecycle::fatigue_settings fatigue(store::leased_session& lease);

    // {"fatigue": {...}}
    boost::json::object to_json();
    // {"fatigue": {...}}: every field of the object is required; 422 names the field.
    outcome<boost::json::object> update(const boost::json::value& body);

private:
    store::database& db_;
};

} // namespace touchpoint::engine::services
