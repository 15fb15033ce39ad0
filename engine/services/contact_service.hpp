// Contacts as the automation hook upserts them, and their GDPR erasure.
#pragma once

#include "engine/services/service_error.hpp"
#include "engine/store/records.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <functional>
#include <optional>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class survey_service;

struct upserted_contact {
    store::contact_row row;
    bool created = false;
    std::optional<std::int64_t> unsubscribed_at; // when it unsubscribed from surveys, if it did
};

class subscription_directory;

class contact_service {
public:
    contact_service(store::database& db, survey_service& surveys) : db_(db), surveys_(surveys) {}

    // Called after an upsert's commit scheduled an invitation due now.
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }
    // contact.unsubscribed messages go to these subscriptions.
    void notify_through(subscription_directory& subscriptions) { subscriptions_ = &subscriptions; }

    // Fields left out keep their value, null clears one; attributes merge key by
    // key and a null attribute is removed. In the same transaction, each active
    // attribute_date campaign schedules the contact's date (and cancels an
    // invitation for a date it no longer holds), and each recurring campaign
    // without a start event starts the contact's chain. "unsubscribed": true
    // unsubscribes it from surveys (its scheduled invitations end cancelled,
    // reason unsubscribed, and contact.unsubscribed is sent); false subscribes it again.
    outcome<upserted_contact> upsert(const std::string& external_id, const boost::json::value& body);
    outcome<upserted_contact> get(const std::string& external_id);
    // Personal data and free-text answers go; scores and choices stay, anonymous.
    outcome<void> erase(const std::string& external_id);

private:
    store::database& db_;
    survey_service& surveys_;
    std::function<void()> wake_;
    subscription_directory* subscriptions_ = nullptr;
};

} // namespace touchpoint::engine::services
