#include "engine/services/campaign_service.hpp"

#include "engine/security/crypto.hpp"
#include "engine/services/audience_walker.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/store/database.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
namespace json = boost::json;
namespace {

store::campaign_row row_of(const lifecycle::campaign_definition& definition) {
    store::campaign_row row;
    row.name = definition.name;
    row.survey_id = definition.survey_id;
    row.channel = definition.channel;
    row.trigger_type = std::string(lifecycle::to_string(definition.trigger.type));
    using lifecycle::trigger_type;
    // The event an arriving event is matched against (a recurring trigger's
    // start event too); attribute_date, manual and recurring triggers without
    // a start are found by their type instead.
    if (definition.trigger.type == trigger_type::event || definition.trigger.type == trigger_type::after_event ||
        (definition.trigger.type == trigger_type::recurring && !definition.trigger.event.empty()))
        row.trigger_event = definition.trigger.event;
    row.definition = json::serialize(lifecycle::campaign_to_json(definition));
    return row;
}

bool is_scheduled_type(lifecycle::trigger_type type) {
    return type == lifecycle::trigger_type::attribute_date || type == lifecycle::trigger_type::recurring;
}

// A scan of every contact for an attribute_date or recurring campaign, in the
// caller's transaction; a running walk of the campaign (an older scan) is
// stopped first, so the new one sees the campaign as it reads now.
bool start_scan(store::leased_session& lease, const std::string& campaign_id, std::int64_t now) {
    store::audience_walk_repository(lease).stop_running(campaign_id, now);
    return audience_walker::start(lease, campaign_id, "scan", now).has_value();
}

service_error invalid_campaign(surveys::field_errors errors) {
    std::string message = errors.size() == 1 ? errors.front().field + " " + errors.front().message
                                             : "the campaign has invalid fields";
    return invalid(std::move(errors), std::move(message));
}

} // namespace

outcome<lifecycle::campaign_definition> campaign_service::read_definition(const json::value& body) {
    auto parsed = lifecycle::parse_campaign(body);
    if (!parsed.ok()) return invalid_campaign(std::move(parsed.errors));
    auto survey = surveys_.get(parsed.definition.survey_id);
    if (!survey) {
        if (survey.error().status == 404)
            return invalid_field("survey_id", "names no survey: " + parsed.definition.survey_id);
        return survey.error();
    }
    if (survey->row.status == "archived")
        return invalid_field("survey_id", "names an archived survey; a campaign needs a live one");
    return std::move(parsed.definition);
}

campaign_view campaign_service::view_of(store::leased_session& lease, store::campaign_row row) {
    campaign_view view;
    auto parsed = lifecycle::parse_campaign(parse_stored_json(row.definition));
    // Stored definitions were written by campaign_to_json; one that no longer
    // reads is shown with what its columns say rather than failing the listing.
    view.definition = std::move(parsed.definition);
    view.definition.name = row.name;
    view.definition.survey_id = row.survey_id;
    view.definition.channel = row.channel;
    view.stats = store::invitation_repository(lease).campaign_funnel_of(row.id);
    store::audience_walk_repository walks(lease);
    view.manual_send = walks.latest(row.id, "send");
    view.scan = walks.latest(row.id, "scan");
    view.row = std::move(row);
    return view;
}

outcome<campaign_view> campaign_service::create(const json::value& body) {
    auto definition = read_definition(body);
    if (!definition) return definition.error();
    auto row = row_of(*definition);
    row.id = security::new_id("cmp");
    row.status = "draft";
    row.created_at = row.updated_at = now_ms();
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::campaign_repository campaigns(lease);
    campaigns.insert(row);
    campaigns.set_cancel_events(row.id, definition->cancel_on);
    transaction.commit();
    return view_of(lease, std::move(row));
}

outcome<campaign_view> campaign_service::get(const std::string& id) {
    store::leased_session lease(db_);
    auto row = store::campaign_repository(lease).find(id);
    if (!row) return not_found("no campaign " + id);
    return view_of(lease, std::move(*row));
}

std::vector<campaign_view> campaign_service::list(const store::campaign_filter& filter,
                                                  const std::optional<store::page_cursor>& after, int limit) {
    store::leased_session lease(db_);
    std::vector<campaign_view> views;
    for (auto& row : store::campaign_repository(lease).list(filter, after, limit)) views.push_back(view_of(lease, std::move(row)));
    return views;
}

