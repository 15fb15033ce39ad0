// The outbox's jobs as the engine runs them: send, reminder, expire and recur
// jobs go to the invitation_sender, an audience_walk job (a page of a manual
// send or of a campaign's scan) to the audience_walker, a webhook job out
// through the webhook channel; and each verdict updates what it is about, in
// the transaction that records it:
//   - a survey.requested message delivered marks its invitation delivered;
//     every attempt counts on the invitation;
//   - once none of an invitation's survey.requested messages can still arrive
//     and none did, the invitation fails (rejected_by_peer when a receiver
//     refused it, else attempts_exhausted) and invitation.failed is sent;
//   - a 410 Gone disables the subscription and cancels its pending messages;
//   - an audience_walk page that failed for good ends its walk failed.
#pragma once

#include "engine/dispatch/dispatcher.hpp"

namespace touchpoint::engine::dispatch {
class webhook_delivery;
}

namespace touchpoint::engine::services {

class audience_walker;
class invitation_sender;
class subscription_directory;

class delivery_service {
public:
    delivery_service(invitation_sender& sender, audience_walker& walker, dispatch::webhook_delivery& webhooks,
                     subscription_directory& subscriptions)
        : sender_(sender), walker_(walker), webhooks_(webhooks), subscriptions_(subscriptions) {}

    // The dispatcher's deliver function.
    dispatch::delivery_verdict deliver(const store::job_row& job);
    // The dispatcher's verdict hook.
    void on_verdict(store::leased_session& lease, const store::job_row& job, const dispatch::delivery_verdict& verdict,
                    bool final);

private:
    invitation_sender& sender_;
    audience_walker& walker_;
    dispatch::webhook_delivery& webhooks_;
    subscription_directory& subscriptions_;
};

} // namespace touchpoint::engine::services
