#include "engine/services/event_service.hpp"

#include "engine/security/crypto.hpp"
#include "engine/services/trigger_service.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/event_repository.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace touchpoint::engine::services {
namespace json = boost::json;

// One event as validated, before it is stored.
struct event_input {
    std::string id, contact, name, properties = "{}";
    std::int64_t occurred_at = 0;
    bool occurred_at_given = false; // else the time of receipt, which a retry cannot repeat
};

namespace {

// Clocks drift and batches arrive late, but an event a day ahead is a unit or
// time zone mistake worth refusing.
constexpr std::int64_t max_future_ms = 24LL * 3600 * 1000;

bool printable(std::string_view text) {
    return std::ranges::none_of(text, [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// Reads one event; its errors are named with `prefix` ("" or "events[3].").
std::optional<event_input> read_event(const json::value& value, const std::string& prefix, std::int64_t now,
                                      surveys::field_errors& errors) {
    if (!value.is_object()) {
        errors.push_back({prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1), "must be a JSON object"});
        return std::nullopt;
    }
    const auto& obj = value.get_object();
    const auto before = errors.size();
    event_input event;
    auto text = [&](const char* key, std::string& into, std::string_view expectation, auto valid) {
        const auto* field = obj.if_contains(key);
        if (field && field->is_string() && valid(std::string_view(field->get_string()))) into = std::string(field->get_string());
        else errors.push_back({prefix + key, std::string(expectation)});
    };
    text("id", event.id, "is required: a unique key of 1 to 200 printable characters, the same on every retry",
         [](std::string_view s) { return !s.empty() && s.size() <= 200 && printable(s); });
    text("contact", event.contact, "is required: the external id of the contact (1 to 200 printable characters, no \"/\")",
         lifecycle::is_valid_external_id);
    text("name", event.name, "is required: 1 to 100 letters, digits and . _ - : (such as onboarding.completed)",
         is_valid_event_name);
    event.occurred_at = now;
    if (const auto* field = obj.if_contains("occurred_at"); field && !field->is_null()) {
        std::optional<std::int64_t> parsed;
        if (field->is_string()) parsed = parse_time(field->get_string());
        if (!parsed) errors.push_back({prefix + "occurred_at", "must be an ISO-8601 time such as 2026-11-23T09:15:00Z"});
        else if (*parsed > now + max_future_ms) errors.push_back({prefix + "occurred_at", "must not be more than a day ahead"});
        else {
            event.occurred_at = *parsed;
            event.occurred_at_given = true;
        }
    }
    if (const auto* field = obj.if_contains("properties"); field && !field->is_null()) {
        if (!field->is_object()) errors.push_back({prefix + "properties", "must be a JSON object"});
        else {
            event.properties = json::serialize(*field);
            if (event.properties.size() > event_service::max_properties_bytes)
                errors.push_back({prefix + "properties", "must be at most 16 KiB as JSON"});
        }
    }
    if (errors.size() != before) return std::nullopt;
    return event;
}

// One message when one field is wrong, so a single-field error reads as a sentence.
service_error invalid_events(surveys::field_errors errors) {
    std::string message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                             : "the events have invalid fields";
    return invalid(std::move(errors), std::move(message));
}

// A retry of an event that left occurred_at to the server gets another time of
// receipt: only a time the caller gave must match.
bool same_event(const store::event_row& stored, const event_input& event, const std::string& contact_id) {
    return stored.contact_id == contact_id && stored.name == event.name &&
           (!event.occurred_at_given || stored.occurred_at == event.occurred_at);
}

} // namespace

outcome<recorded_event> event_service::record(const json::value& body) {
    const auto now = now_ms();
    surveys::field_errors errors;
    auto event = read_event(body, "", now, errors);
    if (!event) return invalid_events(std::move(errors));
    auto recorded = store_events({std::move(*event)}, now, [](std::size_t) { return std::string("id"); });
    if (!recorded) return recorded.error();
    return std::move(recorded->front());
}

outcome<std::vector<recorded_event>> event_service::record_batch(const json::value& body) {
    const auto* list = body.is_object() ? body.get_object().if_contains("events") : nullptr;
    if (!list || !list->is_array() || list->get_array().empty() || list->get_array().size() > max_batch)
        return invalid_field("events", "must be an array of 1 to " + std::to_string(max_batch) + " events");
    const auto now = now_ms();
    surveys::field_errors errors;
    std::vector<event_input> events;
    std::unordered_map<std::string, std::size_t> first_with_id;
    for (std::size_t i = 0; i < list->get_array().size(); ++i) {
        const auto prefix = "events[" + std::to_string(i) + "].";
        auto event = read_event(list->get_array()[i], prefix, now, errors);
        if (!event) continue;
        auto [at, inserted] = first_with_id.emplace(event->id, events.size());
        if (!inserted) {
            const auto& first = events[at->second];
            if (first.contact != event->contact || first.name != event->name ||
                (first.occurred_at_given && event->occurred_at_given && first.occurred_at != event->occurred_at))
                errors.push_back({prefix + "id", "repeats the id of events[" + std::to_string(at->second) +
                                                     "] for a different event"});
        }
        events.push_back(std::move(*event));
    }
    if (!errors.empty()) return invalid_events(std::move(errors));
    return store_events(std::move(events), now, [](std::size_t i) { return "events[" + std::to_string(i) + "].id"; });
}

outcome<std::vector<recorded_event>> event_service::store_events(std::vector<event_input> events, std::int64_t now,
                                                                 const std::function<std::string(std::size_t)>& id_field) {
    // Two batches that share contacts can deadlock on PostgreSQL (each holds a
    // contact the other waits for); the loser was rolled back whole and runs again.
    constexpr int attempts = 3;
    for (int attempt = 1;; ++attempt) {
        try {
            return store_events_once(events, now, id_field);
        } catch (const std::exception& error) {
            if (attempt >= attempts || !store::is_transient_conflict(error)) throw;
            spdlog::warn("events: a batch met a concurrent one ({}); running it again", error.what());
        }
    }
}

outcome<std::vector<recorded_event>> event_service::store_events_once(
    const std::vector<event_input>& events, std::int64_t now, const std::function<std::string(std::size_t)>& id_field) {
    store::leased_session lease(db_, store::lease_use::writing);
    store::write_transaction transaction(db_, lease);
    store::contact_repository contacts(lease);
    store::event_repository stored_events(lease);
    // The batch's contacts first, in one order for every batch, so two batches
    // creating the same contacts wait for each other instead of deadlocking.
    std::map<std::string, store::contact_with_standing> contact_rows;
    for (const auto& event : events) contact_rows.emplace(event.contact, store::contact_with_standing{});
    for (auto& [external_id, contact] : contact_rows) contact = contacts.ensure(external_id, security::new_ordered_id("cnt"), now);
    event_trigger_lookups lookups;
    std::vector<recorded_event> recorded;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& event = events[i];
        const auto& contact = contact_rows.at(event.contact);
        const auto& contact_id = contact.row.id;
        store::event_row row{event.id, contact_id, event.name, event.occurred_at, event.properties, now};
        if (stored_events.insert_new(row)) {
            recorded.push_back({event.id, false, triggers_.on_event(lease, contact, row, now, lookups)});
            continue;
        }
        auto stored = stored_events.find(event.id);
        if (!stored || !same_event(*stored, event, contact_id))
            return conflict(id_field(i) + " " + event.id + " was already used for a different event");
        recorded.push_back({event.id, true, {}});
    }
    transaction.commit();
    for (const auto& event : recorded)
        if (triggers_.after_commit(event.invitations, now)) break; // one wake-up is enough
    return recorded;
}

} // namespace touchpoint::engine::services
