#include "engine/services/invitation_sender.hpp"

#include "engine/lifecycle/invitation_plan.hpp"
#include "engine/security/crypto.hpp"
#include "engine/security/token_signer.hpp"
#include "engine/services/campaign_firing.hpp"
#include "engine/services/invitation_service.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/services/subscription_directory.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/services/webhook_messages.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/survey_repository.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "surveys/definition_json.hpp"
#include "surveys/locale_matcher.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;
using kind = dispatch::delivery_verdict::kind;

namespace {

// A send window closed now, by more than this, moves the invitation rather than sending it.
constexpr std::int64_t window_slack_ms = 60'000;

dispatch::delivery_verdict done(std::string detail) { return {kind::delivered, std::nullopt, std::move(detail)}; }

store::job_row follow_up_job(const std::string& kind, const std::string& invitation_id, const std::string& key,
                             std::string payload, std::int64_t due, std::int64_t now) {
    store::job_row job;
    job.id = security::new_ordered_id("job");
    job.kind = kind;
    job.channel = "webhook";
    job.invitation_id = invitation_id;
    job.payload = std::move(payload);
    job.idempotency_key = key;
    job.due_at = due;
    job.created_at = job.updated_at = now;
    return job;
}

} // namespace

std::optional<json::object> invitation_sender::request_data(store::leased_session& lease, const std::string& invitation_id,
                                                            const std::string& campaign_id, const store::survey_row& survey,
                                                            const store::contact_row& contact, std::int64_t expires_at) {
    const auto definition = surveys_.definition(lease, survey.id, survey.current_version, survey.current_version,
                                                survey.updated_at);
    if (!definition) return std::nullopt;
    const auto locale = surveys::choose_locale(definition->locales, definition->default_locale, {contact.locale.value_or("")});
    const auto token = signer_.issue({invitation_id, expires_at});
    return json::object{{"invitation_id", invitation_id},
                        {"campaign_id", campaign_id},
                        {"survey_id", survey.id},
                        {"contact", json::object{{"external_id", contact.external_id}, {"locale", locale}}},
                        {"survey", surveys::to_localized_json(*definition, locale)},
                        {"token", token},
                        {"url", public_url_ + "/s/" + token},
                        {"expires_at", format_time(expires_at)}};
}

dispatch::delivery_verdict invitation_sender::send(const store::job_row& job) {
    bool wake = false;
    dispatch::delivery_verdict verdict;
    {
        store::leased_session lease(db_, store::lease_use::writing);
        store::write_transaction transaction(db_, lease);
        verdict = send_within(lease, job, wake);
        transaction.commit();
    }
    if (wake && wake_) wake_();
    return verdict;
}

