#include "engine/services/webhook_service.hpp"

#include "engine/services/webhook_messages.hpp"

#include "channels/webhook/webhook_client.hpp"
#include "engine/security/crypto.hpp"
#include "engine/store/database.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
namespace json = boost::json;
namespace {

struct subscription_input {
    std::string url;
    std::vector<std::string> events;
    json::object filters;
    std::optional<std::string> description;
    std::optional<std::string> status;
};

outcome<subscription_input> read_subscription(const json::value& body, bool allow_private) {
    surveys::field_errors errors;
    if (!body.is_object()) return invalid_field("body", "must be a JSON object");
    const auto& obj = body.get_object();
    subscription_input in;
    for (const auto& [key, value] : obj) {
        if (key == "secret") errors.push_back({"secret", "is made by the engine and shown once; POST /v1/webhooks/{id}/rotate-secret makes a new one"});
        else if (key != "url" && key != "events" && key != "filters" && key != "description" && key != "status")
            errors.push_back({std::string(key), "is not a field of a subscription: url, events, filters, description, status"});
    }
    if (const auto* url = obj.if_contains("url"); !url || !url->is_string() || url->get_string().empty()) {
        errors.push_back({"url", "is required: the https URL to POST to"});
    } else if (auto refused = channels::webhook::refuse_webhook_url(url->get_string(), allow_private)) {
        errors.push_back({"url", *refused});
    } else {
        in.url = std::string(url->get_string());
    }
    const auto* events = obj.if_contains("events");
    if (!events || !events->is_array() || events->get_array().empty()) {
        errors.push_back({"events", "is required: a list of event types such as [\"response.completed\"]"});
    } else {
        std::size_t i = 0;
        for (const auto& type : events->get_array()) {
            const auto field = "events[" + std::to_string(i++) + "]";
            const bool known = type.is_string() && std::ranges::find(webhook_event_types, std::string_view(type.get_string())) !=
                                                        webhook_event_types.end();
            if (!known) {
                std::string names;
                for (auto name : webhook_event_types) names += (names.empty() ? "" : ", ") + std::string(name);
                errors.push_back({field, "must be one of " + names});
            } else if (std::ranges::find(in.events, std::string(type.get_string())) != in.events.end()) {
                errors.push_back({field, "repeats an event type"});
            } else {
                in.events.emplace_back(type.get_string());
            }
        }
    }
    if (const auto* filters = obj.if_contains("filters"); filters && !filters->is_null()) {
        if (!filters->is_object()) errors.push_back({"filters", "must be an object with survey_id, campaign_id or band"});
        else
            for (const auto& [key, value] : filters->get_object()) {
                const std::string field = "filters." + std::string(key);
                if (key == "survey_id" || key == "campaign_id") {
                    if (value.is_string() && !value.get_string().empty() && value.get_string().size() <= 200) in.filters[key] = value;
                    else errors.push_back({field, "must be an id"});
                } else if (key == "band") {
                    if (value.is_string() && (value == "detractor" || value == "passive" || value == "promoter")) in.filters[key] = value;
                    else errors.push_back({field, "must be detractor, passive or promoter"});
                } else {
                    errors.push_back({field, "is not a filter: survey_id, campaign_id or band"});
                }
            }
    }
    if (const auto* description = obj.if_contains("description"); description && !description->is_null()) {
        if (description->is_string() && description->get_string().size() <= 500) in.description = std::string(description->get_string());
        else errors.push_back({"description", "must be a text of at most 500 bytes"});
    }
    if (const auto* status = obj.if_contains("status"); status && !status->is_null()) {
            if (status->is_string() && (status->get_string() == "active" || status->get_string() == "disabled"))
                in.status = std::string(status->get_string());
            else errors.push_back({"status", "must be active or disabled"});
        }
    if (!errors.empty()) {
        auto message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                          : std::string("the subscription has invalid fields");
        return invalid(std::move(errors), std::move(message));
    }
    return in;
}

webhook_view view_of(store::webhook_row row) {
    webhook_view view;
    const auto events = parse_stored_json(row.events); // kept: the loop reads into it
    for (const auto& type : events.as_array()) view.events.emplace_back(type.as_string());
    view.filters = parse_stored_json(row.filters).as_object();
    view.row = std::move(row);
    return view;
}

} // namespace

