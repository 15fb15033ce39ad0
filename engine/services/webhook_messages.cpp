#include "engine/services/webhook_messages.hpp"

#include "engine/http/json_text.hpp"
#include "engine/security/crypto.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/records.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

std::string webhook_body(const webhook_message& message, std::int64_t at) {
    // Numbers as the API prints them (45.5, not 4.55E1).
    return http::to_json_text(json::object{{"type", message.type}, {"timestamp", format_time(at)}, {"data", message.data}});
}

std::vector<store::job_row> webhook_jobs(const subscription_directory::snapshot& subscriptions,
                                         const webhook_message& message, std::int64_t now) {
    std::vector<store::job_row> out;
    if (!subscriptions) return out;
    std::optional<std::string> body; // serialised once, for the first subscriber
    for (const auto& subscription : *subscriptions) {
        if (!subscription.wants(message.type, message.scope)) continue;
        if (!body) body = webhook_body(message, now);
        store::job_row job;
        job.id = security::new_ordered_id("job");
        job.kind = "webhook";
        job.channel = "webhook";
        job.invitation_id = message.invitation_id;
        job.subscription_id = subscription.id;
        job.event_type = message.type;
        // The URL as it was when enqueued, for the log; a delivery goes to the subscription's URL then.
        job.payload = json::serialize(json::object{{"url", subscription.url}, {"body", *body}});
        job.idempotency_key = security::new_ordered_id("msg");
        job.due_at = job.created_at = job.updated_at = now;
        out.push_back(std::move(job));
    }
    return out;
}

int enqueue_webhook_message(store::job_repository& jobs, const subscription_directory::snapshot& subscriptions,
                            const webhook_message& message, std::int64_t now) {
    const auto rows = webhook_jobs(subscriptions, message, now);
    for (const auto& job : rows) jobs.enqueue(job);
    return static_cast<int>(rows.size());
}

} // namespace touchpoint::engine::services

namespace touchpoint::engine::services {

webhook_message invitation_failed_message(const store::invitation_row& invitation,
                                          const std::optional<std::string>& contact_external_id, const std::string& reason,
                                          std::int64_t now) {
    const auto text_or_null = [](const std::optional<std::string>& value) {
        return value ? json::value(*value) : json::value(nullptr);
    };
    webhook_message message;
    message.type = "invitation.failed";
    message.data = {{"invitation_id", invitation.id},
                    {"campaign_id", text_or_null(invitation.campaign_id)},
                    {"survey_id", invitation.survey_id},
                    {"contact", text_or_null(contact_external_id)},
                    {"channel", invitation.channel},
                    {"reason", reason},
                    {"failed_at", format_time(now)}};
    message.scope = {invitation.survey_id, invitation.campaign_id, std::nullopt};
    message.invitation_id = invitation.id;
    return message;
}

void fail_invitations_without_messages(store::leased_session& lease, const std::vector<std::string>& invitation_ids,
                                       const subscription_directory::snapshot& subscriptions, const std::string& reason,
                                       std::int64_t now) {
    store::job_repository jobs(lease);
    store::invitation_repository invitations(lease);
    for (const auto& id : invitation_ids) {
        const auto tally = jobs.messages_of(id);
        if (tally.open > 0 || tally.delivered > 0) continue;
        if (invitations.delivery_state(id) != "sent" || !invitations.end_delivery(id, "failed", reason)) continue;
        const auto invitation = invitations.find(id);
        if (!invitation) continue;
        std::optional<std::string> external_id;
        if (invitation->contact_id)
            if (auto contact = store::contact_repository(lease).find(*invitation->contact_id)) external_id = contact->external_id;
        enqueue_webhook_message(jobs, subscriptions, invitation_failed_message(*invitation, external_id, reason, now), now);
    }
}

} // namespace touchpoint::engine::services
