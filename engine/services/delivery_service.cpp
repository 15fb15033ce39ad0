#include "engine/services/delivery_service.hpp"

#include "engine/dispatch/webhook_delivery.hpp"
#include "engine/services/audience_walker.hpp"
#include "engine/services/invitation_sender.hpp"
#include "engine/services/subscription_directory.hpp"
#include "engine/services/webhook_messages.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/webhook_repository.hpp"
#include "engine/time_format.hpp"

#include <spdlog/spdlog.h>

namespace touchpoint::engine::services {
using kind = dispatch::delivery_verdict::kind;

dispatch::delivery_verdict delivery_service::deliver(const store::job_row& job) {
    if (job.kind == "send") return sender_.send(job);
    if (job.kind == "reminder") return sender_.remind(job);
    if (job.kind == "expire") return sender_.expire(job);
    if (job.kind == "recur") return sender_.recur(job);
    if (job.kind == "audience_walk") return walker_.walk(job);
    if (job.kind == "webhook") return webhooks_(job);
    return {kind::failed, std::nullopt, "no channel delivers jobs of kind " + job.kind};
}

void delivery_service::on_verdict(store::leased_session& lease, const store::job_row& job,
                                   const dispatch::delivery_verdict& verdict, bool final) {
    if (job.kind == "audience_walk" && final && verdict.outcome != kind::delivered) {
        audience_walker::on_failed(lease, job, now_ms());
        return;
    }
    if (job.kind != "webhook") return;
    const auto now = now_ms();
    store::job_repository jobs(lease);
    if (verdict.peer_status == 410 && job.subscription_id) {
        // The receiver says the endpoint is gone: stop sending there.
        store::webhook_repository subscriptions(lease);
        if (auto row = subscriptions.find(*job.subscription_id); row && row->status == "active") {
            row->status = "disabled";
            row->disabled_reason = "the receiver answered 410 Gone on " + format_time(now);
            row->updated_at = now;
            subscriptions.update(*row);
            const auto waiting = jobs.cancel_for_subscription(row->id, now);
            subscriptions_.invalidate();
            fail_invitations_without_messages(lease, waiting, subscriptions_.active(lease), "no_subscriber", now);
            spdlog::warn("webhooks: subscription {} disabled: its receiver answered 410 Gone (its pending messages are cancelled)",
                         row->id);
        }
    }
    if (job.event_type != "survey.requested" || !job.invitation_id) return;
    store::invitation_repository invitations(lease);
    if (verdict.outcome == kind::delivered) {
        invitations.count_attempt(*job.invitation_id, now);
        return;
    }
    invitations.count_attempt(*job.invitation_id);
    if (!final) return;
    // This message failed for good; the invitation fails once no other subscriber's copy can still arrive.
    const auto tally = jobs.messages_of(*job.invitation_id);
    if (tally.open > 0 || tally.delivered > 0) return;
    const bool refused = verdict.outcome == kind::failed && verdict.peer_status.has_value();
    // Failed without being sent: its subscription was disabled or deleted meanwhile.
    const bool unsubscribed = !refused && job.subscription_id && !subscriptions_.find(*job.subscription_id);
    const std::string reason = refused ? "rejected_by_peer" : unsubscribed ? "no_subscriber" : "attempts_exhausted";
    if (!invitations.end_delivery(*job.invitation_id, "failed", reason)) return;
    const auto invitation = invitations.find(*job.invitation_id);
    if (!invitation) return;
    std::optional<std::string> external_id;
    if (invitation->contact_id)
        if (auto contact = store::contact_repository(lease).find(*invitation->contact_id)) external_id = contact->external_id;
    enqueue_webhook_message(jobs, subscriptions_.active(lease), invitation_failed_message(*invitation, external_id, reason, now),
                            now);
}

} // namespace touchpoint::engine::services
