#include "engine/services/campaign_preview_service.hpp"

#include "engine/services/campaign_service.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/replay_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

namespace touchpoint::engine::services {
namespace json = boost::json;
using lifecycle::trigger_type;

namespace {

constexpr std::int64_t day_ms = 86'400'000;
// The id an unsaved definition is replayed under: no stored campaign has it
// (theirs are cmp_ and hex), so none of their invitations count as its own.
constexpr const char* unsaved_campaign_id = "preview";

// The definition's errors, named under "campaign." as the body holds it.
service_error under_campaign(service_error error) {
    if (error.status != 422) return error;
    for (auto& detail : error.details) detail.field = "campaign." + detail.field;
    if (error.details.size() == 1) error.message = error.details.front().field + " " + error.details.front().message;
    return error;
}

bool has_attribute_condition(const lifecycle::audience& audience) {
    return std::ranges::any_of(audience.where, [](const lifecycle::condition& c) { return c.key != "locale"; });
}

} // namespace

outcome<preview_request> read_preview_request(const json::value& body, std::int64_t now) {
    if (!body.is_object())
        return invalid_field("body", "must be a JSON object such as {\"campaign_id\": \"cmp_…\", \"since\": \"P30D\"}");
    const auto& obj = body.get_object();
    surveys::field_errors errors;
    for (const auto& field : obj)
        if (field.key() != "campaign" && field.key() != "campaign_id" && field.key() != "since")
            errors.push_back({std::string(field.key()), "is not a field of a preview (campaign, campaign_id, since)"});
    preview_request out;
    const auto* campaign = obj.if_contains("campaign");
    const auto* campaign_id = obj.if_contains("campaign_id");
    if (campaign && campaign_id) {
        errors.push_back({"campaign_id", "cannot come with campaign: give a definition or a saved campaign's id, not both"});
    } else if (campaign) {
        if (campaign->is_object()) out.campaign = *campaign;
        else errors.push_back({"campaign", "must be a campaign definition, as for POST /v1/campaigns"});
    } else if (campaign_id) {
        if (campaign_id->is_string() && !campaign_id->get_string().empty())
            out.campaign_id = std::string(campaign_id->get_string());
        else errors.push_back({"campaign_id", "must be a campaign's id (cmp_…)"});
    } else {
        errors.push_back({"campaign", "is required: a campaign definition, or campaign_id for a saved campaign"});
    }
    if (const auto* since = obj.if_contains("since")) {
        std::optional<lifecycle::iso_duration> parsed;
        if (since->is_string()) parsed = lifecycle::parse_iso_duration(since->get_string());
        if (!parsed) errors.push_back({"since", std::string(lifecycle::iso_duration_hint)});
        else if (parsed->negative || parsed->is_zero())
            errors.push_back({"since", "must be a positive duration, such as P30D"});
        else if (now - lifecycle::iso_duration{true, parsed->months, parsed->millis}.after(now) > max_preview_days * day_ms)
            errors.push_back({"since", "must be at most P" + std::to_string(max_preview_days) + "D"});
        else out.since = *parsed;
    }
    if (!errors.empty()) {
        auto message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                          : std::string("the preview request has invalid fields");
        return invalid(std::move(errors), std::move(message));
    }
    return out;
}

outcome<campaign_preview> campaign_preview_service::preview(const json::value& body) {
    const auto started = std::chrono::steady_clock::now();
    const auto now = now_ms();
    auto request = read_preview_request(body, now);
    if (!request) return request.error();

    campaign_preview out;
    lifecycle::campaign_definition definition;
    if (request->campaign_id) {
        auto saved = campaigns_.get(*request->campaign_id);
        if (!saved) {
            if (saved.error().status == 404)
                return invalid_field("campaign_id", "names no campaign: " + *request->campaign_id);
            return saved.error();
        }
        definition = std::move(saved->definition);
        out.campaign_id = saved->row.id;
        if (!lifecycle::is_replayable(definition.trigger.type))
            return invalid_field("campaign_id", "names a campaign with a " +
                                                    std::string(lifecycle::to_string(definition.trigger.type)) +
                                                    " trigger; a preview replays event and after_event triggers");
    } else {
        auto read = campaigns_.read_definition(*request->campaign);
        if (!read) return under_campaign(read.error());
        definition = std::move(*read);
        if (!lifecycle::is_replayable(definition.trigger.type))
            return invalid_field("campaign.trigger.type",
                                 "is " + std::string(lifecycle::to_string(definition.trigger.type)) +
                                     "; a preview replays event and after_event triggers");
    }
    out.trigger = definition.trigger.type;
    out.until = now;
    out.since = lifecycle::iso_duration{true, request->since.months, request->since.millis}.after(now);

    store::leased_session lease(db_);
    const auto fatigue = settings_service::fatigue(lease);
    store::replay_query query;
    query.trigger_event = definition.trigger.event;
    query.first_only = definition.trigger.type == trigger_type::after_event;
    query.with_properties = definition.trigger.type == trigger_type::event && !definition.trigger.where.empty();
    query.cancel_events = definition.cancel_on;
    query.since = out.since;
    query.until = out.until;
    // Every decision is for a time at or after `since`: older invitations fall
    // outside each fatigue rule's reach.
    std::int64_t reach = std::int64_t{fatigue.min_days_between_surveys} * day_ms;
    reach = std::max(reach, fatigue.period.longest_millis());
    if (definition.resurvey_after) reach = std::max(reach, definition.resurvey_after->longest_millis());
    query.history_since = out.since - reach;
    query.campaign_id = out.campaign_id;

    const bool read_attributes = has_attribute_condition(definition.audience);
    lifecycle::campaign_replay replay(definition, out.campaign_id.value_or(unsaved_campaign_id), fatigue);
    lifecycle::replay_contact contact;
    out.events = store::replay_repository(lease).for_each_contact(query, [&](store::replay_contact_rows& rows) {
        contact.facts.external_id = std::move(rows.external_id);
        contact.facts.locale = rows.locale.value_or("");
        contact.facts.timezone = rows.timezone.value_or("");
        // Parsed only when the audience reads them, as most previews' do not.
        contact.facts.attributes = read_attributes ? parse_stored_json(rows.attributes).as_object() : json::object{};
        contact.standing = {rows.unsubscribed, rows.has_email};
        contact.first_occurrence = rows.first_occurrence;
        contact.history.clear();
        for (auto& [at, campaign] : rows.history) contact.history.push_back({at, std::move(campaign)});
        contact.events.clear();
        for (auto& event : rows.events) {
            auto& replayed = contact.events.emplace_back();
            replayed.name = std::move(event.name);
            replayed.occurred_at = event.occurred_at;
            // Only the trigger's `where` reads properties; a cancel_on event's are never looked at.
            if (query.with_properties && replayed.name == query.trigger_event)
                replayed.properties = std::move(parse_stored_json(event.properties).as_object());
        }
        replay.replay(contact);
    });
    out.summary = replay.summary();
    out.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return out;
}

} // namespace touchpoint::engine::services