dispatch::delivery_verdict invitation_sender::send_within(store::leased_session& lease, const store::job_row& job,
                                                          bool& wake) {
    if (!job.invitation_id) return {kind::failed, std::nullopt, "a send job without an invitation"};
    const auto& invitation_id = *job.invitation_id;
    const auto now = now_ms();
    int messages = 0;
    bool chained = false; // the next occurrence of a recurring chain is due already
    dispatch::delivery_verdict verdict;
    {
        store::invitation_repository invitations(lease);
        store::job_repository jobs(lease);
        auto invitation = invitations.find(invitation_id);
        if (!invitation) return done("the invitation no longer exists");
        // The stored state, not the status: a link opened before its time (its
        // token is in the events' answer) still waits to be sent.
        if (const auto state = invitations.delivery_state(invitation_id); state != "scheduled")
            return done("nothing to send: the invitation is " + invitation->status);
        if (invitation->status == "responded") {
            // Answered through its link before it went out: there is nothing to ask.
            invitations.mark_sent(invitation_id, now, invitation->expires_at.value_or(now));
            return done("answered before it was sent: nothing to send");
        }

        // Set once the campaign reads: a recurring chain goes on from an
        // occurrence sent, skipped or failed, never from a cancelled one.
        std::function<void()> go_on;
        // Ends the invitation with a reason; failures tell invitation.failed subscribers.
        const auto end = [&](const std::string& state, const std::string& reason,
                             const std::optional<std::string>& external_id) {
            invitations.end_delivery(invitation_id, state, reason);
            if (go_on && state != "cancelled") go_on();
            const bool told = state == "failed" &&
                              enqueue_webhook_message(jobs, subscriptions_.active(lease),
                                                      invitation_failed_message(*invitation, external_id, reason, now), now) > 0;
            wake = wake || told || chained;
            return done(state + ": " + reason);
        };

        if (!invitation->contact_id) return end("cancelled", "contact_erased", std::nullopt);
        store::contact_repository contacts(lease);
        // The same lock the triggers take: fatigue for one contact is judged by one writer at a time.
        contacts.lock_for_surveys(*invitation->contact_id);
        const auto found = contacts.find_with_standing(*invitation->contact_id);
        if (!found) return end("cancelled", "contact_erased", std::nullopt);
        const auto* contact = &found->row;

        const auto campaign = invitation->campaign_id ? store::campaign_repository(lease).find(*invitation->campaign_id)
                                                      : std::nullopt;
        if (!campaign) return {kind::failed, std::nullopt, "the invitation's campaign no longer exists"};
        if (campaign->status != "active") return end("cancelled", "campaign_paused", contact->external_id);
        const auto survey = store::survey_repository(lease).find(invitation->survey_id);
        if (!survey || survey->status == "archived") return end("cancelled", "survey_archived", contact->external_id);

        auto parsed = lifecycle::parse_campaign(parse_stored_json(campaign->definition));
        if (!parsed.ok()) return {kind::failed, std::nullopt, "the campaign's stored definition no longer reads"};
        const auto& definition = parsed.definition;

        // The rules again, as they read now, with this invitation left out of the history.
        const lifecycle::contact_facts facts{contact->external_id, contact->locale.value_or(""),
                                             contact->timezone.value_or(""),
                                             parse_stored_json(contact->attributes).as_object()};
        const lifecycle::contact_standing standing{found->unsubscribed, contact->email.has_value()};
        if (definition.trigger.type == lifecycle::trigger_type::recurring)
            go_on = [&] {
                // The history read again, now with this occurrence as it ended.
                auto context = lock_contact(lease, *contact, standing.unsubscribed, settings_service::fatigue(lease));
                if (auto next = continue_chain(lease, *campaign, definition, context, invitation_id, now))
                    chained = next->status == "scheduled" && next->due_at && *next->due_at <= now;
            };
        std::vector<lifecycle::past_invitation> history;
        for (auto& [at, other] : invitations.survey_history(contact->id, invitation_id)) history.push_back({at, std::move(other)});
        const auto decision = lifecycle::plan_invitation(definition, campaign->id, facts, standing,
                                                         settings_service::fatigue(lease), history, now);
        if (!decision.scheduled) return end("skipped", decision.reason, contact->external_id);
        if (decision.due_at > now + window_slack_ms) {
            // The send window is closed now (it was edited, or the engine was down): wait for its next opening.
            invitations.reschedule(invitation_id, decision.due_at);
            auto next = job;
            next.id = security::new_ordered_id("job");
            next.state = "pending";
            next.due_at = decision.due_at;
            next.created_at = next.updated_at = now;
            jobs.enqueue(next);
            return done("the send window is closed; due again at " + format_time(decision.due_at));
        }

        if (definition.channel != "webhook")
            return {kind::failed, std::nullopt, "the " + definition.channel + " channel cannot send yet"};
        const auto subscribers = subscriptions_.active(lease);
        webhook_message request;
        request.type = "survey.requested";
        request.scope = {invitation->survey_id, campaign->id, std::nullopt};
        request.invitation_id = invitation_id;
        const bool anyone = std::ranges::any_of(*subscribers, [&](const subscription_entry& subscription) {
            return subscription.wants(request.type, request.scope);
        });
        if (!anyone) return end("failed", "no_subscriber", contact->external_id);

        const auto lasts = definition.expires_after ? *definition.expires_after
                                                    : lifecycle::iso_duration{false, 0, default_invitation_days * 86'400'000LL};
        // Whole seconds: the token carries the expiry at that precision.
        const auto expires_at = lasts.after(now) / 1000 * 1000;
        auto data = request_data(lease, invitation_id, campaign->id, *survey, *contact, expires_at);
        if (!data) return {kind::failed, std::nullopt, "the survey's definition no longer reads"};
        request.data = std::move(*data);
        invitations.mark_sent(invitation_id, now, expires_at);
        messages = enqueue_webhook_message(jobs, subscribers, request, now);
        // Its reminders, each in the send window, and its expiry.
        for (std::size_t i = 0; i < definition.reminders.size(); ++i) {
            const auto due = lifecycle::within_send_window(definition, facts, definition.reminders[i].after(now));
            if (due >= expires_at) continue; // it would remind of a link that no longer works
            const auto n = std::to_string(i + 1);
            jobs.enqueue(follow_up_job("reminder", invitation_id, "reminder_" + n + "_" + invitation_id,
                                       json::serialize(json::object{{"reminder", i + 1}}), due, now));
        }
        jobs.enqueue(follow_up_job("expire", invitation_id, "expire_" + invitation_id, "{}", expires_at, now));
        if (go_on) go_on();
        verdict = done("sent: " + std::to_string(messages) + " survey.requested message(s)");
    }
    wake = wake || messages > 0 || chained;
    return verdict;
}

