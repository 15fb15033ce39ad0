// Webhook messages into the outbox: one job per active subscription that
// listens to the message's type and whose filters admit it, written on the
// caller's session, so the message is enqueued in the same transaction as the
// change it reports (a response, a failed invitation) or not at all.
//
// The body is {"type","timestamp","data"} (DESIGN.md, "Webhooks"), fixed at
// enqueue time; each job gets its own idempotency key ("msg_…"), which every
// attempt sends as webhook-id.
#pragma once

#include "engine/services/subscription_directory.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {
class job_repository;
struct job_row;
}

namespace touchpoint::engine::services {

struct webhook_message {
    std::string type;         // one of webhook_event_types
    boost::json::object data; // the message's "data"
    message_scope scope;      // what subscription filters are matched against
    std::optional<std::string> invitation_id; // the invitation it is about, for the timeline and its status
};

// {"type","timestamp","data"} with the timestamp (UTC ms) in ISO 8601.
std::string webhook_body(const webhook_message& message, std::int64_t at);

// The message's jobs, due at `now`: one for each subscription in
// `subscriptions` that wants it (none when none does).
std::vector<store::job_row> webhook_jobs(const subscription_directory::snapshot& subscriptions,
                                         const webhook_message& message, std::int64_t now);

// Enqueues webhook_jobs(); the number of jobs written.
int enqueue_webhook_message(store::job_repository& jobs, const subscription_directory::snapshot& subscriptions,
                            const webhook_message& message, std::int64_t now);

} // namespace touchpoint::engine::services

namespace touchpoint::engine::store {
struct invitation_row;
class leased_session;
}

namespace touchpoint::engine::services {

// invitation.failed: {"invitation_id","campaign_id","survey_id","contact","reason","failed_at"}.
webhook_message invitation_failed_message(const store::invitation_row& invitation,
                                          const std::optional<std::string>& contact_external_id, const std::string& reason,
                                          std::int64_t now);

// The invitations among `invitation_ids` that are sent but have no
// survey.requested message left that may still arrive, and none that did (their
// subscriptions were disabled or deleted), end failed with `reason` and tell
// invitation.failed subscribers. Inside the caller's transaction.
void fail_invitations_without_messages(store::leased_session& lease, const std::vector<std::string>& invitation_ids,
                                       const subscription_directory::snapshot& subscriptions, const std::string& reason,
                                       std::int64_t now);

} // namespace touchpoint::engine::services
