#include "engine/lifecycle/invitation_plan.hpp"

#include "engine/lifecycle/send_window.hpp"
#include "reports/time_zone.hpp"

#include <algorithm>

namespace touchpoint::engine::lifecycle {

std::optional<std::int64_t> event_trigger_time(const trigger& trigger, const std::string& name,
                                               const boost::json::object& properties, std::int64_t occurred_at) {
    if (trigger.type != trigger_type::event || trigger.event != name) return std::nullopt;
    for (const auto& c : trigger.where) {
        const auto* value = properties.if_contains(std::string_view(c.key).substr(11)); // after "properties."
        if (!value) return std::nullopt;
        const auto text = condition_text(*value);
        if (text.empty() || std::ranges::find(c.values, text) == c.values.end()) return std::nullopt;
    }
    return trigger.delay.after(occurred_at);
}

std::int64_t after_event_trigger_time(const trigger& trigger, std::int64_t first_occurred_at) {
    return trigger.delay.after(first_occurred_at);
}

std::int64_t within_send_window(const campaign_definition& campaign, const contact_facts& contact, std::int64_t at) {
    if (!campaign.send_window) return at;
    // The contact's own zone when it has a known one, else the campaign's.
    auto zone = contact.timezone.empty() ? std::nullopt : reports::time_zone::find(contact.timezone);
    if (!zone) zone = reports::time_zone::find(campaign.send_window->timezone);
    if (!zone) zone = reports::time_zone::utc();
    return next_opening(*campaign.send_window, *zone, at);
}

std::optional<std::int64_t> trigger_time(const trigger& trigger, const std::string& name,
                                         const boost::json::object& properties, std::int64_t occurred_at,
                                         std::optional<std::int64_t> first_occurred_at) {
    if (trigger.type == trigger_type::event) return event_trigger_time(trigger, name, properties, occurred_at);
    if (trigger.type != trigger_type::after_event || trigger.event != name) return std::nullopt;
    if (!first_occurred_at || *first_occurred_at != occurred_at) return std::nullopt;
    return after_event_trigger_time(trigger, occurred_at);
}

invitation_decision plan_invitation(const campaign_definition& campaign, const std::string& campaign_id,
                                    const contact_facts& contact, const contact_standing& standing,
                                    const fatigue_settings& fatigue, const std::vector<past_invitation>& history,
                                    std::int64_t fires_at) {
    auto skip = [](const char* reason) { return invitation_decision{false, reason, 0}; };
    if (standing.unsubscribed) return skip("unsubscribed");
    if (campaign.channel == "email" && !standing.has_email) return skip("no_email");
    if (!audience_admits(campaign.audience, contact)) return skip("audience");
    if (!in_sample(campaign_id, contact.external_id, campaign.audience.sample_percent)) return skip("sampled_out");
    const auto due = within_send_window(campaign, contact, fires_at);
    // Fatigue is judged at the time the message would go out.
    switch (check_fatigue(fatigue, campaign.resurvey_after, campaign_id, history, due)) {
    case fatigue_verdict::resurvey_too_soon: return skip("resurvey_too_soon");
    case fatigue_verdict::fatigue: return skip("fatigue");
    case fatigue_verdict::allowed: break;
    }
    return {true, "", due};
}

} // namespace touchpoint::engine::lifecycle