dispatch::delivery_verdict invitation_sender::recur(const store::job_row& job) {
    if (!job.invitation_id) return {kind::failed, std::nullopt, "a recur job without an invitation"};
    const auto now = now_ms();
    bool due_now = false;
    {
        store::leased_session lease(db_, store::lease_use::writing);
        store::write_transaction transaction(db_, lease);
        const auto invitation = store::invitation_repository(lease).find(*job.invitation_id);
        if (!invitation || !invitation->contact_id || !invitation->campaign_id)
            return done("the chain stops: the invitation or its contact no longer exists");
        const auto campaign = store::campaign_repository(lease).find(*invitation->campaign_id);
        if (!campaign || campaign->status != "active") return done("the chain stops: the campaign is not active");
        auto parsed = lifecycle::parse_campaign(parse_stored_json(campaign->definition));
        if (!parsed.ok() || parsed.definition.trigger.type != lifecycle::trigger_type::recurring)
            return done("the chain stops: the campaign's trigger is no longer recurring");
        auto contact = lock_contact(lease, *invitation->contact_id);
        if (!contact) return done("the chain stops: the contact was erased");
        const auto next = continue_chain(lease, *campaign, parsed.definition, *contact, *job.invitation_id, now);
        transaction.commit();
        if (!next) return done("the chain stops: a cancel_on event ended it, or the next occurrence exists already");
        due_now = next->status == "scheduled" && next->due_at && *next->due_at <= now;
    }
    if (due_now && wake_) wake_();
    return done("the chain goes on");
}

dispatch::delivery_verdict invitation_sender::remind(const store::job_row& job) {
    if (!job.invitation_id) return {kind::failed, std::nullopt, "a reminder job without an invitation"};
    const auto& invitation_id = *job.invitation_id;
    const auto payload = parse_stored_json(job.payload);
    const auto* number = payload.is_object() ? payload.get_object().if_contains("reminder") : nullptr;
    const auto reminder = number && number->is_int64() ? number->get_int64() : 1;
    const auto now = now_ms();
    int messages = 0;
    {
        store::leased_session lease(db_, store::lease_use::writing);
        store::write_transaction transaction(db_, lease);
        store::invitation_repository invitations(lease);
        const auto invitation = invitations.find(invitation_id);
        if (!invitation) return done("no reminder: the invitation no longer exists");
        // Sent, delivered or opened, and not yet answered or ended.
        if (invitation->status != "sent" && invitation->status != "delivered" && invitation->status != "opened")
            return done("no reminder: the invitation is " + invitation->status);
        if (invitation->expires_at && *invitation->expires_at <= now) return done("no reminder: the invitation expired");
        if (!invitation->contact_id || !invitation->campaign_id) return done("no reminder: the contact was erased");
        store::contact_repository contacts(lease);
        const auto found = contacts.find_with_standing(*invitation->contact_id);
        if (!found) return done("no reminder: the contact was erased");
        if (found->unsubscribed) return done("no reminder: the contact unsubscribed");
        const auto* contact = &found->row;
        const auto campaign = store::campaign_repository(lease).find(*invitation->campaign_id);
        if (!campaign || campaign->status != "active") return done("no reminder: the campaign is not active");
        const auto survey = store::survey_repository(lease).find(invitation->survey_id);
        if (!survey || survey->status == "archived") return done("no reminder: the survey is archived");

        store::job_repository jobs(lease);
        webhook_message request;
        request.type = "survey.requested";
        request.scope = {invitation->survey_id, campaign->id, std::nullopt};
        request.invitation_id = invitation_id;
        auto data = request_data(lease, invitation_id, campaign->id, *survey, *contact, invitation->expires_at.value_or(now));
        if (!data) return done("no reminder: the survey's definition no longer reads");
        request.data = std::move(*data);
        request.data["reminder"] = reminder;
        messages = enqueue_webhook_message(jobs, subscriptions_.active(lease), request, now);
        transaction.commit();
    }
    if (messages > 0 && wake_) wake_();
    return done("reminder " + std::to_string(reminder) + ": " + std::to_string(messages) + " survey.requested message(s)");
}

dispatch::delivery_verdict invitation_sender::expire(const store::job_row& job) {
    if (!job.invitation_id) return {kind::failed, std::nullopt, "an expiry job without an invitation"};
    store::leased_session lease(db_);
    const bool expired = store::invitation_repository(lease).mark_expired(*job.invitation_id);
    return done(expired ? "expired unanswered" : "nothing to expire: answered or ended before");
}

} // namespace touchpoint::engine::services