outcome<campaign_view> campaign_service::update(const std::string& id, const json::value& body) {
    auto definition = read_definition(body);
    if (!definition) return definition.error();
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::campaign_repository campaigns(lease);
    auto stored = campaigns.find(id);
    if (!stored) return not_found("no campaign " + id);
    if (stored->status == "archived") return conflict("campaign " + id + " is archived; create a new one");
    auto row = row_of(*definition);
    row.id = stored->id;
    row.status = stored->status;
    row.created_at = stored->created_at;
    row.updated_at = now_ms();
    campaigns.update(row);
    campaigns.set_cancel_events(row.id, definition->cancel_on);
    // A new date attribute, offset or period: an active campaign schedules by it at once.
    const auto before = lifecycle::parse_campaign(parse_stored_json(stored->definition));
    const bool trigger_changed =
        !before.ok() || json::serialize(lifecycle::campaign_to_json(before.definition).at("trigger")) !=
                            json::serialize(lifecycle::campaign_to_json(*definition).at("trigger"));
    const bool scanning = row.status == "active" && trigger_changed && is_scheduled_type(definition->trigger.type) &&
                          start_scan(lease, row.id, row.updated_at);
    transaction.commit();
    if (scanning && wake_) wake_();
    auto view = view_of(lease, std::move(row));
    view.pending_affected = view.stats.scheduled;
    return view;
}

outcome<campaign_view> campaign_service::move(const std::string& id, const char* to, std::initializer_list<const char*> from,
                                              const char* verb) {
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::campaign_repository campaigns(lease);
    auto row = campaigns.find(id);
    if (!row) return not_found("no campaign " + id);
    if (row->status == to) return view_of(lease, std::move(*row)); // asked twice: nothing to do
    if (std::find_if(from.begin(), from.end(), [&](const char* s) { return row->status == s; }) == from.end())
        return service_error{409, "invalid_status",
                             "campaign " + id + " is " + row->status + "; only a campaign that is " +
                                 [&] {
                                     std::string names;
                                     for (const char* s : from) names += (names.empty() ? "" : " or ") + std::string(s);
                                     return names;
                                 }() +
                                 " can be " + verb,
                             {}};
    if (std::string_view(to) == "active") {
        auto survey = surveys_.get(row->survey_id);
        if (!survey || survey->row.status == "archived")
            return service_error{409, "survey_archived", "survey " + row->survey_id + " is archived; the campaign cannot send it", {}};
        if (row->channel == "email")
            return service_error{409, "channel_unavailable",
                                 "the email channel is not configured on this engine (--smtp-url); use the webhook channel", {}};
    }
    const auto from_status = row->status;
    row->status = to;
    row->updated_at = now_ms();
    auto parsed = lifecycle::parse_campaign(parse_stored_json(row->definition));
    // Campaigns saved before recurring triggers listened for their start event get its column here.
    if (parsed.ok()) row->trigger_event = row_of(parsed.definition).trigger_event;
    campaigns.update(*row);
    bool walking = false;
    if (std::string_view(to) == "active" && parsed.ok()) {
        const auto type = parsed.definition.trigger.type;
        // Dates and chains are scheduled by a scan of every contact, in the
        // background; a resumed manual campaign continues the send its pause stopped.
        if (is_scheduled_type(type)) walking = start_scan(lease, row->id, row->updated_at);
        else if (type == lifecycle::trigger_type::manual && from_status == "paused")
            walking = audience_walker::restart(lease, row->id, "send", row->updated_at).has_value();
    }
    transaction.commit();
    if (walking && wake_) wake_();
    return view_of(lease, std::move(*row));
}

outcome<store::audience_walk_row> campaign_service::send(const std::string& id) {
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    const auto row = store::campaign_repository(lease).find(id);
    if (!row) return not_found("no campaign " + id);
    if (row->status != "active")
        return service_error{409, "invalid_status",
                             "campaign " + id + " is " + row->status + "; only an active campaign can send", {}};
    const auto parsed = lifecycle::parse_campaign(parse_stored_json(row->definition));
    if (!parsed.ok()) return service_error{500, "internal", "campaign " + id + "'s stored definition no longer reads", {}};
    if (parsed.definition.trigger.type != lifecycle::trigger_type::manual)
        return service_error{409, "not_manual",
                             "campaign " + id + " has a " + std::string(lifecycle::to_string(parsed.definition.trigger.type)) +
                                 " trigger; only a manual campaign is sent by hand",
                             {}};
    auto survey = surveys_.get(row->survey_id);
    if (!survey || survey->row.status == "archived")
        return service_error{409, "survey_archived", "survey " + row->survey_id + " is archived; the campaign cannot send it", {}};
    const auto now = now_ms();
    auto walk = audience_walker::start(lease, id, "send", now);
    if (!walk) {
        const auto running = store::audience_walk_repository(lease).latest(id, "send");
        return service_error{409, "send_running",
                             "a send of campaign " + id + " is running" + (running ? " (" + running->id + ")" : std::string()) +
                                 "; its progress is in stats.manual_send",
                             {}};
    }
    transaction.commit();
    if (wake_) wake_();
    return std::move(*walk);
}

outcome<campaign_view> campaign_service::activate(const std::string& id) { return move(id, "active", {"draft"}, "activated"); }
outcome<campaign_view> campaign_service::pause(const std::string& id) { return move(id, "paused", {"active"}, "paused"); }
outcome<campaign_view> campaign_service::resume(const std::string& id) { return move(id, "active", {"paused"}, "resumed"); }
outcome<campaign_view> campaign_service::archive(const std::string& id) {
    return move(id, "archived", {"draft", "active", "paused"}, "archived");
}

} // namespace touchpoint::engine::services