outcome<webhook_view> webhook_service::create(const json::value& body) {
    auto in = read_subscription(body, allow_private_);
    if (!in) return in.error();
    const auto secret = channels::webhook::webhook_secret::generate();
    store::webhook_row row;
    row.id = security::new_id("whs");
    row.url = in->url;
    row.events = json::serialize(json::value_from(in->events));
    row.filters = json::serialize(in->filters);
    row.description = in->description;
    row.secret = secret.text();
    row.status = in->status.value_or("active");
    if (row.status == "disabled") row.disabled_reason = "disabled by a user";
    row.created_at = row.updated_at = now_ms();
    store::leased_session lease(db_);
    store::webhook_repository(lease).insert(row);
    directory_.invalidate();
    auto view = view_of(std::move(row));
    view.shown_secret = secret.text();
    return view;
}

outcome<webhook_view> webhook_service::get(const std::string& id) {
    store::leased_session lease(db_);
    auto row = store::webhook_repository(lease).find(id);
    if (!row || row->status == "deleted") return not_found("no webhook subscription " + id);
    return view_of(std::move(*row));
}

std::vector<webhook_view> webhook_service::list(const std::optional<store::page_cursor>& after, int limit) {
    store::leased_session lease(db_);
    std::vector<webhook_view> views;
    for (auto& row : store::webhook_repository(lease).list(after, limit)) views.push_back(view_of(std::move(row)));
    return views;
}

outcome<webhook_view> webhook_service::update(const std::string& id, const json::value& body) {
    auto in = read_subscription(body, allow_private_);
    if (!in) return in.error();
    store::leased_session lease(db_);
    store::webhook_repository subscriptions(lease);
    auto row = subscriptions.find(id);
    if (!row || row->status == "deleted") return not_found("no webhook subscription " + id);
    row->url = in->url;
    row->events = json::serialize(json::value_from(in->events));
    row->filters = json::serialize(in->filters);
    row->description = in->description;
    if (in->status) {
        if (*in->status == "active") row->disabled_reason.reset();
        else if (row->status != "disabled") row->disabled_reason = "disabled by a user";
        row->status = *in->status;
    }
    row->updated_at = now_ms();
    save(lease, *row);
    return view_of(std::move(*row));
}

void webhook_service::save(store::leased_session& lease, const store::webhook_row& row) {
    {
        store::write_transaction transaction(db_, lease);
        store::webhook_repository(lease).update(row);
        if (row.status != "active") {
            // Nothing more goes there: its pending messages are cancelled, and invitations left without one fail.
            const auto waiting = store::job_repository(lease).cancel_for_subscription(row.id, row.updated_at);
            directory_.invalidate();
            fail_invitations_without_messages(lease, waiting, directory_.active(lease), "no_subscriber", row.updated_at);
        }
        transaction.commit();
    }
    directory_.invalidate();
}

outcome<webhook_view> webhook_service::remove(const std::string& id) {
    store::leased_session lease(db_);
    store::webhook_repository subscriptions(lease);
    auto row = subscriptions.find(id);
    if (!row || row->status == "deleted") return not_found("no webhook subscription " + id);
    row->status = "deleted";
    row->updated_at = now_ms();
    save(lease, *row);
    return view_of(std::move(*row));
}

outcome<webhook_view> webhook_service::rotate_secret(const std::string& id) {
    store::leased_session lease(db_);
    store::webhook_repository subscriptions(lease);
    auto row = subscriptions.find(id);
    if (!row || row->status == "deleted") return not_found("no webhook subscription " + id);
    const auto now = now_ms();
    const auto secret = channels::webhook::webhook_secret::generate();
    row->previous_secret = row->secret;
    row->previous_secret_until = now + secret_overlap_ms;
    row->secret = secret.text();
    row->updated_at = now;
    subscriptions.update(*row);
    directory_.invalidate();
    auto view = view_of(std::move(*row));
    view.shown_secret = secret.text();
    return view;
}

} // namespace touchpoint::engine::services
