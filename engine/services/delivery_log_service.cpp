#include "engine/services/delivery_log_service.hpp"

#include "engine/services/webhook_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/webhook_repository.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace touchpoint::engine::services {
namespace json = boost::json;
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> status_names{{
    {"pending", "pending"}, {"sending", "leased"}, {"delivered", "done"}, {"failed", "failed"}, {"cancelled", "cancelled"}}};

std::optional<std::string> state_of(std::string_view status) {
    for (const auto& [name, state] : status_names)
        if (name == status) return std::string(state);
    return std::nullopt;
}

// The subscription, deleted ones included: their delivery log stays readable.
std::optional<store::webhook_row> subscription(store::leased_session& lease, const std::string& id) {
    return store::webhook_repository(lease).find(id);
}

} // namespace

std::string delivery_status(const std::string& job_state) {
    for (const auto& [name, state] : status_names)
        if (state == job_state) return std::string(name);
    return job_state;
}

outcome<std::vector<delivery_view>> delivery_log_service::list(const std::string& subscription_id, const delivery_query& query,
                                                               const std::optional<store::page_cursor>& after, int limit) {
    store::delivery_filter filter{subscription_id, std::nullopt, query.event_type, query.since, query.until};
    if (query.status) {
        filter.state = state_of(*query.status);
        if (!filter.state) return invalid_field("status", "must be pending, sending, delivered, failed or cancelled");
    }
    if (query.event_type && std::ranges::find(webhook_event_types, *query.event_type) == webhook_event_types.end())
        return invalid_field("event_type", "must be an event type such as survey.requested or response.completed");
    store::leased_session lease(db_);
    if (!subscription(lease, subscription_id)) return not_found("no webhook subscription " + subscription_id);
    std::vector<delivery_view> out;
    for (auto& job : store::job_repository(lease).deliveries(filter, after, limit)) out.push_back({std::move(job), {}});
    return out;
}

outcome<delivery_view> delivery_log_service::get(const std::string& subscription_id, const std::string& delivery_id) {
    store::leased_session lease(db_);
    store::job_repository jobs(lease);
    auto job = jobs.find(delivery_id);
    if (!subscription(lease, subscription_id) || !job || job->subscription_id != subscription_id)
        return not_found("no delivery " + delivery_id + " for webhook subscription " + subscription_id);
    delivery_view view{std::move(*job), jobs.attempts_of(delivery_id)};
    return view;
}

outcome<delivery_view> delivery_log_service::retry(const std::string& subscription_id, const std::string& delivery_id) {
    {
        store::leased_session lease(db_);
        store::job_repository jobs(lease);
        const auto row = subscription(lease, subscription_id);
        const auto job = jobs.find(delivery_id);
        if (!row || !job || job->subscription_id != subscription_id)
            return not_found("no delivery " + delivery_id + " for webhook subscription " + subscription_id);
        if (row->status != "active")
            return conflict("the subscription is " + row->status + ": make it active (PUT it with \"status\": \"active\") first");
        if (job->payload == store::erased_job_payload)
            return conflict("delivery " + delivery_id + " is about an erased contact: it is not sent again");
        if (!jobs.requeue(delivery_id, now_ms()))
            return conflict("delivery " + delivery_id + " is " + delivery_status(job->state) +
                            ": only a delivered or failed message is sent again");
    }
    if (wake_) wake_();
    return get(subscription_id, delivery_id);
}

outcome<int> delivery_log_service::replay(const std::string& subscription_id, const json::value& body) {
    if (!body.is_object()) return invalid_field("body", "must be a JSON object: {\"since\": \"2026-11-01T00:00:00Z\"}");
    const auto& object = body.get_object();
    surveys::field_errors errors;
    store::delivery_filter filter{subscription_id, std::string("failed"), std::nullopt, std::nullopt, std::nullopt};
    const auto read_time = [&](const char* field) -> std::optional<std::int64_t> {
        const auto* value = object.if_contains(field);
        if (!value || value->is_null()) return std::nullopt;
        std::optional<std::int64_t> at;
        if (value->is_string()) at = parse_time(std::string(value->get_string()));
        if (!at) errors.push_back({field, "must be an ISO 8601 time such as 2026-11-01T00:00:00Z"});
        return at;
    };
    filter.since = read_time("since");
    filter.until = read_time("until");
    if (!object.contains("since")) errors.push_back({"since", "is required: the start of the period to replay"});
    if (const auto* status = object.if_contains("status"); status && !status->is_null()) {
        if (status->is_string() && (*status == "failed" || *status == "delivered")) filter.state = state_of(status->get_string());
        else errors.push_back({"status", "must be failed or delivered"});
    }
    if (filter.since && filter.until && *filter.until <= *filter.since)
        errors.push_back({"until", "must come after since"});
    if (!errors.empty()) {
        auto message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                          : std::string("the replay has invalid fields");
        return invalid(std::move(errors), std::move(message));
    }
    int requeued = 0;
    {
        store::leased_session lease(db_);
        const auto row = subscription(lease, subscription_id);
        if (!row) return not_found("no webhook subscription " + subscription_id);
        if (row->status != "active")
            return conflict("the subscription is " + row->status + ": make it active (PUT it with \"status\": \"active\") first");
        requeued = store::job_repository(lease).requeue_matching(filter, now_ms());
    }
    if (requeued > 0 && wake_) wake_();
    return outcome<int>(boost::system::in_place_value, requeued);
}

} // namespace touchpoint::engine::services
